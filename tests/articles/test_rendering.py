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
    assert html == '<span title="&quot;&gt;&lt;script&gt;">x</span>'
