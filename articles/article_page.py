"""What the reader article page is built from, read with the fixed, small set of queries it needs.

`published(slug)` reads the article with its live revision and section; `load` adds its authors, tags,
corrections, cited sources, quoted people and last fact-check sign-off, one query each. The page's
validator (`caching.article_etag`) is computed from this before any HTML is written.

This is the site's hottest page, so these reads are written as SQL (see `sql` for the measurement and how
the rows become ordinary model instances). The ORM defines what is public, `Article.objects.published()`;
`published` says the same in SQL, and tests hold the two together.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from sources.models import Person, Source

from . import sql
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


# The article row: the article, its live revision and its section, read in one SELECT.
_ARTICLE_ROW = ((Article, "a"), (ArticleRevision, "r"), (Section, "s"))


def published(slug: str) -> Article | None:
    """The published article at `slug` with its live revision and section, or None (one query)."""
    db = sql.reading(Article)
    article, revision, section = (sql.table(m, a, db) for m, a in _ARTICLE_ROW)
    with db.cursor() as cursor:
        # Only identifiers from the models go into the SQL text; every value is a parameter.
        cursor.execute(
            f"SELECT {article.columns}, {revision.columns}, {section.columns} "  # noqa: S608
            "FROM articles_article a "
            "INNER JOIN articles_articlerevision r ON r.id = a.live_revision_id "
            "LEFT OUTER JOIN articles_section s ON s.id = a.section_id "
            "WHERE a.slug = %s AND a.status = %s AND a.published_at <= %s",
            [slug, Article.Status.PUBLISHED.value, db.ops.adapt_datetimefield_value(timezone.now())],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    found = article.instance(row, db)
    found.live_revision = revision.instance(row, db, article.width)
    found.section = section.instance(row, db, article.width + revision.width) if found.section_id else None
    return found


def load(article: Article) -> ArticlePage:
    """Everything else the page shows about `article`, whose `live_revision` is the version shown."""
    db = sql.reading(Article)
    claims, quotations = live_items(article.live_revision)
    source_ids = sorted({c["source"] for item in (*claims, *quotations) for c in item.citations})
    person_ids = sorted({q.speaker for q in quotations if q.speaker})
    claim_ids = [claim.id for claim in claims]
    with db.cursor() as cursor:
        # Authors in the order they were added (the byline's order); tags by name, as Tag.Meta orders them.
        authors = _rows(
            cursor,
            db,
            get_user_model(),
            "u",
            "INNER JOIN articles_article_authors m ON m.user_id = u.id "
            "WHERE m.article_id = %s ORDER BY m.id",
            [article.pk],
        )
        tags = _rows(
            cursor,
            db,
            Tag,
            "t",
            "INNER JOIN articles_article_tags m ON m.tag_id = t.id WHERE m.article_id = %s ORDER BY t.name",
            [article.pk],
        )
        corrections = _rows(
            cursor, db, Correction, "c", "WHERE c.article_id = %s ORDER BY c.created_at, c.id", [article.pk]
        )
        sources = _by_id(cursor, db, Source, source_ids)
        people = _by_id(cursor, db, Person, person_ids)
        last_checked = None
        if claim_ids:
            cursor.execute(
                "SELECT MAX(checked_at) FROM articles_claim "  # noqa: S608
                f"WHERE article_id = %s AND id IN ({sql.placeholders(claim_ids)})",
                [article.pk, *claim_ids],
            )
            last_checked = sql.convert(Claim._meta.get_field("checked_at"), cursor.fetchone()[0], db)
    return ArticlePage(
        article=article,
        authors=authors,
        tags=tags,
        resolved=Resolved(claims, quotations, sources, people),
        corrections=corrections,
        last_checked=last_checked,
    )


def _rows(cursor, db, model, alias: str, rest: str, params: list) -> list:
    table = sql.table(model, alias, db)
    cursor.execute(f"SELECT {table.columns} FROM {model._meta.db_table} {alias} {rest}", params)  # noqa: S608
    return [table.instance(row, db) for row in cursor.fetchall()]


def _by_id(cursor, db, model, ids: list) -> dict:
    if not ids:
        return {}
    found = _rows(cursor, db, model, "x", f"WHERE x.id IN ({sql.placeholders(ids)})", ids)
    return {obj.pk: obj for obj in found}
