"""Published, scheduled, unpublished and draft articles for the reader tests.

`site` builds one of each, plus an unpublished edit of a live article, all naming SECRET somewhere
(title, body, a cited source, a quoted person): no reader page, feed, sitemap or search may show it.
"""

import datetime

import pytest
from django.utils import timezone

from articles import anchoring, bylines, publishing, sourcing
from articles.models import Article, Claim, Quotation, Section, Tag
from tests.factories import (
    BODY,
    ArticleFactory,
    PersonFactory,
    SourceFactory,
    UserFactory,
    sourced_claim,
    sourced_quotation,
)

SECRET = "Xylophonic"


def published(**kwargs) -> Article:
    """A published article with one sourced claim and one sourced quotation.

    A `body` given is put before the factory's body, whose words the claim and quotation anchor to.
    """
    if "body" in kwargs:
        kwargs["body"] = f"{kwargs['body']}\n\n{BODY}"
    tags = kwargs.pop("tags", [])
    authors = kwargs.pop("authors", [])
    article = ArticleFactory(**kwargs)
    article.tags.set(tags)
    bylines.set_authors(article, authors)
    sourced_claim(article=article)
    sourced_quotation(article=article)
    return publishing.publish(article)


def many_published(n: int, **kwargs) -> None:
    """`n` published articles without sourcing (the gate lets those through), quickly."""
    tags = kwargs.pop("tags", [])
    authors = kwargs.pop("authors", [])
    for _ in range(n):
        article = ArticleFactory(**kwargs)
        article.tags.set(tags)
        bylines.set_authors(article, authors)
        publishing.publish(article)


def mark(article, cls, words, **fields):
    item = cls(article=article, **fields)
    anchoring.apply(item, anchoring.require(article.body, words))
    item.save()
    return item


def add_secret_sourcing(article, source, person):
    """Give `article`'s working copy a claim citing `source` and a quotation by `person`."""
    claim = mark(article, Claim, "Crime fell by 12 percent")
    sourcing.cite(claim, [source])
    quotation = mark(article, Quotation, "It is only the start.", speaker=person)
    sourcing.cite(quotation, [source])


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def site(db):
    section = Section.objects.create(name="News", slug="news")
    tag = Tag.objects.create(name="Budget", slug="budget")
    author = UserFactory(first_name="Ada", last_name="Lovelace")
    secret_source = SourceFactory(title=f"{SECRET} ledger")
    secret_person = PersonFactory(name=f"{SECRET} Smith")
    common = {"section": section, "tags": [tag], "authors": [author]}

    visible = published(title="Council passes the budget", slug="visible", **common)

    draft = ArticleFactory(title=f"{SECRET} draft", slug="draft", section=section)
    draft.tags.set([tag])
    draft.authors.set([author])
    add_secret_sourcing(draft, secret_source, secret_person)

    scheduled = ArticleFactory(title=f"{SECRET} scheduled", slug="scheduled", section=section)
    scheduled.tags.set([tag])
    scheduled.authors.set([author])
    add_secret_sourcing(scheduled, secret_source, secret_person)
    publishing.publish(scheduled)
    Article.objects.filter(pk=scheduled.pk).update(published_at=timezone.now() + datetime.timedelta(days=1))

    withdrawn = published(title=f"{SECRET} withdrawn", slug="withdrawn", **common)
    Article.objects.filter(pk=withdrawn.pk).update(status=Article.Status.UNPUBLISHED)

    # An unpublished edit of the live article: new title and words, new sourcing, not yet published.
    visible.title = f"{SECRET} new headline"
    visible.body = visible.body + f"\n\nA {SECRET} paragraph nobody has approved."
    visible.save()
    add_secret_sourcing(visible, secret_source, secret_person)

    return {
        "section": section,
        "tag": tag,
        "author": author,
        "visible": visible,
        "hidden": [draft, scheduled, withdrawn],
        "secret_source": secret_source,
        "secret_person": secret_person,
    }
