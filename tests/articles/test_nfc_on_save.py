"""Saved text is NFC: an accent typed as a combining mark is stored as the one accented letter."""

import unicodedata

import pytest
from django.urls import reverse

from articles import anchoring
from articles.body import normalize_body
from articles.models import Article, Claim, Quotation
from intake import importing
from sources.models import Person, Source
from tests.admin_forms import change_form_data
from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db

CAFE = "cafe\u0301"  # "café" decomposed, as some keyboards, PDFs and Macs give it


def nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_the_article_forms_title_standfirst_and_body_are_saved_nfc(editor_client):
    article = ArticleFactory()
    data = change_form_data(editor_client.get(change_url(article)))
    data["title"] = f"The {CAFE} on Main Street"
    data["standfirst"] = f"A {CAFE} closes."
    data["body_html"] = f"The {CAFE} opened in 1990.\n\nIts owner, Zoe\u0308, retires."

    assert editor_client.post(change_url(article), data).status_code == 302

    article.refresh_from_db()
    assert article.title == "The café on Main Street"
    assert article.standfirst == "A café closes."
    assert article.body == "The café opened in 1990.\n\nIts owner, Zoë, retires."
    assert all(nfc(text) for text in (article.title, article.standfirst, article.body))


@pytest.mark.parametrize("prefix", ["claims", "quotations"])
def test_decomposed_words_pasted_into_a_claim_or_quotation_anchor_and_are_saved_nfc(editor_client, prefix):
    article = ArticleFactory(body="The café opened in 1990, the owner said.")
    data = change_form_data(editor_client.get(change_url(article)))
    data[f"{prefix}-0-exact"] = f"The {CAFE} opened in 1990"
    if prefix == "claims":
        data["claims-0-kind"] = "event"
    else:
        data["quotations-0-speaker"] = str(PersonFactory().pk)
        data["quotations-0-obtained"] = "interview"

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 302
    model = Claim if prefix == "claims" else Quotation
    item = model.objects.get()
    assert item.exact == "The café opened in 1990" == article.body[item.start : item.end]


def test_an_old_decomposed_body_saved_again_keeps_its_claims_anchored(editor_client):
    body = unicodedata.normalize("NFD", "The café opened in 1990.")
    article = Article.objects.create(title="Old", slug="old", body=body)
    claim = Claim(article=article, kind="event")
    anchoring.apply(claim, anchoring.require(body, unicodedata.normalize("NFD", "café opened")))
    claim.save()

    data = change_form_data(editor_client.get(change_url(article)))
    assert editor_client.post(change_url(article), data).status_code == 302

    article.refresh_from_db()
    claim.refresh_from_db()
    assert article.body == "The café opened in 1990."
    assert not claim.is_orphaned
    assert claim.exact == "café opened" == article.body[claim.start : claim.end]


def test_sources_and_people_are_saved_nfc(editor_client):
    response = editor_client.post(
        reverse("admin:sources_source_add"),
        {"title": f"The {CAFE} report", "kind": "report", "url": "https://example.org/cafe"},
    )
    assert response.status_code == 302
    assert Source.objects.get().title == "The café report"
    response = editor_client.post(
        reverse("admin:sources_person_add"), {"name": "Zoe\u0308 Martin", "aliases": "Zoe\u0308"}
    )
    assert response.status_code == 302
    person = Person.objects.get()
    assert (person.name, person.aliases) == ("Zoë Martin", "Zoë")


def test_one_normalisation_serves_the_body_and_the_import():
    assert normalize_body(f"A {CAFE}.") == "A café."
    parsed = importing.parse(f"The {CAFE} closes\n\nThe {CAFE} closed on Friday.\n".encode(), name="c.txt")
    assert (parsed.title, parsed.body) == ("The café closes", "The café closed on Friday.")
