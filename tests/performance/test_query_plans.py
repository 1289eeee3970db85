"""EXPLAIN tests: the desk, search, the reader lists and the admin changelist are answered from indexes.

A generated newsroom (bench/dataset.py at a small scale: 1,000 articles, 15,000 claims, 20,000 citations)
is written once for the module, ANALYZEd, and rolled back at the end. Each test asks PostgreSQL for the
plan of the real QuerySet (`QuerySet.explain(format="json")`, so parameters are bound exactly as the page
binds them) and fails if a big table is read with a sequential scan.

The desk reads each item's stored citation count (`num_citations`, kept by triggers: migration 0012)
instead of a NOT EXISTS on citations, and adds the condition of its partial indexes (migration 0013), so
its queue, its counts and its article list read those indexes, never every claim, quotation or citation.
"""

import json

import pytest
from django.contrib.admin.sites import site
from django.db import connection, transaction
from django.test import RequestFactory

from articles.models import Article, Claim, Quotation
from bench.dataset import generate
from reader import live, search

SCALE = 0.1
BIG_TABLES = {
    "articles_article",
    "articles_articlerevision",
    "articles_claim",
    "articles_quotation",
    "articles_citation",
}


@pytest.fixture(scope="module")
def newsroom(django_db_setup, django_db_blocker):
    """The generated newsroom, kept for the module's tests and rolled back after them."""
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            yield None
            return
        with transaction.atomic():
            generate(SCALE, log=lambda *args: None)
            yield
            transaction.set_rollback(True)


@pytest.fixture
def planned(on_postgres, newsroom, db):
    return newsroom


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def plan_of(queryset) -> list[dict]:
    """Every node of the plan PostgreSQL chooses for `queryset`."""
    document = json.loads(queryset.explain(format="json"))
    return list(_nodes(document[0]["Plan"]))


def sequential_scans(nodes) -> set[str]:
    return {n["Relation Name"] for n in nodes if n["Node Type"] == "Seq Scan"} & BIG_TABLES


def indexes_used(nodes) -> set[str]:
    return {n["Index Name"] for n in nodes if "Index Name" in n}


def test_reader_home_list_reads_the_live_index(planned):
    nodes = plan_of(live.latest()[:20])
    assert not sequential_scans(nodes)
    assert "articles_article_live_idx" in indexes_used(nodes)


def test_search_reads_the_stored_document_through_its_index(planned):
    # At this test's 1,000 articles the planner may read the small revisions table whole (7 ms: the
    # stored document makes each test cheap); the articles are never read whole, and the GIN index on
    # the stored document serves the query as soon as whole-table reads cost more (1.6 ms here).
    nodes = plan_of(search.newest_matches("bench"))
    assert not sequential_scans(nodes) - {"articles_articlerevision"}
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
        try:
            steered = plan_of(search.newest_matches("bench"))
        finally:
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_indexscan")
    assert "articles_revision_search_gin" in indexes_used(steered)


def test_admin_article_changelist_reads_articles_in_index_order(planned, editor):
    request = RequestFactory().get("/admin/articles/article/")
    request.user = editor
    changelist = site._registry[Article].get_changelist_instance(request)
    nodes = plan_of(changelist.queryset[: changelist.list_per_page])
    assert not sequential_scans(nodes)
    used = indexes_used(nodes)
    assert "articles_admin_order_idx" in used
    # The sourcing column counts each listed article's items by index, and those needing a source from
    # the desk's partial indexes (anything needing a source is on the desk).
    assert {"articles_claim_article_id_bcc33cd8", "articles_quotation_article_id_76ad669a"} <= used
    assert {"articles_claim_desk_idx", "articles_quotation_desk_idx"} <= used


DESK_TABLES = {"articles_claim", "articles_quotation", "articles_citation"}
QUEUE_INDEXES = {"articles_claim_queue_idx", "articles_quotation_queue_idx"}
# The partial indexes of what may be on the desk (migration 0013): a few items of every kind, not all.
MAY_NEED_WORK_INDEXES = {"articles_claim_desk_idx", "articles_quotation_desk_idx"}
# Narrower partial indexes (migration 0009) a filter may read instead: disputed / re-check, due dates.
NARROW_INDEXES = {
    "articles_claim_desk_status_idx",
    "articles_quot_desk_status_idx",
    "articles_claim_due_idx",
    "articles_quotation_due_idx",
}


def desk_plan(queryset) -> list[dict]:
    """The plan of a desk query, first as chosen, then with sequential scans ruled out.

    On this module's data set (15,000 claims, written and read in one uncommitted transaction, so the
    triggers' updates leave two versions of most claims and no page is all-visible) PostgreSQL may read
    the claims whole. On the vacuumed 150,000-claim newsroom it reads the desk's partial indexes only
    (see the README's bench section). So the steered plan must use the desk's indexes — not some other
    index over every item — and neither plan may read any citation: the count is stored on the item.
    """
    chosen = plan_of(queryset)
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            steered = plan_of(queryset)
        finally:
            cursor.execute("RESET enable_seqscan")
    for nodes in (chosen, steered):
        assert "articles_citation" not in {n.get("Relation Name") for n in nodes}
    assert not sequential_scans(steered) & DESK_TABLES
    return steered


