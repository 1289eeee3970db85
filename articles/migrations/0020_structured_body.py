"""Structured bodies: `body_html` (the body as written, `articles.richtext`) on articles and revisions.

Every existing body was plain paragraphs; each becomes one <p>, so `body`, now the projection of
`body_html`, keeps its text and every claim and quotation its offsets. `_as_paragraphs` is
`richtext.from_plain_text` as it was when this migration was written.

SQLite remakes a table to add a column that is not null, and refuses while a trigger on another table
names it (migrations 0012 and 0019 keep desk state with triggers): those naming `articles_article` come
off for the remake and go back, as they were, after it.
"""

import re

from django.db import migrations, models
from markupsafe import escape

_LIFTED: list[tuple[str, str]] = []
_NAMES_ARTICLE = re.compile(r"\barticles_article\b")


def _as_paragraphs(text: str) -> str:
    return "\n".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n") if p)


def fill(apps, schema_editor):
    for name in ("Article", "ArticleRevision"):
        model = apps.get_model("articles", name)
        batch = []
        for row in model.objects.only("pk", "body").order_by("pk").iterator(chunk_size=1000):
            row.body_html = _as_paragraphs(row.body)
            batch.append(row)
            if len(batch) == 1000:
                model.objects.bulk_update(batch, ["body_html"])
                batch = []
        model.objects.bulk_update(batch, ["body_html"])


def lift_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        _LIFTED[:] = [(name, sql) for name, sql in cursor.fetchall() if _NAMES_ARTICLE.search(sql)]
    for name, _ in _LIFTED:
        schema_editor.execute(f'DROP TRIGGER "{name}"', params=None)


def restore_triggers(apps, schema_editor):
    for _, sql in _LIFTED:
        schema_editor.execute(sql, params=None)
    _LIFTED.clear()


class Migration(migrations.Migration):
    dependencies = [("articles", "0019_desk_state")]

    operations = [
        migrations.RunPython(lift_triggers, restore_triggers),
        migrations.AddField(
            model_name="article",
            name="body_html",
            field=models.TextField(
                default="",
                verbose_name="body",
                help_text="Paragraphs, subheadings (h2, h3), lists, block quotes, links and emphasis. "
                "Plain text works too: a blank line starts a new paragraph.",
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="article",
            name="body",
            field=models.TextField(editable=False, verbose_name="text"),
        ),
        migrations.AddField(
            model_name="articlerevision",
            name="body_html",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(restore_triggers, lift_triggers),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
