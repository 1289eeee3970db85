"""Quotation marks: which marks open and close, pairing them, and British single-mark style."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .text import _bare, _mask_quotes
from .words import _CLOSING_MARKS, _OPENING_MARKS, _PRONOUNS, _QUOTE_MARK_RE, _QUOTE_MARKS, _SPEECH_VERBS

# --------------------------------------------------------------------------------------------------
# Pairing quotation marks
# --------------------------------------------------------------------------------------------------

_BEFORE_OPENING = set("([{—–-/:;") | set(_OPENING_MARKS) | {"‘", "'"}


_AFTER_CLOSING = set(".,;:!?)]}—–-…") | set(_CLOSING_MARKS) | {"’", "'"}


def _neighbours(text: str, index: int) -> tuple[str, str]:
    """The characters on each side of `index`, a space past either end."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return before, after


def _can_open(before: str, after: str, openers: set[str]) -> bool:
    return (before.isspace() or before in openers) and not after.isspace()


def _can_close(before: str, after: str, closers: set[str]) -> bool:
    return (after.isspace() or after in closers) and not before.isspace()


def _mark_role(text: str, index: int) -> str:
    """Classify a quotation mark as "open", "close", "either" or "none" from its neighbours.

    Straight marks are ambiguous by nature and curly ones are often typed the wrong way round, so the
    characters on each side decide: a mark after a space and before a word opens a quote.
    """
    mark = text[index]
    before, after = _neighbours(text, index)
    can_open = _can_open(before, after, _BEFORE_OPENING)
    can_close = _can_close(before, after, _AFTER_CLOSING)
    if mark in _OPENING_MARKS:
        return "close" if can_close and not can_open else "open"
    if mark in _CLOSING_MARKS:
        return "open" if can_open and not can_close else "close"
    if can_open != can_close:
        return "open" if can_open else "close"
    if before.isspace() and after.isspace():
        return "none"
    return "either"


# British style: single marks, with the apostrophe as the same character. A mark between two letters
# or digits is an apostrophe ("it’s"); so is one that opens an elision ("’90s", "’til", "rock ’n’ roll").
_SINGLE_MARKS = "‘’'"


_SINGLE_MARK_RE = re.compile(f"[{_SINGLE_MARKS}]")


_ANY_MARK_RE = re.compile(f"[{_QUOTE_MARKS}{_SINGLE_MARKS}]")


_BEFORE_SINGLE_OPENING = set("([{—–-/:;") | set(_OPENING_MARKS) | {'"'}


_AFTER_SINGLE_CLOSING = set(".,;:!?)]}—–-…") | set(_CLOSING_MARKS) | {'"'}


_ELISION_RE = re.compile(r"(?:em|n|til|tis|twas|cause|cos|bout|\d0s|\d\ds)\b", re.IGNORECASE)


# What says a text quotes in single marks: a mark opening a word after a space or at the start of a
# paragraph, and a mark closing right after punctuation (",’ said", ".’"). Apostrophes do neither.
_SINGLE_OPEN_RE = re.compile(r"(?:^|(?<=[\s(\[—–]))[‘'](?=[^\W_])", re.MULTILINE)


# Irish and British copy also close before the full stop: "would ‘respond in due course’."
_SINGLE_CLOSE_RE = re.compile(r"(?<=[.,!?])[’'](?=\s|$)|(?<=[^\W\d_])[’'](?=[.,;:](?:\s|$))", re.MULTILINE)


_TAG_WORDS = _SPEECH_VERBS | frozenset(_PRONOUNS)  # "...the workers' said Smith" closes


_DOUBLE_OPEN_RE = re.compile(r'(?:^|(?<=[\s(\[—–]))["“„«]', re.MULTILINE)


def _uses_single_quotes(paragraphs: Sequence[str]) -> bool:
    """Whether an article quotes in single marks (British style) rather than double ones.

    Only when single marks clearly dominate: they open words after a space (not an elision such as
    "’90s") and close right after punctuation (",’ said"), twice each and more often than double
    marks open passages; once each is enough in a text without a single double mark. A US article
    with a quote nested inside a quote never qualifies.
    """
    text = "\n".join(paragraphs)
    opening = sum(1 for match in _SINGLE_OPEN_RE.finditer(text) if not _ELISION_RE.match(text, match.end()))
    closing = len(_SINGLE_CLOSE_RE.findall(text))
    if not _QUOTE_MARK_RE.search(text):
        return opening >= 1 and closing >= 1
    return min(opening, closing) >= 2 and opening > len(_DOUBLE_OPEN_RE.findall(text))


