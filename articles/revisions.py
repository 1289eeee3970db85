"""Revisions: the article as it was at each save, and the published version readers see.

The article row and its claim/quotation rows are the working copy. Every save keeps a revision (a
snapshot of the text, of the claims and quotations with their citations, and of everything else readers
see: slug, section, lead image and its texts, authors in byline order, tags); publishing points
`Article.live_revision` at a snapshot taken under the gate's lock. Reader pages render that snapshot, so
editing a live article never shows on the site until the gate publishes the new version.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils.safestring import SafeString

from sources.models import Person, Source

from . import anchoring, bylines, marking, rights, slugs, workflow
from .diffing import paragraph_diff, word_diff
from .models import Article, ArticleRevision, Citation, Claim, Quotation, RevisionAuthor


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


# What readers see of an article besides its text and sourcing, kept on every revision with its authors
# (in byline order) and tags, so that a live article shows them as published until the next publish.
READER_FIELDS = (
    "body_html",
    "slug",
    "section_id",
    "lead_image",
    "lead_image_alt",
    "lead_image_caption",
    "lead_image_credit",
)


def _reader_values(source: Article | ArticleRevision) -> dict:
    values = {name: getattr(source, name) for name in READER_FIELDS}
    # The stored file's name, not the FieldFile: a revision points at the same file as its article.
    values["lead_image"] = source.lead_image.name or ""
    return values


def byline(article: Article) -> list[int]:
    """The working copy's author ids in byline order (`bylines.links`)."""
    return list(bylines.links(article).values_list("user_id", flat=True))


def _reader_state(values: dict, authors: list[int], tags) -> tuple:
    return (*(values[name] for name in READER_FIELDS), authors, sorted(tags))


def _article_reader_state(article: Article) -> tuple:
    tags = article.tags.values_list("pk", flat=True)
    return _reader_state(_reader_values(article), byline(article), tags)


def _revision_reader_state(revision: ArticleRevision) -> tuple:
    authors = list(revision.bylines.values_list("user_id", flat=True))
    return _reader_state(_reader_values(revision), authors, revision.tags.values_list("pk", flat=True))


def _is_unchanged(revision: ArticleRevision, article: Article, content: dict) -> bool:
    """Whether `revision` already holds the article exactly as it is now."""
    text = (revision.title, revision.standfirst, revision.body, revision.content)
    if text != (article.title, article.standfirst, article.body, content):
        return False
    return _revision_reader_state(revision) == _article_reader_state(article)


@transaction.atomic
def save_revision(article: Article, *, user=None, reason: str = "") -> ArticleRevision:
    """Keep the article as it is now as a new revision, unless the latest one already holds it.

    A save that changes nothing (pressing "Save" twice, a workflow button, publishing what was just
    saved) makes no revision: the history lists changes, and workflow moves have their own record.
    """
    Article.objects.lock(article.pk)
    content = snapshot(article)
    latest = article.revisions.order_by("-number").first()
    if latest is not None and _is_unchanged(latest, article, content):
        return latest
    last = article.revisions.aggregate(n=Max("number"))["n"] or 0
    revision = ArticleRevision.objects.create(
        article=article,
        number=last + 1,
        title=article.title,
        standfirst=article.standfirst,
        body=article.body,
        content=content,
        reason=reason,
        created_by=user,
        **_reader_values(article),
    )
    RevisionAuthor.objects.bulk_create(
        RevisionAuthor(revision=revision, user_id=user_id, position=position)
        for position, user_id in enumerate(byline(article))
    )
    revision.tags.set(article.tags.values_list("pk", flat=True))
    slugs.record(article, revision.slug)
    return revision


def working_copy(article: Article) -> ArticleRevision:
    """The article as it is now, as an unsaved revision (for previews; its authors and tags are the
    article's, see `article_page.load`)."""
    return ArticleRevision(
        article=article,
        number=0,
        title=article.title,
        standfirst=article.standfirst,
        body=article.body,
        content=snapshot(article),
        created_at=article.updated_at,
        **_reader_values(article),
    )


def has_unpublished_changes(article: Article) -> bool:
    """Whether the working copy differs from what readers see."""
    live = article.live_revision
    return live is None or not _is_unchanged(live, article, snapshot(article))


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


