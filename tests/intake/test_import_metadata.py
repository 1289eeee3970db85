"""Import keeps what a file says about itself: its authors, original address and date."""

import pytest
from django.contrib.auth import get_user_model

from intake import importing
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "Council approves $2.4 billion budget\n"
    "Byline: By Dana Ortiz and Sam Lee\n"
    "Source-URL: https://example.org/news/budget\n"
    "Published: 2024-03-05\n"
    "\n"
    "The council approved the budget on Tuesday.\n"
)


def test_byline_fills_the_authors_in_order_matching_known_people(editor):
    sam = UserFactory(username="slee", first_name="Sam", last_name="Lee")
    result = importing.import_file(TEXT.encode(), name="budget.txt", user=editor, suggest=False)
    article = result.article
    authors = [link.user for link in article.authors.through.objects.filter(article=article).order_by("pk")]
    assert [a.get_full_name() for a in authors] == ["Dana Ortiz", "Sam Lee"]
    assert authors[1] == sam
    dana = authors[0]
    assert not dana.is_active and not dana.has_usable_password() and not dana.is_staff


def test_a_second_import_reuses_the_author_it_created(editor):
    importing.import_file(TEXT.encode(), name="a.txt", user=editor, suggest=False)
    importing.import_file(TEXT.encode(), name="b.txt", user=editor, suggest=False)
    assert get_user_model().objects.filter(first_name="Dana", last_name="Ortiz").count() == 1


def test_original_address_and_date_are_kept_on_the_article(editor):
    article = importing.import_file(TEXT.encode(), name="budget.txt", user=editor, suggest=False).article
    assert article.original_url == "https://example.org/news/budget"
    assert article.original_published_on.isoformat() == "2024-03-05"


def test_an_address_that_is_not_a_web_address_is_not_kept(editor):
    text = TEXT.replace("https://example.org/news/budget", "javascript:alert(1)")
    article = importing.import_file(text.encode(), name="budget.txt", user=editor, suggest=False).article
    assert article.original_url == ""
    assert "javascript:alert(1)" in article.editorial_note  # still on the record, as written


def test_slug_keeps_the_decimal_point_of_a_number_as_a_hyphen(editor):
    article = importing.import_file(TEXT.encode(), name="budget.txt", user=editor, suggest=False).article
    assert article.slug == "council-approves-2-4-billion-budget"


def test_byline_names_split_on_commas_and_ampersands():
    from articles import bylines

    assert bylines.names("By Dana Ortiz, Sam Lee & Kim Park") == ["Dana Ortiz", "Sam Lee", "Kim Park"]
    assert bylines.names("  ") == []
