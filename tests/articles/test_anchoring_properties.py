"""Property-based tests: arbitrary text and edits never crash anchoring or lose a claim silently."""

import html
import re

from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import anchoring
from articles.body import normalize_body, paragraphs
from articles.rendering import Mark, render_paragraph

# Text with the characters anchoring treats specially: spaces, newlines, straight and curly quotes.
text = st.text(
    alphabet=st.sampled_from(list("abc xyz\n'\"“”‘’.,<>&")) | st.characters(codec="utf-8"),
    max_size=300,
)


class Item:
    """A claim-like object: what refind/apply need."""

    check_status = "unstarted"
    checked_exact = ""

    def __init__(self, anchor):
        self.exact, self.prefix, self.suffix = anchor.exact, anchor.prefix, anchor.suffix
        self.start, self.end, self.is_orphaned = anchor.start, anchor.end, False


@st.composite
def body_and_span(draw):
    body = normalize_body(draw(text))
    if not body.strip():
        body = "x"
    start = draw(st.integers(0, len(body) - 1))
    end = draw(st.integers(start + 1, len(body)))
    return body, start, end


@st.composite
def edit(draw, body):
    """Insert, delete or replace a random stretch of the body."""
    i = draw(st.integers(0, len(body)))
    j = draw(st.integers(i, len(body)))
    return normalize_body(body[:i] + draw(text) + body[j:])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_item_is_either_anchored_to_its_words_or_orphaned(data):
    body, start, end = data.draw(body_and_span())
    if not body[start:end].strip():
        return
    item = Item(anchoring.anchor_at(body, start, end))
    words = item.exact
    edited = data.draw(edit(body))

    anchoring.apply(item, anchoring.refind(edited, item))

    if item.is_orphaned:
        assert item.exact == words  # kept as it was, never dropped or moved onto other words
    else:
        assert edited[item.start : item.end] == item.exact
        assert anchoring.same_words(words, item.exact)


@settings(max_examples=300, deadline=None)
@given(body=text, words=text)
def test_require_either_anchors_exactly_or_refuses(body, words):
    body = normalize_body(body)
    try:
        anchor = anchoring.require(body, words)
    except ValidationError as error:
        assert error.code in {
            "not_in_body",
            "empty_words",
            "no_visible_words",
            "splits_character",
            "crosses_block",
        }
    else:
        assert body[anchor.start : anchor.end] == anchor.exact
        assert anchoring.same_words(words, anchor.exact)


@settings(max_examples=300, deadline=None)
@given(raw=text)
def test_normalize_body_is_idempotent_and_offsets_match_paragraphs(raw):
    body = normalize_body(raw)
    assert normalize_body(body) == body
    for paragraph in paragraphs(body):
        assert body[paragraph.start : paragraph.end] == paragraph.text


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_rendering_any_marks_keeps_the_text_and_balances_tags(data):
    paragraph = data.draw(text).replace("\n", " ") or "x"
    spans = data.draw(
        st.lists(st.tuples(st.integers(0, len(paragraph)), st.integers(0, len(paragraph))), max_size=6)
    )
    marks = [Mark(min(a, b), max(a, b), tag) for (a, b), tag in zip(spans, ["span", "q"] * 3, strict=False)]

    out = render_paragraph(paragraph, marks)

    assert html.unescape(re.sub(r"</?(span|q)>", "", out)) == paragraph
    assert out.count("<span>") == out.count("</span>") and out.count("<q>") == out.count("</q>")
