"""“How this article was sourced”: the transparency box the Trust Project asks newsrooms to show.

Counted from the notes the reader sees (so from the live revision): how many claims are footnoted, how
many quotations, how many distinct sources and of which kinds, and when a fact-checker last signed off a
claim of the published version.
"""

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from django.template.defaultfilters import date
from django.utils.timezone import localtime

from sources.models import Source

# Documents that are themselves the evidence, rather than someone's account of it.
PRIMARY = {Source.Kind.COURT_RECORD, Source.Kind.DATASET, Source.Kind.STUDY, Source.Kind.STATEMENT}


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


def _kind_words(kind: str) -> tuple[str, str]:
    """A source kind as a sentence reads it, singular and plural: its label (“study”, “studies”)."""
    word = Source.Kind(kind).label.lower() if kind in Source.Kind.values else kind
    plural = word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else word + "s"
    return word, plural


@dataclass(frozen=True)
class SourcingSummary:
    claims: int
    quotations: int
    people: int
    sources: list[Source]
    last_checked: object = None  # datetime of the latest fact-check sign-off, if any

    @cached_property
    def kinds(self) -> list[str]:
        """“3 reports”, “2 interviews”, ... most common first."""
        counts = Counter(source.kind for source in self.sources)
        ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return [_count(n, *_kind_words(kind)) for kind, n in ordered]

    @property
    def primary_sources(self) -> int:
        return sum(1 for source in self.sources if source.kind in PRIMARY)

    def __str__(self):
        """The same facts as one paragraph: schema.org `backstory`."""
        text = (
            f"This article makes {_count(self.claims, 'sourced claim', 'sourced claims')} and "
            f"{_count(self.quotations, 'quotation', 'quotations')} from "
            f"{_count(self.people, 'person', 'people')}, resting on "
            f"{_count(len(self.sources), 'source', 'sources')}"
        )
        if self.sources:
            text += f" ({', '.join(self.kinds)})"
        text += ". Each claim links to its sources in the notes."
        if self.last_checked:
            text += f" Last fact-checked on {date(localtime(self.last_checked), 'j F Y')}."
        return text


def summarize(notes, last_checked=None) -> SourcingSummary:
    sources = {c.source.pk: c.source for note in notes for c in note.citations}
    return SourcingSummary(
        claims=sum(1 for note in notes if note.kind == "claim"),
        quotations=sum(1 for note in notes if note.kind == "quotation"),
        people=len({note.speaker.pk for note in notes if note.speaker}),
        sources=sorted(sources.values(), key=lambda s: s.title),
        last_checked=last_checked,
    )
