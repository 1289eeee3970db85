"""Claims and quotations keep their number of citations, and the desk reads its work from an index.

The desk's queue asked, for every claim and quotation, whether a citation exists (NOT EXISTS), OR-ed with
the other reasons an item needs work: no index can answer that, so PostgreSQL read all 150,000 claims
and 200,000 citations five times per page. Now:

- `num_citations` on claims and quotations is kept by the database itself, on PostgreSQL and SQLite:
  writing, deleting or moving a citation recounts its items, and any write to an item's row recounts
  it (so an item saved from a stale instance, or written with a wrong count, still stores the truth).
  Triggers, not Python, because citations are written from many places (the desk, the admin inlines,
  revision restores, imports, suggestions, fixtures, bulk_create, COPY in bench/dataset.py).
- The existing counts are filled in here (a data migration), before the triggers exist.
- Migration 0013 adds the desk's partial indexes on top (a separate migration, so that they are built
  after the backfill has committed and hold no entries for the rows it replaced).

SQLite note: SQLite drops a table's triggers when Django remakes the table (most AlterField operations).
A later migration that remakes articles_claim, articles_quotation or articles_citation on SQLite must
run `install_triggers` again (tests/desk/test_citation_counts.py fails if the triggers are missing).
"""

from django.db import migrations, models

ITEMS = {"articles_claim": "claim_id", "articles_quotation": "quotation_id"}

# --- PostgreSQL ------------------------------------------------------------------------------------

PG_ITEM_FUNCTION = """
CREATE OR REPLACE FUNCTION {table}_count_citations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.num_citations := (SELECT count(*) FROM articles_citation WHERE {column} = NEW.id);
    RETURN NEW;
END
$$
"""
PG_ITEM_TRIGGER = """
CREATE TRIGGER {table}_num_citations BEFORE INSERT OR UPDATE ON {table}
FOR EACH ROW EXECUTE FUNCTION {table}_count_citations()
"""
# One statement-level trigger per operation, with the rows it changed (transition tables): a COPY or a
# bulk_create of 200,000 citations recounts each item it touched once. Only the items whose count
# changed are written.
PG_RECOUNT = """
    UPDATE {table} AS item SET num_citations = counted.n
    FROM (
        SELECT touched.id, (SELECT count(*) FROM articles_citation c WHERE c.{column} = touched.id) AS n
        FROM (SELECT DISTINCT {column} AS id FROM {rows} WHERE {column} IS NOT NULL) AS touched
    ) AS counted
    WHERE item.id = counted.id AND item.num_citations <> counted.n;
"""
PG_CITATION_FUNCTION = """
CREATE OR REPLACE FUNCTION articles_citation_recount() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        {recount_new}
    END IF;
    IF TG_OP <> 'INSERT' THEN
        {recount_old}
    END IF;
    RETURN NULL;
END
$$
"""
PG_CITATION_TRIGGERS = [
    "CREATE TRIGGER articles_citation_recount_insert AFTER INSERT ON articles_citation "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION articles_citation_recount()",
    "CREATE TRIGGER articles_citation_recount_update AFTER UPDATE ON articles_citation "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION articles_citation_recount()",
    "CREATE TRIGGER articles_citation_recount_delete AFTER DELETE ON articles_citation "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION articles_citation_recount()",
]


def _postgresql_install():
    statements = []
    for table, column in ITEMS.items():
        statements.append(PG_ITEM_FUNCTION.format(table=table, column=column))
        statements.append(PG_ITEM_TRIGGER.format(table=table))

    def recount(rows):
        return "".join(PG_RECOUNT.format(table=t, column=c, rows=rows) for t, c in ITEMS.items())

    statements.append(
        PG_CITATION_FUNCTION.format(recount_new=recount("new_rows"), recount_old=recount("old_rows"))
    )
    statements.extend(PG_CITATION_TRIGGERS)
    return statements


