from django.db import migrations, models


def storage(strategy: str):
    def alter(apps, schema_editor):
        # As 0002 did for the fragments: the page is read whole on every request, and decompressing it
        # costs more database time than reading it uncompressed.
        if schema_editor.connection.vendor == "postgresql":
            table = schema_editor.quote_name("reader_renderedrevision")
            schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN page SET STORAGE {strategy}")

    return alter


class Migration(migrations.Migration):
    dependencies = [
        ("reader", "0003_stored_list_entry_and_frame"),
    ]

    # Existing rows keep an empty page under an older basis (`reader.fragments.LAYOUT_VERSION`), so the
    # next read renders them again.
    operations = [
        migrations.RemoveField(model_name="renderedrevision", name="head"),
        migrations.RemoveField(model_name="renderedrevision", name="main"),
        migrations.AddField(
            model_name="renderedrevision",
            name="page",
            field=models.TextField(default=""),
            preserve_default=False,
        ),
        migrations.RunPython(storage("EXTERNAL"), storage("EXTENDED")),
    ]
