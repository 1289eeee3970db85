"""articles.importing: files (plain text, HTML, bad input) to draft articles, one transaction each."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from articles.models import Article, ArticleRevision, Suggestion
from intake import importing
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SEED_START = (
    "The office of Los Angeles District Attorney George Gascon said its progressive policies are based on "
    "science and research data.\n\n"
    '"We expect justice when something happens," Patrick Miller said.\n'
)

HTML_PAGE = (Path(__file__).parent / "data" / "council-budget.html").read_text(encoding="utf-8")


def codes(error: ValidationError) -> list[str]:
    return [e.code for e in error.error_list]


# Plain text


def test_plain_text_headline_headers_and_paragraphs_are_read(story_bytes):
    parsed = importing.parse(story_bytes, name="budget.txt")
    assert parsed.title == "City council approves $4.2 million budget"
    assert parsed.byline == "Sam Writer"
    assert parsed.source_url == "https://example.org/news/budget"
    assert parsed.published == "2024-03-05"
    assert len(parsed.paragraphs) == 4
    assert parsed.paragraphs[1].startswith('"We are proud')
    assert parsed.notices == []


def test_title_overrides_headline_and_names_a_file_without_one():
    parsed = importing.parse(SEED_START.encode(), name="seed.txt", title="Gascon's research")
    assert parsed.title == "Gascon's research"
    assert parsed.paragraphs[0].startswith("The office of Los Angeles")


def test_file_without_headline_or_title_is_refused_with_no_title():
    with pytest.raises(ValidationError) as refused:
        importing.parse(SEED_START.encode(), name="seed.txt")
    assert codes(refused.value) == ["no_title"]


def test_import_creates_a_draft_with_normalised_body_note_revision_and_creator(story_bytes, editor):
    result = importing.import_file(story_bytes, name="budget.txt", user=editor, suggest=False)
    assert result.ok, result.messages
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.created_by == editor
    assert article.slug == "city-council-approves-4-2-million-budget"
    assert "\n\n" in article.body and "\n\n\n" not in article.body
    assert "Byline: Sam Writer" in article.editorial_note
    assert ArticleRevision.objects.filter(article=article).count() == 1


def test_import_gives_clashing_titles_suffixed_slugs(story_bytes, editor):
    ArticleFactory(slug="city-council-approves-4-2-million-budget")
    second = importing.import_file(story_bytes, name="a.txt", user=editor, suggest=False)
    third = importing.import_file(story_bytes, name="b.txt", user=editor, suggest=False)
    assert second.article.slug == "city-council-approves-4-2-million-budget-2"
    assert third.article.slug == "city-council-approves-4-2-million-budget-3"


def test_import_with_suggestions_stores_them_in_the_same_transaction(story_bytes, editor):
    result = importing.import_file(story_bytes, name="budget.txt", user=editor)
    assert result.ok
    assert result.suggestions.quotations >= 3
    assert result.suggestions.claims >= 2
    assert Suggestion.objects.filter(article=result.article).count() == len(result.suggestions.created)


# HTML


def test_html_page_keeps_the_article_and_drops_the_boilerplate():
    parsed = importing.parse(HTML_PAGE.encode(), name="story.html")
    assert parsed.format == "html"
    assert parsed.title == "Council approves parks budget"
    text = parsed.body
    assert parsed.paragraphs[0].startswith("The city council voted 5-2")
    assert "“We are proud of this work,” said Mayor Jane Doe." in text
    assert "It will not fix a single playground" in text
    for boilerplate in ("cookies", "Share on Facebook", "newsletter", "All rights reserved", "Privacy"):
        assert boilerplate not in text


def test_html_is_recognised_by_its_content_without_an_extension():
    assert importing.parse(HTML_PAGE.encode(), name="upload").format == "html"


def test_html_without_article_text_is_refused_with_no_text():
    page = b"<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(ValidationError) as refused:
        importing.parse(page, name="empty.html")
    assert codes(refused.value) == ["no_text"]


# Bad input


def test_empty_file_is_refused_with_empty():
    for data in (b"", b"  \n\n \t\n"):
        with pytest.raises(ValidationError) as refused:
            importing.parse(data, name="empty.txt")
        assert codes(refused.value) == ["empty"]


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", b"\x89PNG\r\n\x1a\n\x00\x00", b"abc\x00\x01\x02def" * 50],
)
def test_binary_file_is_refused_with_binary(data):
    with pytest.raises(ValidationError) as refused:
        importing.parse(data, name="file.txt")
    assert codes(refused.value) == ["binary"]
    assert "not text" in refused.value.messages[0] or "control characters" in refused.value.messages[0]


def test_windows_1252_file_is_detected_and_imported_correctly_with_a_notice():
    text = (
        "Café owners welcome the plan\n\n"
        "“We’re proud of this work,” said José Núñez, who runs the café — and pays €1,200 in rent.\n"
    )
    parsed = importing.parse(text.encode("cp1252"), name="cafe.txt")
    assert parsed.encoding == "cp1252"
    assert parsed.title == "Café owners welcome the plan"
    assert parsed.paragraphs[0] == text.split("\n\n")[1].strip()
    assert [n.code for n in parsed.notices] == ["legacy_encoding"]


def test_latin_1_file_is_imported_correctly():
    text = "Año nuevo en Málaga\n\nEl alcalde José Núñez dijo que la ciudad creció un 3 por ciento.\n"
    parsed = importing.parse(text.encode("latin-1"), name="malaga.txt")
    assert parsed.title == "Año nuevo en Málaga"
    assert "José Núñez" in parsed.body


def test_utf16_with_byte_order_mark_is_text_not_binary():
    parsed = importing.parse(("Headline\n\n" + "A paragraph of text.\n").encode("utf-16"), name="u.txt")
    assert parsed.paragraphs == ["A paragraph of text."]


def test_ten_megabyte_file_is_refused_with_too_large_before_parsing(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"Headline\n\n" + b"word " * (2 * 1024 * 1024))
    result = importing.import_path(big, suggest=False)
    assert not result.ok
    assert result.codes == ["too_large"]
    assert "10.0 MB" in result.messages[0]
    assert Article.objects.count() == 0


def test_unbalanced_quote_marks_import_with_a_warning(editor):
    text = (
        'Mayor speaks\n\n"We are proud of this work, said Mayor Jane Doe.\n\nThe council met on Tuesday.\n'
    )
    result = importing.import_file(text.encode(), name="q.txt", user=editor)
    assert result.ok
    assert [n.code for n in result.notices] == ["unbalanced_quotes"]
    assert "Paragraph 1" in result.notices[0].message


def test_a_quote_running_over_paragraphs_is_not_reported_as_unbalanced():
    paras = ['"The first part of it.', '"The second part," she said.']
    assert importing.unbalanced_quotes(paras) == []
    assert importing.unbalanced_quotes(['"Never closed.', "Plain text."]) == [0]


def test_a_failing_file_creates_nothing_and_others_still_import(story_bytes, editor, tmp_path):
    good = tmp_path / "good.txt"
    good.write_bytes(story_bytes)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    results = [importing.import_path(p, user=editor) for p in (bad, good)]
    assert [r.ok for r in results] == [False, True]
    assert results[0].codes == ["empty"]
    assert Article.objects.count() == 1


def test_an_error_while_suggesting_rolls_back_the_whole_file(story_bytes, editor, monkeypatch):
    from intake import suggesting

    def broken(article, *, user=None):
        raise ValidationError("engine refused", code="broken")

    monkeypatch.setattr(suggesting, "suggest", broken)
    result = importing.import_file(story_bytes, name="budget.txt", user=editor)
    assert result.codes == ["broken"]
    assert Article.objects.count() == 0
    assert ArticleRevision.objects.count() == 0


def test_fact_checker_cannot_import(story_bytes, factchecker):
    result = importing.import_file(story_bytes, name="budget.txt", user=factchecker)
    assert result.codes == ["permission"]
    assert Article.objects.count() == 0
