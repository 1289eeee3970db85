"""Search: published live revisions only; ranked with highlighted snippets on PostgreSQL."""

import re

import pytest
from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import ArticleRevision, Section
from newsroom.text import fold
from reader import search
from tests.sqlite import run_on_sqlite

from .conftest import SECRET, many_published, published

pytestmark = pytest.mark.django_db


def test_search_finds_published_articles_by_their_live_words(client, site):
    html = client.get("/search/?q=council").content.decode()
    assert "1 result for" in html and "Council passes the budget" in html


def test_search_never_finds_unpublished_words(client, site):
    assert list(search.search(SECRET)) == []
    html = client.get(f"/search/?q={SECRET}").content.decode()
    assert "0 results" in html


def test_empty_search_shows_the_form_only(client, site):
    html = client.get("/search/").content.decode()
    assert 'id="search-q"' in html and "result" not in html


def test_snippet_highlights_the_match_and_escapes_the_body(client):
    published(title="Budget row", body="Fees for parking & towing rose from 5 < 7 dollars.")
    html = client.get("/search/?q=parking").content.decode()
    [snippet] = re.findall(r'<p class="snippet">(.*?)</p>', html, flags=re.DOTALL)
    assert "<mark>parking</mark>" in snippet
    assert "&amp; towing" in snippet and "5 &lt; 7" in snippet
    assert re.sub(r"</?mark>", "", snippet).count("<") == 0


def test_search_pages_say_whether_more_follow_from_the_total_in_one_query(client, monkeypatch):
    monkeypatch.setattr("reader.views.PAGE_SIZE", 2)
    many_published(5, title="Harbour dredging update")
    pages = []
    for number in (1, 2, 3):
        client.get(f"/search/?q=harbour&page={number}")  # the teasers are rendered and kept
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/search/?q=harbour&page={number}")
        html = response.content.decode()
        pages.append((html.count('<p class="snippet">'), 'rel="next"' in html, len(queries)))
    assert pages == [(2, True, 1), (2, True, 1), (1, False, 1)]
    assert client.get("/search/?q=harbour&page=4").status_code == 404


def test_highlight_marks_pairs_of_markers_and_escapes_everything_else():
    marked = f"a <b> {search._START}x & y{search._STOP} c {search._START}z"
    html = search._highlight(marked)
    assert html == f"a &lt;b&gt; <mark>x &amp; y</mark> c {search._START}z"


def test_snippets_are_djangos_search_headline_with_the_searchs_options_on_postgres(on_postgres):
    query = SearchQuery("parks", config=search.CONFIG)
    django = ArticleRevision.objects.annotate(
        h=SearchHeadline("body", query, config=search.CONFIG, **search._HEADLINE)
    )
    options = django.query.sql_with_params()[1][-1]  # as Django quotes them
    sql, params = search._statement(connection.alias, 1, 0, 20)
    assert "ts_headline(" in sql
    assert options in params


def test_search_ranks_title_matches_above_body_matches(on_postgres, client):
    body_only = published(
        title="Late night session", body="The mayor spoke about the aquarium plan at length."
    )
    in_title = published(title="Aquarium plan approved", body="The council voted for it on Tuesday.")
    results = list(search.search("aquarium"))
    assert [r.article_id for r in results] == [in_title.pk, body_only.pk]
    assert results[0].rank > results[1].rank


def test_search_stems_words_and_searches_quotations(on_postgres, client):
    article = published(title="Parks", body='"We are building parks for everyone," said the mayor.')
    assert [r.article_id for r in search.search("build park")] == [article.pk]


def test_snippet_marks_stemmed_matches_on_postgres(on_postgres, client):
    published(title="Parks", body="Several new playgrounds were opened across the city this spring.")
    html = client.get("/search/?q=playground").content.decode()
    assert "<mark>playgrounds</mark>" in html


