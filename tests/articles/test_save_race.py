"""A save that loses a race for the database shows the form again with the typed text, not a 503."""

import pytest
from django.db import OperationalError
from django.urls import reverse

from articles import races
from articles.admin import ArticleAdmin
from articles.models import Article, ArticleRevision
from tests.admin_forms import change_form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

TYPED = "The council met again on Wednesday, this time until midnight."


class DeadlockDetected(Exception):
    """Stands in for psycopg's error, which Django wraps as the cause of its OperationalError."""

    sqlstate = "40P01"


def postgres_deadlock() -> OperationalError:
    error = OperationalError("deadlock detected")
    error.__cause__ = DeadlockDetected()
    return error


@pytest.fixture
def save_fails_once(monkeypatch):
    """The next article save raises the error given; the one after saves."""
    failures = []
    save_model = ArticleAdmin.save_model

    def failing(self, request, obj, form, change):
        if failures:
            raise failures.pop()
        return save_model(self, request, obj, form, change)

    monkeypatch.setattr(ArticleAdmin, "save_model", failing)
    return failures.append


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.mark.parametrize(
    "error",
    [OperationalError("database is locked"), postgres_deadlock()],
    ids=["sqlite locked", "postgres deadlock"],
)
def test_a_lost_race_keeps_the_typed_text_and_saves_nothing(editor_client, save_fails_once, error):
    article = ArticleFactory()
    revisions = ArticleRevision.objects.count()
    data = change_form_data(editor_client.get(change_url(article)))
    data["body_html"] = TYPED
    save_fails_once(error)

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert races.MESSAGE in html
    assert f"{TYPED}</textarea>" in html
    saved = Article.objects.get(pk=article.pk)
    assert (saved.body, saved.version) == (article.body, article.version)
    assert ArticleRevision.objects.count() == revisions

    # Saving again, from the page as shown, goes through.
    assert editor_client.post(change_url(article), change_form_data(response)).status_code == 302
    assert Article.objects.get(pk=article.pk).body == TYPED


def test_a_database_that_is_away_still_gives_the_503_page(editor_client, save_fails_once):
    article = ArticleFactory()
    data = change_form_data(editor_client.get(change_url(article)))
    save_fails_once(OperationalError("connection to server at 127.0.0.1 failed: Connection refused"))

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 503


def test_only_lost_races_count():
    assert races.lost_race(OperationalError("database is locked"))
    assert races.lost_race(postgres_deadlock())
    assert not races.lost_race(OperationalError("server closed the connection unexpectedly"))


@pytest.mark.django_db(transaction=True)
def test_the_form_is_shown_again_outside_any_transaction(editor_client, save_fails_once):
    # As in production: no test transaction around the request, so nothing in showing the form may
    # need one (a row lock would raise outside a transaction on PostgreSQL).
    article = ArticleFactory()
    data = change_form_data(editor_client.get(change_url(article)))
    data["body_html"] = TYPED
    save_fails_once(OperationalError("database is locked"))

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 200
    assert races.MESSAGE in response.content.decode()
    assert Article.objects.get(pk=article.pk).body == article.body
