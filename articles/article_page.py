"""What the reader article page is built from, read with the fixed, small set of queries it needs.

`published(slug)` reads the article whose live revision has that slug, with the revision and its
section; `load` adds the revision's authors and tags, the article's corrections, cited sources, quoted
people and last fact-check sign-off, and the site menus, in one more statement (`sql.read_all`).
Everything the page shows of the article comes from its live revision, never the working copy. The
page's validator (`caching.article_etag`) is computed from this before any HTML is written.

This is the site's hottest page, so these reads are written as SQL (see `sql` for the measurement and how
the rows become ordinary model instances). The ORM defines what is public, `Article.objects.published()`;
`published` says the same in SQL, and tests hold the two together.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from sources.models import Person, Source

from . import menus, sql
from .footnotes import Resolved
from .models import Article, ArticleRevision, Claim, Correction, Section, Tag
from .revisions import live_items


@dataclass
class ArticlePage:
    article: Article
    authors: list
    tags: list
    resolved: Resolved
    corrections: list
    last_checked: datetime.datetime | None
    menus: menus.Menus


# The columns the page uses. The rest stay deferred (as with QuerySet.only): the working copy (its text,
# slug, section, image, and an editor's note), a source's notes and link-check bookkeeping, an author's
# password hash and email are never read for readers.
_ARTICLE_COLUMNS = ("status", "published_at", "live_revision_id")
_SOURCE_COLUMNS = (
    "title",
    "kind",
    "publisher",
    "url",
    "archived_url",
    "published_on",
    "accessed_on",
    "checked_url",
    "health",
    "updated_at",
)
_PERSON_COLUMNS = ("name", "role", "organisation", "updated_at")
_AUTHOR_COLUMNS = ("username", "first_name", "last_name")

# The article row: the article, its live revision and the section that revision names, in one SELECT.
_ARTICLE_ROW = ((Article, "a", _ARTICLE_COLUMNS), (ArticleRevision, "r", None), (Section, "s", None))


def published(slug: str) -> Article | None:
    """The published article live at `slug`, with its live revision and that revision's section, or
    None (one query)."""
    db = sql.reading(Article)
    article, revision, section = (sql.table(m, a, db, only) for m, a, only in _ARTICLE_ROW)
    with db.cursor() as cursor:
        # Only identifiers from the models go into the SQL text; every value is a parameter.
        cursor.execute(
            f"SELECT {article.columns}, {revision.columns}, {section.columns} "  # noqa: S608
            "FROM articles_article a "
            "INNER JOIN articles_articlerevision r ON r.id = a.live_revision_id "
            "LEFT OUTER JOIN articles_section s ON s.id = r.section_id "
            "WHERE r.slug = %s AND a.status = %s AND a.published_at <= %s",
            [slug, Article.Status.PUBLISHED.value, db.ops.adapt_datetimefield_value(timezone.now())],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    found = article.instance(row, db)
    live = found.live_revision = revision.instance(row, db, article.width)
    live.section = section.instance(row, db, article.width + revision.width) if live.section_id else None
    return found


# What follows each table's SELECT list, and its order. A revision's authors in byline order; tags by
# name, as Tag.Meta orders them.
_AUTHORS = (
    "INNER JOIN articles_revisionauthor m ON m.user_id = x.id WHERE m.revision_id = %s",
    "m.position",
)
_TAGS = (
    "INNER JOIN articles_articlerevision_tags m ON m.tag_id = x.id WHERE m.articlerevision_id = %s",
    "x.name",
)
# A preview of the working copy (an unsaved revision) shows the article's own, authors in the order
# they were added (`revisions.byline`).
_WORKING_AUTHORS = (
    "INNER JOIN articles_article_authors m ON m.user_id = x.id WHERE m.article_id = %s",
    "m.id",
)
_WORKING_TAGS = "INNER JOIN articles_article_tags m ON m.tag_id = x.id WHERE m.article_id = %s", "x.name"
_CORRECTIONS = "WHERE x.article_id = %s", "x.created_at, x.id"


def load(article: Article) -> ArticlePage:
    """Everything else the page shows about `article`, whose `live_revision` is the version shown.

    The reads do not depend on each other, so they go to the database together (`sql.read_all`).
    """
    db = sql.reading(Article)
    revision = article.live_revision
    claims, quotations = live_items(revision)
    source_ids = sorted({c["source"] for item in (*claims, *quotations) for c in item.citations})
    person_ids = sorted({q.speaker for q in quotations if q.speaker})
    claim_ids = [claim.id for claim in claims]
    if revision.pk is None:
        authors, tags, owner = _WORKING_AUTHORS, _WORKING_TAGS, article.pk
    else:
        authors, tags, owner = _AUTHORS, _TAGS, revision.pk
    wanted = [  # (name, model, columns read, (what follows FROM, order), parameters)
        ("authors", get_user_model(), _AUTHOR_COLUMNS, authors, [owner]),
        ("tags", Tag, None, tags, [owner]),
        ("corrections", Correction, None, _CORRECTIONS, [article.pk]),
    ]
    for name, model, only, ids in (
        ("sources", Source, _SOURCE_COLUMNS, source_ids),
        ("people", Person, _PERSON_COLUMNS, person_ids),
    ):
        if ids:  # no read for an empty id list
            condition, params = sql.one_of(db, "x.id", ids)
            wanted.append((name, model, only, (f"WHERE {condition}", ""), params))
    tables, reads = {}, {}
    for name, model, only, (where, order), params in wanted:
        tables[name] = table = sql.table(model, "x", db, only)
        reads[name] = table.read(where, params, order)
    checked_at = Claim._meta.get_field("checked_at")
    if claim_ids:
        condition, params = sql.one_of(db, "x.id", claim_ids)
        source = f"FROM articles_claim x WHERE x.article_id = %s AND {condition}"
        reads["last_checked"] = sql.Read(
            ("MAX(x.checked_at)",), source, [article.pk, *params], "", (checked_at,)
        )
    reads["menus"] = menus.READ  # every reader page shows them: one read fewer
    rows = sql.read_all(db, reads)

    def instances(name):
        return [tables[name].instance(row, db) for row in rows.get(name, ())]

    last_checked = sql.convert(checked_at, rows["last_checked"][0][0], db) if claim_ids else None
    return ArticlePage(
        article=article,
        authors=instances("authors"),
        tags=instances("tags"),
        resolved=Resolved(
            claims,
            quotations,
            {source.pk: source for source in instances("sources")},
            {person.pk: person for person in instances("people")},
        ),
        corrections=instances("corrections"),
        last_checked=last_checked,
        menus=menus.from_rows(rows["menus"]),
    )
