"""The article page is rendered once per live revision and kept; anything it was rendered from that
changes makes the next read render it again, so a stale rendering is never served."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format

from articles import publishing
from articles.models import Article, Claim, Correction, Section, Tag
from pages.models import Page
from reader import live
from reader.models import RenderedRevision
from sources.models import Health, Person, Source, reader_links_changed
from tests.factories import UserFactory

from .conftest import published

pytestmark = pytest.mark.django_db


def page(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_first_read_stores_the_rendering_and_later_reads_take_one_query(client):
    article = published(slug="budget")
    assert not RenderedRevision.objects.exists()
    first = count_queries(client, "/articles/budget/")
    assert RenderedRevision.objects.filter(revision=article.live_revision_id).exists()
    # The article row with its rendering, which holds the header and footer with their menus too.
    assert count_queries(client, "/articles/budget/") == 1 < first


def test_a_list_stores_the_renderings_of_what_it_shows_and_then_reads_only_them(client):
    articles = [published(slug=f"story-{n}") for n in range(3)]
    first = count_queries(client, "/")
    assert RenderedRevision.objects.count() == 3
    # The page of articles (and the first of the next, if any) with their renderings, which hold the
    # menus; nothing counts the published articles.
    assert count_queries(client, "/") == 1 < first
    html = client.get("/").content.decode()
    for article in articles:
        assert f'href="/articles/{article.slug}/"' in html


def test_a_new_revision_is_rendered_once_published(client):
    article = published(slug="budget", title="Old headline")
    page(client, article)
    article.title = "New headline"
    article.save()
    assert "Old headline" in page(client, article)
    publishing.publish(article)
    assert "New headline" in page(client, article) and "Old headline" not in page(client, article)


def _source(article) -> Source:
    return Source.objects.get(citations__claim__article=article)


def _person(article) -> Person:
    return Person.objects.get(quotations__article=article)


def _saving(find, field, value):
    """An edit made through the model's save(), as the admin makes it: `field` of `find(article)`."""

    def edit(article):
        obj = find(article)
        setattr(obj, field, value)
        obj.save()
        return value

    return edit


def add_archived_copy(article):
    # The archiver stores the copy with QuerySet.update and says so with `reader_links_changed`.
    source = _source(article)
    Source.objects.filter(pk=source.pk).update(archived_url="https://archive.example/copy")
    reader_links_changed.send(sender=Source, sources=[source])
    return "https://archive.example/copy"


def link_turns_dead(article):
    # The link checker writes with bulk_update and says so with `reader_links_changed`.
    source = _source(article)
    Source.objects.filter(pk=source.pk).update(
        health=Health.DEAD, checked_url=source.url, archived_url="https://archive.example/r"
    )
    reader_links_changed.send(sender=Source, sources=[source])
    return "The original page is gone"


def add_correction(article):
    Correction.objects.create(article=article, text="An earlier version misnamed the council.")
    return "An earlier version misnamed the council."


def sign_off(article):
    claim = Claim.objects.get(article=article)
    claim.checked_at = timezone.now() - datetime.timedelta(days=400)
    claim.save(update_fields=["checked_at"])  # as the desk records a verdict
    return date_format(timezone.localtime(claim.checked_at), "j F Y")


