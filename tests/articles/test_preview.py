import pytest
from django.urls import reverse

from articles import publishing, revisions
from tests.factories import ArticleFactory, sourced_claim

pytestmark = pytest.mark.django_db


def test_staff_preview_shows_the_draft_as_readers_would_see_it_marked_and_uncached(editor_client):
    article = ArticleFactory(title="Draft headline")
    sourced_claim(article=article)

    response = editor_client.get(reverse("reader:preview", args=[article.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Draft headline</h1>" in html and 'class="claim"' in html
    assert "<strong>Preview</strong> of the current draft" in html
    assert "no-store" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex, nofollow"


def test_preview_of_a_live_article_shows_unpublished_edits_while_the_page_does_not(client, editor_client):
    article = ArticleFactory(title="Published headline")
    sourced_claim(article=article)
    publishing.publish(article)
    article.title = "Edited headline"
    article.save()

    preview = editor_client.get(reverse("reader:preview", args=[article.pk])).content.decode()
    public = client.get(article.get_absolute_url()).content.decode()
    assert "Edited headline</h1>" in preview
    assert "Published headline</h1>" in public and "Edited headline" not in public


def test_preview_of_a_revision(editor_client):
    article = ArticleFactory(title="First")
    revisions.save_revision(article)
    article.title = "Second"
    article.save()
    response = editor_client.get(reverse("reader:preview_revision", args=[article.pk, 1]))
    assert "First</h1>" in response.content.decode() and "of revision 1" in response.content.decode()


def test_preview_is_for_staff_only(client):
    article = ArticleFactory()
    response = client.get(reverse("reader:preview", args=[article.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("role", ["factchecker", "reporter"])
def test_fact_checkers_and_reporters_can_preview(request, client, role):
    client.force_login(request.getfixturevalue(role))
    article = ArticleFactory()
    assert client.get(reverse("reader:preview", args=[article.pk])).status_code == 200
