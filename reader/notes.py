"""What readers see of the sourcing: each sourced claim and each quotation of the live revision gets a
numbered note, in reading order; its reference is written into the text where the words end.

Everything comes from the live revision, never from the working copy, so edits to a live article stay
invisible until the gate publishes them.
"""

import datetime
import re
from dataclasses import dataclass, field
from functools import partial

from django.utils.safestring import SafeString

from articles import richtext
from articles.models import Quotation
from articles.rendering import Mark
from articles.revisions import LiveItem
from sources.models import Person, Source

from . import images

# Web archives put the snapshot's time in the URL (…/web/20240131120000/https://…).
_ARCHIVE_TIMESTAMP = re.compile(r"/(\d{4})(\d{2})(\d{2})\d{0,6}(?:id_|im_)?/")


def obtained_label(value: str) -> str:
    """How a quotation was obtained, as readers read it ("" for a value no longer offered)."""
    return Quotation.Obtained(value).label if value in Quotation.Obtained.values else ""


def said_on(item: LiveItem) -> datetime.date | None:
    return datetime.date.fromisoformat(item.said_on) if item.said_on else None


def version_date(source: Source) -> str:
    """When the archived copy was made: from the archive URL, else the day the source was read."""
    if match := _ARCHIVE_TIMESTAMP.search(source.archived_url):
        return "-".join(match.groups())
    return source.accessed_on.isoformat() if source.accessed_on else ""


@dataclass
class Citation:
    source: Source
    locator: str
    passage: str


@dataclass
class Note:
    number: int
    kind: str  # "claim" or "quotation"
    item: LiveItem
    citations: list[Citation] = field(default_factory=list)
    speaker: Person | None = None

    @property
    def obtained(self) -> str:
        return obtained_label(self.item.obtained)

    @property
    def said_on(self) -> datetime.date | None:
        return said_on(self.item)


def numbered(claims, quotations, sources: dict, people: dict) -> list[Note]:
    """The notes of the live claims and quotations, given the sources and people they name by id."""
    # A claim flagged after publication has no citation in the live version: not footnoted yet.
    items = [("claim", c) for c in claims if c.citations]
    items += [("quotation", q) for q in quotations if q.speaker in people]
    items.sort(key=lambda pair: (pair[1].start, pair[1].end))
    return [
        Note(
            number=number,
            kind=kind,
            item=item,
            citations=[
                Citation(sources[c["source"]], c["locator"], c["passage"])
                for c in item.citations
                if c["source"] in sources
            ],
            speaker=people.get(item.speaker) if kind == "quotation" else None,
        )
        for number, (kind, item) in enumerate(items, start=1)
    ]


def marked_body(body_html: str, notes: list[Note], reference, sources=(), library=None) -> SafeString:
    """The body (`richtext`) as HTML, each noted claim or quotation marked and followed by
    `reference(note)` (safe HTML); a link to one of the cited `sources` carries its Robust Links
    attributes, as the notes' links do. Figures show the images of `library` (id: `Image`) they place."""
    marks = [_mark(note, reference(note)) for note in notes]
    link_attrs = partial(_link_attributes, {s.url: s for s in sources})
    picture = lambda pk: images.picture((library or {}).get(pk))  # noqa: E731
    return richtext.render(body_html, marks, link_attrs, image=picture)


def _mark(note: Note, after) -> Mark:
    attrs = {"class": note.kind, "id": f"{note.kind}-{note.item.id}"}
    return Mark(note.item.start, note.item.end, "span" if note.kind == "claim" else "q", attrs, after)


def _link_attributes(cited: dict[str, Source], href: str) -> dict[str, str]:
    attrs = {} if href.startswith("mailto:") else {"rel": "external"}  # body links leave the site
    source = cited.get(href)
    if source is None or not source.archived_url:
        return attrs
    attrs |= {"data-originalurl": source.url, "data-versionurl": source.archived_url}
    if version := version_date(source):
        attrs["data-versiondate"] = version
    return attrs
