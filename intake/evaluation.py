"""Score extraction suggestions against hand-annotated gold files.

The extraction rules are only worth keeping if they find what an editor would mark, so every change
to them is measured here: quotes (text found), speakers (text found and the right person) and claims.
Matching is lenient about boundaries because annotators and rules disagree on where a quote or a
sentence starts (a trailing comma, an opening quotation mark) while agreeing on what it is.

Run ``python -m intake.evaluation tests/data/extraction`` to print the figures. No Django imports.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from difflib import SequenceMatcher
from pathlib import Path

from intake.engine import (
    KnownPerson,
    same_person,
    split_paragraphs,
    suggest_claims,
    suggest_quotes,
)

OVERLAP_THRESHOLD = 0.5
_MIN_BLOCK = 4  # matching runs shorter than this are coincidences (" the "), not overlap
_SECTIONS = ("quotes", "speakers", "claims")
_HEADER_RE = re.compile(r"^(?:Byline|Published|Updated|Dateline|Source)\s*:", re.IGNORECASE)
_QUOTE_CHARS = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "‘": "'", "’": "'"}
)


# --------------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Fold quotation marks, whitespace, case and compatibility characters before comparing."""
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTE_CHARS)
    return " ".join(text.split()).casefold()


def overlap(a: str, b: str) -> float:
    """Share of the shorter text that also appears in the longer one, in runs of a few characters."""
    a, b = normalise(a), normalise(b)
    if not a or not b:
        return 0.0
    if a in b or b in a:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    common = sum(block.size for block in matcher.get_matching_blocks() if block.size >= _MIN_BLOCK)
    return common / min(len(a), len(b))


def _match(
    gold: Sequence[dict], predicted: Sequence[dict], accept: Callable[[dict, dict], bool]
) -> list[tuple[int, int]]:
    """Pair gold and predicted items one-to-one, as many pairs as possible (bipartite matching).

    A greedy pass can let one prediction take the gold item a second prediction needed; augmenting
    paths avoid that, so the score does not depend on the order of the suggestions.
    """
    options: list[list[int]] = []
    for g in gold:
        candidates = []
        for p_index, p in enumerate(predicted):
            if g.get("paragraph") != p.get("paragraph"):
                continue
            score = overlap(g.get("text", ""), p.get("text", ""))
            if score >= OVERLAP_THRESHOLD and accept(g, p):
                candidates.append((score, p_index))
        candidates.sort(reverse=True)
        options.append([p_index for _, p_index in candidates])

    owner: dict[int, int] = {}

    def assign(g_index: int, seen: set[int]) -> bool:
        for p_index in options[g_index]:
            if p_index in seen:
                continue
            seen.add(p_index)
            if p_index not in owner or assign(owner[p_index], seen):
                owner[p_index] = g_index
                return True
        return False

    for g_index in range(len(gold)):
        assign(g_index, set())
    return sorted((g_index, p_index) for p_index, g_index in owner.items())


def _figures(true_positives: int, predicted: int, gold: int) -> dict:
    precision = true_positives / predicted if predicted else (1.0 if not gold else 0.0)
    recall = true_positives / gold if gold else (1.0 if not predicted else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "true_positives": true_positives,
        "predicted": predicted,
        "gold": gold,
    }


