"""Text helpers: paragraphs, tokens, furniture (headlines, captions, promos) and sentence boundaries."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from .words import (
    _ADDED_NUMBER_RE,
    _AM_PM_FOLLOWERS,
    _COUNTING_SPEECH_VERBS,
    _MONTH_ABBREVIATIONS,
    _NEVER_FINAL_ABBREVIATIONS,
    _QUOTE_MARK_RE,
    _SENTENCE_STARTERS,
    _SPEECH_VERBS,
    _STATE_ABBREVIATIONS,
    _TITLE_ABBREVIATIONS,
    _TITLE_WORDS,
)


def _is_speech_verb_at(text: str, match: re.Match[str]) -> bool:
    """Whether the word matched in `text` is a speech verb here ("added 14 points" is not)."""
    bare = _bare(match.group())
    if bare not in _SPEECH_VERBS:
        return False
    return bare not in _COUNTING_SPEECH_VERBS or _ADDED_NUMBER_RE.match(text, match.end()) is None


# --------------------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------------------

_BLANK_LINE_RE = re.compile(r"\n[ \t\r\f\v]*\n")


_TOKEN_RE = re.compile(r"\S+")


_WORD_RE = re.compile(r"[\w'’-]+")


_Phrase = tuple[str, str, int]  # (words, kind, offset): kind is "person", "pronoun" or "thing"


def split_paragraphs(text: str) -> list[str]:
    """Split a body into paragraphs at blank lines, trimming each and dropping empty ones.

    Suggestion offsets index these paragraphs, so the split has to be the simple one the CMS stores:
    blank-line separated, whitespace trimmed at both ends, nothing else changed.
    """
    if not text:
        return []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [chunk.strip() for chunk in _BLANK_LINE_RE.split(text) if chunk.strip()]


def fold(text: str) -> str:
    """Case-folded and without accents, so that "Gascón" and "Gascon" compare equal (names, and the
    words that fingerprint a suggestion). `newsroom.text.fold` instead keeps one character for each,
    for positions."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@functools.lru_cache(maxsize=65536)
def _bare(token: str) -> str:
    """A token without surrounding punctuation and without a possessive ending, folded."""
    token = token.strip(".,;:!?()[]{}\"“”‘’'«»—–-")
    if token.endswith(("'s", "’s")):
        token = token[:-2]
    return fold(token)


def _is_capitalised(token: str) -> bool:
    token = token.lstrip("\"“”‘’'«»(")
    return bool(token) and token[0].isupper()


def _tokens_with_offsets(text: str) -> list[tuple[str, int]]:
    return [(match.group(), match.start()) for match in _TOKEN_RE.finditer(text)]


def _ends_clause(token: str) -> bool:
    """Whether a token closes a clause; an abbreviated title ("Sen.") or an initial ("J.") does not."""
    if not token.endswith((",", ".", ":", ";", "—", "–")):
        return False
    return _bare(token) not in _TITLE_ABBREVIATIONS and not _INITIAL_RE.fullmatch(token)


_INITIAL_RE = re.compile(r"[A-Z]\.")


def _mask_quotes(paragraph: str, spans: Iterable[tuple[int, int]]) -> str:
    """Blank out quoted passages (offsets unchanged): names and verbs inside quotes are not prose."""
    pieces = []
    position = 0
    for start, end in sorted(spans):
        start = max(start, position)
        pieces.append(paragraph[position:start])
        pieces.append(" " * max(0, end - start))
        position = max(position, end)
    pieces.append(paragraph[position:])
    return "".join(pieces)


# --------------------------------------------------------------------------------------------------
# Paragraph furniture: headlines, captions, promos
# --------------------------------------------------------------------------------------------------

_CAPTION_CREDIT_RE = re.compile(
    r"\((?=[^()]{0,160}\b(?:Getty|AP|Photo|Photos|Photograph|Image|Images|Courtesy|Credit|Reuters|"
    r"AFP|EPA|Shutterstock|iStock|Pool|Handout|File)\b)[^()]{0,160}\)\s*$"
)


