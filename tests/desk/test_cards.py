"""desk.cards: what the desk says about an item — its paragraph, its history in words."""

import datetime

import pytest
from django.utils import timezone

from articles import factchecking
from articles.models import CheckStatus, Claim, SourcingEvent
from desk import cards, queue
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def build_one(item):
    [card] = cards.build(queue.load([(item._meta.model_name, item.pk)]))
    return card


def test_context_is_the_paragraph_holding_the_words_with_the_words_marked():
    claim = ClaimFactory(exact="Crime fell by 12 percent")
    assert build_one(claim).context == [
        '<mark class="desk-words">Crime fell by 12 percent</mark> last year, according to the police '
        "department."
    ]


def test_context_escapes_the_body():
    article = ArticleFactory(body="<b>Bold</b> claims & more.")
    claim = ClaimFactory(article=article, exact="claims & more")
    assert build_one(claim).context == [
        '&lt;b&gt;Bold&lt;/b&gt; <mark class="desk-words">claims &amp; more</mark>.'
    ]


def test_an_orphaned_item_has_no_context():
    claim = ClaimFactory()
    Claim.objects.filter(pk=claim.pk).update(is_orphaned=True)
    assert build_one(claim).context == []


def test_history_tells_each_change_in_words_newest_first(factchecker):
    claim = ClaimFactory()
    source = SourceFactory(title="City budget 2026")
    factchecking.assign(claim, factchecker, user=factchecker)
    citation = factchecking.attach_source(claim, source, user=factchecker, locator="p. 4")
    factchecking.set_verdict(claim, CheckStatus.VERIFIED, user=factchecker)
    factchecking.remove_citation(citation, user=factchecker)

    lines = [(line.actor, line.text) for line in build_one(claim).history]

    assert lines == [
        ("factchecker", "Verified → Needs re-check"),
        ("factchecker", "Removed the citation of “City budget 2026”"),
        ("factchecker", "Unstarted → Verified"),
        ("factchecker", "Cited “City budget 2026” (p. 4)"),
        ("factchecker", "Assigned to factchecker"),
    ]


def test_history_of_a_deleted_source_still_reads(factchecker):
    claim = ClaimFactory()
    SourcingEvent.objects.create(
        article=claim.article, claim=claim, action="citation_removed", before={"source": 999}
    )
    assert build_one(claim).history[0].text == "Removed the citation of a source since deleted"
    assert build_one(claim).history[0].actor == "The system"


def test_article_state_says_when_an_article_is_scheduled():
    article = ArticleFactory(publish_at=timezone.now() + datetime.timedelta(days=1))
    assert cards.article_state(article).startswith("Draft · scheduled for ")
