"""What readers see of the sourcing: each sourced claim and each quotation gets a numbered note.

Everything comes from the article's live revision, never from the working copy, so edits to a live
article stay invisible until the gate publishes them. Sources and people are looked up by id (one query
each), so a corrected source shows at once. Notes are numbered in reading order.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.html import format_html

from sources.models import Person, Source

from .models import Article, Quotation
from .rendering import Mark, render_body
from .revisions import LiveItem, live_items


@dataclass
class ResolvedCitation:
    source: Source
    locator: str
    passage: str


@dataclass
class Note:
    number: int
    kind: str  # "claim" or "quotation"
    item: LiveItem
    citations: list[ResolvedCitation] = field(default_factory=list)
    speaker: Person | None = None

    @property
    def anchor(self) -> str:
        return f"note-{self.number}"

    @property
    def ref_anchor(self) -> str:
        return f"ref-{self.number}"

    @property
    def obtained_label(self) -> str:
        return Quotation.Obtained(self.item.obtained).label if self.item.obtained else ""

    @property
    def said_on(self) -> datetime.date | None:
        return datetime.date.fromisoformat(self.item.said_on) if self.item.said_on else None


def reader_queryset():
    """Published articles with their live revision, in a fixed number of queries."""
    return Article.objects.published().select_related("live_revision").prefetch_related("authors")


def _ref(note: Note):
    label = "Source" if note.kind == "claim" else "Quotation source"
    return format_html(
        '<sup class="note-ref"><a href="#{}" id="{}" aria-label="{} {}">{}</a></sup>',
        note.anchor,
        note.ref_anchor,
        label,
        note.number,
        note.number,
    )


def annotate(article: Article):
    """The live text as HTML paragraphs with marked claims and quotations, and the notes they point to."""
    revision = article.live_revision
    claims, quotations = live_items(revision)
    sources = Source.objects.in_bulk(
        {c["source"] for item in (*claims, *quotations) for c in item.citations}
    )
    people = Person.objects.in_bulk({q.speaker for q in quotations if q.speaker})
    # A claim flagged after publication has no citation in the live version: not footnoted yet.
    items = [("claim", c) for c in claims if c.citations]
    items += [("quotation", q) for q in quotations if q.speaker in people]
    items.sort(key=lambda pair: (pair[1].start, pair[1].end))
    notes, marks = [], []
    for number, (kind, item) in enumerate(items, start=1):
        note = Note(
            number=number,
            kind=kind,
            item=item,
            citations=[
                ResolvedCitation(sources[c["source"]], c["locator"], c["passage"])
                for c in item.citations
                if c["source"] in sources
            ],
            speaker=people.get(item.speaker) if kind == "quotation" else None,
        )
        notes.append(note)
        if kind == "claim":
            attrs = {"class": "claim", "id": f"claim-{item.id}"}
            marks.append(Mark(item.start, item.end, "span", attrs, _ref(note)))
        else:
            attrs = {"class": "quotation", "id": f"quotation-{item.id}"}
            marks.append(Mark(item.start, item.end, "q", attrs, _ref(note)))
    return render_body(revision.body, marks), notes
