"""Readers get the body's structure with the marks and footnotes in place, and its links described."""

import re

import pytest

from articles import publishing
from tests.factories import ArticleFactory, CitationFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db

REPORT = "https://example.org/crime-report"
ARCHIVE = "https://web.archive.org/web/20240131120000/https://example.org/crime-report"


def published_with_structure():
    article = ArticleFactory(
        body_html=(
            "<h2>The figures</h2>"
            f'<p>Crime fell by 12 percent <a href="{REPORT}">last year, the police said</a>.</p>'
            '<ul><li>Burglary fell.</li><li>Theft <a href="mailto:desk@example.org">rose</a>.</li></ul>'
            "<blockquote><p>We are proud of this work.</p></blockquote>"
            '<p>More at <a href="https://example.net/elsewhere">another site</a>.</p>'
        )
    )
    source = SourceFactory(url=REPORT, archived_url=ARCHIVE)
    claim = ClaimFactory(article=article, exact="12 percent last year")
    CitationFactory(claim=claim, source=source)
    publishing.publish(article)
    return article, claim


def test_the_article_page_shows_headings_lists_quotes_and_links_with_the_claims_note_in_place(client):
    article, claim = published_with_structure()

    page = client.get(article.get_absolute_url()).content.decode()
    body = page[page.index('<div class="article-body">') : page.index("</div>", page.index("article-body"))]

    assert "<h2" in body and "The figures</h2>" in body
    assert re.search(r"<ul>\s*<li[^>]*>Burglary fell.</li>", body)
    assert re.search(r"<blockquote>\s*<p[^>]*>We are proud of this work.</p>\s*</blockquote>", body)
    # The claim runs into the link: marked in two pieces that nest, then its note after the link.
    mark = re.search(rf'<span class="claim" id="claim-{claim.pk}">12 percent </span><a [^>]*>', body)
    assert mark, body
    assert re.search(
        r'<span class="claim">last year</span>, the police said</a><sup[^>]*><a href="#note-1"', body
    )
    assert 'id="note-1"' in page


def test_a_body_link_to_a_cited_source_carries_robust_links_attributes(client):
    article, _ = published_with_structure()

    page = client.get(article.get_absolute_url()).content.decode()

    link = re.search(rf'<a href="{re.escape(REPORT)}"[^>]*>', page).group()
    assert 'rel="external"' in link
    assert f'data-originalurl="{REPORT}"' in link and f'data-versionurl="{ARCHIVE}"' in link
    assert 'data-versiondate="2024-01-31"' in link
    other = re.search(r'<a href="https://example.net/elsewhere"[^>]*>', page).group()
    assert other == '<a href="https://example.net/elsewhere" rel="external">'
    assert '<a href="mailto:desk@example.org">' in page