def _not_whole_table_index_scans(nodes):
    """The desk's tables are only read through the desk's indexes (no full scan of another index)."""
    return (
        {
            n["Index Name"]
            for n in nodes
            if n.get("Relation Name") in DESK_TABLES and "Index Name" in n and "Index Cond" not in n
        }
        - QUEUE_INDEXES
        - MAY_NEED_WORK_INDEXES
        - {"articles_claim_desk_status_idx", "articles_quot_desk_status_idx"}
    )


def page_plans(filters, user, overdue=False):
    """The plans of the queries that read the first page of the queue (each kind's, or of its overdue
    part), as `desk.queue.Queue` runs them."""
    from desk import queue

    ordered = queue.rows(queue.Filters(**filters), user=user).ordered(overdue)
    return {name: desk_plan(rows[:20]) for name, rows in ordered}


def test_a_page_of_the_desk_queue_is_read_from_the_front_of_its_index(planned, factchecker):
    for name, nodes in page_plans({}, factchecker).items():
        assert f"articles_{name}_queue_idx" in indexes_used(nodes)
        assert not [n for n in nodes if n["Node Type"] in ("Sort", "Incremental Sort")]  # none sorted
        assert not _not_whole_table_index_scans(nodes)


def test_the_overdue_part_of_the_queue_reads_the_desk_indexes(planned, factchecker):
    for nodes in page_plans({}, factchecker, overdue=True).values():
        assert indexes_used(nodes) & (QUEUE_INDEXES | NARROW_INDEXES)
        assert not _not_whole_table_index_scans(nodes)


@pytest.mark.parametrize(
    "filters",
    [
        {"status": "unsourced"},
        {"status": "disputed"},
        {"status": "after_publication"},
        {"kind": "claim"},
        {"overdue": True},
    ],
)
def test_filtered_desk_queue_reads_indexes_only_where_they_narrow_it(planned, factchecker, filters):
    for nodes in page_plans(filters, factchecker).values():
        assert indexes_used(nodes)
        assert not _not_whole_table_index_scans(nodes)


def test_desk_queue_of_one_article_uses_indexes(planned, factchecker):
    article = Article.objects.get(slug="bench-article")
    from desk import queue

    for _name, rows in queue.rows(queue.Filters(article=article.pk), user=factchecker).ordered(False):
        assert not sequential_scans(plan_of(rows[:20]))


def test_desk_counts_read_the_desk_indexes(planned, factchecker):
    from desk import queue

    nodes = desk_plan(queue.counts_query(user=factchecker))
    assert indexes_used(nodes) >= QUEUE_INDEXES
    assert not _not_whole_table_index_scans(nodes)


def test_desk_article_filter_walks_the_latest_edited_articles(planned):
    from desk import queue

    nodes = desk_plan(queue.articles_with_work().order_by("-updated_at")[: queue.ARTICLE_CHOICES])
    assert indexes_used(nodes) & QUEUE_INDEXES
    assert not _not_whole_table_index_scans(nodes)


# Trigram indexes of the columns staff search with `icontains` (migration 0022).
TRIGRAM_INDEXES = {
    "articles_article_title_trgm",
    "articles_article_slug_trgm",
    "articles_article_standfirst_trgm",
    "articles_claim_exact_trgm",
    "articles_quotation_exact_trgm",
}


def steered_plan(queryset) -> list[dict]:
    """The plan with sequential scans ruled out: at this module's size PostgreSQL may read a table
    whole; what matters is that an index can answer the query instead (without one, the plan keeps its
    sequential scan)."""
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            return plan_of(queryset)
        finally:
            cursor.execute("RESET enable_seqscan")


def test_the_admin_article_search_reads_the_trigram_indexes(planned, editor):
    request = RequestFactory().get("/admin/articles/article/", {"q": "zqxjv"})
    request.user = editor
    changelist = site._registry[Article].get_changelist_instance(request)
    # Which articles match, as the list's count reads them (a page of them may instead walk the list's
    # order index, where PostgreSQL expects matches to be many).
    nodes = steered_plan(changelist.queryset.order_by().values("pk"))
    assert not sequential_scans(nodes)
    assert {"articles_article_title_trgm", "articles_article_standfirst_trgm"} <= indexes_used(nodes)


def test_the_desk_and_admin_item_search_reads_each_item_by_index(planned, factchecker):
    from desk import queue

    for _name, rows in queue.rows(queue.Filters(search="zqxjv"), user=factchecker).parts:
        nodes = steered_plan(rows.order_by().values("pk"))  # which items match, as the counts read them
        # The articles whose title matches through its trigram index; the items either through theirs
        # (with the matching articles' items by the foreign key's index) or, where the desk holds few,
        # from the desk's own index: never every item, nor a join with every article.
        assert not sequential_scans(nodes)
        assert "articles_article_title_trgm" in indexes_used(nodes)
        assert not _not_whole_table_index_scans(nodes)


@pytest.mark.parametrize("model", [Claim, Quotation])
def test_the_admin_item_search_reads_the_trigram_indexes(planned, editor, model):
    request = RequestFactory().get("/", {"q": "zqxjv"})
    request.user = editor
    found, _ = site._registry[model].get_search_results(request, model.objects.all(), "zqxjv")
    nodes = steered_plan(found.order_by().values("pk"))
    assert not sequential_scans(nodes)
    name = model._meta.model_name
    assert {f"articles_{name}_exact_trgm", "articles_article_title_trgm"} <= indexes_used(nodes)