_CAPTION_PREFIX_RE = re.compile(r"^(?:FILE\s*[-–—]|PHOTO\s*:|Photo\s*:|IMAGE\s*:|Image\s*:|Caption\s*:)")


_TERMINAL_PUNCTUATION = ".!?…\"”’)»:'"


def _is_furniture(paragraph: str) -> bool:
    """True for text that is not article prose: ALL-CAPS headlines and promos, photo captions.

    Copy pasted from a web page keeps these lines, and they must yield neither quotes nor claims.
    """
    sample = paragraph[:400]
    upper = sum(map(str.isupper, sample))
    lower = sum(map(str.islower, sample))
    if upper + lower >= 8 and upper >= 4 * lower:
        return True
    if _CAPTION_CREDIT_RE.search(paragraph[-400:]) or _CAPTION_PREFIX_RE.match(paragraph):
        return True
    stripped = paragraph.rstrip()
    if not stripped or stripped[-1] in _TERMINAL_PUNCTUATION or _QUOTE_MARK_RE.search(stripped):
        return False
    # A short line without final punctuation is a subhead, a byline or a caption without a credit.
    return len(stripped.split()) <= 15


# --------------------------------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------------------------------

_BOUNDARY_RE = re.compile(r"[.!?…]+[\"”’')\]»]*(?=\s)")


_LAST_WORD_RE = re.compile(r"[^\s\"“”(]+$")


_INITIALISM_RE = re.compile(r"(?:\b[A-Za-z]\.){2,}$")


def _is_sentence_end(text: str, match: re.Match[str]) -> bool:
    """Decide whether punctuation followed by whitespace really ends a sentence.

    Claims are whole sentences, so "Dr. Elaine Marsh", "U.S. Circuit", "Jan. 5" and "George W. Bush"
    must stay in one piece, while "... stretched past 1 a.m. Many wore ..." is two sentences.
    """
    after = text[match.end() : match.end() + 60].lstrip()
    first = after.lstrip("\"“‘'([«")
    if not first:
        return True
    if first[0].islower():
        return False
    if match.group() != ".":
        return True
    word_match = _LAST_WORD_RE.search(text, max(0, match.start() - 40), match.start())
    word = word_match.group() if word_match else ""
    bare = word.lower().strip("'’")
    next_word_match = _WORD_RE.match(first)
    next_word = _bare(next_word_match.group()) if next_word_match else ""
    if bare in _NEVER_FINAL_ABBREVIATIONS:
        return False
    if bare in _STATE_ABBREVIATIONS and next_word in _TITLE_WORDS:
        return False  # "Calif. Gov. ...": an abbreviated state before a title
    if bare in _MONTH_ABBREVIATIONS and first[0].isdigit():
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial, as in "George W. Bush"
    if _INITIALISM_RE.search(word + "."):
        if bare in ("a.m", "p.m"):
            return next_word not in _AM_PM_FOLLOWERS
        return next_word in _SENTENCE_STARTERS
    return True


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the sentences of `paragraph`, trimmed of whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY_RE.finditer(paragraph):
        if _is_sentence_end(paragraph, match):
            spans.append((start, match.end()))
            start = match.end()
    spans.append((start, len(paragraph)))
    trimmed = []
    for begin, end in spans:
        while begin < end and paragraph[begin].isspace():
            begin += 1
        while end > begin and paragraph[end - 1].isspace():
            end -= 1
        if begin < end:
            trimmed.append((begin, end))
    return trimmed


def _looks_like_title(text: str) -> bool:
    """Short Title Case quotes name works, slogans or programmes; they are not speech."""
    words = _WORD_RE.findall(text)
    long_words = [w for w in words if len(w) >= 4]
    return 0 < len(words) <= 6 and bool(long_words) and all(w[0].isupper() for w in long_words)
