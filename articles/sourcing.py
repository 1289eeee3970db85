"""Attaching sources to claims and quotations (and taking them off), with the audit trail.

Both ask `rights.require(user, article, CITE)` under the article's row lock, whatever path calls them.
"""

from django.db import transaction

from . import rights
from .models import Article, Citation, SourcingEvent


def _describe(citation: Citation) -> dict:
    return {"citation": citation.pk, "source": citation.source_id, "locator": citation.locator}


def record(citation: Citation, action: str, user=None) -> SourcingEvent:
    item = citation.claim or citation.quotation
    return SourcingEvent.objects.create(
        article_id=item.article_id,
        claim_id=citation.claim_id,
        quotation_id=citation.quotation_id,
        action=action,
        before=_describe(citation) if action == SourcingEvent.Action.CITATION_REMOVED else None,
        after=_describe(citation) if action == SourcingEvent.Action.CITATION_ADDED else None,
        actor=user,
    )


@transaction.atomic
def cite(item, sources, *, user=None, locator: str = "", passage: str = "") -> list[Citation]:
    """Cite each of `sources` for `item` (a claim or quotation), skipping sources it already cites."""
    rights.require(user, Article.objects.lock(item.article_id), rights.Change.CITE)
    field = item.citation_field
    already = set(Citation.objects.filter(**{field: item}).values_list("source_id", flat=True))
    created = []
    for source in sources:
        if source.pk in already:
            continue
        citation = Citation.objects.create(
            **{field: item}, source=source, added_by=user, locator=locator, passage=passage
        )
        record(citation, SourcingEvent.Action.CITATION_ADDED, user)
        created.append(citation)
    return created


@transaction.atomic
def uncite(citation: Citation, *, user=None) -> None:
    """Remove a citation, keeping a record of what it was."""
    item = citation.claim or citation.quotation
    rights.require(user, Article.objects.lock(item.article_id), rights.Change.CITE)
    record(citation, SourcingEvent.Action.CITATION_REMOVED, user)
    citation.delete()


@transaction.atomic
def add(citation: Citation, *, user=None) -> Citation:
    """Save a new citation built by a form (source, locator, passage), recording who added it."""
    item = citation.claim or citation.quotation
    rights.require(user, Article.objects.lock(item.article_id), rights.Change.CITE)
    citation.added_by = user
    citation.save()
    record(citation, SourcingEvent.Action.CITATION_ADDED, user)
    return citation


@transaction.atomic
def change(citation: Citation, *, user=None) -> Citation:
    """Save an edited citation (its locator, passage or note; the source too)."""
    item = citation.claim or citation.quotation
    rights.require(user, Article.objects.lock(item.article_id), rights.Change.CITE)
    citation.save()
    return citation
