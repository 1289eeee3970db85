"""A section added starts a generation (PostgreSQL), as one renamed or deleted already does (0023): the
article list's filters, remembered under the generation, list every section."""

from django.db import migrations

TRIGGER = """
CREATE CONSTRAINT TRIGGER articles_section_desk_generation AFTER {events}
ON articles_section DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION desk_generation_bump()
"""
DROP = "DROP TRIGGER IF EXISTS articles_section_desk_generation ON articles_section"


def _watch(events: str):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(DROP, params=None)
            schema_editor.execute(TRIGGER.format(events=events), params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [("articles", "0024_search_document_in_row")]

    operations = [
        migrations.RunPython(_watch("INSERT OR DELETE OR UPDATE OF name"), _watch("DELETE OR UPDATE OF name"))
    ]
