"""The desk's state kept by the database: whether an item needs work, and its place in the queue.

The desk asked, for every claim and quotation, whether any of its reasons to need work held, joining
every article for the reasons that depend on it (its state; when it went live), and sorted the whole
queue for each page: its cost grew with the newsroom. Now:

- each item carries a copy of what those reasons read of its article (`article_status`,
  `article_published_at`, `article_publish_at`), kept by triggers on PostgreSQL and SQLite: writing an
  item copies them from its article, and changing an article's state or times copies them to its items.
  Triggers, like the citation counts of migration 0012, because articles and items are written from
  many places (the admin, the workflow, the scheduler, imports, bulk writes, COPY in bench/dataset.py);
- `needs_work`, `source_first` and `goes_live` are generated columns computed from the rules in
  `articles.models.work_reasons` as they were when this migration was written;
- `articles_claim_queue_idx` / `articles_quotation_queue_idx` hold the items that need work in the
  queue's order, with what the desk's counts and filters read, so a page of the queue is read from the
  front of an index; `articles_article_edited_idx` walks articles newest edit first for its article
  filter.

SQLite remakes a table to add a stored generated column, and refuses while triggers name it: this
migration lifts migration 0012's triggers there and installs them again after.
"""

import importlib

from django.db import migrations, models

ITEMS = ("articles_claim", "articles_quotation")
COPIED = {"article_status": "status", "article_published_at": "published_at", "article_publish_at": "publish_at"}

# --- PostgreSQL ------------------------------------------------------------------------------------

PG_ITEM_FUNCTION = """
CREATE OR REPLACE FUNCTION articles_item_article_state() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT status, published_at, publish_at
    INTO NEW.article_status, NEW.article_published_at, NEW.article_publish_at
    FROM articles_article WHERE id = NEW.article_id;
    RETURN NEW;
END
$$
"""
PG_ITEM_TRIGGER = """
CREATE TRIGGER {table}_article_state BEFORE INSERT OR UPDATE ON {table}
FOR EACH ROW EXECUTE FUNCTION articles_item_article_state()
"""
PG_ARTICLE_FUNCTION = """
CREATE OR REPLACE FUNCTION articles_article_item_state() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE articles_claim SET article_status = NEW.status WHERE article_id = NEW.id;
    UPDATE articles_quotation SET article_status = NEW.status WHERE article_id = NEW.id;
    RETURN NULL;
END
$$
"""
# Each item's own trigger then copies all three from the article row (already changed).
PG_ARTICLE_TRIGGER = """
CREATE TRIGGER articles_article_item_state AFTER UPDATE OF status, published_at, publish_at
ON articles_article FOR EACH ROW
WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.published_at IS DISTINCT FROM NEW.published_at
      OR OLD.publish_at IS DISTINCT FROM NEW.publish_at)
EXECUTE FUNCTION articles_article_item_state()
"""


def _postgresql_install():
    statements = [PG_ITEM_FUNCTION]
    statements += [PG_ITEM_TRIGGER.format(table=table) for table in ITEMS]
    return [*statements, PG_ARTICLE_FUNCTION, PG_ARTICLE_TRIGGER]


def _postgresql_remove():
    return [
        "DROP TRIGGER IF EXISTS articles_article_item_state ON articles_article",
        "DROP FUNCTION IF EXISTS articles_article_item_state()",
        *(f"DROP TRIGGER IF EXISTS {table}_article_state ON {table}" for table in ITEMS),
        "DROP FUNCTION IF EXISTS articles_item_article_state()",
    ]


# --- SQLite (development) ---------------------------------------------------------------------------

SQLITE_COPY = "UPDATE {table} SET {columns} WHERE id = NEW.id;"


def _sqlite_install():
    statements = []
    for table in ITEMS:
        columns = ", ".join(
            f"{mine} = (SELECT {theirs} FROM articles_article WHERE id = NEW.article_id)"
            for mine, theirs in COPIED.items()
        )
        copy = SQLITE_COPY.format(table=table, columns=columns)
        # SQLite cannot change NEW in a BEFORE trigger: copy after the write. (With recursive triggers
        # off, SQLite's default, this update does not fire the trigger again.)
        statements.append(
            f"CREATE TRIGGER IF NOT EXISTS {table}_article_state_insert AFTER INSERT ON {table} "
            f"BEGIN {copy} END"
        )
        statements.append(
            f"CREATE TRIGGER IF NOT EXISTS {table}_article_state_update "
            f"AFTER UPDATE OF article_id, {', '.join(COPIED)} ON {table} BEGIN {copy} END"
        )
    to_items = " ".join(
        f"UPDATE {table} SET {', '.join(f'{mine} = NEW.{theirs}' for mine, theirs in COPIED.items())} "
        "WHERE article_id = NEW.id;"
        for table in ITEMS
    )
    statements.append(
        "CREATE TRIGGER IF NOT EXISTS articles_article_item_state "
        f"AFTER UPDATE OF status, published_at, publish_at ON articles_article BEGIN {to_items} END"
    )
    return statements


def _sqlite_remove():
    statements = ["DROP TRIGGER IF EXISTS articles_article_item_state"]
    for table in ITEMS:
        statements.append(f"DROP TRIGGER IF EXISTS {table}_article_state_insert")
        statements.append(f"DROP TRIGGER IF EXISTS {table}_article_state_update")
    return statements


