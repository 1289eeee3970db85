"""Everything readers see of a live article is part of its revision: lead image and its texts, authors and
their order, tags, section, slug. An editor's unpublished change to any of them shows nowhere on the
site, the admin says the draft has unpublished changes, and the next publish shows it. A slug once live
keeps answering, with a 301 to where the article is now, and no other article or import takes it.
"""

import io
import json
import re
from xml.etree import ElementTree

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from articles.models import Section, Tag
from intake import importing
from tests.admin_forms import change_form_data, set_byline
from tests.factories import ArticleFactory, UserFactory

from .conftest import published

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
UNPUBLISHED = "this draft has unpublished changes"


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def admin_save(client, article, *, publish=False, **changes):
    """Post the article's admin change form as the browser would, with `changes` (fields to values)."""
    data = change_form_data(client.get(change_url(article)))
    if "authors" in changes:
        set_byline(data, changes.pop("authors"))
    data.update(changes)
    if publish:
        data["_publish"] = "Save and publish"
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def admin_shows_unpublished_changes(client, article) -> bool:
    return UNPUBLISHED in client.get(change_url(article)).content.decode()


def jpeg(name: str, colour) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (600, 400), colour).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def html(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def json_ld(url: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html(url), re.S)
    return json.loads(found.group(1))


def feed_entry() -> ElementTree.Element:
    feed = ElementTree.fromstring(Client().get("/feed/").content)  # noqa: S314 (our own output)
    return next(feed.iter(f"{ATOM}entry"))


def sitemap_articles() -> list[str]:
    root = ElementTree.fromstring(Client().get("/sitemap.xml").content)  # noqa: S314 (our own output)
    return [loc.text for loc in root.iter(f"{SITEMAP}loc") if "/articles/" in loc.text]


def status(url: str) -> int:
    return Client().get(url).status_code


@pytest.fixture
def ada(db):
    return UserFactory(username="ada", first_name="Ada", last_name="Lovelace")


@pytest.fixture
def grace(db):
    return UserFactory(username="grace", first_name="Grace", last_name="Hopper")


def test_a_new_lead_image_and_its_texts_show_only_once_published(editor_client, media):
    article = published(
        slug="harbour",
        lead_image=jpeg("old-harbour.jpg", (10, 80, 160)),
        lead_image_alt="Boats at the old harbour",
        lead_image_caption="The old harbour",
        lead_image_credit="Jo Old",
    )
    old_name = article.lead_image.name

    admin_save(
        editor_client,
        article,
        lead_image=jpeg("new-harbour.jpg", (200, 60, 20)),
        lead_image_alt="Cranes at the new harbour",
        lead_image_caption="The new harbour",
        lead_image_credit="Kim New",
    )

    page = html("/articles/harbour/")
    assert "old-harbour" in page and "new-harbour" not in page
    assert 'alt="Boats at the old harbour"' in page
    assert '<meta property="og:image:alt" content="Boats at the old harbour">' in page
    assert '<figcaption>The old harbour <span class="credit">Jo Old</span></figcaption>' in page
    assert "Kim New" not in page and "The new harbour" not in page
    image = json_ld("/articles/harbour/")["image"]
    assert (image["caption"], image["creditText"]) == ("The old harbour", "Jo Old")
    assert admin_shows_unpublished_changes(editor_client, article)

    admin_save(editor_client, article, publish=True)

    page = html("/articles/harbour/")
    assert "new-harbour" in page and "old-harbour" not in page
    assert '<figcaption>The new harbour <span class="credit">Kim New</span></figcaption>' in page
    assert 'alt="Cranes at the new harbour"' in page
    assert json_ld("/articles/harbour/")["image"]["creditText"] == "Kim New"
    assert not admin_shows_unpublished_changes(editor_client, article)
    # The earlier revision still points at its own file, which the new upload did not replace.
    assert (media / old_name).exists()


def test_added_authors_show_only_once_published(editor_client, ada, grace):
    article = published(slug="budget", authors=[ada])

    admin_save(editor_client, article, authors=[str(ada.pk), str(grace.pk)])

    assert "By Ada Lovelace ·" in html("/")
    page = html("/articles/budget/")
    assert "Ada Lovelace" in page and "Grace Hopper" not in page
    assert [a["name"] for a in json_ld("/articles/budget/")["author"]] == ["Ada Lovelace"]
    assert feed_entry().findtext(f"{ATOM}author/{ATOM}name") == "Ada Lovelace"
    assert status(f"/authors/{grace.pk}/") == 404
    assert admin_shows_unpublished_changes(editor_client, article)

    admin_save(editor_client, article, publish=True)

    assert "By Ada Lovelace, Grace Hopper ·" in html("/")
    assert [a["name"] for a in json_ld("/articles/budget/")["author"]] == ["Ada Lovelace", "Grace Hopper"]
    assert feed_entry().findtext(f"{ATOM}author/{ATOM}name") == "Ada Lovelace, Grace Hopper"
    assert "/articles/budget/" in html(f"/authors/{grace.pk}/")
    assert not admin_shows_unpublished_changes(editor_client, article)


def test_a_new_author_order_shows_only_once_published(editor_client, ada, grace):
    article = published(slug="budget", authors=[ada, grace])

    admin_save(editor_client, article, authors=[str(grace.pk), str(ada.pk)])

    assert "By Ada Lovelace, Grace Hopper ·" in html("/")
    names = re.findall(r'rel="author">([^<]+)</a>', html("/articles/budget/"))
    assert names == ["Ada Lovelace", "Grace Hopper"]
    assert admin_shows_unpublished_changes(editor_client, article)

    admin_save(editor_client, article, publish=True)

    assert "By Grace Hopper, Ada Lovelace ·" in html("/")
    assert [a["name"] for a in json_ld("/articles/budget/")["author"]] == ["Grace Hopper", "Ada Lovelace"]
    assert not admin_shows_unpublished_changes(editor_client, article)


def test_removed_tags_and_authors_keep_their_pages_until_published(editor_client, ada, grace):
    budget = Tag.objects.create(name="Budget", slug="budget")
    water = Tag.objects.create(name="Water", slug="water")
    article = published(slug="reservoir", tags=[budget, water], authors=[ada, grace])

    admin_save(editor_client, article, tags=[str(budget.pk)], authors=[str(ada.pk)])

    assert "/articles/reservoir/" in html("/tags/water/")
    assert "/articles/reservoir/" in html(f"/authors/{grace.pk}/")
    assert 'href="/tags/water/"' in html("/articles/reservoir/")
    assert json_ld("/articles/reservoir/")["keywords"] == ["Budget", "Water"]
    assert admin_shows_unpublished_changes(editor_client, article)

    admin_save(editor_client, article, publish=True)

    assert status("/tags/water/") == 404
    assert status(f"/authors/{grace.pk}/") == 404
    assert 'href="/tags/water/"' not in html("/articles/reservoir/")
    assert json_ld("/articles/reservoir/")["keywords"] == ["Budget"]
    assert not admin_shows_unpublished_changes(editor_client, article)


def test_a_new_section_shows_only_once_published(editor_client):
    news = Section.objects.create(name="News", slug="news")
    opinion = Section.objects.create(name="Opinion", slug="opinion")
    article = published(slug="levy", section=news)

    admin_save(editor_client, article, section=str(opinion.pk))

    assert "/articles/levy/" in html("/sections/news/")
    assert "/articles/levy/" not in html("/sections/opinion/")
    assert '<p class="kicker"><a href="/sections/news/">News</a></p>' in html("/")
    assert json_ld("/articles/levy/")["articleSection"] == "News"
    assert feed_entry().find(f"{ATOM}category").get("term") == "News"
    assert admin_shows_unpublished_changes(editor_client, article)

    admin_save(editor_client, article, publish=True)

    assert "/articles/levy/" not in html("/sections/news/")
    assert "/articles/levy/" in html("/sections/opinion/")
    assert json_ld("/articles/levy/")["articleSection"] == "Opinion"
    assert feed_entry().find(f"{ATOM}category").get("term") == "Opinion"
    assert not admin_shows_unpublished_changes(editor_client, article)


def test_a_new_slug_shows_only_once_published_and_the_old_one_then_redirects(editor_client, editor):
    article = published(title="Council passes the budget", slug="council-budget")

    admin_save(editor_client, article, slug="budget-vote")

    assert 'href="/articles/council-budget/"' in html("/")
    assert sitemap_articles() == ["http://testserver/articles/council-budget/"]
    assert feed_entry().find(f"{ATOM}link").get("href") == "http://testserver/articles/council-budget/"
    assert json_ld("/articles/council-budget/")["url"] == "http://testserver/articles/council-budget/"
    # The unpublished address is not there yet, not even as a redirect.
    assert status("/articles/budget-vote/") == 404
    assert admin_shows_unpublished_changes(editor_client, article)

    admin_save(editor_client, article, publish=True)

    assert status("/articles/budget-vote/") == 200
    response = Client().get("/articles/council-budget/")
    assert response.status_code == 301 and response["Location"] == "/articles/budget-vote/"
    assert sitemap_articles() == ["http://testserver/articles/budget-vote/"]
    assert 'href="/articles/budget-vote/"' in html("/")
    assert not admin_shows_unpublished_changes(editor_client, article)

    # The old address keeps meaning this article: no other article takes it, nor does an import.
    other = ArticleFactory(slug="another-story")
    data = change_form_data(editor_client.get(change_url(other)))
    data["slug"] = "council-budget"
    refused = editor_client.post(change_url(other), data)
    assert refused.status_code == 200
    assert "belonged to another article" in refused.content.decode()
    other.refresh_from_db()
    assert other.slug == "another-story"
    wire = b"Council budget\n\nThe council met again on Tuesday."
    imported = importing.import_file(wire, name="wire.txt", user=editor, suggest=False)
    assert imported.ok and imported.article.slug == "council-budget-2"


def test_a_slug_that_was_never_live_or_whose_article_is_withdrawn_does_not_redirect(editor_client):
    article = published(slug="first-address")
    admin_save(editor_client, article, slug="second-address", publish=True)
    admin_save(editor_client, article, slug="third-address")

    assert status("/articles/third-address/") == 404  # saved, never published
    assert Client().get("/articles/first-address/")["Location"] == "/articles/second-address/"

    data = change_form_data(editor_client.get(change_url(article)))
    data["_move"] = "unpublish"
    data["_workflow_comment"] = "Legal asked us to take it down."
    editor_client.post(change_url(article), data)
    article.refresh_from_db()
    assert not article.is_published
    assert status("/articles/first-address/") == 404
    assert status("/articles/second-address/") == 404
