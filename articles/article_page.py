"""What the reader article page is built from, read in a fixed number of plain queries.

The article (with its live revision and section) comes from `footnotes.reader_queryset`; its authors,
tags, corrections, cited sources, quoted people and last fact-check sign-off are one query each. Authors
and tags are read with plain queries rather than `prefetch_related`, whose machinery doubled their cost
on the page's hot path. The page's validator (`caching.article_etag`) is computed from this before any
HTML is written.
"""

import datetime
from dataclasses import dataclass

from . import footnotes, transparency
from .models import Article


@dataclass
class ArticlePage:
    article: Article
    authors: list
    tags: list
    resolved: footnotes.Resolved
    corrections: list
    last_checked: datetime.datetime | None


def load(article: Article) -> ArticlePage:
    resolved = footnotes.resolve(article)
    return ArticlePage(
        article=article,
        authors=list(article.authors.all()),
        tags=list(article.tags.all()),
        resolved=resolved,
        corrections=list(article.corrections.all()),
        last_checked=transparency.last_checked(article, [claim.id for claim in resolved.claims]),
    )
