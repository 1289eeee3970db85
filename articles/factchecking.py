"""The fact-check desk's rules: assigning, ruling on, dating and sourcing claims and quotations.

Each function takes the acting user, checks their rights, runs in a transaction holding the article's row
lock (the lock the publish gate takes, so a verdict or a citation cannot change under a publish in
progress) and records a SourcingEvent: who, when, what, before and after. Views, the admin and scripts
only call these (Zulip's `zerver/actions` convention). Refusals are a PermissionDenied or a
ValidationError with a `code`, so callers test the code rather than the wording.
"""

import logging
from smtplib import SMTPException

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from newsroom.names import display_name
from sources.models import Source

from . import rights, sourcing
from .models import Article, ArticleRevision, CheckStatus, Citation, SourcingEvent

logger = logging.getLogger(__name__)

VERDICTS = (
    CheckStatus.VERIFIED,
    CheckStatus.INCONCLUSIVE,
    CheckStatus.DISPUTED,
    CheckStatus.NOT_CLAIM,
)
# A ruling that a claim is false, or that it is no claim at all, must say why: the first blocks
# publishing, the second releases a claim from needing a source.
REASON_REQUIRED = (CheckStatus.DISPUTED, CheckStatus.NOT_CLAIM)


def _require(user, *extra: str) -> None:
    if not rights.works_desk(user) or not user.has_perms(extra):
        raise PermissionDenied("You do not have permission to do this on the fact-check desk.")


def _item_permission(item) -> str:
    return f"articles.change_{item._meta.model_name}"


def _locked_item(item, *, user, change=rights.Change.RULE):
    """Lock the article row, check `user` may make `change` to it as it is now, then re-read the item
    so the change starts from what is stored now."""
    rights.require(user, Article.objects.lock(item.article_id), change)
    return type(item).objects.select_for_update().get(pk=item.pk)


def _record(item, action: str, *, user, before=None, after=None) -> SourcingEvent:
    return SourcingEvent.objects.create(
        article_id=item.article_id,
        **{item.citation_field: item},
        action=action,
        before=before,
        after=after,
        actor=user,
    )


def _refresh(target, source, fields) -> None:
    for name in fields:
        setattr(target, name, getattr(source, name))


def _user_label(user) -> str | None:
    if user is None:
        return None
    return display_name(user)


# --- assignment and due dates -----------------------------------------------------------------


def assign(item, assignee, *, user, link: str = ""):
    """Give `item` to `assignee` (None takes it off everyone's list) and tell them by email.

    The email goes out only once the assignment is committed, and not when people assign themselves.
    `link` is where the assignee works on the item (the desk's absolute address for it), for the email.
    """
    _require(user, _item_permission(item))
    if assignee is not None and not rights.works_desk(assignee):
        raise ValidationError(
            "%(name)s cannot work the fact-check desk, so the item cannot be assigned to them.",
            code="assignee_cannot_check",
            params={"name": _user_label(assignee)},
        )
    with transaction.atomic():
        locked = _locked_item(item, user=user)
        if locked.assignee_id == (assignee.pk if assignee else None):
            _refresh(item, locked, ["assignee", "updated_at"])
            return item
        before = {"assignee": locked.assignee_id, "name": _user_label(locked.assignee)}
        locked.assignee = assignee
        locked.save(update_fields=["assignee", "updated_at"])
        _record(
            locked,
            SourcingEvent.Action.ASSIGNED,
            user=user,
            before=before,
            after={"assignee": assignee.pk if assignee else None, "name": _user_label(assignee)},
        )
        if assignee is not None and assignee != user and assignee.email:
            transaction.on_commit(lambda: _notify_assignee(locked, assignee, user, link))
    _refresh(item, locked, ["assignee", "updated_at"])
    return item


def _notify_assignee(item, assignee, user, link: str) -> None:
    article = item.article
    kind = item._meta.verbose_name
    lines = [
        f"{_user_label(user)} assigned you a {kind} to check in “{article.title}”:",
        "",
        f"    “{item.exact}”",
        "",
    ]
    if item.due_on:
        lines.append(f"Due: {item.due_on:%A %d %B %Y}")
    if link:
        lines.append(f"Work on it on the fact-check desk: {link}")
    try:
        send_mail(
            subject=f"Fact-check: a {kind} in “{article.title}” is yours",
            message="\n".join(lines) + "\n",
            from_email=None,
            recipient_list=[assignee.email],
        )
    except (SMTPException, OSError):
        # The assignment stands; the desk shows it to the assignee whether or not the mail went out.
        logger.exception("Could not email %s about an assignment", assignee.email)


def set_due(item, due_on, *, user):
    """Set (or with None, clear) the date `item` must be checked by. Overdue items top the queue."""
    _require(user, _item_permission(item))
    if due_on is not None and due_on < timezone.localdate():
        raise ValidationError("A due date cannot be in the past.", code="due_in_past")
    with transaction.atomic():
        locked = _locked_item(item, user=user)
        if locked.due_on == due_on:
            _refresh(item, locked, ["due_on", "updated_at"])
            return item
        before = {"due_on": locked.due_on.isoformat() if locked.due_on else None}
        locked.due_on = due_on
        locked.save(update_fields=["due_on", "updated_at"])
        # SourcingEvent has no action of its own for due dates; a due date is part of the assignment.
        _record(
            locked,
            SourcingEvent.Action.ASSIGNED,
            user=user,
            before=before,
            after={"due_on": due_on.isoformat() if due_on else None},
        )
    _refresh(item, locked, ["due_on", "updated_at"])
    return item