def test_search_document_is_the_indexed_expression_on_postgres(on_postgres):
    published(title="Index check")
    query = ArticleRevision.objects.annotate(document=search.Document()).filter(
        document=SearchQuery("index", config=search.CONFIG)
    )
    with connection.cursor() as cursor:
        # Only a bitmap scan on an index whose expression matches can serve the query now: a plain
        # scan of some other index (which the planner may prefer on a tiny table) is ruled out too.
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
        sql, params = query.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)  # noqa: S608 (Django's own compiled query)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_indexscan")
    assert "articles_revision_search_gin" in plan


def test_search_document_is_kept_in_the_revision_row_on_postgres(on_postgres):
    # Search tests and ranks revisions one by one: a document out of line costs a TOAST lookup each
    # time (migration 0024). A migration that generates the column again must keep it in the row.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute WHERE attrelid = 'articles_articlerevision'::regclass"
            " AND attname = 'search_document'"
        )
        assert cursor.fetchone() == ("m",)


def test_search_runs_the_same_queries_with_5_and_200_articles(client):
    counts = []
    for new in (5, 195):
        many_published(new)
        client.get("/search/?q=council")  # the first read stores the renderings of the results it lists
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/search/?q=council")
        assert response.status_code == 200
        counts.append(len(queries))
    assert "200 results" in response.content.decode()
    assert counts[0] == counts[1]


SHAPES = [
    "harbour",
    "Harbours lighthouse",
    "lighthouse harbour board",
    "HARBOUR -martinez",
    "“?!”",
    "Martínez",
]


@pytest.mark.parametrize("typed", SHAPES)
def test_a_search_page_shows_what_the_search_query_finds_on_postgres(on_postgres, typed):
    filler = " ".join(f"Nothing of note happened on day {n}." for n in range(60))
    published(title="Harbour news", body=f"{filler} The harbour board met. {filler} The lighthouse shone.")
    published(title="Lighthouse closes", body=f"Keepers left. {filler} Judge Ana Martínez ruled.")
    published(title="Harbour and lighthouse", standfirst="Both of them.", body=filler)
    expected = [
        (r.article_id, r.headline, r.total, r.rank)
        for r in search.search(typed).select_related("article")[:20]
    ]

    shown = [(r.article_id, r.headline, r.total, r.rank) for r in search.Results(typed)[0:20]]

    assert shown == expected
    assert typed == "“?!”" or shown  # every other shape finds something


def test_a_search_statement_is_compiled_once_for_each_shape_on_postgres(on_postgres):
    published(title="Harbour lighthouse")
    search._statement.cache_clear()
    for typed in ("harbour", "lighthouse", "harbour lighthouse", "lighthouse harbour"):
        assert [r.total for r in search.Results(typed)[0:20]] == [1]
    assert search._statement.cache_info().misses == 2  # one word, two words
    assert [r.total for r in search.Results("harbour")[20:40]] == []
    assert search._statement.cache_info().misses == 3  # another page


def test_search_is_planned_for_its_words_however_often_it_runs_on_postgres(on_postgres, client):
    """A prepared statement comes to be planned once for any words, and a plan for any words reads every
    match of a common word through the index: the search's statements are never prepared."""
    published(title="Council budget")
    for _ in range(8):  # beyond psycopg's prepare threshold and PostgreSQL's five custom plans
        assert "1 result for" in client.get("/search/?q=council").content.decode()
        list(Section.objects.all())  # an ordinary statement, which is prepared
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("articles_section" in sql for sql in prepared)
    assert [sql for sql in prepared if "ts_rank" in sql or "ts_headline" in sql] == []


def test_only_the_newest_matches_are_ranked_and_listed_on_postgres(on_postgres, monkeypatch):
    from django.utils import timezone

    from articles.models import Article

    articles = [published(title=f"Harbour story {n}") for n in range(3)]
    for age, article in enumerate(articles):  # the first is the newest
        Article.objects.filter(pk=article.pk).update(
            published_at=timezone.now() - timezone.timedelta(days=age + 1)
        )
    monkeypatch.setattr(search, "RANK_WINDOW", 2)

    found = [r.article_id for r in search.search("harbour")]

    assert sorted(found) == sorted(a.pk for a in articles[:2])


