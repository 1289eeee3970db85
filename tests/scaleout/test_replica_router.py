"""Read replicas: reader pages read from the `replica` alias; writes, transactions, admin and desk do not.

The `replica` alias here is a second connection to the same test database (a TEST MIRROR of default, as
settings.py declares it when DATABASE_REPLICA_URL is set), opened read-only, so a write sent to it would
fail. The test commits its data so that the second connection sees it.
"""

import copy

import pytest
from django.contrib.sessions.models import Session
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from newsroom import routers
from tests.reader.conftest import published


@pytest.fixture
def replica(transactional_db, settings):
    """A `replica` alias on the test database, added after the test case set up its databases."""
    settings.PAGE_CACHE = False  # every request reads the database
    alias = copy.deepcopy(connections["default"].settings_dict)
    alias["TEST"] = {"MIRROR": "default"}
    if alias["ENGINE"].endswith("postgresql"):
        alias["OPTIONS"] = {**alias.get("OPTIONS", {}), "options": "-c default_transaction_read_only=on"}
    connections.settings[routers.REPLICA] = alias
    try:
        # The test case allows the databases it knew when it started; connect before it is asked to.
        connections[routers.REPLICA].connect()
        yield connections[routers.REPLICA]
    finally:
        connections[routers.REPLICA].close()
        del connections[routers.REPLICA]
        del connections.settings[routers.REPLICA]


def queries(alias):
    return CaptureQueriesContext(connections[alias])


def test_reader_pages_read_from_the_replica(client, replica):
    article = published(title="Budget passes")
    client.get(article.get_absolute_url())  # the first read renders the article and stores it: the primary
    for url in (article.get_absolute_url(), "/", "/search/?q=budget"):
        with queries("replica") as on_replica, queries("default") as on_primary:
            response = client.get(url)
        assert response.status_code == 200, url
        assert len(on_replica) > 0, url
        assert not on_primary.captured_queries, (url, on_primary.captured_queries)
    assert "Budget passes" in response.content.decode()


def test_admin_desk_and_previews_stay_on_the_primary(client, replica, editor):
    article = published()
    client.force_login(editor)
    for url in ("/admin/articles/article/", f"/admin/articles/article/{article.pk}/change/", "/desk/"):
        with queries("replica") as on_replica:
            response = client.get(url)
        assert response.status_code == 200, url
        assert not on_replica.captured_queries, url
    with queries("replica") as on_replica:
        assert client.get(f"/preview/{article.pk}/").status_code == 200
    assert not on_replica.captured_queries


def test_the_router_sends_writes_transactions_and_sessions_to_the_primary(replica):
    router = routers.ReplicaRouter()
    assert router.db_for_read(Article) is None  # outside a reader page
    token = routers.start_replica_reads()
    try:
        assert router.db_for_read(Article) == "replica"
        assert router.db_for_write(Article) == "default"
        assert router.db_for_read(Session) == "default"
        with transaction.atomic():
            assert router.db_for_read(Article) == "default"
        # An object read from the replica is saved to the primary.
        article = published()
        loaded = Article.objects.get(pk=article.pk)
        assert loaded._state.db == "replica"
        loaded.standfirst = "Saved through the primary."
        loaded.save()
    finally:
        routers.stop_replica_reads(token)
    assert Article.objects.get(pk=article.pk).standfirst == "Saved through the primary."
    assert router.allow_migrate("replica", "articles") is False


def test_without_a_replica_the_router_stays_out_of_the_way(db):
    router = routers.ReplicaRouter()
    token = routers.start_replica_reads()
    try:
        assert router.db_for_read(Article) is None and router.db_for_write(Article) is None
    finally:
        routers.stop_replica_reads(token)