def _postgresql_remove():
    statements = [
        f"DROP TRIGGER IF EXISTS articles_citation_recount_{op} ON articles_citation"
        for op in ("insert", "update", "delete")
    ]
    statements.append("DROP FUNCTION IF EXISTS articles_citation_recount()")
    for table in ITEMS:
        statements.append(f"DROP TRIGGER IF EXISTS {table}_num_citations ON {table}")
        statements.append(f"DROP FUNCTION IF EXISTS {table}_count_citations()")
    return statements


# --- SQLite (development) ---------------------------------------------------------------------------

SQLITE_RECOUNT = (
    "UPDATE {table} SET num_citations = "
    "(SELECT COUNT(*) FROM articles_citation WHERE {column} = {ref}.{column}) "
    "WHERE id = {ref}.{column};"
)
SQLITE_SELF_RECOUNT = (
    "UPDATE {table} SET num_citations = (SELECT COUNT(*) FROM articles_citation WHERE {column} = NEW.id) "
    "WHERE id = NEW.id AND num_citations <> (SELECT COUNT(*) FROM articles_citation WHERE {column} = NEW.id);"
)


def _sqlite_install():
    def recount(ref):
        return " ".join(SQLITE_RECOUNT.format(table=t, column=c, ref=ref) for t, c in ITEMS.items())

    statements = [
        "CREATE TRIGGER IF NOT EXISTS articles_citation_recount_insert AFTER INSERT ON articles_citation "
        f"BEGIN {recount('NEW')} END",
        "CREATE TRIGGER IF NOT EXISTS articles_citation_recount_delete AFTER DELETE ON articles_citation "
        f"BEGIN {recount('OLD')} END",
        "CREATE TRIGGER IF NOT EXISTS articles_citation_recount_update "
        "AFTER UPDATE OF claim_id, quotation_id ON articles_citation "
        f"BEGIN {recount('OLD')} {recount('NEW')} END",
    ]
    for table, column in ITEMS.items():
        # SQLite cannot change NEW in a BEFORE trigger: put the true count back after the write. (With
        # recursive triggers off, SQLite's default, this update does not fire the trigger again.)
        recount_self = SQLITE_SELF_RECOUNT.format(table=table, column=column)
        statements.append(
            f"CREATE TRIGGER IF NOT EXISTS {table}_num_citations_insert AFTER INSERT ON {table} "
            f"BEGIN {recount_self} END"
        )
        statements.append(
            f"CREATE TRIGGER IF NOT EXISTS {table}_num_citations_update "
            f"AFTER UPDATE OF num_citations ON {table} BEGIN {recount_self} END"
        )
    return statements


def _sqlite_remove():
    statements = [
        f"DROP TRIGGER IF EXISTS articles_citation_recount_{op}" for op in ("insert", "update", "delete")
    ]
    for table in ITEMS:
        statements.append(f"DROP TRIGGER IF EXISTS {table}_num_citations_insert")
        statements.append(f"DROP TRIGGER IF EXISTS {table}_num_citations_update")
    return statements


INSTALL = {"postgresql": _postgresql_install, "sqlite": _sqlite_install}
REMOVE = {"postgresql": _postgresql_remove, "sqlite": _sqlite_remove}


def install_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in INSTALL:
        raise NotImplementedError(f"No citation-count triggers for {vendor}: add them to this migration.")
    for statement in INSTALL[vendor]():
        schema_editor.execute(statement, params=None)


def remove_triggers(apps, schema_editor):
    for statement in REMOVE.get(schema_editor.connection.vendor, list)():
        schema_editor.execute(statement, params=None)


def backfill(apps, schema_editor):
    """Count the citations every item has now (only items with at least one are written)."""
    for table, column in ITEMS.items():
        schema_editor.execute(
            f"UPDATE {table} SET num_citations = "  # noqa: S608 (fixed table and column names)
            f"(SELECT COUNT(*) FROM articles_citation WHERE {column} = {table}.id) "
            f"WHERE id IN (SELECT {column} FROM articles_citation WHERE {column} IS NOT NULL)",
            params=None,
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0011_stored_search_document")]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="num_citations",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="citations"),
        ),
        migrations.AddField(
            model_name="quotation",
            name="num_citations",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="citations"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(install_triggers, remove_triggers),
    ]
