"""Statements planned for the values they are run with.

Prepared statements (`settings.postgresql_options`) come to be planned once for any values, after a few
runs. That suits most queries; one whose best plan depends on its values (a word in most articles or in
a few) runs such a generic plan slowly, and runs inside `planned_for_the_values` instead.
"""

from contextlib import contextmanager

from django.db import connections, transaction


@contextmanager
def planned_for_the_values(using: str):
    """Plan each statement of the block for its values (PostgreSQL; elsewhere nothing changes)."""
    if connections[using].vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute("SET LOCAL plan_cache_mode = force_custom_plan")
        yield
