"""Suggested quotations and claims: found by the extraction engine, decided by an editor.

`suggest()` runs `intake.engine` on an article's working-copy body and stores what it finds as
Suggestion rows, anchored to body offsets like claims are. Speakers are matched to the people the
newsroom already knows (names, aliases and surnames, as `engine.same_person` reads them); a speaker
nobody knows is proposed by name and only created as a Person when the suggestion is accepted.
Organisations named in a claim's sentence that match a known source are proposed as its citations.

A suggestion is identified across runs by its fingerprint (kind + its words, normalised), so suggesting
again after an edit neither duplicates a pending suggestion nor brings back what an editor accepted or
dismissed. Pending suggestions whose words have left the text are removed as stale; decided ones are
kept as the record of the decision.

An article holds at most `SUGGESTIONS_PER_ARTICLE` suggestions awaiting a decision (the first ones in
the text): a very long body would otherwise give tens of thousands. The result says how many were left
out; they are suggested once some are decided and suggestions are run again.

`accept()` and `dismiss()` are the only ways to decide; they take the acting user, check their right
on the server and run in a transaction under the article's row lock, like the publish gate. Accepted
suggestions become ordinary claims and quotations: unsourced ones block publishing like any other.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from articles import anchoring, decisions, rights, sourcing
from articles.body import paragraphs
from articles.models import Article, Claim, Quotation, Suggestion
from sources.models import Person, Source

from .engine import KnownPerson, fold, same_person, suggest_claims, suggest_quotes

ADD_CLAIM = "articles.add_claim"
ADD_QUOTATION = "articles.add_quotation"
ADD_PERSON = "sources.add_person"
PERMISSIONS = {Suggestion.Kind.CLAIM: ADD_CLAIM, Suggestion.Kind.QUOTATION: ADD_QUOTATION}

# A publisher with many sources (a city's every report) is proposed as its few latest ones.
MAX_PROPOSED_SOURCES = 3
_MIN_SOURCE_NAME = 4  # "AP" or "Fox" would match unrelated words
_NOT_NAME_START = {"the", "a", "an", "his", "her", "its", "their", "this", "that", "these", "those", "our"}
# How a quotation was obtained, read from the words around it; the first that matches wins.
_OBTAINED = (
    (
        Quotation.Obtained.SOCIAL_POST,
        re.compile(
            r"\btweet|\bposted\b|\bsocial media\b|\bin a post\b"
            r"|\bon (?:x|twitter|facebook|instagram|tiktok|threads|bluesky)\b",
            re.I,
        ),
    ),
    (Quotation.Obtained.LETTER, re.compile(r"\bletter\b", re.I)),
    (Quotation.Obtained.WEB_PAGE, re.compile(r"\bweb ?page\b|\bwebsite\b|\bblog\b", re.I)),
    (
        Quotation.Obtained.COURT_RECORD,
        re.compile(
            r"\bcourt (?:filing|records?|documents?)\b|\btestified\b|\bruling\b|\bthe judge wrote\b"
            r"|\bopinion\b|\blawsuit\b",
            re.I,
        ),
    ),
    (
        Quotation.Obtained.STATEMENT,
        re.compile(r"\bstatement\b|\bpress release\b|\bnews release\b|\bannounce", re.I),
    ),
)
_QUANTITY_COMPARISON_RE = re.compile(
    r"\b(?:twice|half|double|doubled|tripled|quadrupled|halved|times|percent|per cent|%)", re.I
)


def normalised_words(text: str) -> str:
    """Words only, folded: quote marks, punctuation, case and spacing do not change a fingerprint."""
    return " ".join(re.findall(r"\w+", fold(unicodedata.normalize("NFKC", text))))


def fingerprint(kind: str, words: str) -> str:
    """The identity of a suggestion across runs: sha1 of its kind and its normalised words."""
    return hashlib.sha1(f"{kind}\x00{normalised_words(words)}".encode(), usedforsecurity=False).hexdigest()


def claim_kind(engine_kind: str, sentence: str) -> str:
    """Map the engine's kinds onto Claim.Kind.

    The engine also says "comparison". A comparison of quantities ("twice as many", "doubled") is checked
    against numbers, so it is a statistic; a comparison of likelihoods or trends ("less likely to
    re-offend") rests on data of some kind but names none, so it is "other" until someone says more.
    """
    if engine_kind in Claim.Kind.values:
        return engine_kind
    if engine_kind == "comparison" and _QUANTITY_COMPARISON_RE.search(sentence):
        return Claim.Kind.STATISTIC
    return Claim.Kind.OTHER


def looks_like_name(speaker: str) -> bool:
    """Whether a speaker string names a person ("Patrick Miller"), not a thing ("the webpage")."""
    words = speaker.split()
    if not words or words[0].casefold() in _NOT_NAME_START:
        return False
    return all(
        w[:1].isupper() or w.casefold() in {"de", "da", "del", "van", "von", "la", "le", "bin", "al"}
        for w in words
    )


# --------------------------------------------------------------------------------------------------
# Who and what the newsroom already knows
# --------------------------------------------------------------------------------------------------


@dataclass
class People:
    """Known people relevant to a body: ids and the KnownPerson the engine reads, in the same order."""

    ids: list[int] = field(default_factory=list)
    known: list[KnownPerson] = field(default_factory=list)

    def match(self, speaker: str) -> int | None:
        """The id of the one known person `speaker` names, or None (nobody, or more than one)."""
        if not speaker or not looks_like_name(speaker):
            return None
        hits = [i for i, person in enumerate(self.known) if same_person(speaker, person.name, [person])]
        if len(hits) > 1:
            folded = fold(speaker)
            hits = [
                i for i in hits if folded in {fold(n) for n in (self.known[i].name, *self.known[i].aliases)}
            ]
        return self.ids[hits[0]] if len(hits) == 1 else None


def _last_word(name: str) -> str:
    words = fold(name).split()
    return words[-1].strip(".,;:'’\"()") if words else ""


def known_people(body: str) -> People:
    """The people whose name or alias could be in `body` (one query).

    Every Person row is read (name and aliases only) and kept when the last word of one of its names
    is a word of the body, so the engine compares speakers with a handful of people, not thousands.
    """
    words = set(re.findall(r"\w+", fold(body)))
    people = People()
    for pk, name, aliases in Person.objects.order_by("pk").values_list("pk", "name", "aliases"):
        names = [name, *(line.strip() for line in aliases.splitlines() if line.strip())]
        if any(_last_word(n) in words for n in names):
            people.ids.append(pk)
            people.known.append(KnownPerson(name=name, aliases=tuple(names[1:])))
    return people


def known_sources(body: str) -> dict[str, list[int]]:
    """Source titles and publishers named in `body`, each with its source ids (one query).

    A title names one source; a publisher names its latest few.
    """
    folded = " ".join(fold(body).split())
    by_name: dict[str, list[int]] = {}
    for pk, title, publisher in Source.objects.order_by("-pk").values_list("pk", "title", "publisher"):
        for name in (title, publisher):
            name = " ".join(name.split())
            if len(name) >= _MIN_SOURCE_NAME and fold(name) in folded:
                ids = by_name.setdefault(name, [])
                if len(ids) < MAX_PROPOSED_SOURCES and pk not in ids:
                    ids.append(pk)
    return by_name


def _named_in(name: str, sentence: str) -> bool:
    # One-word names ("Pew", "Gallup") only count when written as a name, not as a common word.
    return len(name.split()) > 1 or re.search(rf"(?<!\w){re.escape(name)}(?!\w)", sentence) is not None


def _sources_for(organisations, sentence: str, names: dict[str, list[int]]) -> list[int]:
    ids: list[int] = []
    for name in organisations:
        if name in names and _named_in(name, sentence):
            ids.extend(pk for pk in names[name] if pk not in ids)
    return ids[:MAX_PROPOSED_SOURCES]


# --------------------------------------------------------------------------------------------------
# Finding suggestions
# --------------------------------------------------------------------------------------------------


@dataclass
class Found:
    """One suggestion as the engine sees it, anchored in the body; not yet stored."""

    kind: str
    exact: str
    start: int
    end: int
    paragraph: int
    speaker_name: str = ""
    speaker_id: int | None = None
    engine_kind: str = ""
    claim_kind: str = ""
    reason: str = ""
    source_ids: list[int] = field(default_factory=list)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.kind, self.exact)


def _anchored(body: str, para, start: int, end: int, text: str) -> tuple[int, int] | None:
    """Body offsets of words the engine found in a paragraph, checked against the body."""
    start, end = para.start + start, para.start + end
    if body[start:end] == text:
        return start, end
    anchor = anchoring.find(body, text, hint=start)
    return (anchor.start, anchor.end) if anchor else None


def find(
    body: str, people: People | None = None, sources: dict[str, list[int]] | None = None, title: str = ""
) -> list[Found]:
    """Run the engine on the body's paragraphs; every result carries verified body offsets.

    `title` is the headline: a statement's title may name the person who speaks in it."""
    people = people or People()
    sources = sources or {}
    paras = paragraphs(body)
    texts = [p.text for p in paras]
    found: list[Found] = []
    for quote in suggest_quotes(texts, people.known, title=title):
        if quote.text.strip() and (at := _located(body, paras, quote)):
            speaker = quote.speaker
            found.append(
                Found(
                    kind=Suggestion.Kind.QUOTATION,
                    **at,
                    speaker_name=speaker[:200],
                    speaker_id=people.match(speaker),
                )
            )
    for claim in suggest_claims(texts, list(sources)):
        if at := _located(body, paras, claim):
            found.append(
                Found(
                    kind=Suggestion.Kind.CLAIM,
                    **at,
                    engine_kind=claim.kind,
                    claim_kind=claim_kind(claim.kind, claim.text),
                    reason=claim.reason[:300],
                    source_ids=_sources_for(claim.organisations, claim.text, sources),
                )
            )
    return found


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a marked item covers the same words: they share most of the shorter span."""
    for other_start, other_end in spans:
        shared = min(end, other_end) - max(start, other_start)
        if shared > 0 and shared >= 0.8 * min(end - start, other_end - other_start):
            return True
    return False


def _paragraph_of(body: str, offset: int) -> int:
    starts = [p.start for p in paragraphs(body)]
    return max(0, bisect.bisect_right(starts, offset) - 1)


@dataclass
class SuggestResult:
    """What one run did: new suggestions, and how many it left alone and why."""

    created: list[Suggestion] = field(default_factory=list)
    known: int = 0  # found again, already suggested, accepted or dismissed
    already_marked: int = 0  # the words are already a claim or quotation
    stale: int = 0  # pending suggestions whose words left the text, removed
    not_stored: int = 0  # new ones left out: the article already holds `limit` awaiting a decision
    limit: int = 0

    @property
    def quotations(self) -> int:
        return sum(1 for s in self.created if s.kind == Suggestion.Kind.QUOTATION)

    @property
    def claims(self) -> int:
        return sum(1 for s in self.created if s.kind == Suggestion.Kind.CLAIM)

    def __str__(self):
        text = _count(len(self.created), "new suggestion")
        if self.created:
            text += f" ({_count(self.quotations, 'quotation')}, {_count(self.claims, 'claim')})"
        extra = []
        if self.known:
            extra.append(f"{self.known} already suggested or decided")
        if self.already_marked:
            extra.append(f"{self.already_marked} already marked")
        if self.stale:
            extra.append(f"{self.stale} stale removed")
        text += f"; {', '.join(extra)}" if extra else ""
        if self.not_stored:
            text += (
                f"; {self.not_stored} more not stored (an article holds at most {self.limit} suggestions "
                "awaiting a decision: decide some, then suggest again)"
            )
        return text


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def can_suggest(user) -> bool:
    return user is None or user.has_perm(ADD_CLAIM) or user.has_perm(ADD_QUOTATION)


def may_suggest(user, article: Article) -> bool:
    """Whether `suggest` would run for `user` on `article`: the one question every caller asks first.
    Pending suggested claims hold the gate, so only those who may mark the article may add them."""
    return can_suggest(user) and rights.may(user, article, rights.Change.MARK)


def can_decide(user, kind: str | None = None) -> bool:
    """Whether `user` may accept or dismiss suggestions (of `kind`, or of either kind)."""
    if kind is None:
        return can_suggest(user)
    return user is None or user.has_perm(PERMISSIONS[kind])


_EXISTING_FIELDS = [
    "id",
    "article_id",
    "kind",
    "fingerprint",
    "status",
    "exact",
    "start",
    "end",
    "paragraph",
]


def find_in(body: str, title: str = "") -> list[Found]:
    """`find` with the people and sources the newsroom already has that `body` names."""
    return find(body, known_people(body), known_sources(body), title)


def suggest(article: Article, *, user=None) -> SuggestResult:
    """Suggest the quotations and claims of `article`'s working copy; store the new ones.

    The engine reads the saved body outside any transaction (a very long body takes seconds, and no
    lock or write may wait for it); what it found is then stored in one short transaction under the
    article's row lock, so two runs on the same article do not race. A body saved again in between is
    read again under the lock. Its query count does not grow with the article's size.
    """
    if not can_suggest(user):
        raise PermissionDenied("You do not have permission to mark claims or quotations.")
    rights.require(user, article, rights.Change.MARK)  # as `may_suggest` asks
    body, title = Article.objects.filter(pk=article.pk).values_list("body", "title").get()
    found = find_in(body, title)
    result = SuggestResult(limit=settings.SUGGESTIONS_PER_ARTICLE)
    with transaction.atomic():
        locked = Article.objects.lock(article.pk)
        if locked.body != body:  # the offsets found are not this body's
            body = locked.body
            found = find_in(body, locked.title)
        stored_rows = Suggestion.objects.filter(article_id=locked.pk).only(*_EXISTING_FIELDS)
        run = _Run(locked, body, {(s.kind, s.fingerprint): s for s in stored_rows}, result)
        run.sort(found)
        stale = run.reanchor_unseen()
        run.cap(stale)
        run.store(stale)
    return result


@dataclass
class _Run:
    """One run of `suggest` under the article's lock: what was found, sorted against what is stored."""

    article: Article
    body: str
    existing: dict[tuple[str, str], Suggestion]
    result: SuggestResult
    new: list[tuple[Suggestion, list[int]]] = field(default_factory=list)
    seen: set[tuple[str, str]] = field(default_factory=set)
    moved: list[Suggestion] = field(default_factory=list)

    def sort(self, found: list[Found]) -> None:
        """Each item found is known already, already marked, or new (the same words twice: once)."""
        marked = {
            Suggestion.Kind.CLAIM: list(self.article.claims.values_list("start", "end")),
            Suggestion.Kind.QUOTATION: list(self.article.quotations.values_list("start", "end")),
        }
        for item in found:
            key = (item.kind, item.fingerprint)
            if key in self.seen:
                continue
            self.seen.add(key)
            if key in self.existing:
                self.result.known += 1
                self._follow(self.existing[key], item)
            elif _overlaps(item.start, item.end, marked[item.kind]):
                self.result.already_marked += 1
            else:
                self.new.append((self._suggestion(item), item.source_ids))

    def _follow(self, stored: Suggestion, item: Found) -> None:
        """A pending suggestion found again at other offsets moves with its words."""
        if stored.status != Suggestion.Status.SUGGESTED:
            return
        if (stored.start, stored.end) != (item.start, item.end):
            stored.exact, stored.start, stored.end = item.exact, item.start, item.end
            stored.paragraph = item.paragraph
            self.moved.append(stored)

    def _suggestion(self, item: Found) -> Suggestion:
        return Suggestion(
            article=self.article,
            kind=item.kind,
            exact=item.exact,
            start=item.start,
            end=item.end,
            paragraph=item.paragraph,
            fingerprint=item.fingerprint,
            speaker_name=item.speaker_name,
            speaker_id=item.speaker_id,
            claim_kind=item.claim_kind,
            reason=item.reason,
        )

    def reanchor_unseen(self) -> list[int]:
        """Pending suggestions not found again: anchored again where their words moved, or stale."""
        stale = []
        for key, stored in self.existing.items():
            if key in self.seen or stored.status != Suggestion.Status.SUGGESTED:
                continue
            anchor = anchoring.find(self.body, stored.exact, hint=stored.start)
            if anchor is None:
                stale.append(stored.pk)
            elif (anchor.start, anchor.end) != (stored.start, stored.end):
                stored.start, stored.end = anchor.start, anchor.end
                stored.exact, stored.paragraph = anchor.exact, _paragraph_of(self.body, anchor.start)
                self.moved.append(stored)
        return stale

    def cap(self, stale: list[int]) -> None:
        """Keep at most `limit` awaiting a decision: the first new ones in the text."""
        # Pending ones kept (stale ones are pending too, and go).
        pending = sum(1 for s in self.existing.values() if s.status == Suggestion.Status.SUGGESTED)
        waiting = pending - len(stale)
        room = max(0, self.result.limit - waiting)
        if len(self.new) > room:
            self.new.sort(key=lambda pair: pair[0].start)
            self.result.not_stored = len(self.new) - room
            del self.new[room:]

    def store(self, stale: list[int]) -> None:
        result = self.result
        if stale:
            result.stale = Suggestion.objects.filter(pk__in=stale).delete()[0]
        if self.moved:
            Suggestion.objects.bulk_update(self.moved, ["exact", "start", "end", "paragraph"])
        result.created = Suggestion.objects.bulk_create([s for s, _ in self.new])
        through = Suggestion.proposed_sources.through
        links = [
            through(suggestion_id=s.pk, source_id=source_id)
            for s, source_ids in zip(result.created, (ids for _, ids in self.new), strict=True)
            for source_id in source_ids
        ]
        if links:
            through.objects.bulk_create(links)


# --------------------------------------------------------------------------------------------------
# Deciding
# --------------------------------------------------------------------------------------------------


def _located(body: str, paras, item) -> dict | None:
    """Where the engine's `item` is in the body (verified offsets, the exact words), or None."""
    span = _anchored(body, paras[item.paragraph], item.start, item.end, item.text)
    if span is None:
        return None
    return {"exact": body[span[0] : span[1]], "start": span[0], "end": span[1], "paragraph": item.paragraph}


def _require(user, suggestion: Suggestion) -> None:
    if not can_decide(user, suggestion.kind):
        raise PermissionDenied(
            f"You do not have permission to add {suggestion.get_kind_display().lower()}s, so you cannot "
            "accept or dismiss their suggestions."
        )


def _obtained(body: str, start: int, end: int) -> str:
    """How a quotation was obtained, from the words just around it ("tweeted", "in a letter")."""
    window = body[max(0, start - 200) : start] + " " + body[end : end + 200]
    for obtained, pattern in _OBTAINED:
        if pattern.search(window):
            return obtained
    return Quotation.Obtained.INTERVIEW


def _speaker(suggestion: Suggestion, body: str, user) -> Person | None:
    """The Person who said it: the matched one, one known now, or a new one for a proposed name."""
    if suggestion.speaker_id is not None:
        return suggestion.speaker
    name = " ".join(suggestion.speaker_name.split())
    if not looks_like_name(name):
        return None  # "the webpage": the editor chooses the speaker; the gate waits for it
    people = known_people(body)
    pk = people.match(name)
    if pk is not None:
        return Person.objects.get(pk=pk)
    if user is not None and not user.has_perm(ADD_PERSON):
        raise PermissionDenied(f"“{name}” is not a known person and you may not add people.")
    return Person.objects.create(name=name)


def _copy_back(target: Suggestion, source: Suggestion) -> None:
    names = ("status", "decided_by_id", "decided_at", "claim_id", "quotation_id", "speaker_id")
    for name in (*names, "dismiss_reason"):
        setattr(target, name, getattr(source, name))


def accept(suggestion: Suggestion, *, user) -> Claim | Quotation:
    """Turn a suggestion into an ordinary claim or quotation, cite its proposed sources, record who.

    Refuses (ValidationError) a suggestion already decided (`already_decided`), words no longer in the
    text (`not_in_body`), or words already marked as a claim/quotation (`already_marked`).
    """
    _require(user, suggestion)
    with transaction.atomic():
        article = Article.objects.lock(suggestion.article_id)
        rights.require(user, article, rights.Change.MARK)
        current = decisions.locked_pending(suggestion, Suggestion.Status.SUGGESTED)
        anchor = anchoring.require(article.body, current.exact, hint=current.start)
        model = Claim if current.kind == Suggestion.Kind.CLAIM else Quotation
        spans = list(model.objects.filter(article=article, is_orphaned=False).values_list("start", "end"))
        if _overlaps(anchor.start, anchor.end, spans):
            raise ValidationError(
                "These words are already marked as a %(kind)s.",
                code="already_marked",
                params={"kind": model._meta.verbose_name},
            )
        if model is Claim:
            item = Claim(article=article, kind=current.claim_kind or Claim.Kind.OTHER, created_by=user)
        else:
            speaker = _speaker(current, article.body, user)
            current.speaker = speaker
            item = Quotation(
                article=article,
                speaker=speaker,
                obtained=_obtained(article.body, anchor.start, anchor.end),
                created_by=user,
            )
        anchoring.apply(item, anchor)
        item.save()
        sources = list(current.proposed_sources.all())
        if sources:
            sourcing.cite(item, sources, user=user)
        current.status = Suggestion.Status.ACCEPTED
        current.decided_by = user
        current.decided_at = timezone.now()
        setattr(current, current.kind, item)
        current.save(update_fields=["status", "decided_by", "decided_at", current.kind, "speaker"])
    _copy_back(suggestion, current)
    return item


def dismiss(suggestion: Suggestion, *, user, reason: str = "") -> Suggestion:
    """Dismiss a suggestion: it stays recorded so that suggesting again does not bring it back.

    A pending suggested claim holds the publish gate (`SOURCING_DECIDE_SUGGESTIONS`), so while that
    rule is on, dismissing says why (`reason_required`), as a decision an editor can be asked about.
    """
    _require(user, suggestion)
    reason = reason.strip()
    if settings.SOURCING_DECIDE_SUGGESTIONS and not reason:
        raise ValidationError(
            "Say why it is dismissed (the “reason” field next to the buttons).", code="reason_required"
        )
    with transaction.atomic():
        rights.require(user, Article.objects.lock(suggestion.article_id), rights.Change.MARK)
        current = decisions.locked_pending(suggestion, Suggestion.Status.SUGGESTED)
        current.status = Suggestion.Status.DISMISSED
        current.decided_by = user
        current.decided_at = timezone.now()
        current.dismiss_reason = reason
        current.save(update_fields=["status", "decided_by", "decided_at", "dismiss_reason"])
    _copy_back(suggestion, current)
    return suggestion
