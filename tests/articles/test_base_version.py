"""Every save of an existing article says which version it started from, or it is refused."""

import pytest
from django.urls import reverse

from articles.models import Article, ArticleRevision
from tests.admin_forms import add_form_data, change_form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

TYPED = "My careful rewrite of the first paragraph."


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def without_base_version(client, article, how):
    data = change_form_data(client.get(change_url(article)))
    data["body_html"] = TYPED
    if how == "left out":
        del data["base_version"]
    else:
        data["base_version"] = ""
    return data


@pytest.mark.parametrize("how", ["left out", "empty"])
def test_a_save_without_its_base_version_is_refused_and_the_typed_text_kept(editor_client, how):
    article = ArticleFactory()
    revisions = ArticleRevision.objects.count()

    response = editor_client.post(change_url(article), without_base_version(editor_client, article, how))

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert [e.code for e in form.non_field_errors().as_data()] == ["missing_base_version"]
    html = response.content.decode()
    assert "did not say which version of the article it started from" in html
    assert f"{TYPED}</textarea>" in html
    saved = Article.objects.get(pk=article.pk)
    assert saved.body == article.body and saved.version == article.version
    assert ArticleRevision.objects.count() == revisions


def test_another_editors_change_is_not_overwritten_by_a_save_without_a_base_version(editor_client):
    article = ArticleFactory()
    data = without_base_version(editor_client, article, "left out")
    Article.objects.filter(pk=article.pk).update(body="Their change, saved meanwhile.", version=2)

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 200
    assert Article.objects.get(pk=article.pk).body == "Their change, saved meanwhile."


def test_saving_again_from_the_refusal_keeps_the_typed_text(editor_client):
    article = ArticleFactory()
    refused = editor_client.post(change_url(article), without_base_version(editor_client, article, "empty"))

    assert editor_client.post(change_url(article), change_form_data(refused)).status_code == 302
    assert Article.objects.get(pk=article.pk).body == TYPED


def test_a_new_article_needs_no_base_version(editor_client):
    url = reverse("admin:articles_article_add")
    data = add_form_data(
        editor_client.get(url), title="A new story", slug="a-new-story", body_html="Its first words."
    )
    assert editor_client.post(url, data).status_code == 302
    assert Article.objects.get(slug="a-new-story").body == "Its first words."
