"""What the desk shows about one item, worked out from what `queue.load` fetched.

`build` makes the cards for a page with one extra query (the sources its history names), however many
items the page holds; `remembered` keeps them under the generation, as the queue's other parts.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.utils import timezone
from django.utils.safestring import SafeString

from articles import remembering
from articles.body import paragraphs
from articles.models import CheckStatus, Quotation, SourcingEvent
from articles.rendering import Mark, render_paragraph
from newsroom.names import display_name
from newsroom.times import local_time
from sources.models import Source

from . import queue
from .links import item_url

STATUS_LABELS = dict(CheckStatus.choices)


@dataclass
class HistoryLine:
    at: datetime.datetime
    actor: str
    text: str


@dataclass
class Card:
    item: object
    kind: str  # "claim" or "quotation"
    reasons: list[str]
    context: list[SafeString]
    history: list[HistoryLine]
    overdue: bool
    forms: dict = field(default_factory=dict)  # none on the queue: its cards link to the item's page
    open_form: str = ""  # the action whose form is shown unfolded (after an error)

    # Each action's form (`?open=` on the item's page) and its title.
    ACTIONS = [
        ("attach", "Attach a source"),
        ("new_source", "Create a new source"),
        ("verdict", "Set the verdict"),
        ("assign", "Assign and due date"),
    ]

    @property
    def anchor(self) -> str:
        return f"{self.kind}-{self.item.pk}"

    # Where the item is worked on.
    @cached_property
    def url(self) -> str:
        return item_url(self.item)

    @property
    def citations(self) -> list:
        return self.item.cited

    @property
    def article_state(self) -> str:
        return article_state(self.item.article)

    @property
    def kind_label(self) -> str:
        if isinstance(self.item, Quotation):
            return "Quotation"
        return f"Claim · {self.item.get_kind_display().lower()}"


def _context(item) -> list[SafeString]:
    """The paragraph(s) of the working copy holding the item's words, with the words marked."""
    if item.is_orphaned:
        return []
    mark = Mark(item.start, item.end, "mark", {"class": "desk-words"})
    return [
        render_paragraph(p.text, [mark], p.start)
        for p in paragraphs(item.article.body)
        if p.start < item.end and item.start < p.end
    ]


def _who(user) -> str:
    if user is None:
        return "The system"
    return display_name(user)


def _source_name(record: dict, sources: dict) -> str:
    source = sources.get(record.get("source"))
    return f"“{source.title}”" if source else "a source since deleted"


def describe(event: SourcingEvent, sources: dict) -> str:
    """One history entry in words, from its before/after record (`sources`: id → Source)."""
    before, after = event.before or {}, event.after or {}
    action = SourcingEvent.Action
    if event.action in (action.STATUS, action.RECHECK):
        old = STATUS_LABELS.get(before.get("status"), before.get("status") or "?")
        new = STATUS_LABELS.get(after.get("status"), after.get("status") or "?")
        text = f"{old} → {new}"
        if event.action == action.RECHECK:
            return f"Words changed: {text}"
        return f"{text}: {after['reason']}" if after.get("reason") else text
    if event.action == action.CITATION_ADDED:
        locator = f" ({after['locator']})" if after.get("locator") else ""
        return f"Cited {_source_name(after, sources)}{locator}"
    if event.action == action.CITATION_REMOVED:
        return f"Removed the citation of {_source_name(before, sources)}"
    if event.action == action.ASSIGNED:
        if "due_on" in after:
            due = after["due_on"]
            return (
                f"Due date set to {datetime.date.fromisoformat(due):%d %b %Y}"
                if due
                else "Due date cleared"
            )
        return f"Assigned to {after['name']}" if after.get("name") else "Unassigned"
    return event.get_action_display()


def card(item, *, today: datetime.date, sources: dict) -> Card:
    return Card(
        item=item,
        kind=item._meta.model_name,
        reasons=queue.why(item),
        context=_context(item),
        history=[HistoryLine(e.at, _who(e.actor), describe(e, sources)) for e in item.latest_events],
        overdue=bool(item.due_on and item.due_on < today),
    )


# Part of the key of remembered cards and their HTML: change it with what a Card holds or the card's
# template, so that no server reads cards another version of the code remembered.
CARD_FORMAT = 1


def remembered(item_rows, *, generation) -> list[Card]:
    """`build(queue.load(item_rows))`, or the cards built for the same items under this generation
    (none at all when `generation` is None). Only what a card shows is remembered: who looks at it
    and the page it is on are for the template."""
    keys = [(row[0], row[1]) for row in item_rows]
    return queue.remembered(
        "cards",
        lambda: build(queue.load(keys)),
        CARD_FORMAT,
        timezone.localdate(),  # what is overdue
        remembering.digest(keys),
        generation=generation,
    )


def build(items) -> list[Card]:
    """Cards for items loaded by `queue.load`: one more query, for the sources their history names."""
    today = timezone.localdate()
    named = {
        record["source"]
        for item in items
        for event in item.latest_events
        for record in (event.before, event.after)
        if isinstance(record, dict) and record.get("source")
    }
    sources = Source.objects.only("pk", "title").in_bulk(named) if named else {}
    return [card(item, today=today, sources=sources) for item in items]


def article_state(article) -> str:
    """“Published”, “… · scheduled for …” or the workflow state, as the desk shows it."""
    if article.is_published:
        return "Published"
    if article.publish_at:
        return f"{article.get_status_display()} · scheduled for {local_time(article.publish_at)}"
    return article.get_status_display()
