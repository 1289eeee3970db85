import pytest

from articles import sourcing
from articles.models import SourcingEvent
from tests.factories import ClaimFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_cite_adds_each_source_once_and_records_who_added_it():
    claim, source, user = ClaimFactory(), SourceFactory(), UserFactory()
    sourcing.cite(claim, [source], user=user, locator="p. 3")
    sourcing.cite(claim, [source], user=user)
    citation = claim.citations.get()
    assert citation.added_by == user and citation.locator == "p. 3"
    event = SourcingEvent.objects.get()
    assert (event.action, event.actor, event.claim) == ("citation_added", user, claim)
    assert event.after == {"citation": citation.pk, "source": source.pk, "locator": "p. 3"}


def test_uncite_removes_the_citation_and_keeps_a_record():
    claim, user = ClaimFactory(), UserFactory()
    (citation,) = sourcing.cite(claim, [SourceFactory()], user=user)
    citation_id = citation.pk
    sourcing.uncite(citation, user=user)
    assert not claim.citations.exists()
    removed = SourcingEvent.objects.get(action="citation_removed")
    assert removed.before["citation"] == citation_id and removed.actor == user
