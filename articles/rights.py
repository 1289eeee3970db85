"""Who may change an article's sourcing, and in which state: the one rule every writing path asks.

Sourcing is changed in four ways, and each path that writes (the article's inlines, the claim and
quotation pages, their citation inlines, the desk, suggestions, import, scripts) asks `require` before it
writes, with the article it is about to change:

* MARK: add a claim or quotation, or change what it is (its words, kind, speaker, how obtained).
  That is editing the article, so it follows `workflow.can_edit`: editors on any article, reporters on
  their own drafts, nobody over someone else's lock.
* REMOVE: delete a claim or quotation. The same people as MARK; past draft it also needs a reason and
  a fact-checker's confirmation (`articles.marking`).
* CITE: add or remove a citation. Those who may MARK, and whoever works the fact-check desk, in every
  state: finding and fixing sources on live articles is what the desk is for.
* RULE: verdicts, assignment, due dates, confirming removals. The fact-check desk only.

`user=None` is the system (the command line, the scheduler), which may do everything.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied

from . import workflow

# Working the desk means ruling on claims and keeping the evidence library right. Reporters may also
# change claims and cite sources (in their own drafts); the right to correct sources sets fact-checkers
# and editors apart in `articles.roles`, so the desk asks for it too.
DESK_PERMISSIONS = ("articles.change_claim", "articles.add_citation", "sources.change_source")


class Change(StrEnum):
    MARK = "mark"
    REMOVE = "remove"
    CITE = "cite"
    RULE = "rule"


def works_desk(user) -> bool:
    """Whether `user` may use the fact-check desk (superusers may; reporters and anonymous may not)."""
    return bool(user and user.is_authenticated and user.has_perms(DESK_PERMISSIONS))


def _may(user, article, change: Change) -> bool:
    if change is Change.RULE:
        return works_desk(user)
    if change is Change.CITE and works_desk(user):
        return True
    return workflow.can_edit(user, article)


def may(user, article, change: Change) -> bool:
    """Whether `user` may make `change` to the sourcing of `article` as it stands."""
    return user is None or _may(user, article, Change(change))


_REFUSALS = {
    Change.MARK: "You may not mark or change claims and quotations in “{article}”",
    Change.REMOVE: "You may not remove claims or quotations from “{article}”",
    Change.CITE: "You may not change the sources of “{article}”",
    Change.RULE: "Only the fact-check desk may rule on the claims of “{article}”",
}


def _why(user, article) -> str:
    if workflow.is_locked_for(user, article):
        return f": {article.locked_by} holds the lock."
    if article.status != article.Status.DRAFT and not user.has_perm(workflow.EDIT_ANY):
        return f": it is {article.get_status_display().lower()}, and only editors change it now."
    return "."


def require(user, article, change: Change) -> None:
    """Refuse (PermissionDenied, saying why) unless `user` may make `change` to `article`'s sourcing."""
    if not may(user, article, change):
        change = Change(change)
        message = _REFUSALS[change].format(article=article)
        raise PermissionDenied(message + ("." if change is Change.RULE else _why(user, article)))
