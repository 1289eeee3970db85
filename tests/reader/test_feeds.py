"""The Atom feed: valid XML, published articles only, as their live revision reads."""

from xml.etree import ElementTree

import pytest

from .conftest import SECRET

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_feed_is_atom_listing_only_published_articles(client, site):
    response = client.get("/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)  # noqa: S314 (our own output)
    assert feed.tag == f"{ATOM}feed"
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["Council passes the budget"]
    entry = next(feed.iter(f"{ATOM}entry"))
    assert entry.find(f"{ATOM}link").get("href") == "http://testserver/articles/visible/"
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Ada Lovelace"
    assert SECRET not in response.content.decode()
