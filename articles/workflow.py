"""The editorial workflow: draft → in review → fact-check → ready → published, and unpublished.

Each move is a plain function call that takes the acting user, checks their right on the server, locks
the article row, refuses illegal moves with a clear message (a ValidationError with a code), and records
a Transition (who, when, from, to, comment). Publishing is not a move here: it always goes through the
publish gate (`publishing.publish`), which records its own transition.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from .models import Article, Transition

Status = Article.Status

EDIT_ANY = "articles.edit_any_article"
PUBLISH = "articles.publish_article"
SIGN_OFF = "articles.signoff_article"


@dataclass(frozen=True)
class Move:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    permission: str | None  # None: anyone who may edit the article (see can_edit)
    comment_required: bool = False


MOVES = {
    move.name: move
    for move in (
        Move("submit", "Submit for review", frozenset({Status.DRAFT}), Status.IN_REVIEW, None),
        Move(
            "send_to_fact_check",
            "Send to fact-check",
            frozenset({Status.IN_REVIEW}),
            Status.FACT_CHECK,
            EDIT_ANY,
        ),
        Move(
            "sign_off",
            "Fact-check done: ready",
            frozenset({Status.FACT_CHECK}),
            Status.READY,
            SIGN_OFF,
        ),
        Move(
            "request_changes",
            "Request changes",
            frozenset({Status.IN_REVIEW, Status.FACT_CHECK, Status.READY}),
            Status.DRAFT,
            EDIT_ANY,
            comment_required=True,
        ),
        Move(
            "unpublish",
            "Unpublish",
            frozenset({Status.PUBLISHED}),
            Status.UNPUBLISHED,
            PUBLISH,
            comment_required=True,
        ),
        Move(
            "back_to_draft",
            "Back to draft",
            frozenset({Status.UNPUBLISHED}),
            Status.DRAFT,
            EDIT_ANY,
        ),
    )
}


def is_own(user, article: Article) -> bool:
    if not user.is_authenticated:
        return False
    if article.pk is None:
        return True
    return article.created_by_id == user.pk or article.authors.filter(pk=user.pk).exists()


def is_locked_for(user, article: Article) -> bool:
    return article.locked_by_id is not None and article.locked_by_id != user.pk


def can_edit(user, article: Article | None) -> bool:
    """Editors edit any article; reporters their own drafts. Nobody edits over someone's lock."""
    if not user.has_perm("articles.change_article"):
        return False
    if article is None:
        return True
    if is_locked_for(user, article):
        return False
    if user.has_perm(EDIT_ANY):
        return True
    return article.status == Status.DRAFT and is_own(user, article)


def may(user, move: Move, article: Article) -> bool:
    if move.permission is None:
        return can_edit(user, article)
    return user.has_perm(move.permission)


def available_moves(user, article: Article) -> list[Move]:
    """The moves this user may make from the article's current state (for the admin's buttons)."""
    return [m for m in MOVES.values() if article.status in m.sources and may(user, m, article)]


def record(article: Article, from_status: str, to_status: str, *, user, comment: str = ""):
    return Transition.objects.create(
        article=article, from_status=from_status, to_status=to_status, actor=user, comment=comment
    )


def move(article: Article, name: str, *, user, comment: str = "") -> Article:
    """Make the workflow move `name` on `article` as `user`, or refuse with a clear message."""
    step = MOVES.get(name)
    if step is None:
        raise ValidationError("There is no such workflow step.", code="unknown_move")
    if not may(user, step, article):
        raise PermissionDenied(f"You may not “{step.label}” this article.")
    comment = comment.strip()
    if step.comment_required and not comment:
        raise ValidationError(
            "“%(step)s” needs a comment saying why.",
            code="comment_required",
            params={"step": step.label},
        )
    with transaction.atomic():
        locked = Article.objects.lock(article.pk)
        if locked.status not in step.sources:
            raise ValidationError(
                "An article that is “%(status)s” cannot take the step “%(step)s”.",
                code="illegal_transition",
                params={"status": locked.get_status_display(), "step": step.label},
            )
        record(locked, locked.status, step.target, user=user, comment=comment)
        locked.status = step.target
        locked.save(update_fields=["status", "updated_at"])
    article.status = locked.status
    return locked