def _single_mark_role(text: str, index: int) -> str:
    """Like `_mark_role` for single marks, which are also apostrophes.

    Returns "weak" for a closing mark that may be a plural possessive ("the tenants’ union"): it
    closes a quote only when no later mark can.
    """
    mark = text[index]
    before, after = _neighbours(text, index)
    if before.isalnum() and after.isalnum():
        return "none"  # "it’s", "don't", "O'Brien"
    can_open = _can_open(before, after, _BEFORE_SINGLE_OPENING)
    can_close = _can_close(before, after, _AFTER_SINGLE_CLOSING)
    if can_open and _ELISION_RE.match(text, index + 1):
        return "none"
    if can_open and not can_close and mark != "’":
        return "open"
    if can_close and not can_open and mark != "‘":
        return "weak" if _may_be_plural_possessive(text, index) else "close"
    return _SINGLE_MARK_DEFAULT.get((mark, can_open, can_close), "none")


# A single mark that both may open and close (or neither): the curly ones say which they are.
_SINGLE_MARK_DEFAULT = {
    ("‘", True, True): "open",
    ("’", True, True): "close",
}


def _may_be_plural_possessive(text: str, index: int) -> bool:
    """ "the tenants’ union", "their kids’ futures": after an s, before a word that is no tag."""
    before, after = _neighbours(text, index)
    if before not in "sS" or not after.isspace():
        return False
    following = text[index + 1 : index + 30].split()
    word = _bare(following[0]) if following and following[0][0].isalpha() else ""
    return bool(word) and word not in _TAG_WORDS


@dataclass(frozen=True)
class _QuoteStyle:
    """The marks an article quotes with: double (US and most wire copy) or single (British)."""

    single: bool = False

    @property
    def mark_re(self) -> re.Pattern[str]:
        return _SINGLE_MARK_RE if self.single else _QUOTE_MARK_RE

    def role(self, text: str, index: int) -> str:
        return _single_mark_role(text, index) if self.single else _mark_role(text, index)

    def is_opening(self, text: str, index: int) -> bool:
        if not self.single:
            return text[index] in _QUOTE_MARKS and _mark_role(text, index) != "close"
        return text[index] in _SINGLE_MARKS and self.role(text, index) in ("open", "either")

    def next_opening(self, text: str, start: int, end: int) -> int | None:
        """The first mark in text[start:end] that opens a quote (apostrophes skipped)."""
        if not self.single:
            match = _QUOTE_MARK_RE.search(text, start, max(start, end))
            return None if match is None else match.start()
        for match in _ANY_MARK_RE.finditer(text, start, max(start, end)):
            if match.group() in _QUOTE_MARKS or self.role(text, match.start()) in ("open", "either"):
                return match.start()
        return None


_DOUBLE = _QuoteStyle()


_SINGLE = _QuoteStyle(single=True)


def _pair_marks(paragraph: str, style: _QuoteStyle = _DOUBLE) -> tuple[list[tuple[int, int]], int | None]:
    """Pair quotation marks; return the closed (open, close) pairs and a dangling opening mark.

    A mark that cannot be paired is skipped rather than guessed at. An opening mark still open at the
    end of the paragraph is returned separately: it may continue into the next paragraph. In single
    style, double marks nested inside a single-quoted passage stay part of it, and double-quoted
    passages outside them are paired too.
    """
    marks = [(m.start(), style.role(paragraph, m.start())) for m in style.mark_re.finditer(paragraph)]
    pairs: list[tuple[int, int]] = []
    open_at: int | None = None
    for position, (index, role) in enumerate(marks):
        if role == "none":
            continue
        if role == "weak":
            if open_at is None:
                continue
            later = (r for _, r in marks[position + 1 :] if r not in ("none", "weak"))
            if next(later, "open") in ("close", "either"):
                continue  # a later mark closes the quote: this one is a possessive
            role = "close"
        if open_at is None:
            if role in ("open", "either"):
                open_at = index
        elif role in ("close", "either"):
            pairs.append((open_at, index))
            open_at = None
        else:
            open_at = index  # two openings in a row: the first was never closed
    if style.single:
        spans = [(start, end + 1) for start, end in pairs]
        if open_at is not None:
            spans.append((open_at, len(paragraph)))
        outside, _ = _pair_marks(_mask_quotes(paragraph, spans))
        pairs = sorted(pairs + outside)
    return pairs, open_at


def _starts_with_opening_mark(paragraph: str, style: _QuoteStyle = _DOUBLE) -> bool:
    stripped = paragraph.lstrip()
    return bool(stripped) and style.is_opening(stripped, 0)


def _inner_span(paragraph: str, open_at: int, close_at: int) -> tuple[int, int]:
    """The quoted words between two marks, without spaces and the comma that leads to the tag."""
    start, end = open_at + 1, close_at
    while start < end and paragraph[start].isspace():
        start += 1
    while end > start and (paragraph[end - 1].isspace() or paragraph[end - 1] in ",;:—–"):
        end -= 1
    return start, end
