"""Validators and 304s: a repeated request is answered with 304 until something on the page changes."""

import pytest
from django.utils import timezone

from articles import publishing
from articles.models import Claim, Correction, Section, Tag
from tests.factories import UserFactory

from .conftest import published

pytestmark = pytest.mark.django_db


def get(client, url, etag=None):
    return client.get(url, headers={"If-None-Match": etag} if etag else {})


def test_article_page_sends_a_validator_and_cache_headers(client):
    response = get(client, published().get_absolute_url())
    assert response["ETag"].startswith('"')
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]


def test_repeated_conditional_request_gets_304(client):
    url = published().get_absolute_url()
    etag = get(client, url)["ETag"]
    response = get(client, url, etag)
    assert response.status_code == 304 and response["ETag"] == etag and not response.content


def test_source_edit_gives_a_fresh_page_with_a_new_validator(client):
    article = published()
    url = article.get_absolute_url()
    etag = get(client, url)["ETag"]
    source = article.claims.get().citations.get().source
    source.title = "Corrected report title"
    source.save()

    response = get(client, url, etag)

    assert response.status_code == 200 and response["ETag"] != etag
    assert "Corrected report title" in response.content.decode()


@pytest.mark.parametrize("change", ["speaker", "correction", "republish"])
def test_speaker_edit_correction_and_new_version_change_the_validator(client, change):
    article = published()
    url = article.get_absolute_url()
    etag = get(client, url)["ETag"]
    if change == "speaker":
        speaker = article.quotations.get().speaker
        speaker.role = "Former mayor"
        speaker.save()
    elif change == "correction":
        Correction.objects.create(article=article, text="Fixed the date.")
    else:
        article.title = "A new headline"
        article.save()
        publishing.publish(article)
    assert get(client, url, etag).status_code == 200


@pytest.mark.parametrize("change", ["author", "tag", "section", "fact-check"])
def test_what_the_page_shows_from_other_rows_changes_the_validator(client, change):
    # Bylines, tags, the section and the last sign-off live outside the article row: a rename or a
    # new check leaves the article's own timestamp alone, so the validator must see them itself.
    author = UserFactory(first_name="Zoe", last_name="Adams")
    tag = Tag.objects.create(name="Water", slug="water")
    section = Section.objects.create(name="Local", slug="local")
    article = published(authors=[author], tags=[tag], section=section)
    url = article.get_absolute_url()
    etag = get(client, url)["ETag"]
    if change == "author":
        author.last_name = "Adams-Reyes"
        author.save()
    elif change == "tag":
        tag.name = "Drinking water"
        tag.save()
    elif change == "section":
        section.name = "City"
        section.save()
    else:
        claim = Claim.objects.get(article=article)
        claim.checked_at = timezone.now()
        claim.save(update_fields=["checked_at"])  # as the desk records a verdict
    response = get(client, url, etag)
    assert response.status_code == 200 and response["ETag"] != etag


def test_unpublished_edit_does_not_change_what_a_304_protects(client):
    article = published(title="Old headline")
    url = article.get_absolute_url()
    etag = get(client, url)["ETag"]
    article.title = "Draft headline"
    article.save()
    response = get(client, url, etag)
    # A working-copy save may revalidate (the row changed) but never shows the draft.
    assert response.status_code in (200, 304)
    assert "Draft headline" not in response.content.decode()


def test_list_pages_answer_conditional_requests_too(client):
    published()
    for url in ("/", "/search/?q=council", "/about/corrections-policy/"):
        etag = get(client, url)["ETag"]
        assert get(client, url, etag).status_code == 304, url
