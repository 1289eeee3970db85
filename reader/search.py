"""Search over what readers can see: the live title, standfirst, body and quotations of published articles.

On PostgreSQL, full-text search over a generated, GIN-indexed document (migration 0011: title A,
standfirst and quoted words B, body C), ranked by SearchRank, with a SearchHeadline snippet; accents
and case do not matter (`unaccent` before stemming, migration 0018). SQLite, for development, gets a
substring match on the same fields folded the same way (`fold`), newest first, snippets cut in Python.
Matches are marked with two private-use characters, everything is escaped, and only then do those
characters become <mark>.
"""

import re
import unicodedata
from functools import lru_cache

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Exists, Expression, F, Func, OuterRef, Prefetch, Q, Subquery, TextField
from django.db.models.lookups import Contains
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString

from articles.models import Article, ArticleRevision, RevisionAuthor
from newsroom.text import clean

CONFIG = "english_unaccent"  # English stemming after unaccent (articles migration 0018)
_START, _STOP = "\ue000", "\ue001"
_SNIPPET_WORDS = 30
# The newest matches that are ranked (older ones are not listed): ten pages of results. Each costs a
# document read to match and another to rank, so the window, not the archive, sets the price.
RANK_WINDOW = 200
MAX_QUERY = 200  # characters of a query that are searched


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)).lower()
    return base if len(base) == 1 else char.lower() if len(char.lower()) == 1 else char


def fold(text: str) -> str:
    """`text` without accents and case (“Gascón” → “gascon”), one character for each, so that positions
    in the folded text are positions in `text`."""
    return "".join(map(_fold_char, text))


class Folded(Func):
    """fold(expression), on SQLite (`register_fold`)."""

    function = "newsroom_fold"
    output_field = TextField()


def register_fold(sender, connection, **kwargs) -> None:
    """On each new SQLite connection, make `fold` callable from SQL."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("newsroom_fold", 1, fold, deterministic=True)


class Document(Expression):
    """The weighted tsvector of a revision: the `search_document` column PostgreSQL generates and
    indexes (migration 0011; title A, standfirst and quotations B, body C), read, not rebuilt."""

    output_field = SearchVectorField()

    def __init__(self):
        super().__init__(output_field=SearchVectorField())

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name('search_document')}", []


def live_revisions():
    """The revisions readers see: the live revision of each published article."""
    return ArticleRevision.objects.filter(
        # No ordering in the subquery: an ordered IN list cannot be answered from the index alone.
        pk__in=Subquery(Article.objects.published().order_by().values("live_revision"))
    )


def _as_results(revisions, *also):
    """`revisions` with only what a result shows (and `also`), the byline in one query more: not the
    bodies and claims, which PostgreSQL would otherwise read out of its compressed storage."""
    bylines = Prefetch("bylines", queryset=RevisionAuthor.objects.select_related("user"))
    shown = ("article_id", "title", "slug", "standfirst", "article__published_at", *also)
    return revisions.select_related("article").only(*shown).prefetch_related(bylines)


def query_text(raw: str) -> str:
    """What a reader typed, as it is searched: cleaned like stored text (`newsroom.text.clean`: NFC,
    no control characters, which match nothing, and a NUL PostgreSQL refuses outright), trimmed."""
    return clean(raw).strip()[:MAX_QUERY]


def _query(text: str) -> SearchQuery:
    return SearchQuery(text, config=CONFIG, search_type="websearch")


def newest_matches(text: str):
    """(live revision id, article id) of the newest RANK_WINDOW published articles matching `text`
    (PostgreSQL), the only ones ranked, so a common word does not cost in proportion to the archive.
    PostgreSQL walks the published articles newest first until the window is full, or finds a rare
    word through the GIN index."""
    matching = (
        ArticleRevision.objects.filter(pk=OuterRef("live_revision_id"))
        .annotate(document=Document())
        .filter(document=_query(text))
    )
    return (
        Article.objects.published()
        .filter(Exists(matching))
        .order_by("-published_at", "-pk")
        .values_list("live_revision_id", "pk")[:RANK_WINDOW]
    )


def search(text: str):
    """Revisions matching `text`, best first; each has `.headline` on PostgreSQL (see `snippet`)."""
    text = text.strip()
    if not text:
        return ArticleRevision.objects.none()
    if connection.vendor == "postgresql":
        query = _query(text)
        # The window is read once, here, from published articles: the page and the paginator's count
        # read its revisions (and their articles) by id instead of matching the documents (or checking
        # what is live) again.
        window = list(newest_matches(text))
        in_window = Q(pk__in=[pk for pk, _ in window], article__in=[pk for _, pk in window])
        return (
            _as_results(ArticleRevision.objects.filter(in_window))
            .alias(document=Document())
            .annotate(
                rank=SearchRank(F("document"), query),
                headline=SearchHeadline(
                    "body",
                    query,
                    config=CONFIG,
                    start_sel=_START,
                    stop_sel=_STOP,
                    max_words=_SNIPPET_WORDS,
                    min_words=12,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-rank", "-article__published_at", "-pk")
        )
    folded = fold(text)
    matches = Q()
    for field in ("title", "standfirst", "body"):
        matches |= Contains(Folded(field), folded)
    return _as_results(live_revisions(), "body").filter(matches).order_by("-article__published_at", "-pk")


def _highlight(marked: str) -> SafeString:
    """Escape `marked` and turn the _START/_STOP markers into <mark> elements."""
    pieces = re.split(f"({_START}.*?{_STOP})", marked, flags=re.DOTALL)
    return format_html_join(
        "",
        "{}",
        (
            (format_html("<mark>{}</mark>", p[1:-1]) if p.startswith(_START) else escape(p),)
            for p in pieces
            if p
        ),
    )


def _python_snippet(revision, text: str) -> str:
    """The words around the first match in the body (or the standfirst), with the match marked."""
    for field in (revision.body, revision.standfirst):
        at = fold(field).find(fold(text))
        if at >= 0:
            before = field[:at].split()[-12:]
            after = field[at + len(text) :].split()[:12]
            prefix = "… " if len(before) == 12 else ""
            suffix = " …" if len(after) == 12 else ""
            lead = " " if field[:at].endswith(" ") else ""
            tail = " " if field[at + len(text) :].startswith(" ") else ""
            return (
                f"{prefix}{' '.join(before)}{lead}{_START}{field[at : at + len(text)]}{_STOP}"
                f"{tail}{' '.join(after)}{suffix}"
            )
    return " ".join(revision.body.split()[:_SNIPPET_WORDS])


def snippet(revision, text: str) -> SafeString:
    """The highlighted snippet of a search result, escaped."""
    marked = getattr(revision, "headline", None)
    if marked is None:
        marked = _python_snippet(revision, text.strip())
    return _highlight(marked)
