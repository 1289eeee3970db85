"""Statements planned for the values they are run with.

psycopg prepares a statement the app has run a few times (`settings.postgresql_options`), and PostgreSQL
then comes to plan it once for any values. That suits most queries. One whose best plan depends on its
values (a word in most articles or in a few) runs such a generic plan slowly: it runs inside
`planned_for_the_values`, which sends its statements unprepared, so each is planned for its values.
"""

from contextlib import contextmanager

from django.db import connections


@contextmanager
def planned_for_the_values(using: str):
    """Plan each statement of the block for its values (PostgreSQL; elsewhere nothing changes)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    driver = connection.connection  # psycopg's, whose prepare_threshold is its to change
    threshold, driver.prepare_threshold = driver.prepare_threshold, None
    try:
        yield
    finally:
        driver.prepare_threshold = threshold
