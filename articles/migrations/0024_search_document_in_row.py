"""The stored search document is kept in its revision's row (PostgreSQL), not in the TOAST table.

Search tests and ranks the newest matching revisions one by one (`reader.search.newest_matches`). A
document of a few kilobytes compresses poorly, so PostgreSQL kept it out of line, uncompressed: each
test went through the TOAST index and reassembled chunks. With storage MAIN a document stays in the row
unless the row would not fit a page. The table is rewritten once (CLUSTER on its primary key) so that
the revisions already stored move too; later revisions are written that way. SQLite has no such storage.
"""

from django.db import migrations

TABLE = "articles_articlerevision"


def _store(storage: str):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN search_document SET STORAGE {storage}")
        schema_editor.execute(f"CLUSTER {TABLE} USING {TABLE}_pkey")

    return operation


class Migration(migrations.Migration):
    dependencies = [("articles", "0023_generation")]

    operations = [migrations.RunPython(_store("MAIN"), _store("EXTENDED"))]
