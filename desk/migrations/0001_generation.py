"""The desk's generation (`desk.models.Generation`), kept by PostgreSQL's triggers.

The desk remembers, in Django's cache, the parts of its pages that read the whole newsroom: the
counts at the top of the queue, the article filter, the people one may assign, the articles waiting
for sign-off, the removals to confirm. Each is remembered under the generation it was computed in, and every committed write
to a table those parts read starts a new one. Triggers, like the desk's other state (migrations
articles 0012 and 0019), because these tables are written from many places, some without model
signals (bulk updates, COPY, the citation-count triggers).

The triggers are constraint triggers deferred to the commit: a transaction takes the generation's row
lock only while it commits, so writers never hold it while they wait for each other's rows (no new
deadlocks), and a reader never sees a new generation before the data it stands for. A row trigger
fires for every row written; after the first, it finds the row already changed by its own transaction
and changes nothing. TRUNCATE (the test suite's flush) has a statement trigger of its own.

SQLite (development) gets the table and no triggers: the desk remembers nothing there.
"""

from django.conf import settings
from django.db import migrations, models

FUNCTION = """
CREATE OR REPLACE FUNCTION desk_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE desk_generation SET value = nextval('desk_generation_value'), xact = txid_current()
    WHERE id = 1 AND xact IS DISTINCT FROM txid_current();
    RETURN NULL;
END
$$
"""
ROW_TRIGGER = """
CREATE CONSTRAINT TRIGGER {table}_desk_generation AFTER INSERT OR UPDATE OR DELETE ON {table}
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION desk_generation_bump()
"""
TRUNCATE_TRIGGER = """
CREATE TRIGGER {table}_desk_generation_truncate AFTER TRUNCATE ON {table}
FOR EACH STATEMENT EXECUTE FUNCTION desk_generation_bump()
"""


def watched_tables(apps) -> list[str]:
    """What the desk's remembered parts read: its items, their articles and removals, and who may work
    the desk."""
    user = apps.get_model(settings.AUTH_USER_MODEL)
    group = apps.get_model("auth", "Group")
    read = ("Article", "Claim", "Quotation", "Removal")
    models_read = [apps.get_model("articles", name) for name in read]
    return [
        *(model._meta.db_table for model in models_read),
        user._meta.db_table,
        user.groups.through._meta.db_table,
        user.user_permissions.through._meta.db_table,
        group.permissions.through._meta.db_table,
    ]


def install(apps, schema_editor):
    apps.get_model("desk", "Generation").objects.using(schema_editor.connection.alias).create(id=1)
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE SEQUENCE IF NOT EXISTS desk_generation_value", params=None)
    schema_editor.execute(FUNCTION, params=None)
    for table in watched_tables(apps):
        schema_editor.execute(ROW_TRIGGER.format(table=table), params=None)
        schema_editor.execute(TRUNCATE_TRIGGER.format(table=table), params=None)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in watched_tables(apps):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_desk_generation ON {table}", params=None)
        schema_editor.execute(
            f"DROP TRIGGER IF EXISTS {table}_desk_generation_truncate ON {table}", params=None
        )
    schema_editor.execute("DROP FUNCTION IF EXISTS desk_generation_bump()", params=None)
    schema_editor.execute("DROP SEQUENCE IF EXISTS desk_generation_value", params=None)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0021_image_library"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Generation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("value", models.BigIntegerField(default=0)),
                ("xact", models.BigIntegerField(editable=False, null=True)),
            ],
            options={"db_table": "desk_generation"},
        ),
        migrations.RunPython(install, remove),
    ]
