"""Property-based: new anchors never begin or end inside a character, and invisible words are refused."""

import unicodedata

import regex
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from articles import anchoring
from articles.body import normalize_body

# Text dense in what makes characters of several code points: emoji with skin tones, ZWJ sequences,
# flags (regional indicator pairs), combining marks, and the spaces and letters around them.
PIECES = [
    "a",
    "q",
    "é",
    " ",
    "\n\n",
    "\U0001f44d",
    "\U0001f3fd",
    "\u200d",
    "\U0001f468",
    "\U0001f469",
    "\U0001f1eb",
    "\U0001f1f7",
    "\u0301",
    "\u0307",
    "\u200b",
    "\u0600",
]
clustered = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
invisible = st.text(
    alphabet=st.characters(categories=["Zs", "Cf", "Mn", "Me"]) | st.sampled_from(" \t\n"), min_size=1
)


def boundaries(body: str) -> set[int]:
    return {0} | {match.end() for match in regex.finditer(r"\X", body)}


@settings(max_examples=300, deadline=None)
@given(raw=clustered)
def test_splits_character_agrees_with_segmenting_the_whole_body(raw):
    body = normalize_body(raw)
    whole = boundaries(body)
    for at in range(len(body) + 1):
        assert anchoring.splits_character(body, at) == (at not in whole), (body, at)


@settings(max_examples=300, deadline=None)
@given(raw=clustered, data=st.data())
def test_require_never_anchors_inside_a_character(raw, data):
    body = normalize_body(raw) or "a"
    start = data.draw(st.integers(0, len(body) - 1))
    end = data.draw(st.integers(start + 1, len(body)))
    try:
        anchor = anchoring.require(body, body[start:end])
    except ValidationError as error:
        assert error.code in {"empty_words", "no_visible_words", "splits_character", "crosses_block"}
    else:
        assert {anchor.start, anchor.end} <= boundaries(body)
        assert body[anchor.start : anchor.end] == anchor.exact


@settings(max_examples=200, deadline=None)
@given(words=invisible, body=st.text(max_size=100))
def test_words_without_a_visible_character_are_always_refused(words, body):
    assert all(unicodedata.category(ch)[0] in "ZMC" for ch in words)
    try:
        anchoring.require(body + words, words)
    except ValidationError as error:
        assert error.code in {"empty_words", "no_visible_words"}
    else:
        raise AssertionError(f"{words!r} was anchored")
