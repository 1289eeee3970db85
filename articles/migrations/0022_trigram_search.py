"""Staff searches that read indexes, not every row (PostgreSQL): trigram indexes for `icontains`.

The admin's article search (title, slug, standfirst) and the desk's and admin's claim and quotation
search (`AnchoredQuerySet.matching`: their words, their article's title) filter with Django's
`icontains`, `UPPER(column) LIKE UPPER('%words%')`, which a B-tree cannot answer: each search read the
whole table. A GIN index of each column's upper-cased trigrams (`pg_trgm`, a trusted extension the
database's owner may create) answers it for words of three letters or more. SQLite keeps migrating
without them.
"""

from django.db import migrations

COLUMNS = {
    "articles_article_title_trgm": ("articles_article", "title"),
    "articles_article_slug_trgm": ("articles_article", "slug"),
    "articles_article_standfirst_trgm": ("articles_article", "standfirst"),
    "articles_claim_exact_trgm": ("articles_claim", "exact"),
    "articles_quotation_exact_trgm": ("articles_quotation", "exact"),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # Not Django's TrigramExtension: migrating back on SQLite, it asks for PostgreSQL's catalogue.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, (table, column) in COLUMNS.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (UPPER({column}) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0021_image_library")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
