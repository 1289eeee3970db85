"""Taking a claim or quotation off an article, and why that is a decision past draft.

Deleting an unsourced claim would otherwise be the quickest way through the publish gate. So once an
article has left draft (or has ever been live), removing a claim or quotation needs a reason, is recorded
as a `Removal` (who, when, what it was) and waits on the fact-check desk: the gate refuses while a
removal is pending, until a fact-checker other than the remover confirms it or reinstates the item.
`SOURCING_CONFIRM_REMOVALS = False` turns the rule off (removals are then recorded only past draft,
with the reason if one is given, and never wait).
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sources.models import Person, Source

from . import anchoring, decisions, rights
from .models import Article, Citation, Claim, Quotation, Removal

MODELS = {Removal.Kind.CLAIM: Claim, Removal.Kind.QUOTATION: Quotation}


def is_past_draft(article: Article) -> bool:
    return article.status != Article.Status.DRAFT or article.live_revision_id is not None


def removal_needs_reason(article: Article) -> bool:
    """Whether removing a claim or quotation from `article` needs a reason and a confirmation."""
    return settings.SOURCING_CONFIRM_REMOVALS and is_past_draft(article)


def _content(item) -> dict:
    """What the item was, beyond its words: enough to put it back."""
    citations = [
        {"source": c.source_id, "locator": c.locator, "passage": c.passage, "note": c.note}
        for c in item.citations.order_by("added_at", "pk")
    ]
    if isinstance(item, Claim):
        return {"kind": item.kind, "note": item.note, "citations": citations}
    return {
        "speaker": item.speaker_id,
        "obtained": item.obtained,
        "said_on": item.said_on.isoformat() if item.said_on else None,
        "citations": citations,
    }


@transaction.atomic
def remove(item, *, user, reason: str = "") -> Removal | None:
    """Delete `item` (a claim or quotation) as `user`; past draft, record why for the desk to confirm.

    Refuses without the right to remove (PermissionDenied), without a reason where one is needed
    (`reason_required`), or when the item is already gone (`already_removed`).
    """
    kind = item._meta.model_name
    if user is not None and not user.has_perm(f"articles.delete_{kind}"):
        raise PermissionDenied(f"You do not have permission to delete {kind}s.")
    article = Article.objects.lock(item.article_id)
    rights.require(user, article, rights.Change.REMOVE)
    stored = type(item).objects.select_for_update().filter(pk=item.pk).first()
    if stored is None:
        raise ValidationError("It was already removed.", code="already_removed")
    reason = reason.strip()
    removal = None
    if is_past_draft(article):
        if settings.SOURCING_CONFIRM_REMOVALS and not reason:
            raise ValidationError(
                "Say why the %(kind)s “%(words)s” is removed: the article is past draft, so a "
                "fact-checker confirms each removal before it can be published.",
                code="reason_required",
                params={"kind": kind, "words": stored.exact[:80]},
            )
        removal = Removal.objects.create(
            article=article,
            kind=kind,
            item_id=stored.pk,
            exact=stored.exact,
            start=stored.start,
            end=stored.end,
            content=_content(stored),
            reason=reason,
            removed_by=user,
            status=Removal.Status.PENDING
            if settings.SOURCING_CONFIRM_REMOVALS
            else Removal.Status.CONFIRMED,
        )
    stored.delete()
    return removal


def _locked_pending(removal: Removal, user) -> Removal:
    rights.require(user, Article.objects.lock(removal.article_id), rights.Change.RULE)
    return decisions.locked_pending(removal, Removal.Status.PENDING)


def _decide(removal: Removal, status: str, user, note: str) -> Removal:
    removal.status = status
    removal.decided_by = user
    removal.decided_at = timezone.now()
    removal.decision_note = note.strip()
    removal.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    return removal


@transaction.atomic
def confirm(removal: Removal, *, user, note: str = "") -> Removal:
    """A fact-checker agrees the item should go. Nobody confirms their own removal."""
    current = _locked_pending(removal, user)
    if user is not None and current.removed_by_id == user.pk:
        raise ValidationError(
            "You removed it yourself: another fact-checker must confirm the removal.", code="own_removal"
        )
    return _decide(current, Removal.Status.CONFIRMED, user, note)


@transaction.atomic
def reinstate(removal: Removal, *, user, note: str = ""):
    """Put the item back as it was (re-anchored on today's text, or orphaned), with its citations."""
    current = _locked_pending(removal, user)
    article = Article.objects.get(pk=current.article_id)
    model, data = MODELS[current.kind], current.content
    if model.objects.filter(article=article, exact=current.exact).exists():
        raise ValidationError(
            "“%(words)s” is marked on the article again: confirm the removal instead.",
            code="already_marked",
            params={"words": current.exact[:80]},
        )
    item = model(article=article, created_by=current.removed_by)
    if model is Claim:
        item.kind, item.note = data.get("kind", Claim.Kind.OTHER), data.get("note", "")
    else:
        speaker = data.get("speaker")
        item.speaker_id = speaker if Person.objects.filter(pk=speaker).exists() else None
        item.obtained = data.get("obtained", Quotation.Obtained.INTERVIEW)
        said_on = data.get("said_on")
        item.said_on = datetime.date.fromisoformat(said_on) if said_on else None
    item.exact, item.start, item.end = current.exact, current.start, current.end
    anchoring.apply(item, anchoring.find_again(article.body, current.exact, hint=current.start))
    item.save()
    cited = data.get("citations", [])
    sources = set(Source.objects.filter(pk__in=[c["source"] for c in cited]).values_list("pk", flat=True))
    Citation.objects.bulk_create(
        Citation(
            **{model.citation_field: item},
            source_id=c["source"],
            locator=c.get("locator", ""),
            passage=c.get("passage", ""),
            note=c.get("note", ""),
            added_by=user,
        )
        for c in cited
        if c["source"] in sources
    )
    _decide(current, Removal.Status.REINSTATED, user, note)
    return item


def put_back(article: Article, kind: str, item_ids, *, user, note: str) -> None:
    """The pending removals of these items are moot: the items are back (a restored revision)."""
    for removal in pending(article).filter(kind=kind, item_id__in=item_ids).select_for_update():
        _decide(removal, Removal.Status.REINSTATED, user, note)


def pending(article: Article):
    """The removals from `article` still waiting for a fact-checker: the publish gate waits for them."""
    return article.removals.filter(status=Removal.Status.PENDING)
