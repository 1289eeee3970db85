"""A large import reads outside any transaction and writes in short ones, so it never holds the database."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from articles.models import Article, Suggestion
from intake import importing, suggesting
from tests.factories import ArticleFactory

from .conftest import STORY


@pytest.fixture
def in_transaction_when(monkeypatch):
    """Wraps the parser and the suggestion engine; records, per call, whether a transaction was open."""
    seen: dict[str, list[bool]] = {"parse": [], "find": []}

    def watching(name, function):
        def wrapper(*args, **kwargs):
            seen[name].append(connection.in_atomic_block)
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(importing, "parse", watching("parse", importing.parse))
    monkeypatch.setattr(suggesting, "find", watching("find", suggesting.find))
    return seen


@pytest.mark.django_db(transaction=True)
def test_the_upload_page_parses_and_suggests_outside_any_transaction(editor_client, in_transaction_when):
    upload = SimpleUploadedFile("budget.txt", STORY.encode())
    response = editor_client.post(
        reverse("admin:articles_suggestion_import"), {"files": [upload], "suggest": "on"}
    )
    assert response.status_code == 200
    article = Article.objects.get()
    assert Suggestion.objects.filter(article=article).exists()
    assert in_transaction_when == {"parse": [False], "find": [False]}


@pytest.mark.django_db(transaction=True)
def test_the_import_command_parses_and_suggests_outside_any_transaction(tmp_path, in_transaction_when):
    path = tmp_path / "budget.txt"
    path.write_text(STORY)
    call_command("import_article", str(path))
    assert Suggestion.objects.filter(article=Article.objects.get()).exists()
    assert in_transaction_when == {"parse": [False], "find": [False]}


@pytest.mark.django_db(transaction=True)
def test_a_body_saved_while_the_engine_ran_is_read_again_under_the_lock(monkeypatch):
    article = ArticleFactory(body="Crime fell by 12 percent last year, according to the police.")
    engine = suggesting.find
    edited = "Meanwhile an editor added this.\n\n" + article.body

    def find_then_edit(body, *args, **kwargs):
        found = engine(body, *args, **kwargs)
        if body != edited:
            Article.objects.filter(pk=article.pk).update(body=edited)
        return found

    monkeypatch.setattr(suggesting, "find", find_then_edit)
    suggesting.suggest(article)

    stored = Suggestion.objects.get(article=article)
    assert edited[stored.start : stored.end] == stored.exact
    assert stored.paragraph == 1
