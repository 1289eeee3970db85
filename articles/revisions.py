"""Revisions: the article as it was at each save, and the published version readers see.

The article row and its claim/quotation rows are the working copy. Every save keeps a revision (a
snapshot of the text and of the claims and quotations with their citations); publishing points
`Article.live_revision` at a snapshot taken under the gate's lock. Reader pages render that snapshot, so
editing a live article never shows on the site until the gate publishes the new version.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max, Prefetch

from .models import Article, ArticleRevision, Citation, Claim, Quotation


def _citations(item) -> list[dict]:
    return [
        {"source": c.source_id, "locator": c.locator, "passage": c.passage} for c in item.citations.all()
    ]


def _anchor(item) -> dict:
    return {
        "id": item.pk,
        "exact": item.exact,
        "start": item.start,
        "end": item.end,
        "orphaned": item.is_orphaned,
        "citations": _citations(item),
    }


def snapshot(article: Article) -> dict:
    """The claims and quotations of `article` as plain data (two queries, plus citations)."""
    citations = Prefetch("citations", queryset=Citation.objects.order_by("added_at", "pk"))
    claims = Claim.objects.filter(article=article).order_by("start", "pk").prefetch_related(citations)
    quotations = (
        Quotation.objects.filter(article=article).order_by("start", "pk").prefetch_related(citations)
    )
    return {
        "claims": [{**_anchor(c), "kind": c.kind} for c in claims],
        "quotations": [
            {
                **_anchor(q),
                "speaker": q.speaker_id,
                "obtained": q.obtained,
                "said_on": q.said_on.isoformat() if q.said_on else None,
            }
            for q in quotations
        ],
    }


@transaction.atomic
def save_revision(article: Article, *, user=None, reason: str = "") -> ArticleRevision:
    """Keep the article as it is now as a new revision."""
    Article.objects.lock(article.pk)
    last = article.revisions.aggregate(n=Max("number"))["n"] or 0
    return ArticleRevision.objects.create(
        article=article,
        number=last + 1,
        title=article.title,
        standfirst=article.standfirst,
        body=article.body,
        content=snapshot(article),
        reason=reason,
        created_by=user,
    )


def has_unpublished_changes(article: Article) -> bool:
    """Whether the working copy differs from what readers see."""
    live = article.live_revision
    if live is None:
        return True
    return (live.title, live.standfirst, live.body, live.content) != (
        article.title,
        article.standfirst,
        article.body,
        snapshot(article),
    )


@dataclass
class LiveItem:
    """A claim or quotation as published: what the reader page needs, without touching the working copy."""

    id: int
    exact: str
    start: int
    end: int
    citations: list[dict] = field(default_factory=list)
    kind: str = ""
    speaker: int | None = None
    obtained: str = ""
    said_on: str | None = None


def live_items(revision: ArticleRevision) -> tuple[list[LiveItem], list[LiveItem]]:
    """The published claims and quotations of a revision (anchored ones only)."""

    def items(key):
        return [
            LiveItem(**{k: v for k, v in data.items() if k != "orphaned"})
            for data in revision.content.get(key, [])
            if not data.get("orphaned")
        ]

    return items("claims"), items("quotations")
