"""SUGGESTIONS_PER_ARTICLE bounds the suggestions awaiting a decision on one article, and says so."""

import pytest
from django.conf import settings as django_settings
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.body import normalize_body
from articles.models import Article, Suggestion
from intake import suggesting
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# Ten claims (one per paragraph) and one quotation (the same words each time): eleven suggestions.
BODY = normalize_body(
    "\n\n".join(
        f"Crime fell by {n} percent in district {n} last year, according to the police. "
        '"We did it," said Mayor Jane Doe.'
        for n in range(1, 11)
    )
)


@pytest.fixture
def cap_of_four(settings):
    settings.SUGGESTIONS_PER_ARTICLE = 4


def test_the_default_cap_is_500():
    assert django_settings.SUGGESTIONS_PER_ARTICLE == 500


def test_suggest_stores_at_most_the_cap_the_first_in_the_text_and_says_how_many_were_left(cap_of_four):
    article = ArticleFactory(body=BODY)

    result = suggesting.suggest(article)

    stored = list(Suggestion.objects.filter(article=article).order_by("start"))
    assert result.not_stored == 7
    assert [(s.kind, s.paragraph) for s in stored] == [
        (Suggestion.Kind.CLAIM, 0),
        (Suggestion.Kind.QUOTATION, 0),
        (Suggestion.Kind.CLAIM, 1),
        (Suggestion.Kind.CLAIM, 2),
    ]
    assert "7 more not stored (an article holds at most 4 suggestions awaiting a decision" in str(result)


def test_suggesting_again_after_deciding_some_brings_the_next_ones(cap_of_four):
    article = ArticleFactory(body=BODY)
    suggesting.suggest(article)
    first_two = Suggestion.objects.filter(article=article).order_by("start")[:2]
    Suggestion.objects.filter(pk__in=[s.pk for s in first_two]).update(status=Suggestion.Status.DISMISSED)

    again = suggesting.suggest(article)

    assert len(again.created) == 2
    assert again.not_stored == 5
    pending = Suggestion.objects.filter(article=article, status=Suggestion.Status.SUGGESTED)
    assert pending.count() == 4


def test_within_the_cap_nothing_is_said(settings):
    settings.SUGGESTIONS_PER_ARTICLE = 11
    result = suggesting.suggest(ArticleFactory(body=BODY))
    assert len(result.created) == 11
    assert result.not_stored == 0
    assert "not stored" not in str(result)


def test_suggest_again_in_the_admin_says_what_was_left_out(editor_client, cap_of_four):
    article = ArticleFactory(body=BODY)
    response = editor_client.post(reverse("admin:articles_suggestion_run", args=[article.pk]))
    assert response.status_code == 302
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("4 new suggestions" in m and "7 more not stored" in m for m in messages), messages
    assert Suggestion.objects.filter(article=article).count() == 4


def test_the_upload_page_says_what_was_left_out(editor_client, cap_of_four):
    upload = SimpleUploadedFile("district.txt", f"Crime in ten districts\n\n{BODY}\n".encode())
    response = editor_client.post(
        reverse("admin:articles_suggestion_import"), {"files": [upload], "suggest": "on"}
    )
    assert response.status_code == 200
    article = Article.objects.get()
    assert Suggestion.objects.filter(article=article).count() == 4
    assert "7 more not stored: an article holds at most 4 suggestions awaiting a decision" in (
        response.content.decode()
    )
