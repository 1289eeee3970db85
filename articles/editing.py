"""Editing together without losing work: explicit locks, who has an article open, stale saves.

An editor can lock an article while working on it (as in Wagtail); others see who holds it and cannot
save over it, and an editor can break the lock. Independently, every open change page is an edit
session, so the page can warn that someone else has the article open or has saved it meanwhile; a save
based on an older version is refused (`saving.lock_at_version`, which the admin's form asks while it
validates, see forms.ArticleForm) and nothing typed is lost.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from . import workflow
from .models import Article, EditSession

PRESENCE_WINDOW = timedelta(minutes=2)


@transaction.atomic
def lock(article: Article, *, user) -> Article:
    locked = Article.objects.lock(article.pk)
    if workflow.is_locked_for(user, locked):
        raise ValidationError(
            "%(holder)s already holds the lock on this article.",
            code="already_locked",
            params={"holder": locked.locked_by},
        )
    if not workflow.can_edit(user, locked):
        raise PermissionDenied("You may not edit this article, so you cannot lock it.")
    locked.locked_by, locked.locked_at = user, timezone.now()
    locked.save(update_fields=["locked_by", "locked_at"])
    return locked


@transaction.atomic
def unlock(article: Article, *, user) -> Article:
    """Release your own lock, or break someone else's (editors only)."""
    locked = Article.objects.lock(article.pk)
    if locked.locked_by_id is None:
        return locked
    if locked.locked_by_id != user.pk and not user.has_perm(workflow.EDIT_ANY):
        raise PermissionDenied("Only an editor can break someone else's lock.")
    locked.locked_by, locked.locked_at = None, None
    locked.save(update_fields=["locked_by", "locked_at"])
    return locked


def open_session(article: Article, user) -> EditSession:
    """The user opened the change page: they are now editing from the current version."""
    session, _ = EditSession.objects.update_or_create(
        article=article,
        user=user,
        defaults={"base_version": article.version, "last_seen_at": timezone.now()},
    )
    return session


def heartbeat(article: Article, user) -> EditSession | None:
    """The page is still open (a ping from the page's script); keeps the version it started from."""
    EditSession.objects.filter(article=article, user=user).update(last_seen_at=timezone.now())
    return EditSession.objects.filter(article=article, user=user).first()


def presence(article: Article, user) -> dict:
    """What the open change page needs to warn about: others editing, saves since it opened, a lock.

    Also counts as the page's heartbeat.
    """
    session = heartbeat(article, user)
    saved_since = session is not None and article.version > session.base_version
    latest = article.revisions.select_related("created_by").first() if saved_since else None
    return {
        "others": [str(s.user) for s in others_editing(article, user)],
        "saved_since": saved_since,
        "saved_by": str(latest.created_by) if latest and latest.created_by else None,
        "locked_by": str(article.locked_by) if article.locked_by_id else None,
    }


def others_editing(article: Article, user) -> list[EditSession]:
    since = timezone.now() - PRESENCE_WINDOW
    return list(
        EditSession.objects.filter(article=article, last_seen_at__gte=since)
        .exclude(user=user)
        .select_related("user")
        .order_by("last_seen_at")
    )


def close_session(article: Article, user) -> None:
    EditSession.objects.filter(article=article, user=user).delete()
