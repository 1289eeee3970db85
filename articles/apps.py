import importlib

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


def _after_migrate(using, **kwargs):
    restore_sqlite_citation_triggers(connections[using])


def restore_sqlite_citation_triggers(connection):
    """SQLite drops a table's triggers when a migration remakes the table: put the counting ones back.

    (They keep `num_citations` right; see migration 0012. PostgreSQL keeps triggers through ALTER TABLE.)
    """
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        columns = {c.name for c in connection.introspection.get_table_description(cursor, "articles_claim")}
        if "num_citations" not in columns:
            return  # migrated back before 0012
        counts = importlib.import_module("articles.migrations.0012_desk_citation_counts")
        for statement in counts.INSTALL["sqlite"]():  # CREATE TRIGGER IF NOT EXISTS
            cursor.execute(statement)


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from . import image_limits

        image_limits.apply_to_pillow()
        post_migrate.connect(_after_migrate, sender=self)
