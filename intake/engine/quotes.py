"""Attributing quotations to speakers, and `suggest_quotes`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .article import _build_article
from .attribution import _speaker_after_quote, _speaker_before_quote
from .documents import _document_speaker
from .model import _Article, _Quote, _Speaker
from .resolving import _known_name, _resolve
from .subjects import _read_subject_backward
from .text import _WORD_RE, _is_speech_verb_at, _looks_like_title
from .types import KnownPerson, QuoteSuggestion


def _attribution_segments(
    article: _Article, quote: _Quote, previous_close: int
) -> tuple[str, int, str, int]:
    """The text after and before a quote, inside its sentence, where its attribution can sit."""
    paragraph = article.paragraphs[quote.paragraph]
    after_text, after_start = "", len(paragraph)
    if quote.close_at is not None:
        after_start = quote.close_at + 1
        after_end = min(article.sentence_at(quote.paragraph, quote.close_at)[1], after_start + 400)
        if after_end <= after_start and paragraph[quote.close_at - 1 : quote.close_at] in ("?", "!"):
            # '"Why now?" Smith asked.' is split after the question mark; the tag is the next sentence.
            after_end = min(article.sentence_at(quote.paragraph, after_start)[1], after_start + 200)
        next_open = article.style.next_opening(paragraph, after_start, after_end)
        if next_open is not None:
            after_end = next_open
        after_text = paragraph[after_start:after_end]
    sentence_start = article.sentence_at(quote.paragraph, quote.open_at)[0]
    before_start = max(sentence_start, previous_close, quote.open_at - 400, 0)
    return after_text, after_start, paragraph[before_start : quote.open_at], before_start


def _own_attribution(article: _Article, quote: _Quote, previous_close: int) -> _Speaker | None:
    """The speaker named in the quote's own sentence, after the quote first, then before it."""
    after_text, after_start, before_text, before_start = _attribution_segments(
        article, quote, previous_close
    )
    found = _speaker_after_quote(after_text) if after_text.strip() else None
    base = after_start
    if found is None and before_text.strip():
        found = _speaker_before_quote(before_text)
        base = before_start
    if found is None:
        return None
    phrase, kind, offset = found
    return _Speaker(phrase, kind, quote.paragraph, base + offset)


def _context_speaker(article: _Article, paragraph: int, last_speaker: dict[int, str]) -> str:
    """Speaker for a quote paragraph with no attribution, taken from the paragraph before.

    News copy introduces a speaker and then quotes them ("Siddall ... told Fox News that ..."
    followed by a paragraph of quotation), or goes on quoting the previous paragraph's speaker.
    """
    previous = paragraph - 1
    while previous >= 0 and article.furniture[previous]:
        previous -= 1
    if previous < 0:
        return ""
    if last_speaker.get(previous):
        return last_speaker[previous]
    masked = article.masked[previous]
    for verb in _WORD_RE.finditer(masked):
        if _is_speech_verb_at(masked, verb):
            subject = _read_subject_backward(masked[max(0, verb.start() - 400) : verb.start()])
            if subject is not None and subject[1] != "thing":
                offset = max(0, verb.start() - 400) + subject[2]
                return _resolve(article, _Speaker(subject[0], subject[1], previous, offset), ())
    for mention in reversed(article.mentions_by_paragraph.get(previous, [])):
        if mention.strong:
            return mention.name
    return ""


def _opens_sentence(article: _Article, quote: _Quote) -> bool:
    sentence_start = article.sentence_at(quote.paragraph, quote.open_at)[0]
    return not article.paragraphs[quote.paragraph][sentence_start : quote.open_at].strip()


def _same_sentence(article: _Article, first: _Quote, second: _Quote) -> bool:
    return article.sentence_at(first.paragraph, first.open_at) == article.sentence_at(
        second.paragraph, second.open_at
    )


