"""sitemap.xml: valid XML listing published articles, sections and standing pages only."""

from xml.etree import ElementTree

import pytest

from .conftest import SECRET

pytestmark = pytest.mark.django_db
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_sitemap_lists_only_published_articles(client, site):
    response = client.get("/sitemap.xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own output)
    urls = [loc.text for loc in root.iter(f"{NS}loc")]
    articles = [url for url in urls if "/articles/" in url]
    assert articles == ["http://testserver/articles/visible/"]
    assert "http://testserver/sections/news/" in urls
    assert "http://testserver/about/corrections-policy/" in urls
    assert SECRET not in response.content.decode()
    assert "draft" not in response.content.decode()
