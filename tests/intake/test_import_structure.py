"""Import keeps structure: a web page's links, subheadings, lists, block quotes and emphasis, and a text
file's Markdown links and ## subheadings, reach `body_html`; `body` stays its projection."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from lxml import etree

from articles import richtext
from articles.body import normalize_body
from articles.models import Article, Suggestion
from intake import importing, structure_import

from .conftest import STORY

pytestmark = pytest.mark.django_db


def page(body: str, head: str = "") -> bytes:
    return (
        '<!doctype html><html><head><meta charset="utf-8">'
        f"<title>Council passes budget</title>{head}</head>"
        f"<body><nav><a href='/'>Home</a></nav><main><article>{body}</article></main></body></html>"
    ).encode()


STRUCTURED = page(
    "<h1>Council passes budget</h1>"
    "<p>The council passed its budget on Tuesday, according to the "
    "<a href='https://city.example.gov/clerk'>city clerk</a>, by five votes to two.</p>"
    "<h2>What the money buys</h2>"
    "<p>The plan pays for <em>three new playgrounds</em> and <strong>twelve</strong> gardeners.</p>"
    "<ul><li>More money for the parks in the north</li><li>A new bus line, the first in ten years</li></ul>"
    "<h3>What the opposition said</h3>"
    "<blockquote><p>It will not fix a single playground, and the council knows it.</p></blockquote>"
    "<h4>Next steps</h4>"
    "<ol><li>A first reading in May</li><li>A second reading in June</li></ol>"
)


def parse_html(data: bytes, **kwargs):
    return importing.parse(data, name="story.html", **kwargs)


def parse_text(text: str, **kwargs):
    return importing.parse(text.encode(), name="story.txt", **kwargs)


# Web pages


def test_html_import_keeps_links_subheadings_lists_block_quotes_and_emphasis():
    parsed = parse_html(STRUCTURED)
    assert parsed.body_html == (
        "<p>The council passed its budget on Tuesday, according to the "
        '<a href="https://city.example.gov/clerk">city clerk</a>, by five votes to two.</p>\n'
        "<h2>What the money buys</h2>\n"
        "<p>The plan pays for <em>three new playgrounds</em> and <strong>twelve</strong> gardeners.</p>\n"
        "<ul>\n<li>More money for the parks in the north</li>\n"
        "<li>A new bus line, the first in ten years</li>\n</ul>\n"
        "<h3>What the opposition said</h3>\n"
        "<blockquote>\n<p>It will not fix a single playground, and the council knows it.</p>\n"
        "</blockquote>\n"
        "<h3>Next steps</h3>\n"  # h4 becomes h3, as richtext maps it
        "<ol>\n<li>A first reading in May</li>\n<li>A second reading in June</li>\n</ol>"
    )


def test_html_body_is_the_projection_of_body_html_with_the_repeated_headline_dropped():
    parsed = parse_html(STRUCTURED)
    assert parsed.body == richtext.projection(parsed.body_html)
    assert parsed.paragraphs[:3] == [
        "The council passed its budget on Tuesday, according to the city clerk, by five votes to two.",
        "What the money buys",
        "The plan pays for three new playgrounds and twelve gardeners.",
    ]
    assert parsed.paragraphs[3] == "More money for the parks in the north"  # no list marker in the text


def test_relative_link_is_resolved_against_the_page_address():
    canonical = '<link rel="canonical" href="https://news.example.com/2024/03/budget.html">'
    body = (
        "<p>The council passed its budget on Tuesday, according to the <a href='/docs/budget.pdf'>budget "
        "document</a> and <a href='annex.html'>its annex</a>, by five votes to two.</p>"
    )
    parsed = parse_html(page(body, canonical))
    assert parsed.source_url == "https://news.example.com/2024/03/budget.html"
    assert '<a href="https://news.example.com/docs/budget.pdf">budget document</a>' in parsed.body_html
    assert '<a href="https://news.example.com/2024/03/annex.html">its annex</a>' in parsed.body_html


def test_relative_link_without_a_page_address_keeps_its_words_and_loses_the_link():
    body = (
        "<p>The council passed its budget on Tuesday, according to the <a href='/docs/budget.pdf'>budget "
        "document</a> it published, by five votes to two.</p>"
    )
    parsed = parse_html(page(body))
    assert parsed.source_url == ""
    assert "<a" not in parsed.body_html
    assert "according to the budget document it published" in parsed.body


def test_link_to_the_page_itself_is_dropped():
    canonical = '<link rel="canonical" href="https://news.example.com/budget">'
    body = (
        "<p>The council passed its budget on Tuesday by five votes to two, as the "
        "<a href='#notes'>notes</a> below and the "
        "<a href='https://elsewhere.example.org/#vote'>vote record</a> show.</p>"
    )
    parsed = parse_html(page(body, canonical))
    assert '<a href="https://elsewhere.example.org/#vote">vote record</a>' in parsed.body_html
    assert parsed.body_html.count("<a ") == 1
    assert "as the notes below and the vote record show." in parsed.body


def test_scripts_styles_and_event_attributes_in_the_page_never_reach_body_html():
    body = (
        "<p onclick='alert(1)' style='color:red'>The council passed its budget on Tuesday by five votes "
        "to two.<script>alert(2)</script></p>"
        "<p>Read the <a href='javascript:alert(3)' onmouseover='alert(4)'>full text</a> and see the "
        "<span onmouseover='alert(5)'>figures</span> the clerk published.<img src=x onerror='alert(6)'></p>"
        "<style>p { color: red }</style><iframe src='https://evil.example/'></iframe>"
    )
    parsed = parse_html(page(body))
    for unsafe in ("alert", "onclick", "onmouseover", "onerror", "style", "script", "javascript", "iframe"):
        assert unsafe not in parsed.body_html
    assert "Read the full text and see the figures the clerk published." in parsed.body


def test_line_breaks_in_a_page_paragraph_still_separate_paragraphs():
    body = (
        "<p>The storm closed every school in the county on Monday.<br><br>Roads were flooded, the "
        "police said.<br>Power was out for 12,000 homes.</p>"
    )
    assert parse_html(page(body)).paragraphs == [
        "The storm closed every school in the county on Monday.",
        "Roads were flooded, the police said.",
        "Power was out for 12,000 homes.",
    ]


def test_a_line_break_inside_a_link_or_emphasis_splits_the_paragraph_and_keeps_both_halves_marked():
    xml = etree.fromstring(
        "<body><p>Crews worked <hi rend='#b'>through the<lb/>night</hi>, <ref target='https://x.example/'>"
        "the <hi rend='#i'>police<lb/>said</hi></ref>.</p><quote>Loose quoted text</quote></body>"
    )
    assert structure_import.from_trafilatura(xml) == (
        "<p>Crews worked <strong>through the</strong></p>\n"
        '<p><strong>night</strong>, <a href="https://x.example/">the <em>police</em></a></p>\n'
        '<p><a href="https://x.example/"><em>said</em></a>.</p>\n'
        "<blockquote>\n<p>Loose quoted text</p>\n</blockquote>"
    )


def test_text_of_a_page_that_looks_like_markup_stays_text():
    body = "<p>The council said 3 &lt; 4 and wrote &lt;b&gt;bold&lt;/b&gt; in the budget it passed.</p>"
    parsed = parse_html(page(body))
    assert "3 &lt; 4 and wrote &lt;b&gt;bold&lt;/b&gt;" in parsed.body_html
    assert "3 < 4 and wrote <b>bold</b>" in parsed.body


# Text files


def test_text_file_markdown_links_and_subheadings_become_structure():
    parsed = parse_text(
        "Council passes budget\n"
        "Byline: Sam Writer\n\n"
        "The council passed its budget, according to the [city clerk](https://city.example.gov/clerk).\n\n"
        "## What the money buys\n\n"
        "Three new playgrounds.\n"
        "### In the north\n"
        "A new bus line ([route map](https://example.org/map_(north))).\n"
    )
    assert parsed.byline == "Sam Writer"
    assert parsed.body_html == (
        '<p>The council passed its budget, according to the <a href="https://city.example.gov/clerk">city '
        "clerk</a>.</p>\n"
        "<h2>What the money buys</h2>\n"
        "<p>Three new playgrounds.</p>\n"  # a heading line is a block of its own, inside a block too
        "<h3>In the north</h3>\n"
        '<p>A new bus line (<a href="https://example.org/map_(north)">route map</a>).</p>'
    )
    assert parsed.paragraphs == [
        "The council passed its budget, according to the city clerk.",
        "What the money buys",
        "Three new playgrounds.",
        "In the north",
        "A new bus line (route map).",
    ]


def test_text_file_markup_and_other_brackets_stay_text():
    text = (
        "Council passes budget\n\n"
        "The clerk wrote <b>final</b> & <script>alert(1)</script> in [minutes](javascript:alert(2)).\n\n"
        "Footnote [1](2) and [a relative link](/budget) are text,\n"
        "#### as are four hashes\n"
        "#and a hashtag.\n"
    )
    parsed = parse_text(text)
    assert (
        "<b>" not in parsed.body_html
        and "<script>" not in parsed.body_html
        and "<a" not in parsed.body_html
    )
    assert parsed.paragraphs == [
        "The clerk wrote <b>final</b> & <script>alert(1)</script> in [minutes](javascript:alert(2)).",
        "Footnote [1](2) and [a relative link](/budget) are text, #### as are four hashes #and a hashtag.",
    ]


def test_plain_text_file_body_html_is_its_body_paragraph_by_paragraph_with_offsets_unchanged(story_bytes):
    parsed = importing.parse(story_bytes, name="budget.txt")
    before = normalize_body(STORY.split("Published: 2024-03-05\n", 1)[1])  # the body as read before
    assert parsed.body == before
    assert parsed.body_html == richtext.from_plain_text(parsed.body)


# Saving


def test_imported_article_is_saved_with_its_structure_and_suggestions_anchor_in_its_text(editor):
    result = importing.import_file(STRUCTURED, name="story.html", user=editor)
    assert result.ok, result.messages
    article = Article.objects.get(pk=result.article.pk)
    assert article.body_html == result.parsed.body_html
    assert article.body == result.parsed.body == richtext.projection(article.body_html)
    assert '<a href="https://city.example.gov/clerk">city clerk</a>' in article.body_html
    assert article.revisions.get().body_html == article.body_html
    for suggestion in Suggestion.objects.filter(article=article):
        assert article.body[suggestion.start : suggestion.end] == suggestion.exact


def test_imported_plain_text_article_keeps_its_paragraphs_as_structure(story_bytes, editor):
    article = importing.import_file(story_bytes, name="budget.txt", user=editor, suggest=False).article
    article.refresh_from_db()
    assert article.body_html == richtext.from_plain_text(article.body)


# The dry run


def test_dry_run_json_of_a_structured_page_keeps_its_format_with_paragraphs_from_the_projection(tmp_path):
    path = tmp_path / "story.html"
    path.write_bytes(STRUCTURED)
    out = StringIO()
    call_command("import_article", str(path), "--dry-run", "--json", stdout=out, stderr=StringIO())
    (line,) = out.getvalue().splitlines()
    data = json.loads(line)
    assert list(data) == ["title", "paragraphs", "quotes", "claims"]
    assert data["paragraphs"] == parse_html(STRUCTURED).paragraphs
    assert "What the money buys" in data["paragraphs"]
    assert not any("<" in paragraph for paragraph in data["paragraphs"])
