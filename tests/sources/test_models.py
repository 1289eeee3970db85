"""Source's health selectors and properties: what the desk lists and the reader page links to."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sources.models import CheckError, Health, Source
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

URL = "https://example.org/report"
ARCHIVE = "https://web.archive.org/web/2026/https://example.org/report"


def checked(health, *, url=URL, hours_ago=1, **kwargs):
    """A source whose URL was checked `hours_ago` with the result `health`."""
    return SourceFactory(
        url=url,
        checked_url=url,
        health=health,
        last_checked_at=timezone.now() - timedelta(hours=hours_ago),
        **kwargs,
    )


def test_new_source_is_unchecked_and_not_dead():
    source = SourceFactory(url=URL)
    assert (source.current_health, source.is_dead, source.reader_url) == (Health.UNCHECKED, False, URL)


def test_reader_url_is_the_archive_when_the_link_is_dead():
    assert checked(Health.DEAD, archived_url=ARCHIVE).reader_url == ARCHIVE


def test_reader_url_is_the_original_when_dead_without_an_archive():
    assert checked(Health.DEAD).reader_url == URL


def test_reader_url_is_the_original_while_the_link_works_even_with_an_archive():
    assert checked(Health.OK, archived_url=ARCHIVE).reader_url == URL
    assert checked(Health.UNREACHABLE, archived_url=ARCHIVE).reader_url == URL  # one failure is not enough


def test_editing_the_url_makes_the_old_health_void():
    source = checked(Health.DEAD, archived_url=ARCHIVE)
    source.url = "https://example.org/moved-report"
    source.save()
    assert (source.is_dead, source.current_health, source.reader_url) == (
        False,
        Health.UNCHECKED,
        "https://example.org/moved-report",
    )
    assert not Source.objects.dead().exists()
    assert list(Source.objects.with_health(Health.UNCHECKED)) == [source]


def test_dead_lists_only_dead_links_as_checked():
    dead = checked(Health.DEAD)
    checked(Health.OK)
    checked(Health.UNREACHABLE)
    edited = checked(Health.DEAD)
    Source.objects.filter(pk=edited.pk).update(url="https://example.org/elsewhere")
    assert list(Source.objects.dead()) == [dead]


def test_dead_without_archive_is_the_desks_to_do():
    bare = checked(Health.DEAD)
    checked(Health.DEAD, archived_url=ARCHIVE)
    assert list(Source.objects.dead_without_archive()) == [bare]


def test_due_for_check_takes_never_checked_stale_and_edited_sources():
    never = SourceFactory(url=URL)
    stale = checked(Health.OK, hours_ago=30)
    checked(Health.OK, hours_ago=2)
    edited = checked(Health.OK, hours_ago=2)
    Source.objects.filter(pk=edited.pk).update(url="https://example.org/new")
    SourceFactory(url="")  # nothing to check
    due = Source.objects.due_for_check(timedelta(hours=24))
    assert set(due) == {never, stale, edited}


def test_with_archive_fallback_annotates_the_reader_link():
    dead = checked(Health.DEAD, archived_url=ARCHIVE)
    fine = checked(Health.OK, archived_url=ARCHIVE)
    bare = checked(Health.DEAD)
    links = dict(Source.objects.with_archive_fallback().values_list("pk", "reader_link"))
    assert links == {dead.pk: ARCHIVE, fine.pk: URL, bare.pk: URL}
    for source in (dead, fine, bare):
        assert links[source.pk] == source.reader_url


def test_health_counts_every_state_in_one_query(django_assert_num_queries):
    checked(Health.DEAD)
    checked(Health.DEAD)
    checked(Health.OK)
    SourceFactory(url=URL)
    SourceFactory(url="")  # no URL, no health
    with django_assert_num_queries(1):
        counts = Source.objects.health_counts()
    assert counts == {"unchecked": 1, "ok": 1, "redirected": 0, "unreachable": 0, "dead": 2}


def test_last_status_shows_the_http_status_or_the_error_label():
    assert checked(Health.DEAD, last_status_code=404).last_status == "404"
    assert checked(Health.UNREACHABLE, last_error=CheckError.TIMEOUT).last_status == "timeout"
    assert SourceFactory().last_status == ""


def test_dead_uses_the_health_index(on_postgres):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = Source.objects.dead().explain()
        cursor.execute("RESET enable_seqscan")
    assert "source_health_idx" in plan
