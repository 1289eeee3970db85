"""Building the article model: paragraphs, quotations paired, people mentioned, described speakers."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence

from .genders import _add_document_genders
from .marks import (
    _DOUBLE,
    _SINGLE,
    _inner_span,
    _pair_marks,
    _starts_with_opening_mark,
    _uses_single_quotes,
)
from .mentions import _GENDERED_ROLES, _collect_mentions, _Mention, _promote_surnames, _verb_follows
from .model import _Article, _Quote
from .names import _analyse_name, _is_title_word
from .resolving import _resolve_pronoun, _resolve_role
from .text import _bare, _is_furniture, _mask_quotes, sentence_spans
from .words import _NOT_NAME_START, _ROLE_NOUNS, _UP, _words


def _build_article(paragraphs: Sequence[str], with_mentions: bool = True) -> _Article:
    """Pair the quotation marks of every paragraph, link multi-paragraph quotes, index mentions.

    Claims need the quoted passages but not the people, so they skip the mention index.
    """
    texts = [p if isinstance(p, str) else "" for p in paragraphs]
    sentences = [sentence_spans(p) for p in texts]
    article = _Article(
        paragraphs=texts,
        furniture=[_is_furniture(p) for p in texts],
        sentences=sentences,
        sentence_starts=[[start for start, _ in spans] for spans in sentences],
        marked_spans=[[] for _ in texts],
        style=_SINGLE if _uses_single_quotes(texts) else _DOUBLE,
    )
    _find_quotes(article)
    mentions: list[_Mention] = []
    for index, paragraph in enumerate(texts):
        article.masked.append(_mask_quotes(paragraph, article.marked_spans[index]))
        if with_mentions and not article.furniture[index]:
            found, genders = _collect_mentions(index, article.masked[index])
            mentions.extend(found)
            article.genders.update(genders)
    promoted = _promote_surnames(mentions)
    for mention in promoted:
        article.mentions_by_paragraph.setdefault(mention.paragraph, []).append(mention)
        article.mention_offsets.setdefault(mention.paragraph, []).append(mention.offset)
        names = article.names_by_surname.setdefault(_bare(mention.name.split()[-1]), {})
        names.setdefault(mention.name, []).append((mention.paragraph, mention.offset))
    if with_mentions:
        _add_document_genders(article, promoted)
        _add_couples(article)
        _add_described_speakers(article)
    return article


def _insert_mention(article: _Article, mention: _Mention) -> None:
    """Add a mention to the paragraph index, keeping it in reading order."""
    offsets = article.mention_offsets.setdefault(mention.paragraph, [])
    position = bisect.bisect_left(offsets, mention.offset)
    offsets.insert(position, mention.offset)
    article.mentions_by_paragraph.setdefault(mention.paragraph, []).insert(position, mention)


# "Darnell and Yvette Guidry": two people who share the surname written once.
_COUPLE_RE = re.compile(rf"\b({_UP}[\w’'-]+)\s+and\s+({_UP}[\w’'-]+)\s+({_UP}[\w’'-]+)\b")


def _add_couples(article: _Article) -> None:
    """Give the first of "Darnell and Yvette Guidry" the surname, as a person of their own."""
    for index, masked in enumerate(article.masked):
        if article.furniture[index] or " and " not in masked:
            continue
        for match in _COUPLE_RE.finditer(masked):
            first, partner, surname = match.group(1), match.group(2), match.group(3)
            full = f"{partner} {surname}"
            names = article.names_by_surname.get(_bare(surname), {})
            if full not in names or _bare(first) in article.names_by_surname:
                continue  # "Smith and Jane Doe": Smith is someone's surname, not a first name
            if _bare(first) in _NOT_NAME_START or _is_title_word(first):
                continue
            person = _analyse_name(f"{first} {surname}")
            if person is None or not person.is_person:
                continue
            name = f"{first} {surname}"
            names.setdefault(name, []).append((index, match.start(1)))
            names[name].sort()
            _insert_mention(article, _Mention(index, match.start(1), name, strong=True))


_KIN_GENDERS = {
    **dict.fromkeys(_words("husband son brother father"), "m"),
    **dict.fromkeys(_words("wife daughter sister mother widow"), "f"),
    **dict.fromkeys(_words("partner spouse child"), ""),
}


# Subjects that name no one but refer to someone: "The spokeswoman said", "Her husband, a retired
# shrimper, said", "A spokesman for the Department of Transport said".
_DESCRIBED_SUBJECT_RE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"”’']\s))(?:(The)\s+([a-z]+)|(Her|His)\s+([a-z]+)|"
    rf"(?:An?|One)\s+(?:[a-z][\w-]*\s+){{0,2}}?([a-z]+)\s+(?:for|of|at|with|to|from)\s+(?:the\s+)?"
    rf"{_UP}[\w.’'&-]*(?:\s+(?:(?:and|of|for|the|on|in|&)\s+)*{_UP}[\w.’'&-]*)*)"
)


def _add_described_speakers(article: _Article) -> None:
    """Make speaking subjects without a name mentions, so that a later "he" or "she" finds them.

    "The spokeswoman said" is the person introduced with that role; "Her husband" is the man who
    shares her surname ("Darnell and Yvette Guidry"); "A spokesman for the Department of Transport"
    is that description.
    """
    for index, masked in enumerate(article.masked):
        if article.furniture[index]:
            continue
        for match in _DESCRIBED_SUBJECT_RE.finditer(masked):
            if not _verb_follows(masked, match.end()):
                continue
            name, gender = "", ""
            if match.group(1):
                role = match.group(2)
                if role not in _ROLE_NOUNS:
                    continue
                name = _resolve_role(article, role, index, match.start())
                gender = _GENDERED_ROLES.get(role, "")
            elif match.group(3):
                kin = match.group(4)
                if kin not in _KIN_GENDERS:
                    continue
                gender = _KIN_GENDERS[kin]
                name = _relative_of(article, match.group(3), gender, index, match.start())
            elif match.group(5) in _ROLE_NOUNS:
                name = match.group()[0].lower() + match.group()[1:]
                gender = _GENDERED_ROLES.get(match.group(5), "")
            if not name:
                continue
            _insert_mention(article, _Mention(index, match.start(), name, strong=True, subject=True))
            if gender:
                article.genders.setdefault(name, gender)


def _relative_of(article: _Article, possessive: str, gender: str, paragraph: int, offset: int) -> str:
    """The named relative "her husband" refers to: someone else with her surname, of his gender."""
    owner = _resolve_pronoun(article, "she" if possessive.lower() == "her" else "he", paragraph, offset)
    if not owner or len(owner.split()) < 2:
        return ""
    best, best_place = "", (-1, -1)
    for name, positions in article.names_by_surname.get(_bare(owner.split()[-1]), {}).items():
        known = article.genders.get(name, "")
        if name == owner or (gender and known not in ("", gender)):
            continue
        place = max((p for p in positions if p < (paragraph, offset)), default=(-1, -1))
        if place > best_place:
            best, best_place = name, place
    return best


def _find_quotes(article: _Article) -> None:
    """Find the quoted passages, following quotes that run on over several paragraphs.

    News convention: a paragraph that ends inside a quote has no closing mark, and the next
    paragraph opens with a quotation mark to say the same speaker goes on.
    """
    texts = article.paragraphs
    chains = itertools.count(1)
    pending_chain: int | None = None
    for index, paragraph in enumerate(texts):
        if article.furniture[index]:
            pending_chain = None
            continue
        pairs, dangling = _pair_marks(paragraph, article.style)
        continues = pending_chain is not None and _starts_with_opening_mark(paragraph, article.style)
        _add_paired_quotes(article, index, pairs, pending_chain if continues else None)
        runs_on = continues and not pairs and dangling is not None and not paragraph[:dangling].strip()
        next_paragraph = texts[index + 1] if index + 1 < len(texts) else ""
        if dangling is None or not _starts_with_opening_mark(next_paragraph, article.style):
            pending_chain = None  # an opening mark nobody closes is skipped, not guessed at
            continue
        pending_chain = _add_running_quote(
            article, index, dangling, pending_chain if runs_on else None, chains
        )


def _has_words(paragraph: str, start: int, end: int) -> bool:
    return start < end and any(ch.isalnum() for ch in paragraph[start:end])


def _add_paired_quotes(article: _Article, index: int, pairs, chain: int | None) -> None:
    """The quotes closed in paragraph `index`; the first goes on a quote from the paragraph before
    when `chain` is given and nothing precedes its mark."""
    paragraph = article.paragraphs[index]
    for number, (open_at, close_at) in enumerate(pairs):
        article.marked_spans[index].append((open_at, close_at + 1))
        start, end = _inner_span(paragraph, open_at, close_at)
        if not _has_words(paragraph, start, end):
            continue
        quote = _Quote(index, start, end, open_at, close_at)
        if number == 0 and chain is not None and not paragraph[:open_at].strip():
            quote.chain = chain
        article.quotes.append(quote)


def _add_running_quote(
    article: _Article, index: int, dangling: int, chain: int | None, chains
) -> int | None:
    """A quote opened at `dangling` that runs on into the next paragraph: the chain it belongs to."""
    paragraph = article.paragraphs[index]
    article.marked_spans[index].append((dangling, len(paragraph)))
    start, end = _inner_span(paragraph, dangling, len(paragraph))
    if not _has_words(paragraph, start, end):
        return None
    if chain is None:
        chain = next(chains)
    article.quotes.append(_Quote(index, start, end, dangling, None, chain=chain))
    return chain
