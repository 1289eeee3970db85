"""The numbered notes under an article and the preview cards in its text, as HTML.

Written in Python rather than a template because they are the article page's inner loop: 30 claims with
two sources each made the template resolve ~30,000 variables and reverse ~100 URLs per request, most of
the page's time. Here each source's markup is built once per page, URLs come from one `reverse` per
name, and strings are joined once. Every value from the database goes through `esc` (the escaping
Django's `escape` does) exactly where it is written; the only unescaped pieces are literals.
"""

from functools import lru_cache

from django.utils.safestring import SafeString
from django.utils.translation import get_language

from sources.models import Source

from . import dates
from .rendering import esc
from .reversing import UrlPattern

KIND_LABELS = dict(Source.Kind.choices)


@lru_cache(maxsize=64)
def kind_label(kind: str, language: str) -> str:
    """The label of a source kind in `language` (the choices' labels translate on every use)."""
    return str(KIND_LABELS.get(kind, kind))


def _first_words(text: str, count: int) -> str:
    """`Truncator(text).words(count)`: whitespace folded, "…" when words were cut."""
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


class NoteWriter:
    """Renders the notes of one page; remembers each source's markup, since sources repeat."""

    def __init__(self):
        self.language = get_language()  # a page is written in one language; asking costs a context lookup
        self.source_url = UrlPattern("articles:source")
        self.person_url = UrlPattern("articles:person")
        self._sources: dict[int, tuple[str, str]] = {}
        self._previews: dict[int, str] = {}

    def preview(self, note) -> SafeString:
        """The card shown on hover or focus. A visual shortcut only: the note itself says the same."""
        parts = []
        if note.speaker:
            parts.append(f'<span class="preview-speaker">{esc(note.speaker.name)}</span>')
        if note.citations:
            parts.append(self._source_preview(note.citations[0].source))
        if len(note.citations) > 1:
            parts.append(f'<span class="preview-more">and {len(note.citations) - 1} more</span>')
        # Parts escaped where built (see rendering for why SafeString rather than mark_safe).
        return SafeString(f'<span class="source-preview" aria-hidden="true">{"".join(parts)}</span>')

    def _source_preview(self, source) -> str:
        if source.pk not in self._previews:
            self._previews[source.pk] = (
                f'<span class="preview-kind">{esc(kind_label(source.kind, self.language))}</span> '
                f'<strong class="preview-title">{esc(source.title)}</strong>'
                f'<span class="preview-publisher">{esc(source.publisher)}</span>'
            )
        return self._previews[source.pk]

    def notes(self, notes) -> SafeString:
        """The <li> of every note, in order."""
        return SafeString("".join([self._note(note) for note in notes]))  # escaped piece by piece

    def _note(self, note) -> str:
        if note.citations:
            citations = "".join([self._citation(citation) for citation in note.citations])
        else:
            citations = '<p class="citation">No published source yet.</p>\n'
        return (
            f'<li id="{note.anchor}">\n'
            f'<a class="backref" href="#{note.ref_anchor}" '
            f'aria-label="Back to note {note.number} in the text">↑</a>\n'
            f"{self._subject(note)}\n{citations}</li>\n"
        )

    def _subject(self, note) -> str:
        words = esc(_first_words(note.item.exact, 16))
        if note.kind != "quotation":
            return f'<p class="note-subject">Claim: “{words}”</p>'
        speaker = note.speaker
        description = f", {esc(speaker.description)}" if speaker.description else ""
        said = f", {esc(dates.day(note.said_on, self.language))}" if note.said_on else ""
        return (
            f'<p class="note-subject">Quotation: “{words}” — <a href="{esc(self.person_url(speaker.pk))}">'
            f'<span class="speaker">{esc(speaker.name)}</span></a>{description} '
            f"({esc(note.obtained_label.lower())}{said})</p>"
        )

    def _citation(self, citation) -> str:
        head, tail = self._source_parts(citation)
        locator = f", {esc(citation.locator)}" if citation.locator else ""
        passage = f'\n<q class="passage">{esc(citation.passage)}</q>' if citation.passage else ""
        return f'<p class="citation">\n{head}{locator}.\n{tail}{passage}</p>\n'

    def _source_parts(self, citation) -> tuple[str, str]:
        """What every citation of this source says before the locator, and after it."""
        source = citation.source
        if source.pk in self._sources:
            return self._sources[source.pk]
        title = esc(source.title)
        if citation.href:
            title = f'<a href="{esc(citation.href)}" rel="noopener"{citation.robust_link_attrs}>{title}</a>'
        publisher = f", {esc(source.publisher)}" if source.publisher else ""
        published = ""
        if source.published_on:
            day = source.published_on
            published = f', <time datetime="{day.isoformat()}">{esc(dates.day(day, self.language))}</time>'
        kind = esc(kind_label(source.kind, self.language).lower())
        head = f'{title}{publisher}\n<span class="source-kind">({kind}{published})</span>'
        if source.is_dead and source.archived_url:
            state = (
                '<span class="dead-link">The original page is gone; '
                "the link leads to an archived copy.</span>\n"
            )
        elif source.is_dead:
            state = '<span class="dead-link">The original page no longer answers.</span>\n'
        elif source.archived_url and source.url:
            state = f'<a href="{esc(source.archived_url)}" rel="noopener">Archived copy</a>.\n'
        else:
            state = ""
        tail = (
            f'{state}<a class="source-page" href="{esc(self.source_url(source.pk))}">'
            f'About this source<span class="visually-hidden">: {esc(source.title)}</span></a>'
        )
        self._sources[source.pk] = (head, tail)
        return head, tail