# --- verdicts -------------------------------------------------------------------------------------

_VERDICT_FIELDS = [
    "check_status",
    "verdict_reason",
    "desk_note",
    "checked_by",
    "checked_at",
    "checked_exact",
    "checked_revision",
    "updated_at",
]


def _verdict_state(item) -> dict:
    return {"status": item.check_status, "reason": item.verdict_reason, "note": item.desk_note}


def set_verdict(item, status, *, user, reason: str = "", note: str | None = None):
    """Rule on `item` and sign the ruling off: who, when, on which words and which revision.

    `note` replaces the desk note; None (a verdict given to several items at once) keeps each one's.

    A later edit that changes the words sends the verdict back to “needs re-check” (see
    `anchoring.apply`), because `checked_exact` records what was actually checked.
    """
    _require(user, _item_permission(item))
    reason = reason.strip()
    if status not in VERDICTS:
        raise ValidationError(
            "Choose a verdict: verified, inconclusive, false / disputed or not a factual claim.",
            code="invalid_verdict",
        )
    status = CheckStatus(status)
    if status in REASON_REQUIRED and not reason:
        raise ValidationError(
            "Say why the %(kind)s is “%(verdict)s”: a reason is required for this verdict.",
            code="reason_required",
            params={"kind": item._meta.verbose_name, "verdict": status.label.lower()},
        )
    with transaction.atomic():
        locked = _locked_item(item, user=user)
        if locked.is_orphaned:
            raise ValidationError(
                "Its words are no longer in the article, so there is nothing to rule on. Mark it "
                "again on the current text (or delete it) in the admin first.",
                code="orphaned",
            )
        if status == CheckStatus.VERIFIED and not locked.citations.exists():
            raise ValidationError(
                "Attach the source that verifies it before marking it verified.",
                code="verified_without_source",
            )
        before = _verdict_state(locked)
        locked.check_status = status
        locked.verdict_reason = reason
        if note is not None:
            locked.desk_note = note.strip()
        locked.checked_by = user
        locked.checked_at = timezone.now()
        locked.checked_exact = locked.exact
        locked.checked_revision = (
            ArticleRevision.objects.filter(article_id=locked.article_id).order_by("-number").first()
        )
        locked.save(update_fields=_VERDICT_FIELDS)
        _record(locked, SourcingEvent.Action.STATUS, user=user, before=before, after=_verdict_state(locked))
    _refresh(item, locked, _VERDICT_FIELDS)
    return item


# --- sources and citations ----------------------------------------------------------------------

SOURCE_FIELDS = ("title", "kind", "publisher", "url")


def create_source(data: dict, *, user) -> Source:
    """Add a source to the evidence library, validated exactly as the Source model validates it.

    `data` may hold title, kind, publisher and url. Invalid data raises the model's ValidationError
    (with its field errors and codes) and saves nothing.
    """
    _require(user, "sources.add_source")
    unknown = set(data) - set(SOURCE_FIELDS)
    if unknown:
        raise ValidationError(
            "Unknown source fields: %(fields)s.",
            code="unknown_fields",
            params={"fields": ", ".join(sorted(unknown))},
        )
    source = Source(**{name: (value or "").strip() for name, value in data.items()})
    source.full_clean()
    source.save()
    return source


def attach_source(item, source, *, user, locator: str = "", passage: str = "") -> Citation:
    """Cite `source` for `item`. Refused (code already_cited) when the item already cites it.

    `sourcing.cite` writes the citation and its CITATION_ADDED event.
    """
    _require(user, _item_permission(item))
    with transaction.atomic():
        locked = _locked_item(item, user=user, change=rights.Change.CITE)
        created = sourcing.cite(locked, [source], user=user, locator=locator.strip(), passage=passage)
        if not created:
            raise ValidationError(
                "It already cites “%(source)s”.", code="already_cited", params={"source": source}
            )
    return created[0]


@transaction.atomic
def attach_new_source(item, data: dict, *, user, locator: str = "", passage: str = "") -> Citation:
    """Create a source and cite it for `item` in one transaction: both happen, or neither does."""
    source = create_source(data, user=user)
    return attach_source(item, source, user=user, locator=locator, passage=passage)


def remove_citation(citation: Citation, *, user) -> None:
    """Remove one citation (`sourcing.uncite` records it). A verified item left with no source goes
    back to “needs re-check”: the verdict rested on evidence that is no longer attached."""
    item = citation.claim or citation.quotation
    _require(user, _item_permission(item), "articles.delete_citation")
    with transaction.atomic():
        locked = _locked_item(item, user=user, change=rights.Change.CITE)
        stored = Citation.objects.filter(pk=citation.pk).select_related("claim", "quotation").first()
        if stored is None:
            raise ValidationError("That citation was already removed.", code="already_removed")
        sourcing.uncite(stored, user=user)
        if locked.check_status == CheckStatus.VERIFIED and not locked.citations.exists():
            state = _verdict_state(locked)
            locked.check_status = CheckStatus.NEEDS_RECHECK
            locked.save(update_fields=["check_status", "updated_at"])
            _record(
                locked,
                SourcingEvent.Action.STATUS,
                user=user,
                before=state,
                after=_verdict_state(locked),
            )
