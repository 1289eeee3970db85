"""What readers see of the sourcing: each sourced claim and each quotation gets a numbered note.

Notes are numbered in reading order. A claim is footnoted only when it is sourced and anchored: a claim
flagged on an article after it went live stays unmarked until a fact-checker sources it.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.html import format_html

from .models import Article, Citation, Claim, Quotation
from .rendering import Mark, render_body


@dataclass
class Note:
    number: int
    kind: str  # "claim" or "quotation"
    item: Claim | Quotation
    citations: list[Citation]

    @property
    def anchor(self) -> str:
        return f"note-{self.number}"

    @property
    def ref_anchor(self) -> str:
        return f"ref-{self.number}"


def reader_queryset():
    """Published articles with everything the page shows, in a fixed number of queries."""
    citations = Citation.objects.select_related("source")
    return Article.objects.published().prefetch_related(
        "authors",
        Prefetch(
            "claims",
            queryset=Claim.objects.filter(is_orphaned=False).prefetch_related(
                Prefetch("citations", queryset=citations)
            ),
        ),
        Prefetch(
            "quotations",
            queryset=Quotation.objects.filter(is_orphaned=False)
            .select_related("speaker")
            .prefetch_related(Prefetch("citations", queryset=citations)),
        ),
    )


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
    """The article's paragraphs as HTML with marked claims and quotations, and the notes they point to."""
    items = [("claim", c) for c in article.claims.all() if c.citations.all()]
    items += [("quotation", q) for q in article.quotations.all() if q.speaker_id]
    items.sort(key=lambda pair: (pair[1].start, pair[1].end))
    notes, marks = [], []
    for number, (kind, item) in enumerate(items, start=1):
        note = Note(number=number, kind=kind, item=item, citations=list(item.citations.all()))
        notes.append(note)
        if kind == "claim":
            attrs = {"class": "claim", "id": f"claim-{item.pk}"}
            marks.append(Mark(item.start, item.end, "span", attrs, _ref(note)))
        else:
            attrs = {
                "class": "quotation",
                "id": f"quotation-{item.pk}",
                "title": f"{item.speaker.name} ({item.get_obtained_display().lower()})",
            }
            marks.append(Mark(item.start, item.end, "q", attrs, _ref(note)))
    return render_body(article.body, marks), notes
