"""The desk's queue: every claim and quotation that still needs a fact-checker, most urgent first.

Selectors only (they read, never change). Claims and quotations live in two tables, so the queue is the
UNION of one narrow row per item — its kind, id and sort keys — ordered, counted and sliced in the
database. A page then loads its own items with a fixed set of queries (the items with their article and
people, their citations, their history), so a page costs the same whatever the queue's size.
"""

import datetime
import re
from dataclasses import dataclass, replace
from functools import partial
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Value,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone

from articles import remembering
from articles.models import (
    Article,
    Citation,
    Claim,
    Quotation,
    Removal,
    SourcingEvent,
)
from articles.remembering import ASK, digest
from articles.rights import DESK_PERMISSIONS
from sources.models import Source

MODELS = {"claim": Claim, "quotation": Quotation}

# The queue's "status" filter: why an item is on the desk, or where its check stands.
STATUS_FILTERS = {
    "unsourced": "Needs a source",
    "orphaned": "Orphaned",
    "disputed": "False / disputed",
    "needs_recheck": "Needs re-check",
    "after_publication": "Added after publication",
    "unstarted": "Unstarted",
    "in_progress": "In progress",
    "inconclusive": "Inconclusive",
}
KIND_FILTERS = {
    "claim": "Claims",
    "quotation": "Quotations",
    **{value: f"Claims: {label.lower()}" for value, label in Claim.Kind.choices},
}
EVENTS_SHOWN = 10  # the latest history entries shown on each item


def reasons(model) -> dict[str, Q]:
    """Each reason an item of `model` needs work, as a condition on its table (`work_reasons`)."""
    return model.WORK_REASONS


def needing_work(model):
    """Every item of `model` on the desk: `needs_work`, which the database keeps from `reasons`."""
    return model.objects.filter(needs_work=True)


def past_due(today) -> Q:
    """Past its due date: first in the queue, counted and filtered as "overdue"."""
    return Q(due_on__lt=today)


@dataclass(frozen=True)
class Filters:
    """What the fact-checker narrowed the queue to. Empty values mean “any”."""

    article: int | None = None
    status: str = ""
    kind: str = ""
    assignee: str = ""  # "me", "none" or a user id
    overdue: bool = False
    search: str = ""


def _filtered(model, filters: Filters, user, today: datetime.date):
    qs = needing_work(model)
    name = model._meta.model_name
    if filters.kind in MODELS and filters.kind != name:
        return None
    if filters.kind and filters.kind not in MODELS:
        if model is not Claim:
            return None
        qs = qs.filter(kind=filters.kind)
    if filters.article:
        qs = qs.filter(article_id=filters.article)
    if filters.status in ("unsourced", "orphaned", "after_publication"):
        qs = qs.filter(reasons(model)[filters.status])
    elif filters.status:
        qs = qs.filter(check_status=filters.status)
    if filters.assignee == "me":
        qs = qs.filter(assignee=user)
    elif filters.assignee == "none":
        qs = qs.filter(assignee__isnull=True)
    elif filters.assignee:
        qs = qs.filter(assignee_id=filters.assignee)
    if filters.overdue:
        qs = qs.filter(past_due(today))
    return qs.matching(filters.search)


# The queue's order after the overdue items: as the desk's index holds it (`queue_index`).
ORDER = ("source_first", "goes_live", "created_at")


def _sort_key(row):
    """(kind, pk, *keys) rows in the order of their keys, None (not scheduled) last, as the index has it."""
    kind, pk, *keys = row
    return (*((value is None, value) for value in keys), kind, pk)


