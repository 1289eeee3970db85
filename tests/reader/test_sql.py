"""`sql.fetch_each`: several independent reads sent together, answered as if sent one by one."""

import pytest
from django.db import DatabaseError, connection, transaction

from articles import sql
from articles.models import Section

pytestmark = pytest.mark.django_db


def test_each_statement_gets_its_own_rows_in_order():
    Section.objects.create(name="World", slug="world")
    Section.objects.create(name="Local", slug="local")
    statements = [
        ("SELECT name FROM articles_section WHERE slug = %s", ["local"]),
        ("SELECT name FROM articles_section ORDER BY name", []),
        ("SELECT name FROM articles_section WHERE slug = %s", ["nowhere"]),
        ("SELECT COUNT(*) FROM articles_section", []),
    ]
    assert sql.fetch_each(connection, statements) == [[("Local",)], [("Local",), ("World",)], [], [(2,)]]


def test_a_failing_statement_raises_a_django_database_error_and_the_connection_stays_usable():
    statements = [("SELECT 1", []), ("SELECT no_such_column FROM articles_section", []), ("SELECT 2", [])]
    with pytest.raises(DatabaseError), transaction.atomic():
        sql.fetch_each(connection, statements)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 3")
        assert cursor.fetchone() == (3,)


def test_postgresql_gets_the_statements_in_one_pipeline(on_postgres, monkeypatch):
    pipelines = []
    connection.ensure_connection()
    enter = type(connection.connection).pipeline

    def counting(self, *args, **kwargs):
        pipelines.append(self)
        return enter(self, *args, **kwargs)

    monkeypatch.setattr(type(connection.connection), "pipeline", counting)
    rows = sql.fetch_each(connection, [("SELECT %s::int", [n]) for n in range(5)])
    assert rows == [[(n,)] for n in range(5)]
    assert len(pipelines) == 1
