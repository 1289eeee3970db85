from django.db import migrations


def uncompressed(apps, schema_editor):
    """PostgreSQL compresses long text, and decompressing a stored page on each read costs more database
    time than reading it whole; a rendering is read far more often than it is written."""
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name("reader_renderedrevision")
    schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN head SET STORAGE EXTERNAL")
    schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN main SET STORAGE EXTERNAL")


def compressed(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name("reader_renderedrevision")
    schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN head SET STORAGE EXTENDED")
    schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN main SET STORAGE EXTENDED")


class Migration(migrations.Migration):
    dependencies = [("reader", "0001_rendered_revision")]

    operations = [migrations.RunPython(uncompressed, compressed)]