class Queue:
    """The queue as a sequence of (kind, id, …) rows, most urgent first, for Django's Paginator.

    Overdue items come first (the longest overdue first), then those that need a source (uncited or
    orphaned: the publish gate waits for them), then items of articles that are live (the longest live
    first) or scheduled to go live soonest, then the oldest. Both parts are read from the front of an
    index, each kind on its own and merged here, so a page costs the same however long the queue is:
    two queries per kind, and one more per kind to count a filtered queue (`count`; the whole queue's
    counts are `counts`).
    """

    def __init__(self, filters: "Filters", *, user, today=None, generation=None):
        self.today = today or timezone.localdate()
        self.parts = []  # (kind, queryset) of the kinds the filters leave in
        for name, model in MODELS.items():
            qs = _filtered(model, filters, user, self.today)
            if qs is not None:
                self.parts.append((name, qs))
        self._count = self._overdue = None
        # Counts and pages are remembered under `generation` (None: not at all), for these filters
        # ("mine" being this user's) and today (what is overdue).
        self.generation = generation
        mine = replace(filters, assignee=str(user.pk)) if filters.assignee == "me" else filters
        self._key = digest(mine, self.today)

    def _counted(self):
        if self._count is None:
            self._count, self._overdue = remembered(
                "queue-count", self._count_now, self._key, generation=self.generation
            )

    def _count_now(self) -> tuple[int, int]:
        count = overdue = 0
        for _name, qs in self.parts:
            found = qs.aggregate(total=Count("pk"), overdue=Count("pk", filter=past_due(self.today)))
            count += found["total"]
            overdue += found["overdue"]
        return count, overdue

    def count(self) -> int:
        self._counted()
        return self._count

    def known_counts(self, total: int, overdue: int) -> None:
        """The counts, when `counts` already has them (the unfiltered queue)."""
        self._count, self._overdue = total, overdue

    def __len__(self) -> int:
        return self.count()

    def ordered(self, overdue: bool):
        """(kind, rows of (pk, *keys) in the queue's order) for the overdue part, or for the rest."""
        keys = ("due_on", *ORDER) if overdue else ORDER
        order = [F(key).asc(nulls_last=True) for key in keys]
        condition = past_due(self.today)
        for name, qs in self.parts:
            chosen = qs.filter(condition if overdue else ~condition).order_by(*order, "pk")
            yield name, chosen.values_list("pk", *keys)

    def _part(self, overdue: bool, upto: int) -> list:
        """The first `upto` rows of the overdue part, or of the rest: each kind's, merged."""
        upto = max(upto, 0)
        found = [(name, *row) for name, rows in self.ordered(overdue) for row in rows[:upto]]
        return sorted(found, key=_sort_key)[:upto]

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        self._counted()
        start, stop = index.start or 0, self._count if index.stop is None else index.stop
        rows = partial(self._rows, start, stop)
        return remembered("queue-rows", rows, self._key, start, stop, generation=self.generation)

    def _rows(self, start: int, stop: int) -> list:
        overdue = self._part(True, min(stop, self._overdue))[start:]
        rest = self._part(False, stop - self._overdue)[max(start - self._overdue, 0) :]
        return [(row[0], row[1]) for row in overdue + rest]

    def __iter__(self):
        return iter(self[:])


def rows(filters: Filters, *, user, generation=None) -> Queue:
    return Queue(filters, user=user, generation=generation)


# --- what the desk remembers (`articles.remembering`) ----------------------------------------------


def remembered(part: str, compute, *key, generation=ASK):
    """What a queue page reads from the database (the counts, the article filter, who may be assigned,
    the articles waiting for sign-off, the removals to confirm, the page's rows and its cards),
    remembered under the generation."""
    return remembering.remembered(f"desk-{part}", compute, *key, generation=generation)


COUNTED = ("unsourced", "orphaned", "disputed", "needs_recheck", "mine", "overdue")


def counts(*, user, generation=ASK) -> dict[str, int]:
    """How many items the whole queue holds, for each count shown at the top (remembered, for the
    user's "mine" and today's "overdue").

    One query: each kind's counts in one row (a conditional aggregate), the two rows in a UNION ALL.
    `total` is the unfiltered queue's length, so the page's paginator need not count it again.
    """
    today = timezone.localdate()
    return remembered(
        "counts", lambda: _counts(user=user, today=today), user.pk, today, generation=generation
    )


