"""What readers can see, as selectors: live revisions of published articles, and nothing else.

`Article.objects.published()` decides what is public; all a reader page shows of an article (text,
claims and quotations, slug, section, lead image, authors, tags) comes from its live revision, never the
working copy, so an unpublished edit cannot leak through a list, a person page or a source page.
Sources, people, sections, tags and authors are shown as they are now. Person and source pages look
inside the revisions' JSON: on PostgreSQL a `@>` containment test (indexed by migration 0007); SQLite
has none, so there the same test runs in Python over the published revisions (same query count).
"""

from functools import cache

from django.db import connection
from django.db.models import F, Prefetch, Q

from articles.models import Article, RevisionAuthor, published_for_readers
from articles.revisions import LiveItem, live_items

from . import notes
from .models import RenderedRevision


def _bylines():
    """The live revision's authors in byline order (`ArticleRevision.ordered_authors`), in one query."""
    names = ("revision", "position", "user__username", "user__first_name", "user__last_name")
    return Prefetch(
        "live_revision__bylines", queryset=RevisionAuthor.objects.select_related("user").only(*names)
    )


def latest():
    """Published articles, newest first, with what the feed shows (not the body or the claims)."""
    return _with_content().only(
        "published_at",
        *(f"live_revision__{name}" for name in ("title", "slug", "standfirst", "created_at")),
        "live_revision__section__name",
    )


def listed():
    """Published articles, newest first, with the stored renderings (teaser, header, footer) lists show."""
    return _listed().all()  # a copy: the query is built once, its results are each caller's own


@cache
def _listed():
    return (
        Article.objects.published()
        .select_related("live_revision__rendered")
        .only(
            "published_at",
            *(
                f"live_revision__rendered__{name}"
                for name in ("basis", "kicker", "teaser", "header", "footer")
            ),
        )
        .order_by("-published_at", "-pk")
    )


@cache
def _live_article_pages():
    """Published articles with their live revision's title, slug and stored rendering (built once:
    `published()` reads the database's clock)."""
    return (
        Article.objects.published()
        .select_related("live_revision__rendered")
        .only(
            "status",
            "published_at",
            "live_revision__title",
            "live_revision__slug",
            "live_revision__rendered",
        )
        .order_by()
    )


@cache
def _live_renderings():
    """Stored renderings of the revisions readers see (`published_for_readers`), with what serving one
    needs (its page, key and basis, and the publication time the basis holds): built once."""
    return (
        RenderedRevision.objects.filter(
            published_for_readers("revision__article__"),
            revision__article__live_revision=F("revision"),
        )
        .annotate(published_at=F("revision__article__published_at"))
        .only("key", "basis", "page")
        .order_by()
    )


def rendering_at(slug: str):
    """The stored rendering of the live article whose live revision is at `slug`, with its
    `published_at`, in one query; or None (no such article, or not rendered yet)."""
    try:
        return _live_renderings().filter(revision__slug=slug).get()
    except RenderedRevision.DoesNotExist:
        return None


def article_at(slug: str):
    """The published article whose live revision is at `slug` (live on one article at most), with that
    revision's title and stored rendering, in one query; or None. The working copy is not read."""
    try:
        return _live_article_pages().filter(live_revision__slug=slug).get()
    except Article.DoesNotExist:
        return None


# What readers never see of an article: its working copy (they see the live revision).
WORKING_COPY = ("title", "standfirst", "body", "body_html", "editorial_note")


def _with_content():
    return (
        Article.objects.published()
        .select_related("live_revision__section")
        .defer(*WORKING_COPY)
        .prefetch_related(_bylines())
        .order_by("-published_at", "-pk")
    )


def json_contains(document, fragment) -> bool:
    """PostgreSQL's jsonb `document @> fragment`, for databases without it."""
    if isinstance(fragment, dict):
        return isinstance(document, dict) and all(
            key in document and json_contains(document[key], value) for key, value in fragment.items()
        )
    if isinstance(fragment, list):
        return isinstance(document, list) and all(
            any(json_contains(element, wanted) for element in document) for wanted in fragment
        )
    return document == fragment


def _containing_any(*fragments):
    """Published articles whose live revision contains one of the JSON `fragments`, newest first."""
    articles = _with_content()
    if connection.vendor == "postgresql":
        condition = Q()
        for fragment in fragments:
            condition |= Q(live_revision__content__contains=fragment)
        return articles.filter(condition)
    return [
        article
        for article in articles
        if any(json_contains(article.live_revision.content, fragment) for fragment in fragments)
    ]


def quoting(person):
    """Published articles with a live quotation by `person`."""
    return _containing_any({"quotations": [{"speaker": person.pk, "orphaned": False}]})


def citing(source):
    """Published articles with a live claim or quotation that cites `source`."""
    cited = [{"citations": [{"source": source.pk}], "orphaned": False}]
    return _containing_any({"claims": cited}, {"quotations": cited})


def quotations_by(person, articles) -> list[tuple[Article, list[tuple]]]:
    """For each of `articles`, its live quotations by `person` (with how obtained and when), in reading
    order."""
    groups = []
    for article in articles:
        _, quotations = live_items(article.live_revision)
        mine = [q for q in quotations if q.speaker == person.pk]
        found = [(q, notes.obtained_label(q.obtained), notes.said_on(q)) for q in mine]
        if found:
            groups.append((article, found))
    return groups


def claims_citing(source, articles) -> list[tuple[Article, list[tuple[str, LiveItem, dict]]]]:
    """For each of `articles`, its live claims and quotations citing `source`, with the citation."""
    groups = []
    for article in articles:
        claims, quotations = live_items(article.live_revision)
        found = [
            (kind, item, citation)
            for kind, items in (("claim", claims), ("quotation", quotations))
            for item in items
            for citation in item.citations
            if citation["source"] == source.pk
        ]
        found.sort(key=lambda entry: entry[1].start)
        if found:
            groups.append((article, found))
    return groups
