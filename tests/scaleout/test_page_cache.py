"""The page cache: hits cost no query with a shared cache, and no cached page ever shows what it must not.

The shared-cache tests use Django's file-based cache, which like Redis is one store for every process
(test_two_app_servers.py runs the same against a real Redis and two gunicorn instances, with real
commits). Pages are invalidated after commit, so each change here runs inside `committed()`, which runs
the on-commit hooks as a real commit would (the test's own transaction is never committed).
"""

import datetime
import time

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from articles import publishing, sourcing, workflow
from articles.models import Article, Claim, Correction, Section, Tag
from newsroom import cache as cache_module
from reader import caching
from reader.models import RenderedRevision
from sources.models import Person, Source, reader_links_changed
from tests.factories import ArticleFactory, SourceFactory, UserFactory
from tests.reader.conftest import mark, published

from .servers import redis_server, wait_for_subscriber

HIT = caching.HIT_HEADER
pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_cache(settings, tmp_path):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    assert caching.is_shared()
    return caches["default"]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): change()` runs the change's after-commit hooks, as committing it would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def get(client, url, **headers):
    return client.get(url, headers=headers)


def cached(client, url):
    """Request `url` twice; the second answer must come from the cache."""
    first = get(client, url)
    assert first.status_code == 200
    second = get(client, url)
    assert second[HIT] == "hit", url
    assert second.content == first.content
    return second.content.decode()


def test_a_hit_costs_no_database_query(client, shared_cache, django_assert_num_queries):
    url = published(title="Budget passes").get_absolute_url()
    assert get(client, url)[HIT] == "miss"
    for page in (url, "/"):
        get(client, page)
        with django_assert_num_queries(0):
            response = get(client, page)
        assert response.status_code == 200 and response[HIT] == "hit"
    assert "Budget passes" in response.content.decode()


def test_a_hit_carries_the_security_and_caching_headers_of_the_page_it_came_from(client, shared_cache):
    # Hits are answered before the CSP, X-Frame-Options and session middleware run: the stored response
    # must bring their headers along, and the middleware above (HSTS, referrer policy) still runs.
    url = published().get_absolute_url()
    for page in (url, "/"):
        miss = get(client, page)
        hit = get(client, page)
        assert hit[HIT] == "hit"
        for header in (
            "Content-Security-Policy",
            "X-Frame-Options",
            "Referrer-Policy",
            "X-Content-Type-Options",
            "ETag",
            "Cache-Control",
            "Content-Type",
        ):
            assert hit.get(header) == miss.get(header) and hit.get(header), (page, header)
        assert not hit.cookies and "Cookie" not in hit.get("Vary", "")


def test_a_page_this_process_served_is_answered_from_its_copy_while_the_generation_holds(
    client, shared_cache
):
    url = published(title="Budget passes").get_absolute_url()
    get(client, url)
    assert get(client, url)[HIT] == "hit"
    # The shared entry is gone (evicted), but the generation has not moved: this process's copy is
    # exactly as fresh, and only the generation was read.
    shared_cache.delete(caching._key(get(client, url).wsgi_request))
    response = get(client, url)
    assert response[HIT] == "hit" and "Budget passes" in response.content.decode()


def test_a_new_generation_started_anywhere_retires_this_process_copy(client, shared_cache):
    article = published(title="Budget passes")
    url = article.get_absolute_url()
    get(client, url)
    assert get(client, url)[HIT] == "hit"
    # Another app server (or a cron job) changes the page and starts a new generation: this process saw
    # none of it, yet its next answer is read afresh.
    RenderedRevision.objects.filter(revision=article.live_revision_id).update(page="Budget fails")
    shared_cache.set(caching.GENERATION_KEY, "started-elsewhere", timeout=None)
    response = get(client, url)
    assert response[HIT] == "miss" and "Budget fails" in response.content.decode()


def test_a_cached_page_still_answers_conditional_requests_with_304(client, shared_cache):
    url = published().get_absolute_url()
    etag = get(client, url)["ETag"]
    response = get(client, url, if_none_match=etag)
    assert response.status_code == 304 and response["ETag"] == etag


def test_republishing_rebuilds_the_page_on_the_next_request(client, shared_cache, committed):
    article = published(title="Old headline")
    cached(client, article.get_absolute_url())
    cached(client, "/")
    article.title = "New headline"
    article.save()
    with committed():
        publishing.publish(article)

    for url in (article.get_absolute_url(), "/"):
        response = get(client, url)
        assert response[HIT] == "miss" and "New headline" in response.content.decode(), url


def _save(source):
    source.title = "Corrected report title"
    source.save()


def _update(source):  # as sources/archiving.py stores an archived copy, and says so
    Source.objects.filter(pk=source.pk).update(title="Corrected report title", updated_at=timezone.now())
    reader_links_changed.send(sender=Source, sources=[source])


def _bulk_update(source):  # as sources/health.py stores link health, and says so
    source.title = "Corrected report title"
    Source.objects.bulk_update([source], ["title"])
    reader_links_changed.send(sender=Source, sources=[source])


@pytest.mark.parametrize("change", [_save, _update, _bulk_update], ids=["save", "update", "bulk_update"])
def test_a_cited_source_edit_rebuilds_the_page_on_the_next_request(client, shared_cache, committed, change):
    article = published()
    url = article.get_absolute_url()
    assert "Corrected report title" not in cached(client, url)
    with committed():
        change(article.claims.get().citations.get().source)

    response = get(client, url)
    assert response[HIT] == "miss" and "Corrected report title" in response.content.decode()


def test_a_quoted_person_edit_rebuilds_the_page(client, shared_cache, committed):
    article = published()
    url = article.get_absolute_url()
    cached(client, url)
    with committed():
        person = Person.objects.get(pk=article.quotations.get().speaker_id)
        person.role = "Former mayor"
        person.save()
    assert "Former mayor" in get(client, url).content.decode()


def test_a_correction_shows_at_once(client, shared_cache, committed):
    article = published()
    cached(client, article.get_absolute_url())
    with committed():
        Correction.objects.create(article=article, text="The vote was on Wednesday, not Tuesday.")
    assert "not Tuesday" in get(client, article.get_absolute_url()).content.decode()


@pytest.mark.parametrize("change", ["section", "section name", "tag", "author", "author name", "verdict"])
def test_changes_to_what_surrounds_the_article_rebuild_it(client, shared_cache, committed, change):
    section = Section.objects.create(name="News", slug="news")
    author = UserFactory(first_name="Ada", last_name="Lovelace")
    article = published(section=section, authors=[author])
    url = article.get_absolute_url()
    cached(client, url)
    with committed():
        expected = _surroundings(change, article, section, author)
    assert expected in get(client, url).content.decode()


def _surroundings(change, article, section, author) -> str:
    if change == "section":
        article.section = Section.objects.create(name="Opinion", slug="opinion")
        article.save()
        publishing.publish(article)  # the section, tags and byline readers see are the live revision's
        expected = "Opinion"
    elif change == "section name":
        section.name = "Local news"
        section.save()
        expected = "Local news"
    elif change == "tag":
        Tag.objects.create(name="Elections", slug="elections").articles.add(article)
        publishing.publish(article)
        expected = "Elections"
    elif change == "author":
        article.authors.add(UserFactory(first_name="Grace", last_name="Hopper"))
        publishing.publish(article)
        expected = "Grace Hopper"
    elif change == "author name":
        author.last_name = "King"
        author.save()
        expected = "Ada King"
    else:
        claim = Claim.objects.get(article=article)
        claim.checked_at = timezone.make_aware(datetime.datetime(2031, 3, 4, 12))
        claim.save(update_fields=["checked_at"])
        expected = "4 March 2031"
    return expected


def test_an_unpublished_edit_of_a_live_article_never_shows(client, shared_cache, committed):
    article = published(title="Published headline")
    url = article.get_absolute_url()
    cached(client, url)
    with committed():
        article.title = "Xylophonic draft headline"
        article.body += "\n\nA Xylophonic paragraph nobody approved."
        article.save()
        secret = SourceFactory(title="Xylophonic ledger")
        sourcing.cite(mark(article, Claim, "Xylophonic paragraph"), [secret])

    for page in (url, url, "/", "/"):
        html = get(client, page).content.decode()
        assert "Published headline" in html and "Xylophonic" not in html


def test_saving_a_draft_keeps_the_cache(client, shared_cache, committed):
    url = published().get_absolute_url()
    cached(client, url)
    with committed():
        draft = ArticleFactory(title="Draft")
        draft.title = "Draft, edited"
        draft.save()
    assert get(client, url)[HIT] == "hit"


def test_unpublishing_takes_the_page_down_at_once(client, shared_cache, committed, editor):
    article = published(title="Withdrawn story")
    cached(client, article.get_absolute_url())
    cached(client, "/")
    with committed():
        workflow.move(article, "unpublish", user=editor, comment="Legal asked us to.")
    assert get(client, article.get_absolute_url()).status_code == 404
    assert "Withdrawn story" not in get(client, "/").content.decode()


def test_a_scheduled_article_is_not_shown_early_and_shows_when_its_time_comes(client, shared_cache):
    published(title="Already out")
    later = published(title="Embargoed story")
    appears = timezone.now() + datetime.timedelta(seconds=1.5)
    Article.objects.filter(pk=later.pk).update(published_at=appears)

    html = cached(client, "/")
    assert "Already out" in html and "Embargoed story" not in html
    assert get(client, later.get_absolute_url()).status_code == 404
    time.sleep(max(0.0, (appears - timezone.now()).total_seconds()) + 0.1)

    assert "Embargoed story" in get(client, "/").content.decode()
    assert get(client, later.get_absolute_url()).status_code == 200


def test_drafts_and_staff_previews_are_never_cached(client, shared_cache, editor):
    draft = ArticleFactory(title="Draft headline", slug="draft")
    assert get(client, "/articles/draft/").status_code == 404
    client.force_login(editor)
    preview = reverse("reader:preview", args=[draft.pk])
    first = get(client, preview)
    draft.title = "Draft headline, edited"
    draft.save()
    second = get(client, preview)
    assert HIT not in first and HIT not in second
    assert "Draft headline, edited" in second.content.decode()
    client.logout()
    assert get(client, "/articles/draft/").status_code == 404


def test_a_cache_that_is_down_slows_pages_but_does_not_break_them(
    client, shared_cache, committed, monkeypatch
):
    url = published().get_absolute_url()

    def down(*args, **kwargs):
        raise ConnectionError("cache unavailable")

    monkeypatch.setattr(shared_cache, "get_many", down)
    monkeypatch.setattr(shared_cache, "set", down)
    assert get(client, url).status_code == 200
    with committed():  # the new generation cannot be stored: logged, and the request goes on
        Correction.objects.create(article=Article.objects.get(), text="Fixed.")
    assert get(client, url).status_code == 200


# Local memory (the default): one cache per process, so entries are keyed by the page's validator.


def test_local_memory_keeps_no_page_the_article_rendering_is_stored_instead(client):
    assert not caching.is_shared()
    article = published()
    assert HIT not in get(client, article.get_absolute_url())
    assert HIT not in get(client, "/")
    assert RenderedRevision.objects.filter(revision=article.live_revision_id).exists()


def test_local_entries_follow_changes_made_in_another_process(client, monkeypatch):
    article = published()
    url = article.get_absolute_url()
    get(client, url)
    # Another gunicorn worker edits the source: its invalidation never reaches this process.
    monkeypatch.setattr(caching, "content_changed", lambda: None)
    source = article.claims.get().citations.get().source
    source.title = "Edited elsewhere"
    source.save()
    assert "Edited elsewhere" in get(client, url).content.decode()


def test_page_cache_can_be_turned_off(client, settings):
    settings.PAGE_CACHE = False
    url = published().get_absolute_url()
    get(client, url)
    assert HIT not in get(client, url)


def test_one_entry_per_page_whatever_else_the_query_string_says(client, shared_cache):
    published()
    cached(client, "/")
    assert get(client, "/?utm_source=newsletter")[HIT] == "hit"  # the view ignores it: same page
    assert HIT not in get(client, "/?page=not-a-number")  # made-up page numbers are not kept


def test_with_redis_a_hit_on_a_page_this_process_holds_asks_redis_nothing(
    client, settings, committed, monkeypatch
):
    monkeypatch.setattr(cache_module, "WATCH_MAX_AGE", 60.0)  # only a message may bring a change
    with redis_server() as url:
        settings.CACHES = {"default": {"BACKEND": "newsroom.cache.RedisCache", "LOCATION": url}}
        redis = caches["default"]._cache.get_client()

        def reads() -> int:
            stats = redis.info("commandstats")
            return sum(stats.get(f"cmdstat_{name}", {}).get("calls", 0) for name in ("get", "mget"))

        article = published(title="Budget passes")
        page = article.get_absolute_url()
        assert get(client, page)[HIT] == "miss"
        get(client, page)
        wait_for_subscriber(redis, caches["default"]._channel(caching.GENERATION_KEY))
        get(client, page)  # reads the subscription's confirmation, and the generation once more
        before = reads()
        assert [get(client, page)[HIT] for _ in range(5)] == ["hit"] * 5
        assert reads() == before
        # A change announces a new generation: the next answer is rendered again, at once.
        with committed():
            Correction.objects.create(article=article, text="The vote was on Wednesday, not Tuesday.")
        response = get(client, page)
        assert response[HIT] == "miss" and "not Tuesday" in response.content.decode()
