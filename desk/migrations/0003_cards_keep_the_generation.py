"""The desk remembers its cards too, so the generation also moves with what only a card shows.

A card shows an item's citations with their sources (title, publisher, address, whether the link is
dead), its history, and its speaker's name. A citation's locator, a source renamed, a link found dead
or a speaker renamed can change without a write to the item, so their tables get the generation's
triggers as well: citations and history for every write, sources and people for a write to what a
card shows of them (the link checker's other columns and a person's aliases do not start a
generation).
"""

from django.db import migrations

ROW_TRIGGER = """
CREATE CONSTRAINT TRIGGER {table}_desk_generation AFTER INSERT OR DELETE OR {update} ON {table}
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION desk_generation_bump()
"""
TRUNCATE_TRIGGER = """
CREATE TRIGGER {table}_desk_generation_truncate AFTER TRUNCATE ON {table}
FOR EACH STATEMENT EXECUTE FUNCTION desk_generation_bump()
"""
# (app, model, the columns whose update matters; None for every column)
WATCHED = [
    ("articles", "Citation", None),
    ("articles", "SourcingEvent", None),
    ("sources", "Source", ["title", "publisher", "url", "archived_url", "checked_url", "health"]),
    ("sources", "Person", ["name"]),
]


def _tables(apps, schema_editor):
    for app, name, columns in WATCHED:
        model = apps.get_model(app, name)
        update = "UPDATE"
        if columns:
            quoted = (schema_editor.quote_name(model._meta.get_field(c).column) for c in columns)
            update = f"UPDATE OF {', '.join(quoted)}"
        yield model._meta.db_table, update


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, update in _tables(apps, schema_editor):
        schema_editor.execute(ROW_TRIGGER.format(table=table, update=update), params=None)
        schema_editor.execute(TRUNCATE_TRIGGER.format(table=table), params=None)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, _ in _tables(apps, schema_editor):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_desk_generation ON {table}", params=None)
        schema_editor.execute(
            f"DROP TRIGGER IF EXISTS {table}_desk_generation_truncate ON {table}", params=None
        )


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0002_logins_keep_the_generation"),
        ("articles", "0022_trigram_search"),
        ("sources", "0002_source_health"),
    ]

    operations = [migrations.RunPython(install, remove)]
