"""Two app servers (gunicorn, two workers each) on one PostgreSQL and one Redis, as behind a load balancer.

Both serve the same pages from the shared page cache, and an edit published through one server, or made
through the ORM by another process (a cron job, a shell), is seen at once through the other: no server
keeps a stale copy. Needs PostgreSQL and `redis-server` (skipped with the command to install it).
"""

import pytest

from articles.models import Correction
from tests.reader.conftest import published

from .servers import Browser, form_fields, get, gunicorn, needs_postgres, redis_server

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

HOST = {"Host": "localhost"}  # a reverse proxy sends every server the site's one name
PASSWORD = "two-servers-test-password"


def page(server, url):
    response = get(server.base, url, headers=HOST)
    assert response.status == 200, (server.base, url, response.status, response.body[:500])
    return response


def test_two_app_servers_share_one_cache_and_see_each_others_edits(editor, settings):
    needs_postgres()
    with redis_server() as redis_url:
        # This process edits through the ORM, with the project's cache backend: it must start new
        # generations in the same Redis and tell the servers.
        settings.CACHES = {"default": {"BACKEND": "newsroom.cache.RedisCache", "LOCATION": redis_url}}
        article = published(title="First headline")
        url = article.get_absolute_url()
        editor.set_password(PASSWORD)
        editor.save()
        with gunicorn(REDIS_URL=redis_url) as one, gunicorn(REDIS_URL=redis_url) as two:
            first = page(one, url)
            same = page(two, url)
            assert first.header("x-page-cache") == "miss" and same.header("x-page-cache") == "hit"
            assert same.body == first.body and "First headline" in same.body
            assert page(two, "/").body == page(one, "/").body

            # An editor publishes a new version through server one...
            browser = Browser(one.base)
            browser.login("editor", PASSWORD)
            change = f"/admin/articles/article/{article.pk}/change/"
            fields = [
                (name, "Second headline" if name == "title" else value)
                for name, value in form_fields(browser.get(change).body, "article_form")
            ]
            answer = browser.post(change, [*fields, ("_publish", "Save and publish changes")])
            assert answer.status == 302, answer.body[:2000]

            # ...and server two shows it on the very next request, on the article page and the home page.
            for server in (two, one):
                for path in (url, "/"):
                    body = page(server, path).body
                    assert "Second headline" in body and "First headline" not in body, (server, path)

            # A change made outside both servers (the ORM, as cron jobs do) reaches both at once.
            source = article.claims.get().citations.get().source
            source.title = "Renamed annual report"
            source.save()
            Correction.objects.create(article=article, text="An earlier version misstated the date.")
            for server in (one, two):
                body = page(server, url).body
                assert "Renamed annual report" in body and "misstated the date" in body
            assert page(one, url).header("x-page-cache") == "hit"