def _counts(*, user, today) -> dict[str, int]:
    keys = ("total", *COUNTED)
    totals = dict.fromkeys(keys, 0)
    for row in counts_query(user=user, today=today):
        for name, value in zip(keys, row, strict=True):
            totals[name] += value
    return totals


def counts_query(*, user, today=None):
    """The query behind `counts`: a row of (total, *COUNTED) per kind."""
    today = today or timezone.localdate()
    keys = ("total", *COUNTED)
    parts = []
    for model in MODELS.values():
        why = reasons(model)
        parts.append(
            needing_work(model)
            .order_by()
            .annotate(one=Value(1))
            .values("one")  # one group: the whole kind
            .annotate(
                total=Count("pk"),
                unsourced=Count("pk", filter=why["unsourced"]),
                orphaned=Count("pk", filter=why["orphaned"]),
                disputed=Count("pk", filter=why["disputed"]),
                needs_recheck=Count("pk", filter=why["needs_recheck"]),
                mine=Count("pk", filter=Q(assignee=user)),
                overdue=Count("pk", filter=past_due(today)),
            )
            .values_list(*keys)
        )
    first, *others = parts
    return first.union(*others, all=True)


# The article filter lists this many articles; the search box finds any other by its title.
ARTICLE_CHOICES = 50


def articles_with_work():
    """Articles that have something on the desk.

    EXISTS per article, so that a bounded list (newest first, say) tests only the articles it walks,
    each through the desk's partial index, instead of gathering the whole queue's articles first.
    """
    return Article.objects.filter(
        Exists(needing_work(Claim).filter(article=OuterRef("pk")))
        | Exists(needing_work(Quotation).filter(article=OuterRef("pk")))
    )


class Choice(NamedTuple):
    pk: int
    title: str


def article_choices(selected: int | None = None, *, generation=ASK) -> list[Choice]:
    """For the article filter: the most recently edited articles with work on the desk (remembered),
    and `selected`.

    Bounded: a big newsroom has thousands of such articles, too many for a list (hundreds of kilobytes
    of HTML). (pk, title) rows rather than model instances, ordered by title; two queries at most.
    """
    latest = remembered("articles", _latest_with_work, generation=generation)
    if selected and all(row.pk != selected for row in latest):
        chosen = Article.objects.filter(pk=selected).values_list("pk", "title")
        latest = latest + [Choice(*row) for row in chosen]
    return sorted(latest, key=lambda row: row.title.casefold())


def _latest_with_work() -> list[Choice]:
    rows = articles_with_work().order_by("-updated_at").values_list("pk", "title")
    return [Choice(*row) for row in rows[:ARTICLE_CHOICES]]


def desk_users(*, generation=ASK) -> list:
    """Everyone who may work the desk (and so may be assigned an item), in one query (remembered)."""
    return remembered("users", lambda: list(_desk_users()), generation=generation)


def _desk_users():
    User = get_user_model()
    users = User.objects.filter(is_active=True)
    for permission in DESK_PERMISSIONS:
        # Roles are groups with model permissions: ModelBackend's to answer (other backends, such as
        # the login-attempt limiter, grant none).
        holders = User.objects.with_perm(permission, backend="django.contrib.auth.backends.ModelBackend")
        users = users.filter(pk__in=holders.values("pk"))
    return users.order_by("first_name", "last_name", "username")


def search_sources(query: str, *, limit: int = 20):
    """Sources whose title, publisher or address contain every word of `query`.

    Words are runs of letters and digits, so a label picked from the list (“Title (Publisher)”) finds
    its own source again.
    """
    sources = Source.objects.all()
    for word in re.findall(r"\w+", query):
        sources = sources.filter(
            Q(title__icontains=word) | Q(publisher__icontains=word) | Q(url__icontains=word)
        )
    return sources.order_by("title", "pk")[:limit]


def _with_details(model):
    # What a card shows: the article's title, state and text (its paragraphs around the words), not its
    # structured body; the items in no order of the model's (`load` keeps the queue's).
    qs = (
        model.objects.select_related("article", "assignee", "checked_by")
        .defer("article__body_html", "article__standfirst", "article__editorial_note")
        .annotate(**_reason_flags(model))
        .order_by()
    )
    return qs.select_related("speaker") if model is Quotation else qs


