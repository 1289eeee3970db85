import html

from django.utils.safestring import SafeString
from hypothesis import given, settings
from hypothesis import strategies as st

from articles import rendering
from articles.rendering import Mark, render_paragraph


def test_nested_marks_render_as_nested_tags():
    text = "He said the rate fell sharply."
    marks = [Mark(0, 30, "q"), Mark(8, 21, "span", {"class": "claim"})]
    assert render_paragraph(text, marks) == (
        '<q>He said <span class="claim">the rate fell</span> sharply.</q>'
    )


def test_crossing_marks_are_closed_and_reopened_without_repeating_ids():
    text = "abcdefgh"
    marks = [
        Mark(0, 5, "span", {"id": "one"}, after="[1]"),
        Mark(3, 8, "q", {"id": "two"}, after="[2]"),
    ]
    assert render_paragraph(text, marks) == ('<span id="one">abc<q id="two">de</q></span>[1]<q>fgh</q>[2]')


def test_marks_apply_with_the_paragraph_offset_and_escape_text():
    assert render_paragraph("<b>&", [Mark(11, 13)], offset=10) == "&lt;<span>b&gt;</span>&amp;"


def test_mark_spanning_two_paragraphs_puts_its_note_after_the_last_piece():
    first = render_paragraph("one two", [Mark(4, 12, after="[1]")], offset=0)
    second = render_paragraph("three", [Mark(4, 12, after="[1]")], offset=9)
    assert first == "one <span>two</span>"
    assert second == "<span>thr</span>[1]ee"


def test_attribute_values_are_escaped():
    html = render_paragraph("x", [Mark(0, 1, "span", {"title": '"><script>'})])
    assert html == '<span title="&#34;&gt;&lt;script&gt;">x</span>'


@given(st.text())
def test_escaped_text_holds_no_markup_and_reads_back_the_same(text):
    escaped = rendering.esc(text)
    assert not set(escaped) & set("<>\"'")
    assert html.unescape(escaped) == text


def test_values_that_are_not_text_are_escaped_as_their_text():
    assert rendering.esc(42) == "42"
    assert rendering.esc(SafeString("<b>")) == "&lt;b&gt;"  # esc never trusts what it is given


def test_escaping_uses_markupsafes_c_code_when_it_is_installed():
    # The fallback is correct but six times slower; a MarkupSafe upgrade that moves the function
    # should be noticed here rather than in the article page's benchmark.
    import markupsafe._speedups

    assert rendering._escape is markupsafe._speedups._escape_inner


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_marks_side_by_side_are_written_as_the_general_algorithm_writes_them(data):
    paragraph = data.draw(st.text(alphabet="ab <&\"'é", min_size=1, max_size=40))
    cuts = sorted(data.draw(st.lists(st.integers(0, len(paragraph) + 6), max_size=8)))
    offset = data.draw(st.integers(0, 3))
    # Cuts pair up into marks that touch at most; some start before the paragraph or run past its end.
    spans = zip(cuts[::2], cuts[1::2], strict=False)
    marks = [
        Mark(a, b, tag, {"id": f"m{n}", "class": "claim"}, after=SafeString(f"[{n}]"))
        for n, ((a, b), tag) in enumerate(zip(spans, ["span", "q"] * 4, strict=False))
    ]
    local = rendering._placed(paragraph, marks, offset)
    tags = {m[2]: rendering._tags(m[3]) for m in local}
    expected = rendering._nested(paragraph, local, tags) if local else rendering.esc(paragraph)
    assert render_paragraph(paragraph, marks, offset) == expected
