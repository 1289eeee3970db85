"""The desk's queue: every claim and quotation that still needs a fact-checker, most urgent first.

Selectors only (they read, never change). Claims and quotations live in two tables, so the queue is the
UNION of one narrow row per item — its kind, id and sort keys — ordered, counted and sliced in the
database. A page then loads its own items with a fixed set of queries (the items with their article and
people, their citations, their history), so a page costs the same whatever the queue's size.
"""

import datetime
import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
)
from django.utils import timezone

from articles.models import (
    Article,
    CheckStatus,
    Citation,
    Claim,
    Quotation,
    Removal,
    SourcingEvent,
)
from articles.rights import DESK_PERMISSIONS
from sources.models import Source

MODELS = {"claim": Claim, "quotation": Quotation}

# Articles on their way to readers, or already with them: every unchecked item in them is work to do.
OPEN_STATES = (
    Article.Status.IN_REVIEW,
    Article.Status.FACT_CHECK,
    Article.Status.READY,
    Article.Status.PUBLISHED,
)
UNCHECKED = (CheckStatus.UNSTARTED, CheckStatus.IN_PROGRESS)
SETTLED = (CheckStatus.VERIFIED, CheckStatus.NOT_CLAIM)

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
    """Each reason an item of `model` needs work, as a condition on its table.

    “Cited” reads `num_citations`, the count the database keeps on each item (migration 0012).
    """
    uncited = Q(num_citations=0)
    found = {
        "unsourced": model.NEEDS_SOURCE,
        "orphaned": Q(is_orphaned=True),
        "disputed": Q(check_status=CheckStatus.DISPUTED),
        "needs_recheck": Q(check_status=CheckStatus.NEEDS_RECHECK),
        "unchecked": Q(check_status__in=UNCHECKED, article__status__in=OPEN_STATES),
        "after_publication": Q(
            article__published_at__isnull=False,
            created_at__gt=F("article__published_at"),
        )
        & (uncited | ~Q(check_status__in=SETTLED)),
    }
    if model is Quotation:
        found["no_speaker"] = Q(speaker__isnull=True)
    return found


def needing_work(model):
    """Every item of `model` on the desk: the union of all the reasons above.

    Every reason implies `model.MAY_NEED_WORK` (an item that is cited, settled, anchored, and for a
    quotation has a speaker, has none), so adding it changes nothing but lets PostgreSQL read the
    desk's partial index (articles_claim_desk_idx, articles_quotation_desk_idx: a few thousand
    entries) instead of every item.
    """
    condition = Q()
    for reason in reasons(model).values():
        condition |= reason
    return model.objects.filter(model.MAY_NEED_WORK).filter(condition)


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
        qs = qs.filter(due_on__lt=today)
    for word in filters.search.split():
        match = Q(exact__icontains=word) | Q(article__title__icontains=word)
        if model is Quotation:
            match |= Q(speaker__name__icontains=word)
        qs = qs.filter(match)
    return qs


