"""Indexes for the reader site, on PostgreSQL only (SQLite keeps migrating and searches without them).

- A GIN index on the weighted tsvector that `articles.search.Document` builds (the expression must stay
  identical for the planner to use it): full-text search does not read every revision.
- A GIN (jsonb_path_ops) index on `content`, for the `@>` containment tests of the person and source
  pages (`articles.live`).
"""

from django.db import migrations

SEARCH_INDEX = """
CREATE INDEX IF NOT EXISTS articles_revision_search_gin ON articles_articlerevision USING gin ((
    setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, COALESCE(standfirst, '')), 'B') ||
    setweight(to_tsvector('english'::regconfig, jsonb_path_query_array(content, '$.quotations[*].exact')), 'B') ||
    setweight(to_tsvector('english'::regconfig, COALESCE(body, '')), 'C')
))
"""
CONTENT_INDEX = (
    "CREATE INDEX IF NOT EXISTS articles_revision_content_gin "
    "ON articles_articlerevision USING gin (content jsonb_path_ops)"
)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(SEARCH_INDEX)
    schema_editor.execute(CONTENT_INDEX)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS articles_revision_search_gin")
    schema_editor.execute("DROP INDEX IF EXISTS articles_revision_content_gin")


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_workflow_permissions")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
