"""`sql.read_all`: several independent reads in one statement, answered as if run one by one."""

import pytest
from django.db import DatabaseError, connection, models, transaction
from django.test.utils import CaptureQueriesContext

from articles import sql
from articles.models import ArticleRevision, Section
from sources.models import Source
from tests.factories import ArticleFactory, SourceFactory

pytestmark = pytest.mark.django_db


def names(where: str, params: list, order: str = "") -> sql.Read:
    return sql.Read(("x.name",), f"FROM articles_section x {where}", params, order)


def test_each_read_gets_its_own_rows_in_order():
    Section.objects.create(name="World", slug="world")
    Section.objects.create(name="Local", slug="local")
    reads = {
        "one": names("WHERE x.slug = %s", ["local"]),
        "all": names("", [], "x.name"),
        "backwards": names("", [], "x.name DESC"),
        "none": names("WHERE x.slug = %s", ["nowhere"]),
        "count": sql.Read(("COUNT(*)",), "FROM articles_section x", []),
    }
    found = {name: [tuple(row) for row in rows] for name, rows in sql.read_all(connection, reads).items()}
    assert found == {
        "one": [("Local",)],
        "all": [("Local",), ("World",)],
        "backwards": [("World",), ("Local",)],
        "none": [],
        "count": [(2,)],
    }


def test_rows_become_instances_with_the_values_the_orm_reads():
    article = ArticleFactory()
    revision = ArticleRevision.objects.create(
        article=article, number=99, title="T", content={"claims": [{"id": 1, "exact": "“x”"}]}
    )
    dated, undated = SourceFactory(published_on="2019-03-04"), SourceFactory(published_on=None)
    revisions = sql.table(ArticleRevision, "x", connection)
    sources = sql.table(Source, "x", connection)
    reads = {
        "revisions": revisions.read("WHERE x.id = %s", [revision.pk]),
        "sources": sources.read("", [], "x.id"),
    }
    rows = sql.read_all(connection, reads)
    found_revision = revisions.instance(rows["revisions"][0], connection)
    found_sources = [sources.instance(row, connection) for row in rows["sources"]]

    def values(obj):
        return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}

    assert values(found_revision) == values(ArticleRevision.objects.get(pk=revision.pk))
    assert [values(s) for s in found_sources] == [
        values(s) for s in Source.objects.filter(pk__in=[dated.pk, undated.pk]).order_by("pk")
    ]


def test_postgresql_answers_all_the_reads_with_one_statement(on_postgres):
    Section.objects.create(name="Local", slug="local")
    reads = {str(n): names("WHERE x.slug = %s", ["local"]) for n in range(5)}
    with CaptureQueriesContext(connection) as queries:
        found = sql.read_all(connection, reads)
    assert len(queries) == 1
    assert all(rows == [["Local"]] for rows in found.values())


def test_a_column_json_cannot_carry_faithfully_is_refused_by_name_before_anything_is_sent(on_postgres):
    price = models.DecimalField(max_digits=5, decimal_places=2)
    reads = {
        "other": names("", []),
        "price": sql.Read(("1.50::numeric",), "", [], fields=(price,)),
    }
    with CaptureQueriesContext(connection) as queries, pytest.raises(NotImplementedError, match="Decimal"):
        sql.read_all(connection, reads)
    assert len(queries) == 0


def test_a_failing_read_raises_a_django_database_error_and_the_connection_stays_usable():
    reads = {"good": names("", []), "bad": sql.Read(("x.no_such_column",), "FROM articles_section x", [])}
    with pytest.raises(DatabaseError), transaction.atomic():
        sql.read_all(connection, reads)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 3")
        assert cursor.fetchone() == (3,)


def test_an_id_list_reads_the_rows_with_those_ids():
    sections = [Section.objects.create(name=f"S{n}", slug=f"s{n}") for n in range(3)]
    condition, params = sql.one_of(connection, "x.id", [sections[0].pk, sections[2].pk])
    rows = sql.read_all(connection, {"one": names(f"WHERE {condition}", params, "x.name")})["one"]
    assert [tuple(row) for row in rows] == [("S0",), ("S2",)]


def test_an_id_list_written_into_an_array_takes_only_integers(on_postgres):
    with pytest.raises(ValueError):
        sql.one_of(connection, "x.id", ["1}'; DROP TABLE articles_section; --"])
