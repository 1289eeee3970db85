"""Model instances from hand-written SELECTs, converted exactly as the ORM converts them.

Only for the reads of the site's hottest page, the reader article page (and the site menus every reader
page shows): building and reading those nine small querysets cost 7.8 ms of CPU, most of the page,
against 2.2 ms for the same SQL written out (in-process on PostgreSQL). The column lists still come from
the models: `Table` takes them from the model's fields, applies the converters Django's compiler applies
(JSON, and dates and booleans on SQLite), and builds instances with `Model.from_db`, so the rest of the
page sees ordinary model instances.
"""

from functools import lru_cache

from django.db import connections, router


def reading(model):
    """The connection a reader page reads `model` from (the replica when the router says so)."""
    return connections[router.db_for_read(model)]


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
        self.attnames = [field.attname for field in fields]
        self.columns = ", ".join(f"{alias}.{quote(field.column)}" for field in fields)
        self.width = len(fields)
        self.converters = []
        for index, field in enumerate(fields):
            column = field.get_col(alias)
            found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            if found:
                self.converters.append((index, column, found))

    def instance(self, row, connection, start: int = 0):
        """The instance held by `row[start:start + width]`."""
        values = list(row[start : start + self.width])
        for index, column, converters in self.converters:
            for convert in converters:
                values[index] = convert(values[index], column, connection)
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


def placeholders(values) -> str:
    """`%s, %s, …` for an IN list (both PostgreSQL and SQLite take it)."""
    return ", ".join(["%s"] * len(values))


def fetch_each(connection, statements: list[tuple[str, list]]) -> list[list[tuple]]:
    """The rows of each `(sql, params)`, in order, sent to PostgreSQL in one round trip.

    The statements must not depend on each other's results. On PostgreSQL they go through psycopg's
    pipeline mode, so a page pays one network round trip (and one wake-up of the server process) for
    all of them instead of one each; elsewhere they run one after another.
    """
    if connection.vendor != "postgresql":
        results = []
        with connection.cursor() as cursor:
            for statement, params in statements:
                cursor.execute(statement, params)
                results.append(cursor.fetchall())
        return results
    connection.ensure_connection()
    cursors = []
    try:
        with connection.wrap_database_errors:
            with connection.connection.pipeline():
                for statement, params in statements:
                    cursor = connection.cursor()
                    cursors.append(cursor)
                    cursor.execute(statement, params)
            return [cursor.fetchall() for cursor in cursors]
    finally:
        for cursor in cursors:
            cursor.close()
