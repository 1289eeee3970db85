"""Search over what readers can see: the live title, standfirst, body and quotations of published articles.

On PostgreSQL, full-text search over a generated, GIN-indexed document (migration 0011: title A,
standfirst and quoted words B, body C), ranked by SearchRank, with a SearchHeadline snippet; accents and
case do not matter (`unaccent` before stemming, migration 0018). SQLite, for development, gets a
substring match on the same fields folded alike (`fold`), newest first, snippets cut in Python. Matches
are marked with private-use characters, everything is escaped, and only then do they become <mark>.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorExact,
    SearchVectorField,
)
from django.db import connection, connections, router
from django.db.models import (
    Case,
    Count,
    Exists,
    Expression,
    F,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import (
    Abs,
    Coalesce,
    Concat,
    Greatest,
    Least,
    Lower,
    NullIf,
    StrIndex,
    Substr,
)
from django.db.models.lookups import Contains, LessThan
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, ArticleRevision
from newsroom import plans
from newsroom.text import Folded, clean, fold

CONFIG = "english_unaccent"  # English stemming after unaccent (articles migration 0018)
_START, _STOP = "\ue000", "\ue001"
_SNIPPET_WORDS = 30
_HEADLINE = {"start_sel": _START, "stop_sel": _STOP, "max_words": _SNIPPET_WORDS, "min_words": 12}
_HEADLINE |= {"max_fragments": 2, "fragment_delimiter": " … "}
_HEADLINE_TEXT = 300  # characters of the body a snippet is chosen from
# The newest matches that are ranked (older ones are not listed): ten pages of results. Each costs a
# document read to match and another to rank, so the window, not the archive, sets the price.
RANK_WINDOW = 200
MAX_QUERY = 200  # characters of a query that are searched


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


def _as_results(revisions, **annotations):
    """`revisions` with `total`, how many match (a window aggregate: no second query)."""
    return revisions.annotate(total=Window(Count("pk")), **annotations)


def query_text(raw: str) -> str:
    """What a reader typed, as it is searched: cleaned like stored text (`newsroom.text.clean`: NFC,
    no control characters, which match nothing, and a NUL PostgreSQL refuses outright), trimmed."""
    return clean(raw).strip()[:MAX_QUERY]


def _query(text: str) -> SearchQuery:
    return SearchQuery(text, config=CONFIG, search_type="websearch")


def planned_for_the_words():
    """Where a search runs: its plan depends on the words (`newest_matches`), so it is made for them."""
    return plans.planned_for_the_values(router.db_for_read(ArticleRevision))


def newest_matches(text: str):
    """The live revision ids of the newest RANK_WINDOW published articles matching `text`
    (PostgreSQL), the only ones ranked, so a common word does not cost in proportion to the archive.
    PostgreSQL walks the published articles newest first until the window is full, or finds a rare
    word through the GIN index."""
    matching = ArticleRevision.objects.filter(
        SearchVectorExact(Document(), _query(text)), pk=OuterRef("live_revision_id")
    )
    return (
        Article.objects.published()
        .filter(Exists(matching))
        .order_by("-published_at", "-pk")
        .values("live_revision_id")[:RANK_WINDOW]
    )


def search(text: str):
    """Revisions matching `text`, best first; each has `.headline` on PostgreSQL (see `snippet`)."""
    text = text.strip()
    if not text:
        return ArticleRevision.objects.none()
    return _matching(text, _words(text))


def _matching(text: str, words: list[str]):
    if connection.vendor == "postgresql":
        query = _query(text)
        # Only the window is ranked. A subquery, not its ids: the SQL stays short and the same for every
        # search, so it is prepared once instead of parsed afresh with every id as a parameter.
        return _as_results(
            ArticleRevision.objects.filter(pk__in=newest_matches(text)),
            rank=SearchRank(Document(), query),
            headline=SearchHeadline(_around_words(words), query, config=CONFIG, **_HEADLINE),
        ).order_by("-rank", "-article__published_at", "-pk")
    folded = fold(text)
    matches = Q()
    for field in ("title", "standfirst", "body"):
        matches |= Contains(Folded(field), folded)
    results = _as_results(live_revisions()).filter(matches)
    return results.order_by("-article__published_at", "-pk")


@dataclass(frozen=True, slots=True)
class Result:
    """A search result as a page shows it: the article's stored teaser, kicker, header and footer and
    the `basis` they were rendered on (`reader.fragments`), the snippet's marked text (PostgreSQL) or the
    text it is cut from (SQLite), and how many results there are in all."""

    article_id: int
    published_at: datetime
    basis: str | None
    kicker: str | None
    teaser: str | None
    header: str | None
    footer: str | None
    total: int
    rank: float = 0.0
    headline: str | None = None
    body: str = ""
    standfirst: str = ""


def _shown(revisions):
    """The columns of `Result`, not whole revisions, whose bodies PostgreSQL would read out of their
    compressed storage (SQLite's snippets are cut from them in Python)."""
    rendered = {name: F(f"rendered__{name}") for name in ("basis", "kicker", "teaser", "header", "footer")}
    text = ("rank", "headline") if connection.vendor == "postgresql" else ("body", "standfirst")
    return revisions.values(
        "article_id", "total", *text, published_at=F("article__published_at"), **rendered
    )


# What a statement is compiled with in place of what was typed (`_statement`): nobody types these.
_TYPED, _WORDS = "\ue010typed", ("\ue010first word", "\ue010second word")


@lru_cache(maxsize=64)
def _statement(alias: str, words: int, start: int, stop: int) -> tuple[str, tuple]:
    """The SQL and parameters of results[start:stop] of a search of `words` words (0 to 2) on PostgreSQL,
    compiled once, with stand-ins for what was typed: the ORM builds and compiles a search's query
    afresh each time, which cost more than running it."""
    typed = {_TYPED, *_WORDS[:words]}
    sql, params = (
        _shown(_matching(_TYPED, list(_WORDS[:words])))[start:stop].query.get_compiler(alias).as_sql()
    )
    if {p for p in params if isinstance(p, str) and "\ue010" in p} != typed:
        raise RuntimeError("the search statement does not take what was typed as parameters")
    return sql, tuple(params)


class Results:
    """The results of a search for `text`, best first, read a slice (a page) at a time as `Result`s."""

    def __init__(self, text: str):
        self.text = text.strip()

    def __getitem__(self, rows: slice) -> list[Result]:
        if not self.text:
            return []
        alias = router.db_for_read(ArticleRevision)
        if connections[alias].vendor != "postgresql":
            return [Result(**row) for row in _shown(search(self.text))[rows]]
        words = _words(self.text)
        sql, params = _statement(alias, len(words), rows.start, rows.stop)
        typed = {_TYPED: self.text, **dict(zip(_WORDS, words, strict=False))}
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, [typed.get(p, p) if isinstance(p, str) else p for p in params])
            names = [column[0] for column in cursor.description]
            return [Result(**dict(zip(names, row, strict=True))) for row in cursor.fetchall()]