@pytest.mark.parametrize("query", ["harbour", "harbour lighthouse", "lighthouse harbour", "harbours"])
def test_snippets_mark_the_words_however_deep_in_a_long_body_on_postgres(on_postgres, client, query):
    filler = " ".join(
        f"Nothing of note happened on day {n}." for n in range(400)
    )  # about 14,000 characters
    published(
        title="Coast news", body=f"{filler} The harbour board met. {filler} The lighthouse keeper retired."
    )
    html = client.get("/search/", {"q": query}).content.decode()
    snippet = re.search(r'<p class="snippet">(.*?)</p>', html, flags=re.DOTALL).group(1)
    for word in query.split():
        assert f"<mark>{word.removesuffix('s')}</mark>" in snippet


def test_snippets_find_an_accented_word_deep_in_the_body_and_show_the_opening_for_a_title_match(
    on_postgres, client
):
    filler = " ".join(f"Nothing of note happened on day {n}." for n in range(100))
    published(title="Court news", body=f"{filler} Judge Ana Martínez ruled. {filler}")
    published(title="Lighthouse closes", body=f"Keepers left the island. {filler}")
    deep = client.get("/search/", {"q": "martinez"}).content.decode()
    assert "<mark>Martínez</mark>" in deep
    title_only = client.get("/search/", {"q": "lighthouse"}).content.decode()
    snippet = re.search(r'<p class="snippet">(.*?)</p>', title_only, flags=re.DOTALL).group(1)
    assert snippet.startswith("Keepers left the island.") and "<mark>" not in snippet


ACCENTS = [("Gascon", "Gascón"), ("gascón", "Gascon"), ("GASCÓN", "Gascón"), ("Siddall", "SIDDALL")]


@pytest.mark.parametrize(("typed", "written"), ACCENTS)
def test_search_ignores_accents_and_case_on_postgres(on_postgres, client, typed, written):
    article = published(title=f"{written} cites research", body=f"The office of {written} said so.")
    assert [r.article_id for r in search.search(typed)] == [article.pk]
    html = client.get(f"/search/?q={typed}").content.decode()
    assert f"<mark>{written}</mark>" in html


SQLITE_SEARCH = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from reader import search
from tests.sqlite import run_on_sqlite
from tests.reader.conftest import published
published(title="Gascón cites research", body="The office of Gascón said so.", slug="accented")
published(title="Gascon again", body="Without the accent this time.", slug="plain")
published(title="Budget", body="Nothing to do with it.", slug="other")
found = {q: sorted(r.slug for r in search.search(q)) for q in ("Gascon", "gascón", "GASCÓN")}
[accented] = [r for r in search.search("gascon") if r.slug == "accented"]
snippet = str(search.snippet(accented, "gascon"))
page = [(r.total, str(search.snippet(r, "gascon"))) for r in search.Results("gascon")[0:20]]
print(json.dumps({"found": found, "snippet": snippet, "page": page}))
"""


def test_search_ignores_accents_and_case_on_sqlite(tmp_path):
    probe = run_on_sqlite(SQLITE_SEARCH, tmp_path / "search.sqlite3")
    assert probe["found"] == {q: ["accented", "plain"] for q in ("Gascon", "gascón", "GASCÓN")}
    assert "<mark>Gascón</mark>" in probe["snippet"]
    assert [total for total, _ in probe["page"]] == [2, 2]
    assert any("<mark>Gascón</mark>" in snippet for _, snippet in probe["page"])


def test_folding_keeps_every_character_in_its_place():
    assert fold("Gascón, ÉTÉ, straße") == "gascon, ete, straße"
    assert len(fold("İstanbul ﬁ")) == len("İstanbul ﬁ")