def _attribute_quotes(article: _Article, known: Sequence[KnownPerson], title: str = "") -> list[_Quote]:
    """Give every quote a speaker and drop quoted phrases that are not speech (scare quotes, titles).

    Order of evidence: the quote's own sentence; the other paragraphs of a multi-paragraph quote;
    the quotes before (or after) it in the same paragraph; the paragraph before.
    """
    by_paragraph: dict[int, list[_Quote]] = {}
    for quote in article.quotes:
        by_paragraph.setdefault(quote.paragraph, []).append(quote)
    for quotes in by_paragraph.values():
        _attribute_from_own_sentences(article, quotes, known)
    chains: dict[int, str] = {}
    for quote in article.quotes:
        if quote.chain is not None and quote.resolved:
            chains.setdefault(quote.chain, quote.resolved)
    kept: list[_Quote] = []
    last_speaker: dict[int, str] = {}
    for paragraph in sorted(by_paragraph):
        kept.extend(_attribute_from_context(article, by_paragraph[paragraph], chains, last_speaker, known))
    for quote in kept:
        if quote.chain is not None and not quote.resolved:
            quote.resolved = chains.get(quote.chain, "")
    _give_document_speaker(article, kept, title, known)
    return kept


def _give_document_speaker(
    article: _Article, quotes: list[_Quote], title: str, known: Sequence[KnownPerson]
) -> None:
    """Quotes nothing nearby attributes get the one person the document is the statement of."""
    unattributed = [quote for quote in quotes if not quote.resolved]
    if not unattributed:
        return
    speaker = _known_name(_document_speaker(article, title), known)
    for quote in unattributed:
        quote.resolved = speaker


def _attribute_from_own_sentences(
    article: _Article, quotes: list[_Quote], known: Sequence[KnownPerson]
) -> None:
    """First pass: the speakers named in each quote's own sentence."""
    previous_close = 0
    for quote in quotes:
        speaker = _own_attribution(article, quote, previous_close)
        if speaker is not None:
            quote.resolved = _resolve(article, speaker, known)
            quote.own_attribution = bool(quote.resolved)
        if quote.close_at is not None:
            previous_close = quote.close_at + 1


def _attribute_from_context(
    article: _Article,
    quotes: list[_Quote],
    chains: dict[int, str],
    last_speaker: dict[int, str],
    known: Sequence[KnownPerson],
) -> list[_Quote]:
    """Second pass over one paragraph: borrow speakers for the quotes that have none, drop non-speech.

    `last_speaker` maps paragraphs already seen to the last speaker quoted in them.
    """
    later_speakers = [""] * len(quotes)
    following = ""
    for position in range(len(quotes) - 1, -1, -1):
        later_speakers[position] = following
        if quotes[position].own_attribution:
            following = quotes[position].resolved
    kept = []
    earlier = ""
    for position, quote in enumerate(quotes):
        if _is_label(article, quote):
            continue
        if not quote.resolved:
            borrowed = _borrowed_speaker(
                article, quotes, position, earlier or later_speakers[position], chains
            )
            if borrowed is None:
                continue
            if borrowed == "" and not (earlier or later_speakers[position]):
                borrowed = _known_name(_context_speaker(article, quote.paragraph, last_speaker), known)
            quote.resolved = borrowed
            if quote.chain is not None and quote.resolved:
                chains.setdefault(quote.chain, quote.resolved)
        earlier = quote.resolved or earlier
        kept.append(quote)
    if quotes:
        last_speaker[quotes[0].paragraph] = earlier
    return kept


def _is_short_reply(article: _Article, quote: _Quote, previous: _Quote | None) -> bool:
    """A quote that is a whole sentence of its own right after an attributed quote."""
    if previous is None or quote.close_at is None or not previous.own_attribution:
        return False
    paragraph = article.paragraphs[quote.paragraph]
    if not paragraph[quote.start : quote.end].rstrip().endswith((".", "!", "?", "…")):
        return False
    sentence = article.sentence_at(quote.paragraph, quote.open_at)
    return _opens_sentence(article, quote) and sentence[1] <= quote.close_at + 2


