"""The desk's one table: the generation of what the desk remembers between pages (`desk.queue`)."""

from django.db import models


class Generation(models.Model):
    """One row whose `value` changes with every committed write to what the desk's remembered parts
    read: articles, claims, quotations, citations, history, removals, what a card shows of sources and
    people, users (but not a login's `last_login`), their groups and permissions. PostgreSQL's triggers
    keep it (migrations 0001–0003), for every writer: the admin, the desk, imports, the scheduler, bulk
    updates, COPY. A value is never used twice (a sequence), so nothing remembered under a value can
    outlive a rolled-back change."""

    value = models.BigIntegerField(default=0)
    # The transaction that last changed `value`: a transaction changes it once, however many rows it wrote.
    xact = models.BigIntegerField(null=True, editable=False)

    ROW = 1

    class Meta:
        db_table = "desk_generation"

    def __str__(self) -> str:
        return f"Desk generation {self.value}"
