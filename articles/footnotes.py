"""What readers see of the sourcing: each sourced claim and each quotation gets a numbered note.

Everything comes from the article's live revision, never from the working copy, so edits to a live
article stay invisible until the gate publishes them. Sources and people are looked up by id (one query
each, in `article_page.load`), so a corrected source shows at once. Notes are numbered in reading order.

`article_page` does the queries and `annotate` the rendering, so the page's validator (see `caching`) can
be computed from the resolved sources and people before any HTML is written.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from sources.models import Person, Source

from .models import Article, Quotation
from .notes import NoteWriter
from .rendering import Mark, esc, render_body
from .revisions import LiveItem

# Web archives put the snapshot's time in the URL (…/web/20240131120000/https://…).
_ARCHIVE_TIMESTAMP = re.compile(r"/(\d{4})(\d{2})(\d{2})\d{0,6}(?:id_|im_)?/")


@dataclass
class ResolvedCitation:
    source: Source
    locator: str
    passage: str

    @property
    def href(self) -> str:
        """The original, or its archived copy once link checks found the original dead."""
        return self.source.reader_url or self.source.archived_url

    @property
    def version_date(self) -> str:
        """When the archived copy was made: from the archive URL, else the day the source was read."""
        match = _ARCHIVE_TIMESTAMP.search(self.source.archived_url)
        if match:
            return "-".join(match.groups())
        return self.source.accessed_on.isoformat() if self.source.accessed_on else ""

    @property
    def robust_link_attrs(self):
        """Robust Links (robustlinks.mementoweb.org): a dead link still leads to the archived copy."""
        source = self.source
        if not (source.url and source.archived_url):
            return ""
        attrs = f' data-originalurl="{esc(source.url)}" data-versionurl="{esc(source.archived_url)}"'
        if version_date := self.version_date:
            attrs += f' data-versiondate="{esc(version_date)}"'
        return SafeString(attrs)  # values escaped


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


@dataclass
class Resolved:
    """The live claims and quotations of an article, with the sources and people they name."""

    claims: list[LiveItem]
    quotations: list[LiveItem]
    sources: dict[int, Source]
    people: dict[int, Person]


def _ref(note: Note, writer: NoteWriter):
    label = "Source" if note.kind == "claim" else "Quotation source"
    # Anchors and the label are made here from numbers; the preview card is escaped by the writer.
    return SafeString(
        f'<sup class="note-ref"><a href="#{note.anchor}" id="{note.ref_anchor}" '
        f'aria-label="{label} {note.number}">{note.number}</a></sup>{writer.preview(note)}'
    )


def annotate(article: Article, resolved: Resolved, writer: NoteWriter | None = None):
    """The live text as HTML paragraphs with marked claims and quotations, and the notes they point to.

    `writer` renders the references' preview cards; pass the one that renders the notes, so each source's
    markup is built once per page.
    """
    writer = writer or NoteWriter()
    sources, people = resolved.sources, resolved.people
    # A claim flagged after publication has no citation in the live version: not footnoted yet.
    items = [("claim", c) for c in resolved.claims if c.citations]
    items += [("quotation", q) for q in resolved.quotations if q.speaker in people]
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
            marks.append(Mark(item.start, item.end, "span", attrs, _ref(note, writer)))
        else:
            attrs = {"class": "quotation", "id": f"quotation-{item.id}"}
            marks.append(Mark(item.start, item.end, "q", attrs, _ref(note, writer)))
    return render_body(article.live_revision.body, marks), notes
