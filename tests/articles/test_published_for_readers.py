"""“Published for readers” has one definition: `Article.objects.published()`, `appearing_later()` and
`Article.is_public` agree on every kind of article, read back from the database."""

import datetime

import pytest
from django.utils import timezone

from articles import revisions
from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

S = Article.Status
HOUR = datetime.timedelta(hours=1)

# (case, status, has a live revision, published_at relative to now, readers see it, appears later)
CASES = [
    ("draft", S.DRAFT, False, None, False, False),
    ("published with a live revision", S.PUBLISHED, True, -HOUR, True, False),
    ("published, scheduled for later", S.PUBLISHED, True, HOUR, False, True),
    ("published without a live revision", S.PUBLISHED, False, -HOUR, False, False),
    ("unpublished, once live", S.UNPUBLISHED, True, -HOUR, False, False),
    ("ready with a live revision", S.READY, True, -HOUR, False, False),
]


def make(status, live, published_in):
    article = ArticleFactory(status=status)
    if live:
        article.live_revision = revisions.save_revision(article)
    if published_in is not None:
        article.published_at = timezone.now() + published_in
    article.save()
    return Article.objects.get(pk=article.pk)


@pytest.mark.parametrize(("case", "status", "live", "published_in", "public", "later"), CASES)
def test_published_and_is_public_agree(case, status, live, published_in, public, later):
    article = make(status, live, published_in)

    assert article.is_public is public
    assert Article.objects.published().filter(pk=article.pk).exists() is public
    assert Article.objects.appearing_later().filter(pk=article.pk).exists() is later


def test_a_scheduled_article_is_public_from_its_published_at():
    article = make(S.PUBLISHED, True, HOUR)

    assert Article.objects.published(now=article.published_at).filter(pk=article.pk).exists()
    assert not Article.objects.appearing_later(now=article.published_at).filter(pk=article.pk).exists()


@pytest.mark.parametrize(("case", "status", "live", "published_in", "public", "later"), CASES)
def test_the_article_pages_stored_rendering_is_read_by_the_same_rule(
    case, status, live, published_in, public, later
):
    from reader import live as reader_live
    from reader.models import RenderedRevision

    article = make(status, live, published_in)
    if article.live_revision_id is not None:  # a rendering stored while the article was public, say
        RenderedRevision.objects.create(revision_id=article.live_revision_id, key="k", basis="b", page="")
    slug = article.live_revision.slug if article.live_revision_id else article.slug

    assert (reader_live.rendering_at(slug) is not None) is public
