"""The generation (`articles.models.Generation`) moves from the desk to `articles`, so that the article
list can remember its table under it too (`articles.remembering`); its table, sequence and triggers stay
as the desk's migrations made them. The article list shows each article's section by name, so a
section renamed starts a generation as well.
"""

from django.db import migrations, models

ROW_TRIGGER = """
CREATE CONSTRAINT TRIGGER articles_section_desk_generation AFTER DELETE OR UPDATE OF name
ON articles_section DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION desk_generation_bump()
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ROW_TRIGGER, params=None)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS articles_section_desk_generation ON articles_section", params=None
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0022_trigram_search"),
        ("desk", "0003_cards_keep_the_generation"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Generation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("value", models.BigIntegerField(default=0)),
                        ("xact", models.BigIntegerField(editable=False, null=True)),
                    ],
                    options={"db_table": "desk_generation"},
                ),
            ]
        ),
        migrations.RunPython(install, remove),
    ]