# "rates the stock "buy"", "a habit teenagers call "vamping"": one quoted word named, not said.
_NAMING_BEFORE_RE = re.compile(
    r"\b(?:rates?|rated|rating|call|calls|called|dubs?|dubbed|nicknamed|known\s+as|termed|"
    r"labell?ed|branded|named|so-called)\b[^.;:,]{0,30}$",
    re.IGNORECASE,
)


_SO_CALLED_RE = re.compile(r"\bso-called\s*$", re.IGNORECASE)


def _is_label(article: _Article, quote: _Quote) -> bool:
    """A quoted name or label, not speech, even when the sentence names a speaker.

    A single word after a naming verb (a rating, a nickname); a short capitalised name after one
    ("a student section that calls itself "the Boathouse""); anything after "so-called"; and a short
    Title Case phrase inside a sentence (a programme, a slogan, the words on a sign).
    """
    paragraph = article.paragraphs[quote.paragraph]
    words = _WORD_RE.findall(paragraph[quote.start : quote.end])
    window = max(0, quote.open_at - 60)
    if _SO_CALLED_RE.search(paragraph, window, quote.open_at):
        return True
    long_words = [word for word in words if len(word) >= 4]
    capitalised = bool(long_words) and all(word[0].isupper() for word in long_words)
    short_name = len(words) == 1 or (len(words) <= 3 and capitalised)
    if short_name and _NAMING_BEFORE_RE.search(paragraph, window, quote.open_at) is not None:
        return True
    if len(words) == 1:
        return False
    return len(words) <= 6 and len(long_words) >= 2 and capitalised and not _opens_sentence(article, quote)


def _borrowed_speaker(
    article: _Article, quotes: list[_Quote], position: int, neighbour: str, chains: dict[int, str]
) -> str | None:
    """The speaker a quote without its own attribution borrows, "" to look further, None to drop it.

    `neighbour` is the speaker of the nearest attributed quote in the same paragraph, if any.
    """
    quote = quotes[position]
    text = article.paragraphs[quote.paragraph][quote.start : quote.end]
    if quote.chain is not None and quote.chain in chains:
        return chains[quote.chain]
    previous = quotes[position - 1] if position else None
    if previous is not None and previous.resolved and _same_sentence(article, previous, quote):
        return previous.resolved  # '... wrote that it had "acted in good faith" and was "isolated"'
    if _is_short_reply(article, quote, previous) and previous is not None and previous.resolved:
        return previous.resolved  # '"I kept thinking I'd made a mistake," she said. "I hadn't."'
    if len(_WORD_RE.findall(text)) < 4 or _looks_like_title(text):
        return None  # scare quotes, slogans, titles
    if not _opens_sentence(article, quote):
        return None  # a quoted phrase inside someone else's sentence, with no speaker named
    return neighbour


def suggest_quotes(
    paragraphs: list[str], known_people: Iterable[KnownPerson] = (), title: str = ""
) -> list[QuoteSuggestion]:
    """Suggest the quotations of an article, one per quoted passage per paragraph, with speakers.

    A quote split by its attribution ("...," he said, "...") yields two suggestions with the same
    speaker; a quote running over several paragraphs yields one per paragraph. Unpaired quotation
    marks are skipped, never guessed at. The speaker is "" when nothing names one; `title` (the
    headline) may name the one person a statement is by ("Statement of Attorney General X on ...").
    """
    if not paragraphs:
        return []
    known = [person for person in known_people if isinstance(person, KnownPerson)]
    article = _build_article(list(paragraphs))
    quotes = sorted(_attribute_quotes(article, known, title), key=lambda q: (q.paragraph, q.start))
    return [
        QuoteSuggestion(
            text=article.paragraphs[q.paragraph][q.start : q.end],
            speaker=q.resolved,
            paragraph=q.paragraph,
            start=q.start,
            end=q.end,
        )
        for q in quotes
    ]
