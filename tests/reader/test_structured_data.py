"""JSON-LD NewsArticle, read back the way crawlers read it (extruct)."""

import extruct
import pytest

from articles import publishing
from articles.models import Correction
from sources.models import Source
from tests.factories import ArticleFactory, CitationFactory, ClaimFactory, SourceFactory

from .conftest import SECRET

pytestmark = pytest.mark.django_db


def json_ld(client, url):
    html = client.get(url).content.decode()
    items = extruct.extract(html, base_url="http://testserver/", syntaxes=["json-ld"])["json-ld"]
    assert len(items) == 1
    return items[0]


def test_news_article_has_the_expected_fields_and_citations(client, site):
    article = ArticleFactory(title="Budget passes", standfirst="A long debate.")
    article.authors.add(site["author"])
    source = SourceFactory(
        title="Budget 2026",
        kind=Source.Kind.STUDY,
        publisher="City of Springfield",
        archived_url="https://web.archive.org/web/2026/https://example.org/budget",
    )
    CitationFactory(claim=ClaimFactory(article=article), source=source)
    publishing.publish(article)
    Correction.objects.create(article=article, text="We misstated the total.")

    data = json_ld(client, article.get_absolute_url())

    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Budget passes" and data["description"] == "A long debate."
    assert data["datePublished"] and data["dateModified"] >= data["datePublished"]
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Ada Lovelace",
            "url": f"http://testserver/authors/{site['author'].pk}/",
        }
    ]
    assert data["mainEntityOfPage"]["@id"] == f"http://testserver{article.get_absolute_url()}"
    publisher = data["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["publishingPrinciples"] == "http://testserver/about/publishing-principles/"
    assert publisher["correctionsPolicy"] == "http://testserver/about/corrections-policy/"
    assert publisher["verificationFactCheckingPolicy"] == "http://testserver/about/fact-checking-policy/"
    [citation] = data["citation"]
    assert citation["@type"] == "ScholarlyArticle" and citation["name"] == "Budget 2026"
    assert citation["url"] == source.url
    assert citation["archivedAt"] == "https://web.archive.org/web/2026/https://example.org/budget"
    assert citation["publisher"] == {"@type": "Organization", "name": "City of Springfield"}
    [correction] = data["correction"]
    assert correction["@type"] == "CorrectionComment" and correction["text"] == "We misstated the total."
    assert "1 sourced claim" in data["backstory"] and "1 study" in data["backstory"]


def test_structured_data_never_shows_the_unpublished_edit(client, site):
    data = json_ld(client, site["visible"].get_absolute_url())
    assert data["headline"] == "Council passes the budget"
    assert SECRET not in str(data)
    assert len(data["citation"]) == 2


def test_script_escapes_editor_text_that_would_end_the_element(client):
    article = ArticleFactory(title="</script><script>alert(1)</script>")
    CitationFactory(claim=ClaimFactory(article=article))
    publishing.publish(article)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(client, article.get_absolute_url())["headline"] == "</script><script>alert(1)</script>"
