"""`num_citations`: the database keeps each claim's and quotation's citation count (migration 0012).

The desk's queue reads the count instead of looking for citations, so it must be right whatever writes
the citations (the ORM, bulk_create, queryset updates and deletes) and however the item is saved (a
stale instance, a queryset update). These run on the test database, PostgreSQL or SQLite: on SQLite they
also catch triggers lost when a later migration remakes one of the tables.
"""

import pytest
from django.db.utils import ConnectionHandler

from articles import factchecking
from articles.apps import restore_sqlite_citation_triggers
from articles.models import Citation, Claim, Quotation
from desk import queue
from tests.factories import ClaimFactory, QuotationFactory, SourceFactory

pytestmark = pytest.mark.django_db


def stored(item) -> int:
    return type(item).objects.values_list("num_citations", flat=True).get(pk=item.pk)


def test_adding_and_removing_citations_keeps_the_count():
    claim, quotation = ClaimFactory(), QuotationFactory()
    first = Citation.objects.create(claim=claim, source=SourceFactory())
    Citation.objects.create(claim=claim, source=SourceFactory())
    Citation.objects.create(quotation=quotation, source=SourceFactory())
    assert (stored(claim), stored(quotation)) == (2, 1)
    first.delete()
    assert stored(claim) == 1
    Citation.objects.filter(quotation=quotation).delete()
    assert (stored(claim), stored(quotation)) == (1, 0)


def test_bulk_writes_keep_the_count():
    claims = [ClaimFactory(), ClaimFactory()]
    source = SourceFactory()
    Citation.objects.bulk_create(
        [Citation(claim=claims[0], source=source) for _ in range(3)]
        + [Citation(claim=claims[1], source=source)]
    )
    assert [stored(c) for c in claims] == [3, 1]
    Citation.objects.filter(claim=claims[0]).delete()
    assert [stored(c) for c in claims] == [0, 1]


def test_moving_a_citation_recounts_both_items():
    old, new = ClaimFactory(), ClaimFactory()
    citation = Citation.objects.create(claim=old, source=SourceFactory())
    Citation.objects.filter(pk=citation.pk).update(claim=new)
    assert (stored(old), stored(new)) == (0, 1)


def test_editing_a_citation_leaves_the_count_alone():
    claim = ClaimFactory()
    citation = Citation.objects.create(claim=claim, source=SourceFactory())
    citation.locator = "p. 4"
    citation.save()
    assert stored(claim) == 1


def test_saving_a_stale_item_keeps_the_true_count():
    claim = ClaimFactory()
    stale = Claim.objects.get(pk=claim.pk)  # read before the citation is added: num_citations 0
    Citation.objects.create(claim=claim, source=SourceFactory())
    stale.kind = Claim.Kind.STATISTIC
    stale.save()  # writes every column, num_citations=0 among them
    assert stored(claim) == 1


def test_a_written_count_is_replaced_with_the_true_one():
    quotation = QuotationFactory()
    Quotation.objects.filter(pk=quotation.pk).update(num_citations=7)
    assert stored(quotation) == 0


def test_the_desk_actions_keep_the_count_and_the_queue_follows(factchecker):
    claim = ClaimFactory()
    assert ("claim", claim.pk) in {(kind, pk) for kind, pk, *_ in queue.rows(queue.Filters(), user=None)}
    citation = factchecking.attach_source(claim, SourceFactory(), user=factchecker)
    assert stored(claim) == 1
    assert queue.counts(user=factchecker)["unsourced"] == 0
    factchecking.remove_citation(citation, user=factchecker)
    assert stored(claim) == 0
    assert queue.counts(user=factchecker)["unsourced"] == 1


def test_deleting_an_item_with_citations_works():
    claim = ClaimFactory()
    Citation.objects.create(claim=claim, source=SourceFactory())
    claim.delete()
    assert not Citation.objects.exists()


def test_sqlite_triggers_dropped_by_a_remade_table_come_back_after_migrate(django_db_blocker):
    # SQLite (the development database) loses a table's triggers when a migration remakes the table;
    # the post-migrate hook restores them. Checked on a private in-memory SQLite, whichever database the
    # suite runs on.
    sqlite = ConnectionHandler({"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}})
    connection = sqlite["default"]
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE articles_claim (id integer PRIMARY KEY, num_citations integer DEFAULT 0)"
        )
        cursor.execute(
            "CREATE TABLE articles_quotation (id integer PRIMARY KEY, num_citations integer DEFAULT 0)"
        )
        cursor.execute(
            "CREATE TABLE articles_citation "
            "(id integer PRIMARY KEY, claim_id integer, quotation_id integer)"
        )
        restore_sqlite_citation_triggers(connection)
        restore_sqlite_citation_triggers(connection)  # idempotent, as every migrate runs it

        cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")
        assert cursor.fetchone()[0] == 7
        cursor.execute("INSERT INTO articles_claim (id) VALUES (1)")
        cursor.execute("INSERT INTO articles_citation (claim_id) VALUES (1), (1)")
        cursor.execute("DELETE FROM articles_citation WHERE id = 1")
        cursor.execute("SELECT num_citations FROM articles_claim WHERE id = 1")
        assert cursor.fetchone()[0] == 1
    connection.close()
