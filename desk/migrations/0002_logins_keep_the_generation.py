"""A login does not start a new desk generation.

Each login writes the user's `last_login`, and the user table's trigger (migration 0001) started a new
generation for it: everything the desk remembered, for everyone, was computed again after anyone
signed in. The desk reads who may work it (names, active, staff, superuser), never when they last
signed in or their password hash, so the user table's trigger now fires on updates of the other columns
only, as `reader.invalidation` already ignores a save of `last_login` alone.
"""

from django.conf import settings
from django.db import migrations

ROW_TRIGGER = """
CREATE CONSTRAINT TRIGGER {table}_desk_generation AFTER INSERT OR DELETE OR {update} ON {table}
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION desk_generation_bump()
"""
NOT_READ = {"last_login", "password"}


def _user_table_and_columns(apps, schema_editor):
    user = apps.get_model(settings.AUTH_USER_MODEL)
    quote = schema_editor.quote_name
    columns = [quote(f.column) for f in user._meta.concrete_fields if f.column not in NOT_READ]
    return user._meta.db_table, columns


def _recreate(apps, schema_editor, update: str):
    if schema_editor.connection.vendor != "postgresql":
        return
    table, _ = _user_table_and_columns(apps, schema_editor)
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_desk_generation ON {table}", params=None)
    schema_editor.execute(ROW_TRIGGER.format(table=table, update=update), params=None)


def forward(apps, schema_editor):
    _, columns = _user_table_and_columns(apps, schema_editor)
    _recreate(apps, schema_editor, f"UPDATE OF {', '.join(columns)}")


def backward(apps, schema_editor):
    _recreate(apps, schema_editor, "UPDATE")


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0001_generation"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(forward, backward)]
