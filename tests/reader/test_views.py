"""Every reader page for anonymous readers, and nothing unpublished in any of them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import publishing
from articles.models import Article, Correction
from sources.models import Source
from tests.factories import ArticleFactory, CitationFactory, ClaimFactory, SourceFactory, sourced_claim

from .conftest import SECRET, many_published, published

pytestmark = pytest.mark.django_db


def reader_urls(site):
    return {
        "home": "/",
        "article": site["visible"].get_absolute_url(),
        "section": f"/sections/{site['section'].slug}/",
        "tag": f"/tags/{site['tag'].slug}/",
        "author": f"/authors/{site['author'].pk}/",
        "search": "/search/?q=budget",
        "search-everything": "/search/?q=council",
        "feed": "/feed/",
        "sitemap": "/sitemap.xml",
        "robots": "/robots.txt",
        "page": "/about/publishing-principles/",
    }


def test_every_reader_page_answers_anonymous_readers_without_anything_unpublished(client, site):
    for name, url in reader_urls(site).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert SECRET not in response.content.decode(), f"{name} shows unpublished content"


def test_drafts_scheduled_and_withdrawn_articles_are_404(client, site):
    for article in site["hidden"]:
        assert client.get(article.get_absolute_url()).status_code == 404, article.slug


def test_people_and_sources_named_only_by_unpublished_work_have_no_page(client, site):
    assert client.get(f"/people/{site['secret_person'].pk}/").status_code == 404
    assert client.get(f"/sources/{site['secret_source'].pk}/").status_code == 404


def test_tag_and_author_pages_are_404_until_something_is_published(client):
    draft = ArticleFactory()
    tag = draft.tags.create(name="Layoffs", slug="layoffs")
    author = draft.authors.create(username="quiet")
    assert client.get(f"/tags/{tag.slug}/").status_code == 404
    assert client.get(f"/authors/{author.pk}/").status_code == 404


def test_home_lists_published_articles_newest_first_and_paginates(client):
    for n in range(23):
        published(title=f"Story number {n}")
    first = client.get("/").content.decode()
    assert first.index("Story number 22") < first.index("Story number 21")
    assert "Story number 2<" not in first and 'rel="next"' in first
    second = client.get("/?page=2").content.decode()
    assert "Story number 2<" in second and "Story number 0" in second and 'rel="prev"' in second


def test_lists_page_without_counting_and_a_page_past_the_end_is_404(client):
    many_published(20)
    first = client.get("/")
    assert first.status_code == 200 and 'rel="next"' not in first.content.decode()  # exactly one page
    assert "Page 1" not in first.content.decode()  # a single page shows no page navigation
    assert client.get("/?page=2").status_code == 404
    for odd in ("abc", "0", "-1", ""):  # as Django's `Paginator.get_page`: the first page
        assert client.get(f"/?page={odd}").content == first.content
    many_published(1)
    html = client.get("/?page=2").content.decode()
    assert 'rel="prev"' in html and "Page 2" in html and 'rel="next"' not in html


def test_section_page_lists_only_its_articles(client, site):
    other = published(title="Opinion piece")
    html = client.get(f"/sections/{site['section'].slug}/").content.decode()
    assert "Council passes the budget" in html and other.title not in html


def test_article_page_is_semantic_html_with_byline_and_times(client, site):
    html = client.get(site["visible"].get_absolute_url()).content.decode()
    assert '<article class="article">' in html and "<h1>Council passes the budget</h1>" in html
    assert '<p class="standfirst">' in html
    assert f'<a href="/authors/{site["author"].pk}/" rel="author">Ada Lovelace</a>' in html
    assert '<time datetime="' in html


def test_quotation_links_its_speaker_to_the_person_page(client):
    article = published()
    speaker = article.quotations.get().speaker
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<a href="/people/{speaker.pk}/"><span class="speaker">{speaker.name}</span></a>' in html


def test_citation_shows_its_source_with_robust_link_attributes_and_archived_copy(client):
    article = ArticleFactory()
    source = SourceFactory(
        title="City budget 2026",
        kind=Source.Kind.DATASET,
        url="https://example.org/budget",
        archived_url="https://web.archive.org/web/20260102030405/https://example.org/budget",
    )
    CitationFactory(claim=ClaimFactory(article=article), source=source, locator="table 3")
    publishing.publish(article)

    html = client.get(article.get_absolute_url()).content.decode()

    assert (
        '<a href="https://example.org/budget" rel="noopener" data-originalurl="https://example.org/budget"'
        ' data-versionurl="https://web.archive.org/web/20260102030405/https://example.org/budget"'
        ' data-versiondate="2026-01-02">City budget 2026</a>'
    ) in html
    assert "(dataset)" in html and "table 3" in html and ">Archived copy</a>" in html
    assert f'href="/sources/{source.pk}/"' in html


def test_reference_carries_a_preview_card_of_its_source_hidden_from_screen_readers(client):
    article = ArticleFactory()
    CitationFactory(claim=ClaimFactory(article=article), source=SourceFactory(title="Audit <2026>"))
    publishing.publish(article)
    html = client.get(article.get_absolute_url()).content.decode()
    assert (
        '</sup><span class="source-preview" aria-hidden="true"><span class="preview-kind">Report</span> '
        '<strong class="preview-title">Audit &lt;2026&gt;</strong>'
    ) in html


def test_transparency_box_counts_claims_sources_kinds_and_last_check(client):
    article = ArticleFactory()
    claim = sourced_claim(article=article)
    CitationFactory(claim=claim, source=SourceFactory(kind=Source.Kind.INTERVIEW))
    publishing.publish(article)
    claim.checked_at = "2026-03-04T12:00:00Z"
    claim.save()

    html = client.get(article.get_absolute_url()).content.decode()

    assert "How this article was sourced" in html
    assert "1 sourced claim," in html and "2 sources" in html
    assert "1 interview, 1 report" in html
    assert '<time datetime="2026-03-04' in html


def test_corrections_are_listed_with_their_dates(client):
    article = published()
    Correction.objects.create(article=article, text="An earlier version misstated the total.")
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'id="corrections"' in html and "An earlier version misstated the total." in html
    assert 'href="#corrections"' in html


def test_open_graph_and_canonical_tags(client, site):
    html = client.get(site["visible"].get_absolute_url()).content.decode()
    assert '<link rel="canonical" href="http://testserver/articles/visible/">' in html
    assert '<meta property="og:title" content="Council passes the budget">' in html
    assert '<meta property="og:type" content="article">' in html


def test_person_page_lists_published_quotations_from_live_revisions(client, site):
    visible = site["visible"]
    speaker = visible.live_revision.content["quotations"][0]["speaker"]
    html = client.get(f"/people/{speaker}/").content.decode()
    assert "We are proud of this work," in html and "Council passes the budget" in html
    assert SECRET not in html


def test_source_page_lists_published_claims_that_cite_it(client, site):
    visible = site["visible"]
    source_id = visible.live_revision.content["claims"][0]["citations"][0]["source"]
    html = client.get(f"/sources/{source_id}/").content.decode()
    assert "budget of 4.2 million dollars" in html and "Council passes the budget" in html
    assert f'href="/articles/visible/#claim-{visible.live_revision.content["claims"][0]["id"]}"' in html
    assert "Claims and quotations that cite this source" in html  # it lists both


def test_robots_txt_points_at_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text and "Sitemap: http://testserver/sitemap.xml" in text


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_article_page_runs_the_same_queries_with_5_and_200_claims(client):
    small, large = ArticleFactory(), ArticleFactory()
    for article, n in ((small, 5), (large, 200)):
        source = SourceFactory()
        for _ in range(n):
            CitationFactory(claim=ClaimFactory(article=article), source=source)
            CitationFactory(claim=ClaimFactory(article=article, exact="Crime fell"), source=SourceFactory())
        publishing.publish(article)
    assert _count(client, small.get_absolute_url()) == _count(client, large.get_absolute_url())


def test_home_and_lists_run_the_same_queries_with_25_and_200_articles(client, site):
    urls = ("/", "/?page=2", "/sections/news/", "/tags/budget/", f"/authors/{site['author'].pk}/", "/feed/")
    common = {"authors": [site["author"]], "section": site["section"], "tags": [site["tag"]]}
    counts = []
    for new in (24, 175):  # the site has one published article already: 25, then 200
        many_published(new, **common)
        for url in urls:  # the first read stores the renderings of the articles it lists
            client.get(url)
        counts.append([_count(client, url) for url in urls])
    assert Article.objects.published().count() == 200
    assert counts[0] == counts[1]


def test_a_dead_source_link_falls_back_to_its_archived_copy(client):
    from django.utils import timezone

    from articles import publishing as gate
    from sources.models import Health
    from tests.factories import ArticleFactory, CitationFactory, ClaimFactory, SourceFactory

    article = ArticleFactory()
    source = SourceFactory(url="https://example.org/gone", archived_url="https://archive.example/gone")
    CitationFactory(claim=ClaimFactory(article=article), source=source)
    gate.publish(article)
    type(source).objects.filter(pk=source.pk).update(
        health=Health.DEAD, checked_url=source.url, last_checked_at=timezone.now()
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert (
        '<a href="https://archive.example/gone" rel="noopener" data-originalurl="https://example.org/gone"'
        in html
    )
    assert "The original page is gone" in html