def _around(at):
    """`_HEADLINE_TEXT` characters of the body from a little before `at` (its opening if `at` is NULL)."""
    return Substr("body", Greatest(at - _HEADLINE_TEXT // 4, 1), _HEADLINE_TEXT, output_field=TextField())


def _position(word: str):
    """Where `word` (folded) is in the body: as it is, or else in the body folded, which costs more."""
    return Coalesce(*(NullIf(StrIndex(body, Value(word)), 0) for body in ("body", Lower(Unaccent("body")))))


def _words(text: str) -> list[str]:
    """The first two words typed, folded, without their last two letters, so that other forms are found
    too (`_around_words`)."""
    words = [word[: max(4, len(word) - 2)] for word in re.findall(r"\w+", fold(text)) if word != "or"]
    return words[:2]


def _around_words(words: list[str]):
    """The body around the first two words typed (`_words`), which a snippet is cut from (ts_headline
    parses all it is given): one stretch, or two joined where they are far apart; where none is, the
    body's opening stands in."""
    first, *other = [_position(word) for word in words or [""]]
    if not other:
        return _around(first)
    near = LessThan(Coalesce(Abs(other[0] - first), 0), _HEADLINE_TEXT // 2)
    apart = Concat(_around(first), Value(" … "), _around(other[0]), output_field=TextField())
    return Case(When(near, then=_around(Least(first, other[0]))), default=apart, output_field=TextField())


_MARKED = re.compile(f"{_START}(.*?){_STOP}", flags=re.DOTALL)


def _highlight(marked: str) -> SafeString:
    """Escape `marked` and turn each pair of _START/_STOP markers into a <mark> element (escaping leaves
    the markers as they are, and a stray one stays a character)."""
    return mark_safe(_MARKED.sub(r"<mark>\1</mark>", escape(marked)))  # noqa: S308 (escaped first)


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
