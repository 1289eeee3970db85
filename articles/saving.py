"""Saving an article: one action for every writer (the admin's change page, import, restoring a revision).

A save of an existing article says which version it started from and is refused when someone else has
saved since: the check takes the article's row lock, held until the save commits, so two saves based on
the same version cannot both pass it. Then the article is written with its version bumped, the rows that
come with it (the admin's inlines, an import's byline, a restored revision's claims) are saved, every claim
and quotation is re-anchored to the new text, and the result is kept as a revision.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from . import anchoring, revisions
from .models import Article, ArticleRevision


class StaleVersion(ValidationError):
    """The save did not start from the version now saved (code `stale`), or did not say which version it
    started from (code `missing_base_version`). `current` is the article as saved, row-locked."""

    def __init__(self, message: str, *, code: str, current: Article):
        super().__init__(message, code=code)
        self.current = current


def lock_at_version(article: Article, base_version: int | None) -> Article:
    """Take the article's row lock and return it as saved, refusing a save not based on that version."""
    current = Article.objects.lock(article.pk)
    if base_version is None:
        raise StaleVersion(
            "This save did not say which version of the article it started from.",
            code="missing_base_version",
            current=current,
        )
    if base_version != current.version:
        raise StaleVersion("Someone else saved this article meanwhile.", code="stale", current=current)
    return current


# What the workflow, the gate and the edit lock write, never a save of the working copy: taken from the
# row as saved, so that a save of an article read before a publish (or a move, or a lock) cannot undo it.
NOT_SAVED_HERE = ("status", "published_at", "published_by", "live_revision", "locked_by", "locked_at")


@dataclass
class Saved:
    article: Article
    revision: ArticleRevision
    # Claims and quotations whose words are no longer in the text: kept, flagged, blocking publication.
    orphaned: list = field(default_factory=list)
    # A new article or a new text: what suggestions are run on.
    text_changed: bool = False


@transaction.atomic
def save_article(
    article: Article,
    *,
    user,
    base_version: int | None = None,
    related: Callable[[], None] | None = None,
    reason: str = "Saved",
) -> Saved:
    """Save `article` as `user` (None for the system), with what `related` saves once the row exists.

    An existing article is saved only from `base_version` (see `lock_at_version`). Whether `user` may
    make the change is asked before, by the caller (`workflow.can_edit`, `rights`), as for every writer.
    """
    if article.pk is None:
        article.created_by = user
        text_changed = True
    else:
        current = lock_at_version(article, base_version)
        article.sync_body()
        text_changed = current.body != article.body
        for name in NOT_SAVED_HERE:
            attname = Article._meta.get_field(name).attname
            setattr(article, attname, getattr(current, attname))
        article.version = F("version") + 1
    article.save()
    article.refresh_from_db(fields=["version"])
    if related is not None:
        related()
    orphaned = anchoring.reanchor_article(article, user)
    revision = revisions.save_revision(article, user=user, reason=reason)
    return Saved(article=article, revision=revision, orphaned=orphaned, text_changed=text_changed)
