"""Search that ignores accents (PostgreSQL): “Gascon” finds “Gascón” and the other way round.

A text search configuration, `english_unaccent`, runs words through the `unaccent` dictionary before the
English stemmer, and the stored search document is generated with it; queries and snippets use the same
configuration (`reader.search.CONFIG`). `unaccent` is a trusted extension: the database's owner may
create it. SQLite searches with `reader.search`'s own folding instead.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


def _document(config: str) -> str:
    return f"""
    setweight(to_tsvector('{config}'::regconfig, COALESCE(title, '')), 'A') ||
    setweight(to_tsvector('{config}'::regconfig, COALESCE(standfirst, '')), 'B') ||
    setweight(to_tsvector('{config}'::regconfig, jsonb_path_query_array(content, '$.quotations[*].exact')), 'B') ||
    setweight(to_tsvector('{config}'::regconfig, COALESCE(body, '')), 'C')
"""


def _regenerate(config: str) -> list[str]:
    return [
        "DROP INDEX IF EXISTS articles_revision_search_gin",
        "ALTER TABLE articles_articlerevision DROP COLUMN IF EXISTS search_document",
        "ALTER TABLE articles_articlerevision ADD COLUMN search_document tsvector "
        f"GENERATED ALWAYS AS ({_document(config)}) STORED",
        "CREATE INDEX articles_revision_search_gin ON articles_articlerevision USING gin (search_document)",
    ]


FORWARD = [
    "CREATE TEXT SEARCH CONFIGURATION english_unaccent (COPY = english)",
    "ALTER TEXT SEARCH CONFIGURATION english_unaccent "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem",
    *_regenerate("english_unaccent"),
]
BACKWARD = [*_regenerate("english"), "DROP TEXT SEARCH CONFIGURATION IF EXISTS english_unaccent"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("articles", "0017_byline_position")]

    operations = [UnaccentExtension(), migrations.RunPython(forward, backward)]
