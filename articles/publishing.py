"""The publish gate: the one place that decides whether an article may go live, and the one that does it.

An article may be published only when every claim has a source (or a fact-checker ruled it not a
factual claim), every quotation has a speaker and a source, nothing is orphaned, and nothing is marked
false or disputed. The admin button, the admin action, the `publish` command and anything
later (scheduling, an API) call `publish()`; nothing else writes the published status.

Adding an unsourced claim to an article that is already live is allowed on purpose: marking a claim does
not change the words readers see, and refusing it would stop fact-checkers from flagging what they find
after publication. Such claims show up in `Claim.objects.needing_source()` (the admin list filter, the
sourcing report) and are not footnoted on the reader page until they are sourced.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from . import anchoring, evidence, marking, revisions, slugs, workflow
from .models import Article, CheckStatus, Claim, Quotation, Removal, Suggestion


@dataclass(frozen=True)
class Blocker:
    """One reason an article cannot be published, about one claim or quotation."""

    item: Claim | Quotation | Removal | Suggestion
    code: str
    message: str


_PROBLEMS = {
    "orphaned_claim": "Claim “{words}” is orphaned: its words are no longer in the article. "
    "Mark it again on the current text, or delete it.",
    "unsourced_claim": "Claim “{words}” has no source. Add a citation.",
    "disputed_claim": "Claim “{words}” is marked false or disputed by fact-checking. "
    "Fix the text, then have it checked again.",
    "disputed_quotation": "Quotation “{words}” is marked false or disputed by fact-checking. "
    "Fix it, then have it checked again.",
    "orphaned_quotation": "Quotation “{words}” is orphaned: its words are no longer in the article. "
    "Mark it again on the current text, or delete it.",
    "quotation_without_speaker": "Quotation “{words}” has no speaker. Choose who said it.",
    "unsourced_quotation": "Quotation “{words}” has no source. Add a citation for where it was said.",
    "unconfirmed_removal": "Removing “{words}” waits for a fact-checker to confirm it (or reinstate it) "
    "on the desk.",
    "undecided_suggestion": "“{words}” was suggested as a claim. Accept it and source it, or dismiss "
    "it with a reason.",
}


def _words(item) -> str:
    return item.exact if len(item.exact) <= 100 else item.exact[:97] + "…"


def _blocker(item, code: str) -> Blocker:
    return Blocker(item=item, code=code, message=_PROBLEMS[code].format(words=_words(item)))


class PublishRefused(ValidationError):
    """The gate said no. `blockers` lists what to fix; the error list carries the same, with codes."""

    def __init__(self, blockers: list[Blocker]):
        self.blockers = blockers
        super().__init__([ValidationError(b.message, code=b.code) for b in blockers])


def _is_orphaned(article: Article, item) -> bool:
    # The stored flag may predate a body change made without re-anchoring (a bulk update, a
    # migration); the gate checks the words against the body it is about to publish.
    return item.is_orphaned or anchoring.refind(article.body, item) is None


def blockers(article: Article) -> list[Blocker]:
    """Everything that stops `article` from being published, in reading order."""
    found: list[tuple[int, Blocker]] = []
    for claim in article.claims.all():
        if _is_orphaned(article, claim):
            found.append((claim.start, _blocker(claim, "orphaned_claim")))
            continue
        if claim.check_status == CheckStatus.DISPUTED:
            found.append((claim.start, _blocker(claim, "disputed_claim")))
        if claim.needs_source:
            found.append((claim.start, _blocker(claim, "unsourced_claim")))
    for quotation in article.quotations.select_related("speaker"):
        if _is_orphaned(article, quotation):
            found.append((quotation.start, _blocker(quotation, "orphaned_quotation")))
            continue
        if quotation.check_status == CheckStatus.DISPUTED:
            found.append((quotation.start, _blocker(quotation, "disputed_quotation")))
        if quotation.speaker_id is None:
            found.append((quotation.start, _blocker(quotation, "quotation_without_speaker")))
        if quotation.needs_source:
            found.append((quotation.start, _blocker(quotation, "unsourced_quotation")))
    found += _undecided(article)
    return [blocker for _, blocker in sorted(found, key=lambda pair: pair[0])]


def _undecided(article: Article) -> list[tuple[int, Blocker]]:
    """Decisions the gate waits for: removals to confirm, suggested claims still in the text."""
    found = []
    if settings.SOURCING_CONFIRM_REMOVALS:
        for removal in marking.pending(article):
            found.append((removal.start, _blocker(removal, "unconfirmed_removal")))
    if settings.SOURCING_DECIDE_SUGGESTIONS:
        suggested = article.suggestions.filter(
            kind=Suggestion.Kind.CLAIM, status=Suggestion.Status.SUGGESTED
        ).only("exact", "start", "end")
        for suggestion in suggested:
            if anchoring.find(article.body, suggestion.exact, hint=suggestion.start) is not None:
                found.append((suggestion.start, _blocker(suggestion, "undecided_suggestion")))
    return found


@dataclass(frozen=True)
class SourcingSummary:
    claims: int
    sourced_claims: int
    quotations: int
    blockers: list[Blocker]

    @property
    def blocking_items(self) -> int:
        return len({(type(b.item), b.item.pk) for b in self.blockers})

    def __str__(self):
        text = f"{self.sourced_claims} of {self.claims} claims sourced"
        if self.quotations:
            text += f", {self.quotations} quotation{'s' if self.quotations != 1 else ''}"
        if self.blockers:
            return f"{text} — {self.blocking_items} block publishing"
        return f"{text} — ready to publish"


def summarize(article: Article) -> SourcingSummary:
    return SourcingSummary(
        claims=article.claims.count(),
        sourced_claims=article.claims.sourced().count(),
        quotations=article.quotations.count(),
        blockers=blockers(article),
    )


def publish(article: Article, *, user=None) -> Article:
    """Publish `article` if the gate allows it; raise PublishRefused listing the blockers otherwise.

    `user` is the acting person (None for the system: the command line, the scheduler). The article row
    is locked for the whole check-and-write, and inserting a claim takes a key-share lock on the same
    row (its foreign key), so a claim added concurrently either is seen by the check or waits for it.
    """
    if user is not None and not user.has_perm(workflow.PUBLISH):
        raise PermissionDenied("You do not have permission to publish articles.")
    with transaction.atomic():
        locked = Article.objects.lock(article.pk)
        if locked.is_published and not revisions.has_unpublished_changes(locked):
            return locked
        found = blockers(locked)
        if found:
            raise PublishRefused(found)
        live = revisions.save_revision(locked, user=user, reason="Published")
        slugs.record_live(locked, live)
        workflow.record(
            locked,
            locked.status,
            Article.Status.PUBLISHED,
            user=user,
            comment=f"Published revision {live.number}",
        )
        locked.status = Article.Status.PUBLISHED
        locked.published_at = locked.published_at or timezone.now()
        locked.published_by = user
        locked.live_revision = live
        locked.save(update_fields=["status", "published_at", "published_by", "live_revision", "updated_at"])
        evidence.protect(live)
    for name in ("status", "published_at", "published_by", "live_revision"):
        setattr(article, name, getattr(locked, name))
    return locked
