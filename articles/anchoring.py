"""Finding a claim's or quotation's words in an article body, and finding them again after edits.

The anchor follows the W3C Web Annotation model as Hypothesis uses it: a TextQuoteSelector (the exact
words plus a little context either side) is the robust part, a TextPositionSelector (start/end) the fast
part. Re-anchoring looks for the exact words, prefers the occurrence whose context still matches and then
the one nearest the old position. Only whitespace and typographic quote marks are forgiven: if the words
themselves changed, what was checked is no longer what is printed, so the item becomes orphaned and must
be looked at again — it is never silently dropped nor moved onto different words.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import CheckStatus, SourcingEvent

CONTEXT = 32  # characters of prefix/suffix kept, as Hypothesis does

_QUOTE_CLASSES = {
    "'": "['‘’‚‛`´]",
    "‘": "['‘’‚‛`´]",
    "’": "['‘’‚‛`´]",
    '"': '["“”„‟″]',
    "“": '["“”„‟″]',
    "”": '["“”„‟″]',
}


@dataclass(frozen=True)
class Anchor:
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


def anchor_at(body: str, start: int, end: int) -> Anchor:
    return Anchor(
        exact=body[start:end],
        prefix=body[max(0, start - CONTEXT) : start],
        suffix=body[end : end + CONTEXT],
        start=start,
        end=end,
    )


def _pattern(words: str) -> re.Pattern | None:
    """A pattern for `words` that forgives differences in whitespace and quote marks only."""
    tokens = words.split()
    if not tokens:
        return None
    parts = ["".join(_QUOTE_CLASSES.get(ch) or re.escape(ch) for ch in token) for token in tokens]
    return re.compile(r"\s+".join(parts))


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def find(
    body: str, words: str, *, prefix: str = "", suffix: str = "", hint: int | None = None
) -> Anchor | None:
    """Where `words` stand in `body`, or None.

    Among several occurrences, the one whose surrounding text best matches `prefix`/`suffix` wins,
    then the one nearest `hint` (the old start offset, or where an editor selected the words).
    """
    pattern = _pattern(words)
    if pattern is None:
        return None
    best, best_key = None, None
    for match in pattern.finditer(body):
        start, end = match.span()
        context = _common_suffix(body[max(0, start - len(prefix)) : start], prefix) + _common_prefix(
            body[end : end + len(suffix)], suffix
        )
        distance = abs(start - hint) if hint is not None else start
        key = (context, -distance)
        if best_key is None or key > best_key:
            best, best_key = (start, end), key
    return anchor_at(body, *best) if best else None


def require(body: str, words: str, *, hint: int | None = None) -> Anchor:
    """Anchor new words, refusing with a clear message when they are not in the body."""
    if not words.strip():
        raise ValidationError("Enter the exact words from the article.", code="empty_words")
    anchor = find(body, words, hint=hint)
    if anchor is None:
        shown = words if len(words) <= 120 else words[:117] + "…"
        raise ValidationError(
            "The words “%(words)s” are not in the article text. Copy them exactly from the body "
            "(or select them in the highlighted text above).",
            code="not_in_body",
            params={"words": shown},
        )
    return anchor


def refind(body: str, item) -> Anchor | None:
    """Where an already anchored claim or quotation stands now, or None when its words are gone."""
    return find(body, item.exact, prefix=item.prefix, suffix=item.suffix, hint=item.start)


VERDICTS = {
    CheckStatus.VERIFIED,
    CheckStatus.INCONCLUSIVE,
    CheckStatus.DISPUTED,
    CheckStatus.NOT_CLAIM,
}


def same_words(a: str, b: str) -> bool:
    """Equal but for whitespace and typographic quote marks (the differences anchoring forgives)."""
    pattern = _pattern(a)
    return pattern is not None and pattern.fullmatch(" ".join(b.split())) is not None


def apply(item, anchor: Anchor | None) -> bool:
    """Copy `anchor` onto `item` (None marks it orphaned). Returns whether anything changed.

    A verdict was signed off on particular words: when the words change, that verdict (and only that
    one) falls back to “needs re-check”. The caller records it with `log_recheck`.
    """
    before = (item.exact, item.prefix, item.suffix, item.start, item.end, item.is_orphaned)
    if anchor is None:
        item.is_orphaned = True
    else:
        item.exact, item.prefix, item.suffix = anchor.exact, anchor.prefix, anchor.suffix
        item.start, item.end, item.is_orphaned = anchor.start, anchor.end, False
        if (
            item.check_status in VERDICTS
            and item.checked_exact
            and not same_words(item.checked_exact, anchor.exact)
        ):
            item._recheck_from = item.check_status
            item.check_status = CheckStatus.NEEDS_RECHECK
    after = (item.exact, item.prefix, item.suffix, item.start, item.end, item.is_orphaned)
    return before != after


def log_recheck(item, user=None) -> None:
    """Record that `apply` sent a verdict back for re-checking (call after saving the item)."""
    old = item.__dict__.pop("_recheck_from", None)
    if old is None:
        return
    SourcingEvent.objects.create(
        article_id=item.article_id,
        **{item.citation_field: item},
        action=SourcingEvent.Action.RECHECK,
        before={"status": old, "words": item.checked_exact},
        after={"status": item.check_status, "words": item.exact},
        actor=user,
    )


_ANCHOR_FIELDS = ["exact", "prefix", "suffix", "start", "end", "is_orphaned", "check_status"]


@transaction.atomic
def reanchor_article(article, user=None) -> list:
    """Re-anchor every claim and quotation of `article` to its current body.

    Returns the items that are orphaned after this pass, so the caller can tell the editor.
    """
    orphaned = []
    for related in (article.claims, article.quotations):
        changed = []
        for item in related.select_for_update():
            if apply(item, refind(article.body, item)):
                changed.append(item)
            if item.is_orphaned:
                orphaned.append(item)
        related.model.objects.bulk_update(changed, _ANCHOR_FIELDS)
        for item in changed:
            log_recheck(item, user)
    return orphaned
