"""Fixtures for the desk: logged-in clients per role, and a queue of any size built in a few queries."""

import datetime

import pytest
from django.utils import timezone

from articles import anchoring
from articles.models import Article, Citation, Claim, Quotation, SourcingEvent
from tests.factories import ArticleFactory, PersonFactory, SourceFactory, UserFactory


@pytest.fixture
def factchecker_client(client, factchecker):
    client.force_login(factchecker)
    return client


@pytest.fixture
def reporter_client(client, reporter):
    client.force_login(reporter)
    return client


@pytest.fixture
def superuser(db):
    return UserFactory(username="chief", is_staff=True, is_superuser=True)


def _anchored(model, article, words, **fields):
    item = model(article=article, **fields)
    anchoring.apply(item, anchoring.require(article.body, words))
    return item


@pytest.fixture
def fill_queue(factchecker):
    """fill_queue(n): n open items (claims and quotations in turn) with the trimmings a card shows.

    Each item has a citation, an assignee, a signed-off checker, a due date and history, on articles in
    review (so every item is on the desk as unchecked), so a page exercises every lookup it makes.
    """

    def fill(n: int):
        articles = ArticleFactory.create_batch(3, status=Article.Status.IN_REVIEW)
        source = SourceFactory()
        speaker = PersonFactory()
        due = timezone.localdate() + datetime.timedelta(days=3)
        common = {"assignee": factchecker, "checked_by": factchecker, "due_on": due}
        claims = Claim.objects.bulk_create(
            _anchored(Claim, articles[i % 3], "budget of 4.2 million dollars", **common)
            for i in range(n - n // 2)
        )
        quotations = Quotation.objects.bulk_create(
            _anchored(Quotation, articles[i % 3], "We are proud of this work,", speaker=speaker, **common)
            for i in range(n // 2)
        )
        # Claims and quotations in turn, oldest first, so every page holds both kinds.
        start = timezone.now() - datetime.timedelta(days=1)
        mixed = [item for pair in zip(claims, quotations, strict=False) for item in pair]
        mixed += claims[len(quotations) :]
        for offset, item in enumerate(mixed):
            item.created_at = start + datetime.timedelta(seconds=offset)
        Claim.objects.bulk_update(claims, ["created_at"])
        Quotation.objects.bulk_update(quotations, ["created_at"])
        Citation.objects.bulk_create(
            [Citation(claim=c, source=source) for c in claims]
            + [Citation(quotation=q, source=source) for q in quotations]
        )
        SourcingEvent.objects.bulk_create(
            [
                SourcingEvent(
                    article_id=item.article_id,
                    **{item.citation_field: item},
                    action=SourcingEvent.Action.ASSIGNED,
                    after={"assignee": factchecker.pk, "name": "factchecker"},
                    actor=factchecker,
                )
                for item in mixed
            ]
        )
        return mixed

    return fill