EDITS = {
    "source title": _saving(_source, "title", "Corrected report title"),
    "source url": _saving(_source, "url", "https://example.org/moved-report"),
    "archived copy": add_archived_copy,
    "dead link": link_turns_dead,
    "person name": _saving(_person, "name", "Dr Renamed Speaker"),
    "person role": _saving(_person, "role", "Former mayor"),
    "correction": add_correction,
    "author": _saving(lambda a: a.live_revision.ordered_authors()[0], "last_name", "Renamed-Author"),
    "tag": _saving(lambda a: Tag.objects.get(slug="budget"), "name", "Public money"),
    "section": _saving(lambda a: Section.objects.get(slug="news"), "name", "Local news"),
    "sign-off": sign_off,
    # The menus around every page.
    "another section": _saving(lambda a: Section.objects.get(slug="sport"), "name", "Sport and games"),
    "standing page": _saving(lambda a: Page.objects.get(slug="about"), "title", "Who we are"),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_an_edit_readers_see_renders_the_page_again(client, edit):
    section = Section.objects.create(name="News", slug="news")
    Section.objects.create(name="Sport", slug="sport")
    Page.objects.create(title="About us", slug="about", body="Who we are.")
    tag = Tag.objects.create(name="Budget", slug="budget")
    author = UserFactory(first_name="Ada", last_name="Lovelace")
    article = published(slug="budget", section=section, tags=[tag], authors=[author])
    page(client, article)

    shown = edit(article)

    assert shown in page(client, article)
    assert RenderedRevision.objects.filter(revision=article.live_revision_id).exists()


def test_a_deleted_tag_leaves_the_page_at_once(client):
    # The rendering's links to what it used are gone after a delete: it is forgotten before.
    tag = Tag.objects.create(name="Budget", slug="budget")
    article = published(slug="budget", tags=[tag])
    assert "/tags/budget/" in page(client, article)
    tag.delete()
    assert "/tags/budget/" not in page(client, article)


def test_an_edit_to_a_source_no_live_page_cites_keeps_the_rendering(client):
    article = published(slug="budget")
    page(client, article)
    stored = RenderedRevision.objects.get()
    other = Source.objects.create(title="Unrelated", kind=Source.Kind.REPORT)
    other.title = "Still unrelated"
    other.save()
    assert RenderedRevision.objects.get().rendered_at == stored.rendered_at


def test_another_address_gets_a_rendering_with_its_own_links(client):
    article = published(slug="budget")
    assert "http://testserver/articles/budget/" in page(client, article)
    html = client.get("/articles/budget/", HTTP_HOST="localhost").content.decode()
    assert "http://localhost/articles/budget/" in html and "testserver" not in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_a_page_stored_for_another_stylesheet_is_rendered_again(client):
    article = published(slug="budget")
    assert "/static/reader/reader" in page(client, article)
    stored = RenderedRevision.objects.get(revision=article.live_revision_id)
    # As a deploy leaves it: the stored page names a stylesheet the site no longer serves.
    stale = stored.basis.replace("reader/reader", "reader/old-reader")
    RenderedRevision.objects.filter(pk=stored.pk).update(basis=stale, page="<p>old stylesheet</p>")
    assert "old stylesheet" not in page(client, article)
    assert RenderedRevision.objects.get(pk=stored.pk).basis == stored.basis


def test_rendering_locks_the_cited_sources_and_people_against_a_concurrent_edit(client):
    article = published(slug="budget")
    with CaptureQueriesContext(connection) as queries:
        page(client, article)
    locked = [q["sql"] for q in queries if "FOR NO KEY UPDATE" in q["sql"]]
    assert any('"sources_source"' in sql for sql in locked)
    assert any('"sources_person"' in sql for sql in locked)


def test_the_working_copy_is_not_read_for_readers():
    article = published(slug="budget")
    found = live.article_at("budget")
    assert found.pk == article.pk
    assert {
        "title",
        "standfirst",
        "body",
        "slug",
        "section_id",
        "editorial_note",
    } <= found.get_deferred_fields()
    assert {"body", "content"} <= found.live_revision.get_deferred_fields()
    listed = live.latest().get()
    assert {"title", "standfirst", "body", "editorial_note"} <= listed.get_deferred_fields()


def test_only_what_the_orm_calls_published_is_found(site):
    for article in [site["visible"], *site["hidden"]]:
        expected = Article.objects.published().filter(pk=article.pk).exists()
        assert (live.article_at(article.slug) is not None) == expected, article.slug
    assert live.article_at("no-such-article") is None


@pytest.mark.parametrize("menu", ["section", "standing page"])
def test_a_list_shows_a_menu_change_at_once(client, menu):
    section = Section.objects.create(name="News", slug="news")
    about = Page.objects.create(title="About us", slug="about", body="Who we are.")
    published(slug="budget", section=section)
    assert ">News</a>" in client.get("/").content.decode()

    changed = section if menu == "section" else about
    setattr(changed, "name" if menu == "section" else "title", "Renamed in the menu")
    changed.save()

    assert ">Renamed in the menu</a>" in client.get("/").content.decode()
