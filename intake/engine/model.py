"""The article model shared by quotations and claims: its paragraphs, quotes, speakers and mentions."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .marks import _DOUBLE, _QuoteStyle
from .mentions import _Mention

# --------------------------------------------------------------------------------------------------
# The article model shared by quotes and claims
# --------------------------------------------------------------------------------------------------


@dataclass
class _Speaker:
    """A raw attribution: the phrase, its kind, and where it sits (pronouns look backwards from it)."""

    phrase: str
    kind: str
    paragraph: int
    offset: int


@dataclass
class _Quote:
    paragraph: int
    start: int
    end: int
    open_at: int
    close_at: int | None  # None: the quote runs on into the next paragraph
    chain: int | None = None
    resolved: str = ""
    own_attribution: bool = False


@dataclass
class _Article:
    paragraphs: list[str]
    furniture: list[bool]
    sentences: list[list[tuple[int, int]]]
    sentence_starts: list[list[int]]
    marked_spans: list[list[tuple[int, int]]]  # quoted passages including their marks
    masked: list[str] = field(default_factory=list)
    quotes: list[_Quote] = field(default_factory=list)
    mentions_by_paragraph: dict[int, list[_Mention]] = field(default_factory=dict)
    mention_offsets: dict[int, list[int]] = field(default_factory=dict)
    # surname -> full name -> positions (paragraph, offset) in reading order
    names_by_surname: dict[str, dict[str, list[tuple[int, int]]]] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)
    style: _QuoteStyle = _DOUBLE
    short_names: dict[str, str] = field(default_factory=dict)  # cache of _expanded_short_name

    def sentence_at(self, paragraph: int, position: int) -> tuple[int, int]:
        """The sentence containing `position`, or the next one when it falls between two."""
        spans = self.sentences[paragraph]
        if not spans:
            return 0, len(self.paragraphs[paragraph])
        index = max(0, bisect.bisect_right(self.sentence_starts[paragraph], position) - 1)
        if position >= spans[index][1] and index + 1 < len(spans):
            index += 1
        return spans[index]