def _with_sourcing(items) -> None:
    """Give each item `cited`, its citations with their sources, and `latest_events`, its latest
    history: one query each for claims and quotations together."""
    owners = {(type(item), item.pk): item for item in items}
    for item in items:
        item.cited, item.latest_events = [], []
    if not items:
        return
    either = Q(claim__in=[i for i in items if isinstance(i, Claim)])
    either |= Q(quotation__in=[i for i in items if isinstance(i, Quotation)])

    def owner(row):
        return owners[(Claim, row.claim_id) if row.claim_id else (Quotation, row.quotation_id)]

    for citation in Citation.objects.filter(either).select_related("source").order_by("added_at", "pk"):
        owner(citation).cited.append(citation)
    newest_first = [F("at").desc(), F("pk").desc()]
    latest = Window(RowNumber(), partition_by=[F("claim_id"), F("quotation_id")], order_by=newest_first)
    events = SourcingEvent.objects.filter(either).select_related("actor").annotate(nth=latest)
    for event in events.filter(nth__lte=EVENTS_SHOWN).order_by("-at", "-pk"):
        owner(event).latest_events.append(event)


def load(item_rows) -> list:
    """The claims and quotations of `item_rows` ((kind, id, ...) rows), in the rows' order.

    Each comes with its article, assignee, checker (and speaker), its citations with their sources, and
    its latest history: at most four queries, however many rows.
    """
    keys = [(row[0], row[1]) for row in item_rows]
    found = {}
    for name, model in MODELS.items():
        ids = [pk for kind, pk in keys if kind == name]
        if ids:
            found.update({(name, item.pk): item for item in _with_details(model).filter(pk__in=ids)})
    _with_sourcing(list(found.values()))
    return [found[key] for key in keys if key in found]


def load_one(kind: str, pk: int):
    """One item with everything the desk shows about it, or Model.DoesNotExist."""
    item = _with_details(MODELS[kind]).get(pk=pk)
    _with_sourcing([item])
    return item


# The reasons a card names in words (the others show as its check status).
NAMED_REASONS = {
    "orphaned": "Orphaned",
    "unsourced": "Needs a source",
    "no_speaker": "No speaker",
    "after_publication": "Added after publication",
}


def _reason_flags(model) -> dict:
    """`why_<reason>` for each named reason of `model`: its rule (`work_reasons`), evaluated by the
    database as it loads the item."""
    return {
        f"why_{name}": ExpressionWrapper(condition, output_field=BooleanField())
        for name, condition in reasons(model).items()
        if name in NAMED_REASONS
    }


def why(item) -> list[str]:
    """Why `item` needs work, in words, from what `load` fetched (an item loaded without its flags is
    an error, not a card without reasons)."""
    own = reasons(type(item)).keys()
    return [label for name, label in NAMED_REASONS.items() if name in own and getattr(item, f"why_{name}")]


def removals_to_confirm(*, limit: int = 50, generation=ASK) -> list:
    """Claims and quotations taken off articles past draft, waiting for a fact-checker: oldest first
    (one query; remembered)."""
    return remembered("removals", lambda: list(_removals_to_confirm(limit)), limit, generation=generation)


def _removals_to_confirm(limit: int):
    return (
        Removal.objects.filter(status=Removal.Status.PENDING)
        .select_related("article", "removed_by")
        .order_by("removed_at", "pk")[:limit]
    )


def awaiting_sign_off(*, limit: int = 20, generation=ASK) -> list:
    """Articles in the fact-check state, oldest change first, with their claim counts (one query;
    remembered)."""
    return remembered("sign-offs", lambda: list(_awaiting_sign_off(limit)), limit, generation=generation)


def _awaiting_sign_off(limit: int):
    return (
        Article.objects.filter(status=Article.Status.FACT_CHECK)
        .with_sourcing_counts()
        .only("title", "status", "updated_at")
        .order_by("updated_at", "pk")[:limit]
    )
