"""Attaching sources to claims and quotations."""

from django.db import transaction

from .models import Article, Citation


@transaction.atomic
def cite(item, sources, *, user=None, locator: str = "", passage: str = "") -> list[Citation]:
    """Cite each of `sources` for `item` (a claim or quotation), skipping sources it already cites."""
    Article.objects.lock(item.article_id)
    field = item.citation_field
    already = set(Citation.objects.filter(**{field: item}).values_list("source_id", flat=True))
    new = [
        Citation(**{field: item}, source=source, added_by=user, locator=locator, passage=passage)
        for source in sources
        if source.pk not in already
    ]
    return Citation.objects.bulk_create(new)