@dataclass
class Comparison:
    """What changed from revision `old` to revision `new`, for an editor to read."""

    old: ArticleRevision
    new: ArticleRevision
    title: SafeString
    standfirst: SafeString
    body: SafeString
    added: list[str]
    removed: list[str]

    @property
    def text_changed(self) -> bool:
        return (self.old.title, self.old.standfirst, self.old.body) != (
            self.new.title,
            self.new.standfirst,
            self.new.body,
        )

    @property
    def structure_changed(self) -> bool:
        """Links, subheadings, lists, emphasis or figures changed (the text diff does not show them)."""
        return _markup(self.old.body_html) != _markup(self.new.body_html)


_TEXT = re.compile(r">[^<]*<")


def _markup(body_html: str) -> str:
    """The stored body's elements without their text (stored bodies are canonical: `richtext`)."""
    return _TEXT.sub("><", body_html)


def _marked(revision: ArticleRevision) -> dict[tuple[str, str], str]:
    marked = {}
    for key, label in (("claims", "Claim"), ("quotations", "Quotation")):
        for item in revision.content.get(key, []):
            marked[(label, item["exact"])] = f"{label}: “{item['exact']}”"
    return marked


def compare(old: ArticleRevision, new: ArticleRevision) -> Comparison:
    before, after = _marked(old), _marked(new)
    return Comparison(
        old=old,
        new=new,
        title=word_diff(old.title, new.title),
        standfirst=word_diff(old.standfirst, new.standfirst),
        body=paragraph_diff(old.body, new.body),
        added=[after[k] for k in after.keys() - before.keys()],
        removed=[before[k] for k in before.keys() - after.keys()],
    )


def _restore_items(article: Article, revision: ArticleRevision, user) -> None:
    """Put the claims and quotations back as the revision had them.

    Items that still exist get their words and details back; deleted ones are recreated with the
    citations whose sources still exist. Items added since are kept (re-anchored, or orphaned if their
    words are not in the restored text): restoring never silently drops sourcing work.
    """
    sources = set(
        Source.objects.filter(
            pk__in={
                c["source"]
                for key in ("claims", "quotations")
                for item in revision.content.get(key, [])
                for c in item["citations"]
            }
        ).values_list("pk", flat=True)
    )
    people = set(
        Person.objects.filter(
            pk__in={q["speaker"] for q in revision.content.get("quotations", []) if q["speaker"]}
        ).values_list("pk", flat=True)
    )
    for model, key in ((Claim, "claims"), (Quotation, "quotations")):
        existing = {item.pk: item for item in model.objects.filter(article=article)}
        recreated = [data["id"] for data in revision.content.get(key, []) if data["id"] not in existing]
        note = f"Put back by restoring revision {revision.number}."
        marking.put_back(article, model._meta.model_name, recreated, user=user, note=note)
        for data in revision.content.get(key, []):
            item = existing.get(data["id"]) or model(article=article, created_by=user)
            if key == "claims":
                item.kind = data["kind"]
            else:
                item.speaker_id = data["speaker"] if data["speaker"] in people else None
                item.obtained = data["obtained"]
                item.said_on = datetime.date.fromisoformat(data["said_on"]) if data["said_on"] else None
            anchor = anchoring.find_again(article.body, data["exact"], hint=data["start"])
            if anchor is None:
                item.exact = data["exact"]
                if item.pk is None:
                    item.start, item.end = data["start"], data["end"]
            anchoring.apply(item, anchor)
            is_new = item.pk is None
            item.save()
            anchoring.log_recheck(item, user)
            if is_new:
                for c in data["citations"]:
                    if c["source"] in sources:
                        Citation.objects.create(
                            **{model.citation_field: item},
                            source_id=c["source"],
                            locator=c["locator"],
                            passage=c["passage"],
                            added_by=user,
                        )


@transaction.atomic
def restore(article: Article, revision: ArticleRevision, *, user) -> ArticleRevision:
    """Make `revision` the working copy again (kept as a new revision; readers see no change)."""
    if not workflow.can_edit(user, article):
        raise PermissionDenied("You may not edit this article.")
    from . import saving  # which builds on this module

    locked = Article.objects.lock(article.pk)
    rights.require(user, locked, rights.Change.MARK)  # it puts claims and quotations back
    locked.title, locked.standfirst = revision.title, revision.standfirst
    locked.body_html = revision.body_html  # and so its text, `body`
    saved = saving.save_article(
        locked,
        user=user,
        base_version=locked.version,  # the working copy as it is under the lock, replaced on purpose
        related=lambda: _restore_items(locked, revision, user),
        reason=f"Restored revision {revision.number}",
    )
    return saved.revision