INSTALL = {"postgresql": _postgresql_install, "sqlite": _sqlite_install}
REMOVE = {"postgresql": _postgresql_remove, "sqlite": _sqlite_remove}
citation_counts = importlib.import_module("articles.migrations.0012_desk_citation_counts")


def install_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in INSTALL:
        raise NotImplementedError(f"No desk-state triggers for {vendor}: add them to this migration.")
    for statement in INSTALL[vendor]():
        schema_editor.execute(statement, params=None)
    for table in ITEMS:  # copy every item's article state now, through the trigger just installed
        schema_editor.execute(f"UPDATE {table} SET article_id = article_id", params=None)  # noqa: S608


def remove_triggers(apps, schema_editor):
    for statement in REMOVE.get(schema_editor.connection.vendor, list)():
        schema_editor.execute(statement, params=None)


def _on_sqlite(step):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            step(apps, schema_editor)

    return run


# SQLite checks every trigger naming a table while it remakes that table: 0012's come off first.
lift_citation_counts = _on_sqlite(citation_counts.remove_triggers)
restore_citation_counts = _on_sqlite(citation_counts.install_triggers)


class Migration(migrations.Migration):
    dependencies = [("articles", "0018_unaccented_search")]

    operations = [
        migrations.RunPython(lift_citation_counts, restore_citation_counts),
        migrations.AddField(
            model_name='claim',
            name='article_publish_at',
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='claim',
            name='article_published_at',
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='claim',
            name='article_status',
            field=models.CharField(default='draft', editable=False, max_length=20),
        ),
        migrations.AddField(
            model_name='quotation',
            name='article_publish_at',
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='quotation',
            name='article_published_at',
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='quotation',
            name='article_status',
            field=models.CharField(default='draft', editable=False, max_length=20),
        ),
        migrations.AddField(
            model_name='claim',
            name='source_first',
            field=models.GeneratedField(db_persist=True, expression=models.Case(models.When(models.Q(models.Q(('num_citations', 0), models.Q(('check_status', 'not_claim'), _negated=True)), ('is_orphaned', True), _connector='OR'), then=0), default=1), output_field=models.PositiveSmallIntegerField()),
        ),
        migrations.AddField(
            model_name='quotation',
            name='source_first',
            field=models.GeneratedField(db_persist=True, expression=models.Case(models.When(models.Q(('num_citations', 0), ('is_orphaned', True), _connector='OR'), then=0), default=1), output_field=models.PositiveSmallIntegerField()),
        ),
        migrations.AddField(
            model_name='claim',
            name='goes_live',
            field=models.GeneratedField(db_persist=True, expression=models.Case(models.When(article_status='published', then=models.F('article_published_at')), default=models.F('article_publish_at')), output_field=models.DateTimeField()),
        ),
        migrations.AddField(
            model_name='claim',
            name='needs_work',
            field=models.GeneratedField(db_persist=True, expression=models.Q(models.Q(('num_citations', 0), models.Q(('check_status', 'not_claim'), _negated=True)), ('is_orphaned', True), ('check_status', 'disputed'), ('check_status', 'needs_recheck'), models.Q(('article_status__in', ('in_review', 'fact_check', 'ready', 'published')), ('check_status__in', ('unstarted', 'in_progress'))), models.Q(('article_published_at__isnull', False), ('created_at__gt', models.F('article_published_at')), models.Q(('num_citations', 0), models.Q(('check_status__in', ('verified', 'not_claim')), _negated=True), _connector='OR')), _connector='OR'), output_field=models.BooleanField()),
        ),
        migrations.AddField(
            model_name='quotation',
            name='goes_live',
            field=models.GeneratedField(db_persist=True, expression=models.Case(models.When(article_status='published', then=models.F('article_published_at')), default=models.F('article_publish_at')), output_field=models.DateTimeField()),
        ),
        migrations.AddField(
            model_name='quotation',
            name='needs_work',
            field=models.GeneratedField(db_persist=True, expression=models.Q(('num_citations', 0), ('is_orphaned', True), ('check_status', 'disputed'), ('check_status', 'needs_recheck'), models.Q(('article_status__in', ('in_review', 'fact_check', 'ready', 'published')), ('check_status__in', ('unstarted', 'in_progress'))), models.Q(('article_published_at__isnull', False), ('created_at__gt', models.F('article_published_at')), models.Q(('num_citations', 0), models.Q(('check_status__in', ('verified', 'not_claim')), _negated=True), _connector='OR')), ('speaker__isnull', True), _connector='OR'), output_field=models.BooleanField()),
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['-updated_at'], name='articles_article_edited_idx'),
        ),
        migrations.AddIndex(
            model_name='claim',
            index=models.Index(condition=models.Q(('needs_work', True)), fields=['source_first', 'goes_live', 'created_at', 'id'], include=('article', 'check_status', 'is_orphaned', 'num_citations', 'due_on', 'assignee', 'kind'), name='articles_claim_queue_idx'),
        ),
        migrations.AddIndex(
            model_name='quotation',
            index=models.Index(condition=models.Q(('needs_work', True)), fields=['source_first', 'goes_live', 'created_at', 'id'], include=('article', 'check_status', 'is_orphaned', 'num_citations', 'due_on', 'assignee', 'speaker'), name='articles_quotation_queue_idx'),
        ),
        migrations.RunPython(restore_citation_counts, lift_citation_counts),
        migrations.RunPython(install_triggers, remove_triggers),
    ]
