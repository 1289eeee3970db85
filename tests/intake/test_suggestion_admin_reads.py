"""The suggestion admin reads an article's title, never its body: imported bodies can be megabytes."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.body import normalize_body
from articles.models import Suggestion
from intake import suggesting
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:articles_suggestion_changelist"
BODY = normalize_body(
    "Crime fell by 12 percent last year, according to the Springfield Police Department.\n\n"
    '"We are proud of this work," said Mayor Jane Doe. "It is only the start."\n\n' + "Filler text. " * 5000
)
ARTICLE_COLUMN = re.compile(r'"articles_article"\."(\w+)"')
# Every page: session, user, the user's and the group's permissions. The changelist then reads the
# article filter's choices, one count, the suggestions with their article and speaker, and their sources.
CHANGELIST_QUERIES = 8


def article_columns_read(queries) -> set[str]:
    """The article columns any SELECT reads, in its select list (between SELECT and its FROM)."""
    columns = set()
    for query in queries:
        sql = query["sql"]
        if sql.startswith("SELECT"):
            columns |= set(ARTICLE_COLUMN.findall(sql.split(" FROM ", 1)[0]))
    return columns


@pytest.fixture
def articles():
    made = [ArticleFactory(body=BODY, standfirst="A standfirst", editorial_note="A note") for _ in range(3)]
    for article in made:
        suggesting.suggest(article)
    return made


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, queries


def test_the_changelist_reads_the_articles_titles_and_not_their_text(editor_client, articles):
    response, queries = get(editor_client, reverse(CHANGELIST))
    # Its title, and what the right to correct the suggestion depends on: never the article's text.
    rights = {"status", "created_by_id", "locked_by_id", "locked_at", "live_revision_id"}
    assert article_columns_read(queries) <= {"id", "title", *rights}
    assert articles[0].title in response.content.decode()
    assert len(queries) == CHANGELIST_QUERIES


def test_the_changelist_of_one_article_reads_its_title_and_not_its_text(editor_client, articles):
    url = f"{reverse(CHANGELIST)}?article__id__exact={articles[1].pk}&status__exact=suggested"
    response, queries = get(editor_client, url)
    # Its title, and what the right to correct the suggestion depends on: never the article's text.
    rights = {"status", "created_by_id", "locked_by_id", "locked_at", "live_revision_id"}
    assert article_columns_read(queries) <= {"id", "title", *rights}
    html = response.content.decode()
    assert "Crime fell by 12 percent" in html
    assert len(queries) == CHANGELIST_QUERIES


def test_the_query_count_does_not_depend_on_the_number_of_articles(editor_client, articles):
    _, few = get(editor_client, reverse(CHANGELIST))
    for _ in range(5):
        suggesting.suggest(ArticleFactory(body=BODY))
    _, many = get(editor_client, reverse(CHANGELIST))
    assert len(many) == len(few) == CHANGELIST_QUERIES


def test_a_suggestions_page_reads_no_article_text(editor_client, articles):
    suggestion = Suggestion.objects.filter(article=articles[0]).first()
    _, queries = get(editor_client, reverse("admin:articles_suggestion_change", args=[suggestion.pk]))
    # Its title, and what the right to correct the suggestion depends on: never the article's text.
    rights = {"status", "created_by_id", "locked_by_id", "locked_at", "live_revision_id"}
    assert article_columns_read(queries) <= {"id", "title", *rights}
