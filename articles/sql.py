"""Model instances from hand-written SELECTs, converted exactly as the ORM converts them.

Only for the reads of the site's hottest page, the reader article page (and the site menus every reader
page shows): building and reading those nine small querysets cost 7.8 ms of CPU, most of the page,
against 2.2 ms for the same SQL written out (in-process on PostgreSQL). The column lists still come from
the models: `Table` takes them from the model's fields, applies the converters Django's compiler applies
(JSON, and dates and booleans on SQLite), and builds instances with `Model.from_db`, so the rest of the
page sees ordinary model instances.

`read_all` runs several such reads. On PostgreSQL it sends them as one statement whose subqueries each
return their rows as a JSON array: each statement costs the app about 45 µs of CPU in Django and the
driver, whatever it returns, and a page's rows are few and small. On the article page this saved 270 µs
of the app's CPU per request and cost PostgreSQL 50 µs more (building JSON rather than sending rows).
"""

import datetime
import json
from functools import lru_cache
from typing import NamedTuple

from django.db import connections, router
from django.db.models import DEFERRED


def reading(model):
    """The connection a reader page reads `model` from (the replica when the router says so)."""
    return connections[router.db_for_read(model)]


# How a value of each field type comes back in JSON from PostgreSQL, and how it is turned back into what
# psycopg returns for the column. `read_all` refuses a type missing here, naming the field, rather than
# read it subtly wrong: a Decimal would come back as a float, a UUID as a string.
_FROM_JSON = {
    "DateTimeField": datetime.datetime.fromisoformat,
    "DateField": datetime.date.fromisoformat,
}
_AS_JSON = {
    *_FROM_JSON,
    *("AutoField", "BigAutoField", "SmallAutoField", "BooleanField", "CharField", "EmailField"),
    *("FileField", "ImageField", "SlugField", "TextField", "URLField", "JSONField"),
    *("IntegerField", "BigIntegerField", "SmallIntegerField"),
    *("PositiveIntegerField", "PositiveBigIntegerField", "PositiveSmallIntegerField"),
}


def _json_type(field) -> str:
    """The internal type a column's values have (a foreign key's are its target's)."""
    return (field.target_field if field.is_relation else field).get_internal_type()


class Table:
    """`model`'s columns for a SELECT, qualified by `alias`, and how to turn them back into an instance.

    With `only` (attribute names), just those columns and the primary key are read, and the instance
    defers the rest, as `QuerySet.only` does.
    """

    def __init__(self, model, alias: str, connection, only: tuple[str, ...] | None = None):
        fields = [
            f for f in model._meta.concrete_fields if only is None or f.primary_key or f.attname in only
        ]
        quote = connection.ops.quote_name
        self.model = model
        self.alias = alias
        self.fields = tuple(fields)
        self.attnames = [field.attname for field in fields]
        self.column_list = tuple(f"{alias}.{quote(field.column)}" for field in fields)
        self.columns = ", ".join(self.column_list)
        self.width = len(fields)
        self.converters = []
        for index, field in enumerate(fields):
            column = field.get_col(alias)
            found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            if found:
                self.converters.append((index, column, found))
        # Where each of the model's fields is in the row read, or None for a deferred one. `from_db`
        # takes a full row with DEFERRED in place of what was not read, and then need not work out
        # itself which fields those are (a scan of the names per field, per instance).
        place = {field.attname: index for index, field in enumerate(fields)}
        self.places = [place.get(field.attname) for field in model._meta.concrete_fields]

    def read(self, rest: str, params: list, order: str = "") -> "Read":
        """This table's columns `FROM` the table and `rest` (its joins and `WHERE`), in `order`."""
        source = f"FROM {self.model._meta.db_table} {self.alias} {rest}"
        return Read(self.column_list, source, params, order, self.fields)

    def instance(self, row, connection, start: int = 0):
        """The instance held by `row[start:start + width]`."""
        values = list(row[start : start + self.width])
        for index, column, converters in self.converters:
            for convert in converters:
                values[index] = convert(values[index], column, connection)
        if self.width != len(self.places):
            values = [DEFERRED if index is None else values[index] for index in self.places]
        return self.model.from_db(connection.alias, self.attnames, values)


