"""Finding a claim's or quotation's words in an article body, and finding them again after edits.

The anchor follows the W3C Web Annotation model as Hypothesis uses it: a TextQuoteSelector (the exact
words plus a little context either side) is the robust part, a TextPositionSelector (start/end) the fast
part. Re-anchoring looks for the exact words, prefers the occurrence whose context still matches and then
the one nearest the old position. Only whitespace and typographic quote marks are forgiven: if the words
themselves changed, what was checked is no longer what is printed, so the item becomes orphaned and must
be looked at again — it is never silently dropped nor moved onto different words.

New words must be visible and whole: words made only of spaces, zero-width or formatting characters or
lone accents mark nothing a reader can see, and an anchor must not begin or end inside a character as
readers perceive it (a grapheme cluster: an emoji with its skin tone, a ZWJ family, a letter with a
combining accent), or the marked text would show half a character.
"""

import re
import unicodedata
from dataclasses import dataclass

import regex
from django.core.exceptions import ValidationError
from django.db import transaction

from .body import PARAGRAPH_BREAK
from .models import CheckStatus, SourcingEvent

CONTEXT = 32  # characters of prefix/suffix kept, as Hypothesis does

# Categories that show nothing on their own: separators, controls, format characters (zero-width
# space, joiners, direction marks), surrogates and combining marks.
_INVISIBLE = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Mn", "Mc", "Me"})
_GRAPHEME = regex.compile(r"\X")
_PREPEND = regex.compile(r"\p{Grapheme_Cluster_Break=Prepend}")
_CLUSTER_WINDOW = 32  # characters looked at either side of an offset to find the character around it

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


def has_visible_character(words: str) -> bool:
    return any(unicodedata.category(ch) not in _INVISIBLE for ch in words)


def _character_start_before(body: str, at: int) -> int:
    """An offset before `at` where a grapheme cluster begins, at most _CLUSTER_WINDOW back: a line
    break, or a space no prepended mark leans on, begins one (a cluster never runs on across them).
    Failing those, _CLUSTER_WINDOW back: only a cluster longer than that could be cut there."""
    floor = max(0, at - _CLUSTER_WINDOW)
    space = body.rfind(" ", floor, at)
    if space > 0 and _PREPEND.match(body, space - 1):
        space = -1
    return max(space, body.rfind("\n", floor, at), floor)


def splits_character(body: str, at: int) -> bool:
    """Whether offset `at` falls inside a grapheme cluster of `body`: only the characters around it
    are segmented (`_character_start_before` to _CLUSTER_WINDOW after)."""
    if at <= 0 or at >= len(body):
        return False
    begin = _character_start_before(body, at)
    for cluster in _GRAPHEME.finditer(body, begin, min(len(body), at + _CLUSTER_WINDOW)):
        if cluster.end() >= at:
            return cluster.end() != at
    return False


def _spellings(words: str):
    """`words` as given, then composed and decomposed: a body saved before text was NFC-normalised
    keeps its decomposed accents until it is saved again."""
    return dict.fromkeys((words, unicodedata.normalize("NFC", words), unicodedata.normalize("NFD", words)))


def find(
    body: str,
    words: str,
    *,
    prefix: str = "",
    suffix: str = "",
    hint: int | None = None,
    whole_characters: bool = False,
    within_blocks: bool = False,
) -> Anchor | None:
    """Where `words` stand in `body`, or None.

    Among several occurrences, the one whose surrounding text best matches `prefix`/`suffix` wins,
    then the one nearest `hint` (the old start offset, or where an editor selected the words). With
    `whole_characters`, occurrences that begin or end inside a character (`splits_character`) are
    passed over; with `within_blocks`, those that run from one block of the body into the next
    (a paragraph, subheading or list item: `richtext`).
    """
    for spelling in _spellings(words):
        found = _find(body, spelling, prefix, suffix, hint, whole_characters, within_blocks)
        if found is not None:
            return found
    return None


def _find(body, words, prefix, suffix, hint, whole_characters, within_blocks) -> Anchor | None:
    pattern = _pattern(words)
    if pattern is None:
        return None
    best, best_key = None, None
    for match in pattern.finditer(body):
        start, end = match.span()
        if whole_characters and (splits_character(body, start) or splits_character(body, end)):
            continue
        if within_blocks and PARAGRAPH_BREAK in body[start:end]:
            continue
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
    if not has_visible_character(words):
        raise ValidationError(
            "These words have nothing a reader can see (only spaces, zero-width or formatting "
            "characters, or accents on their own). Select visible words from the article.",
            code="no_visible_words",
        )
    anchor = find(body, words, hint=hint, whole_characters=True, within_blocks=True)
    if anchor is None:
        shown = words if len(words) <= 120 else words[:117] + "…"
        if find(body, words, hint=hint, whole_characters=True) is not None:
            raise ValidationError(
                "The words “%(words)s” run from one paragraph, subheading or list item into the "
                "next. Mark the words in each separately.",
                code="crosses_block",
                params={"words": shown},
            )
        if find(body, words, hint=hint) is not None:
            raise ValidationError(
                "The words “%(words)s” begin or end in the middle of a character (such as an emoji "
                "with its skin tone, or a letter with its accent). Include the whole character.",
                code="splits_character",
                params={"words": shown},
            )
        raise ValidationError(
            "The words “%(words)s” are not in the article text. Copy them exactly from the body "
            "(or select them in the highlighted text above).",
            code="not_in_body",
            params={"words": shown},
        )
    return anchor


def find_again(body: str, exact: str, *, prefix="", suffix="", hint=None) -> Anchor | None:
    """Where words anchored before stand in `body` now, or None when they are gone, or when an edit
    has cut them into two blocks. Every path that puts an item back on its words asks this."""
    within = PARAGRAPH_BREAK not in exact  # marked across paragraphs before blocks were a rule
    return find(body, exact, prefix=prefix, suffix=suffix, hint=hint, within_blocks=within)


def refind(body: str, item) -> Anchor | None:
    """Where an already anchored claim or quotation stands now (`find_again`)."""
    return find_again(body, item.exact, prefix=item.prefix, suffix=item.suffix, hint=item.start)


VERDICTS = {
    CheckStatus.VERIFIED,
    CheckStatus.INCONCLUSIVE,
    CheckStatus.DISPUTED,
    CheckStatus.NOT_CLAIM,
}


def same_words(a: str, b: str) -> bool:
    """Equal but for whitespace, typographic quote marks (the differences anchoring forgives) and
    composed or decomposed accents."""
    pattern = _pattern(unicodedata.normalize("NFC", a))
    return (
        pattern is not None
        and pattern.fullmatch(" ".join(unicodedata.normalize("NFC", b).split())) is not None
    )


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