def score(predicted: dict, gold: dict, known_people: Iterable[KnownPerson] = ()) -> dict:
    """Precision, recall and F1 of one article's suggestions against its gold annotation.

    Both dicts look like ``{"quotes": [{"speaker", "text", "paragraph"}], "claims": [{"text",
    "paragraph", ...}]}``. A quote counts when its text overlaps a gold quote of the same paragraph
    by at least half of the shorter text; for "speakers" the speaker must also be the same person.
    A claim counts when it overlaps a gold claim sentence the same way.
    """
    people = list(known_people)
    pred_quotes = list(predicted.get("quotes", []))
    gold_quotes = list(gold.get("quotes", []))
    pred_claims = list(predicted.get("claims", []))
    gold_claims = list(gold.get("claims", []))

    def any_text(g: dict, p: dict) -> bool:
        return True

    def same_speaker(g: dict, p: dict) -> bool:
        return same_person(g.get("speaker", ""), p.get("speaker", ""), people)

    quote_pairs = _match(gold_quotes, pred_quotes, any_text)
    speaker_pairs = _match(gold_quotes, pred_quotes, same_speaker)
    claim_pairs = _match(gold_claims, pred_claims, any_text)
    kinds_agree = sum(
        1
        for g, p in claim_pairs
        if gold_claims[g].get("kind") and gold_claims[g].get("kind") == pred_claims[p].get("kind")
    )
    result = {
        "quotes": _figures(len(quote_pairs), len(pred_quotes), len(gold_quotes)),
        "speakers": _figures(len(speaker_pairs), len(pred_quotes), len(gold_quotes)),
        "claims": _figures(len(claim_pairs), len(pred_claims), len(gold_claims)),
    }
    result["claims"]["kinds_agree"] = kinds_agree
    result["misses"] = _misses(
        gold_quotes, pred_quotes, speaker_pairs, gold_claims, pred_claims, claim_pairs
    )
    return result


def _misses(
    gold_quotes: list[dict],
    pred_quotes: list[dict],
    speaker_pairs: list[tuple[int, int]],
    gold_claims: list[dict],
    pred_claims: list[dict],
    claim_pairs: list[tuple[int, int]],
) -> dict:
    """What did not match, for reading errors (not part of the figures)."""
    matched_gold_quotes = {g for g, _ in speaker_pairs}
    matched_pred_quotes = {p for _, p in speaker_pairs}
    matched_gold_claims = {g for g, _ in claim_pairs}
    matched_pred_claims = {p for _, p in claim_pairs}
    return {
        "quotes_missed": [q for i, q in enumerate(gold_quotes) if i not in matched_gold_quotes],
        "quotes_wrong": [q for i, q in enumerate(pred_quotes) if i not in matched_pred_quotes],
        "claims_missed": [c for i, c in enumerate(gold_claims) if i not in matched_gold_claims],
        "claims_wrong": [c for i, c in enumerate(pred_claims) if i not in matched_pred_claims],
    }


def aggregate(scores: Iterable[dict]) -> dict:
    """Micro-averaged totals: add up the counts of every article, then compute the ratios once."""
    totals = {section: [0, 0, 0] for section in _SECTIONS}
    kinds_agree = 0
    for article_score in scores:
        for section in _SECTIONS:
            figures = article_score.get(section, {})
            totals[section][0] += figures.get("true_positives", 0)
            totals[section][1] += figures.get("predicted", 0)
            totals[section][2] += figures.get("gold", 0)
        kinds_agree += article_score.get("claims", {}).get("kinds_agree", 0)
    result = {section: _figures(*totals[section]) for section in _SECTIONS}
    result["claims"]["kinds_agree"] = kinds_agree
    return result


# --------------------------------------------------------------------------------------------------
# The development set on disk
# --------------------------------------------------------------------------------------------------


def read_article(path: Path | str) -> list[str]:
    """Body paragraphs of a development-set article (headline and header lines removed).

    The format is: a headline line, optional ``Byline:``/``Published:`` lines, a blank line, then
    paragraphs separated by blank lines. A file whose first block reads like prose (a long line
    ending in a full stop, as in the seed article) has no headline.
    """
    blocks = split_paragraphs(Path(path).read_text(encoding="utf-8"))
    if not _has_headline(blocks):
        return blocks
    lines = blocks[0].split("\n")
    rest = " ".join(line.strip() for line in lines[1:] if not _HEADER_RE.match(line.strip()))
    return ([rest] if rest.strip() else []) + blocks[1:]


def read_headline(path: Path | str) -> str:
    """The headline of a development-set article, "" when it has none (see `read_article`)."""
    blocks = split_paragraphs(Path(path).read_text(encoding="utf-8"))
    return blocks[0].split("\n")[0].strip() if _has_headline(blocks) else ""


def _has_headline(blocks: list[str]) -> bool:
    """A first block of several lines, or of one short line that does not end like prose."""
    if not blocks:
        return False
    first = blocks[0].split("\n")[0].strip()
    return "\n" in blocks[0] or (len(first) < 200 and not first.endswith((".", '"', "”")))


