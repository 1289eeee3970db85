import pytest
from django.core.exceptions import PermissionDenied

from articles import sourcing
from articles.models import SourcingEvent
from tests.factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_cite_adds_each_source_once_and_records_who_added_it(editor):
    claim, source, user = ClaimFactory(), SourceFactory(), editor
    sourcing.cite(claim, [source], user=user, locator="p. 3")
    sourcing.cite(claim, [source], user=user)
    citation = claim.citations.get()
    assert citation.added_by == user and citation.locator == "p. 3"
    event = SourcingEvent.objects.get()
    assert (event.action, event.actor, event.claim) == ("citation_added", user, claim)
    assert event.after == {"citation": citation.pk, "source": source.pk, "locator": "p. 3"}


def test_uncite_removes_the_citation_and_keeps_a_record(editor):
    claim, user = ClaimFactory(), editor
    (citation,) = sourcing.cite(claim, [SourceFactory()], user=user)
    citation_id = citation.pk
    sourcing.uncite(citation, user=user)
    assert not claim.citations.exists()
    removed = SourcingEvent.objects.get(action="citation_removed")
    assert removed.before["citation"] == citation_id and removed.actor == user


def test_citing_is_refused_to_someone_who_may_not_change_the_articles_sourcing(reporter):
    claim = ClaimFactory()  # not the reporter's article
    with pytest.raises(PermissionDenied):
        sourcing.cite(claim, [SourceFactory()], user=reporter)
    assert not claim.citations.exists()