@lru_cache(maxsize=64)
def _table(model, alias: str, db_alias: str, only: tuple[str, ...] | None) -> Table:
    # Built once per process: the converters depend on the database's settings, not on the thread's
    # connection, which each call passes in.
    return Table(model, alias, connections[db_alias], only)


def table(model, alias: str, connection, only: tuple[str, ...] | None = None) -> Table:
    return _table(model, alias, connection.alias, only)


def convert(field, value, connection):
    """One value of `field` read by hand (an aggregate, say), converted as the ORM would."""
    column = field.get_col(field.model._meta.db_table)
    for converter in connection.ops.get_db_converters(column) + column.get_db_converters(connection):
        value = converter(value, column, connection)
    return value


def one_of(connection, column: str, values: list) -> tuple[str, list]:
    """`column` is one of `values`: the condition and its parameters.

    `values` are ids (integers). PostgreSQL takes them as one array parameter, so the statement's text
    and its number of parameters do not depend on how many there are: psycopg converts a statement's
    placeholders once (it re-parses those with more than 50 parameters every time) and the server
    prepares it once. The array goes as its text, `{1,2,3}`: psycopg's list adapter checks every element
    against a regular expression, 30 µs for the 38 sources of the bench article.
    """
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s::bigint[])", ["{" + ",".join([str(int(v)) for v in values]) + "}"]
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


class Read(NamedTuple):
    """`SELECT {columns} {source} ORDER BY {order}` with `params`.

    `fields` are the model fields behind the columns, one each (`Table.fields`, or the field an aggregate
    is of), so that values can be brought back from JSON on PostgreSQL; leave it empty when every column
    is a number, a string or a boolean.
    """

    columns: tuple[str, ...]
    source: str
    params: list
    order: str = ""
    fields: tuple = ()


def read_all(connection, reads: dict[str, Read]) -> dict[str, list]:
    """{name: the rows of that read, values as the database driver returns them}.

    The reads must not depend on each other's results. On PostgreSQL they are one statement (see the
    module's docstring); elsewhere they run one after another.
    """
    if connection.vendor != "postgresql" or len(reads) < 2:
        found = {}
        with connection.cursor() as cursor:
            for name, read in reads.items():
                order = f" ORDER BY {read.order}" if read.order else ""
                columns = ", ".join(read.columns)
                cursor.execute(f"SELECT {columns} {read.source}{order}", read.params)  # noqa: S608
                found[name] = cursor.fetchall()
        return found
    subqueries, params, decoders = [], [], []
    for read in reads.values():
        decoders.append(_decoders(read.fields))  # refuses what JSON cannot carry, before sending
        # Each row as a JSON array, numbered in the read's order; the rows (an aggregate's one row too)
        # gathered into one array in that order.
        number = f"row_number() OVER (ORDER BY {read.order})" if read.order else "0"
        rows = f"SELECT json_build_array({_json_columns(read)}) AS j, {number} AS n {read.source}"
        subqueries.append(f"(SELECT COALESCE(json_agg(r.j ORDER BY r.n), '[]') FROM ({rows}) r)")  # noqa: S608
        params += read.params
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT json_build_array({', '.join(subqueries)})::text", params)
        documents = json.loads(cursor.fetchone()[0])
    for rows, decode_row in zip(documents, decoders, strict=True):
        for row in rows:
            for index, decode in decode_row:
                if row[index] is not None:
                    row[index] = decode(row[index])
    return dict(zip(reads, documents, strict=True))


def _json_columns(read: Read) -> str:
    # A JSON column travels as its text, which the JSONField converter parses as it parses any read.
    kinds = [_json_type(field) for field in read.fields] or [None] * len(read.columns)
    return ", ".join(
        f"{column}::text" if kind == "JSONField" else column
        for column, kind in zip(read.columns, kinds, strict=True)
    )


@lru_cache(maxsize=256)
def _decoders(fields: tuple) -> tuple:
    """(column index, decoder) for the columns whose JSON value is not what the driver returns."""
    decoders = []
    for index, field in enumerate(fields):
        kind = _json_type(field)
        if kind not in _AS_JSON:
            raise NotImplementedError(f"{field} ({kind}) cannot be read through JSON yet: add it to sql.py")
        if kind in _FROM_JSON:
            decoders.append((index, _FROM_JSON[kind]))
    return tuple(decoders)