def predict(
    paragraphs: list[str],
    known_people: Iterable[KnownPerson] = (),
    known_sources: Iterable[str] = (),
    title: str = "",
) -> dict:
    """Run the extraction rules and return their output in the gold-file shape."""
    quotes = suggest_quotes(paragraphs, known_people, title=title)
    claims = suggest_claims(paragraphs, known_sources)
    return {
        "quotes": [{"speaker": q.speaker, "text": q.text, "paragraph": q.paragraph} for q in quotes],
        "claims": [{"text": c.text, "paragraph": c.paragraph, "kind": c.kind} for c in claims],
    }


def score_file(path: Path, reader: Callable[[Path], list[str]] = read_article) -> dict:
    """Score one ``NAME.txt`` against its ``NAME.gold.json`` (`reader` turns the file into paragraphs)."""
    gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    return score(predict(reader(path), title=read_headline(path)), gold)


def _article_files(directory: Path) -> dict[Path, list[Path]]:
    """Articles with a gold file, grouped by folder (the top folder, then e.g. ``heldout/``)."""
    groups: dict[Path, list[Path]] = {}
    for path in sorted(directory.rglob("*.txt")):
        if path.with_suffix(".gold.json").exists():
            groups.setdefault(path.parent, []).append(path)
    return dict(sorted(groups.items(), key=lambda item: (item[0] != directory, str(item[0]))))


def _row(label: str, figures: dict) -> str:
    cells = []
    for section in _SECTIONS:
        f = figures[section]
        counts = f"({f['true_positives']}/{f['predicted']}/{f['gold']})"
        cells.append(f"{f['precision']:5.2f} {f['recall']:5.2f} {f['f1']:5.2f} {counts}")
    return f"{label:<28} " + " | ".join(f"{cell:<30}" for cell in cells)


def _miss_lines(article_score: dict) -> Iterator[str]:
    misses = article_score["misses"]
    for quote in misses["quotes_missed"]:
        yield f"    missed quote  p{quote['paragraph']} [{quote.get('speaker')}] {quote['text'][:70]!r}"
    for quote in misses["quotes_wrong"]:
        yield f"    wrong quote   p{quote['paragraph']} [{quote.get('speaker')}] {quote['text'][:70]!r}"
    for claim in misses["claims_missed"]:
        yield f"    missed claim  p{claim['paragraph']} {claim['text'][:80]!r}"
    for claim in misses["claims_wrong"]:
        yield f"    wrong claim   p{claim['paragraph']} ({claim.get('kind')}) {claim['text'][:80]!r}"


def report(
    directory: Path,
    *,
    misses: bool = False,
    reader: Callable[[Path], list[str]] = read_article,
) -> Iterator[str]:
    """The lines of the figures table: per article and total, for every folder of annotated articles.

    Shared by ``python -m intake.evaluation`` and ``manage.py evaluate_extraction``.
    """
    header = f"{'article':<28} " + " | ".join(
        f"{name + ' P R F1 (tp/pred/gold)':<30}" for name in _SECTIONS
    )
    for folder, paths in _article_files(directory).items():
        yield f"== {folder}"
        yield header
        scores = []
        for path in paths:
            article_score = score_file(path, reader)
            scores.append(article_score)
            yield _row(path.stem, article_score)
            if misses:
                yield from _miss_lines(article_score)
        yield _row("TOTAL", aggregate(scores))
        yield ""


def main(argv: Sequence[str] | None = None) -> int:
    """Print per-article and total figures for every folder of annotated articles."""
    parser = argparse.ArgumentParser(prog="python -m intake.evaluation", description=__doc__.split("\n")[0])
    parser.add_argument("directory", type=Path, help="folder of NAME.txt + NAME.gold.json files")
    parser.add_argument("--misses", action="store_true", help="list missed and wrong suggestions")
    args = parser.parse_args(argv)
    if not _article_files(args.directory):
        print(f"no annotated articles under {args.directory}", file=sys.stderr)
        return 1
    for line in report(args.directory, misses=args.misses):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
