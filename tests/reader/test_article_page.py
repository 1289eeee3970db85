"""The article page's hand-written reads agree with the ORM: same rows, same converted values."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles import article_page, menus, publishing
from articles.models import Article, Claim, Correction, Section, Tag
from sources.models import Person, Source
from tests.factories import ArticleFactory, UserFactory

from .conftest import published

pytestmark = pytest.mark.django_db


def values(obj) -> dict:
    """The fields `obj` was read with (deferred ones are left out: reading them would query)."""
    deferred = obj.get_deferred_fields()
    return {
        f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.attname not in deferred
    }


def same_as_stored(found, stored) -> bool:
    read = values(found)
    return bool(read) and read == {name: getattr(stored, name) for name in read}


def test_only_what_the_orm_calls_published_is_found(site):
    for article in [site["visible"], *site["hidden"]]:
        expected = Article.objects.published().filter(pk=article.pk).exists()
        assert (article_page.published(article.slug) is not None) == expected, article.slug
    assert article_page.published("no-such-article") is None


def test_the_article_row_is_read_with_its_live_revision_and_section(site):
    found = article_page.published("visible")
    stored = Article.objects.select_related("live_revision__section").get(slug="visible")
    assert same_as_stored(found, stored)
    assert values(found.live_revision) == values(stored.live_revision)
    assert values(found.live_revision.section) == values(stored.live_revision.section)
    # The live version, not the working copy with its unpublished headline.
    assert found.live_revision.title == "Council passes the budget"


def test_an_article_without_a_section_has_none():
    published(title="Unfiled", slug="unfiled", section=None)
    assert article_page.published("unfiled").live_revision.section is None


def test_everything_the_page_shows_is_read_as_the_orm_reads_it():
    first, second = UserFactory(first_name="Zoe", last_name="Adams"), UserFactory(first_name="Al")
    tags = [
        Tag.objects.create(name="Water", slug="water"),
        Tag.objects.create(name="Budget", slug="budget"),
    ]
    article = published(title="Budget passes", slug="budget-passes", authors=[first], tags=tags)
    article.authors.add(second)
    publishing.publish(article)  # the byline is part of the revision
    Correction.objects.create(article=article, text="An earlier version misnamed the council.")
    claim = Claim.objects.get(article=article)
    checked_at = timezone.now() - datetime.timedelta(hours=3)
    Claim.objects.filter(pk=claim.pk).update(checked_at=checked_at)

    page = article_page.load(article_page.published("budget-passes"))

    assert [u.pk for u in page.authors] == [first.pk, second.pk]
    assert all(same_as_stored(u, get_user_model().objects.get(pk=u.pk)) for u in page.authors)
    assert [t.name for t in page.tags] == ["Budget", "Water"]
    assert [values(c) for c in page.corrections] == [values(c) for c in article.corrections.all()]
    sources = Source.objects.in_bulk(list(page.resolved.sources))
    assert sources and all(same_as_stored(s, sources[pk]) for pk, s in page.resolved.sources.items())
    people = Person.objects.in_bulk(list(page.resolved.people))
    assert people and all(same_as_stored(p, people[pk]) for pk, p in page.resolved.people.items())
    assert page.last_checked == checked_at
    assert [c.id for c in page.resolved.claims] == [claim.pk]


def test_an_article_with_nothing_cited_reads_no_sources_or_people():
    publishing.publish(ArticleFactory(title="Plain", slug="plain"))
    page = article_page.load(article_page.published("plain"))
    assert page.resolved.sources == {} and page.resolved.people == {} and page.last_checked is None
    assert page.authors == [] and page.tags == [] and page.corrections == []


def test_the_working_copy_and_private_columns_are_never_read_for_readers():
    author = UserFactory(first_name="Zoe")
    published(title="Budget passes", slug="budget-passes", authors=[author])

    found = article_page.published("budget-passes")
    page = article_page.load(found)

    working_copy = {"title", "standfirst", "body", "slug", "section_id", "lead_image", "lead_image_alt"}
    assert working_copy | {"editorial_note"} <= found.get_deferred_fields()
    assert {"password", "email"} <= page.authors[0].get_deferred_fields()
    source = next(iter(page.resolved.sources.values()))
    assert {"notes", "last_error", "archive_error"} <= source.get_deferred_fields()


def test_the_site_menus_are_read_with_the_page_as_every_reader_page_reads_them():
    Section.objects.create(name="World", slug="world", position=2)
    Section.objects.create(name="Local", slug="local", position=1)
    published(title="Budget passes", slug="budget-passes")
    page = article_page.load(article_page.published("budget-passes"))
    assert page.menus == menus.reader_menus()
    assert [link.text for link in page.menus.sections][:2] == ["Local", "World"]