def rows(filters: Filters, *, user):
    """The queue as one ordered, sliceable query of (kind, id) rows, most urgent first.

    Overdue items come first (the longest overdue first), then those that need a source (uncited or
    orphaned: the publish gate waits for them), then items of articles that are live, or scheduled to
    go live soonest, then the oldest. Slicing it is one query; counting it is one more.
    """
    now = timezone.now()
    today = timezone.localdate(now)
    parts = []
    for name, model in MODELS.items():
        qs = _filtered(model, filters, user, today)
        if qs is None:
            continue
        found = reasons(model)
        parts.append(
            qs.annotate(
                item_type=Value(name, output_field=CharField()),
                overdue_since=Case(
                    When(due_on__lt=today, then=F("due_on")), default=None, output_field=DateField()
                ),
                source_first=Case(
                    When(found["unsourced"] | found["orphaned"], then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                ),
                goes_live=Case(
                    # Live now: as urgent as it gets. Scheduled: the sooner, the more urgent.
                    When(article__status=Article.Status.PUBLISHED, then=Value(now)),
                    When(article__publish_at__isnull=False, then=F("article__publish_at")),
                    default=None,
                    output_field=DateTimeField(),
                ),
            )
            .order_by()
            .values_list("item_type", "pk", "overdue_since", "source_first", "goes_live", "created_at")
        )
    first, *others = parts
    combined = first.union(*others, all=True) if others else first
    return combined.order_by(
        F("overdue_since").asc(nulls_last=True),
        "source_first",
        F("goes_live").asc(nulls_last=True),
        "created_at",
        "item_type",
        "pk",
    )


COUNTED = ("unsourced", "orphaned", "disputed", "needs_recheck", "mine", "overdue")


def counts(*, user) -> dict[str, int]:
    """How many items the whole queue holds, for each count shown at the top.

    One query: each kind's counts in one row (a conditional aggregate), the two rows in a UNION ALL.
    `total` is the unfiltered queue's length, so the page's paginator need not count it again.
    """
    keys = ("total", *COUNTED)
    totals = dict.fromkeys(keys, 0)
    for row in counts_query(user=user):
        for name, value in zip(keys, row, strict=True):
            totals[name] += value
    return totals


def counts_query(*, user):
    """The query behind `counts`: a row of (total, *COUNTED) per kind."""
    today = timezone.localdate()
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
                overdue=Count("pk", filter=Q(due_on__lt=today)),
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


def article_choices(selected: int | None = None):
    """For the article filter: the most recently edited articles with work on the desk, and `selected`.

    Bounded: a big newsroom has thousands of such articles, too many for a list (hundreds of kilobytes
    of HTML). (pk, title) rows rather than model instances, ordered by title; two queries at most.
    """
    rows = articles_with_work().order_by("-updated_at").values_list("pk", "title", named=True)
    latest = list(rows[:ARTICLE_CHOICES])
    if selected and all(row.pk != selected for row in latest):
        latest += Article.objects.filter(pk=selected).values_list("pk", "title", named=True)
    return sorted(latest, key=lambda row: row.title.casefold())


def desk_users():
    """Everyone who may work the desk (and so may be assigned an item), in one query."""
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
    qs = model.objects.select_related("article", "assignee", "checked_by")
    if model is Quotation:
        qs = qs.select_related("speaker")
    citations = Citation.objects.select_related("source", "added_by").order_by("added_at", "pk")
    events = SourcingEvent.objects.select_related("actor").order_by("-at", "-pk")[:EVENTS_SHOWN]
    return qs.prefetch_related(
        Prefetch("citations", queryset=citations),
        Prefetch("events", queryset=events, to_attr="latest_events"),
    )


def load(item_rows) -> list:
    """The claims and quotations of `item_rows` ((kind, id, ...) rows), in the rows' order.

    Each comes with its article, assignee, checker (and speaker), its citations with their sources, and
    its latest history: at most three queries per kind, however many rows.
    """
    keys = [(row[0], row[1]) for row in item_rows]
    found = {}
    for name, model in MODELS.items():
        ids = [pk for kind, pk in keys if kind == name]
        if ids:
            found.update({(name, item.pk): item for item in _with_details(model).filter(pk__in=ids)})
    return [found[key] for key in keys if key in found]


def load_one(kind: str, pk: int):
    """One item with everything the desk shows about it, or Model.DoesNotExist."""
    return _with_details(MODELS[kind]).get(pk=pk)


def why(item) -> list[str]:
    """Why `item` needs work, in words, from what `load` fetched (citations prefetched)."""
    article = item.article
    cited = bool(item.citations.all())
    found = []
    if item.is_orphaned:
        found.append("Orphaned")
    if not cited and not (isinstance(item, Claim) and item.check_status == CheckStatus.NOT_CLAIM):
        found.append("Needs a source")
    if isinstance(item, Quotation) and item.speaker_id is None:
        found.append("No speaker")
    if (
        article.published_at
        and item.created_at > article.published_at
        and (not cited or item.check_status not in SETTLED)
    ):
        found.append("Added after publication")
    return found


def removals_to_confirm(*, limit: int = 50):
    """Claims and quotations taken off articles past draft, waiting for a fact-checker: oldest first."""
    return (
        Removal.objects.filter(status=Removal.Status.PENDING)
        .select_related("article", "removed_by")
        .order_by("removed_at", "pk")[:limit]
    )


def awaiting_sign_off(*, limit: int = 20):
    """Articles in the fact-check state, oldest change first, with their claim counts (one query)."""
    return (
        Article.objects.filter(status=Article.Status.FACT_CHECK)
        .with_sourcing_counts()
        .only("title", "status", "updated_at")
        .order_by("updated_at", "pk")[:limit]
    )
