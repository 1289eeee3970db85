"""Indexes found missing by `make bench` on the generated newsroom (10,000 articles, 150,000 claims).

PostgreSQL only (SQLite keeps migrating without them), created with IF NOT EXISTS so that the model state
can catch up later with the same names in `Meta.indexes` (see the list below) without a clash.

- articles_article_live_idx: the reader lists (`live.latest()`: home, sections, tags, authors) read the
  newest published articles; a partial index in their order answers "newest 20" without sorting 8,000 rows.
- articles_admin_order_idx: the admin changelist's order (-published_at, -updated_at, -pk) for
  its first page of 100 without sorting every article.
- articles_claim_due_idx / articles_quotation_due_idx: the desk's "overdue" filter and count, on the few
  items that have a due date.
- articles_claim_desk_status_idx / articles_quot_desk_status_idx: the desk's "disputed" and "needs
  re-check" filters and counts: a handful of rows among 150,000.
- articles_event_claim_idx / articles_event_quotation_idx: each desk card's latest history entries (a
  per-item top-N by time).
"""

from django.db import migrations

INDEXES = {
    "articles_article_live_idx": (
        "ON articles_article (published_at DESC, id DESC) INCLUDE (live_revision_id, updated_at) "
        "WHERE status = 'published' AND live_revision_id IS NOT NULL"
    ),
    "articles_admin_order_idx": "ON articles_article (published_at DESC, updated_at DESC, id DESC)",
    "articles_claim_due_idx": "ON articles_claim (due_on) WHERE due_on IS NOT NULL",
    "articles_quotation_due_idx": "ON articles_quotation (due_on) WHERE due_on IS NOT NULL",
    "articles_claim_desk_status_idx": (
        "ON articles_claim (check_status) WHERE check_status IN ('disputed', 'needs_recheck')"
    ),
    "articles_quot_desk_status_idx": (
        "ON articles_quotation (check_status) WHERE check_status IN ('disputed', 'needs_recheck')"
    ),
    "articles_event_claim_idx": "ON articles_sourcingevent (claim_id, at DESC, id DESC) WHERE claim_id IS NOT NULL",
    "articles_event_quotation_idx": (
        "ON articles_sourcingevent (quotation_id, at DESC, id DESC) WHERE quotation_id IS NOT NULL"
    ),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} {definition}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_reader_search")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
