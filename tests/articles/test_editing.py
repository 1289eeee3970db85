"""Editing together: stale saves, locks and who else has an article open."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from articles import editing
from articles.models import Article
from tests.admin_forms import change_form_data
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.fixture
def second_editor(editor):
    user = UserFactory(username="second", is_staff=True, first_name="Sam", last_name="Second")
    user.groups.add(Group.objects.get(name="Editor"))
    client = Client()
    client.force_login(user)
    return user, client


def test_stale_save_is_refused_with_the_difference_and_nothing_is_lost(editor_client, second_editor):
    _, other = second_editor
    article = ArticleFactory(body="The council met on Tuesday.")
    mine = change_form_data(editor_client.get(change_url(article)))
    theirs = change_form_data(other.get(change_url(article)))
    theirs["body_html"] = "The council met on Tuesday night."
    assert other.post(change_url(article), theirs).status_code == 302

    mine["body_html"] = "The full council met on Tuesday."
    response = editor_client.post(change_url(article), mine)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else saved this article after you opened it" in html
    assert "Saved meanwhile by Sam Second" in html
    assert "The<ins> full</ins> council met on Tuesday<del> night</del>." in html
    assert "The full council met on Tuesday.</textarea>" in html  # my text is kept on the form
    article.refresh_from_db()
    assert article.body == "The council met on Tuesday night."

    # Having seen the difference, saving the same form again keeps my version.
    again = change_form_data(response)
    assert editor_client.post(change_url(article), again).status_code == 302
    article.refresh_from_db()
    assert article.body == "The full council met on Tuesday."


def test_every_save_bumps_the_version_and_keeps_a_revision(editor_client):
    article = ArticleFactory()
    for title in ("First title", "Second title"):
        data = change_form_data(editor_client.get(change_url(article)))
        data["title"] = title
        assert editor_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.version == 3
    assert [r.title for r in article.revisions.all()] == ["Second title", "First title"]


def test_lock_keeps_others_from_saving_until_an_editor_breaks_it(editor_client, second_editor, reporter):
    other_user, other = second_editor
    article = ArticleFactory(created_by=reporter)
    lock_url = reverse("admin:articles_article_lock", args=[article.pk])

    other.post(lock_url, {"action": "lock"})
    article.refresh_from_db()
    assert article.locked_by == other_user

    page = editor_client.get(change_url(article))
    assert 'name="_save"' not in page.content.decode()  # read-only for everyone else
    assert any("locked this article" in str(m) for m in get_messages(page.wsgi_request))
    assert "Break lock held by Sam Second" in page.content.decode()

    editor_client.post(lock_url, {"action": "unlock"})
    article.refresh_from_db()
    assert article.locked_by is None


def test_reporter_cannot_break_an_editors_lock(client, reporter, editor):
    article = ArticleFactory(created_by=reporter)
    editing.lock(article, user=editor)
    client.force_login(reporter)
    client.post(reverse("admin:articles_article_lock", args=[article.pk]), {"action": "unlock"})
    article.refresh_from_db()
    assert article.locked_by == editor


def test_presence_reports_others_and_saves_made_since_opening(editor_client, second_editor):
    _, other = second_editor
    article = ArticleFactory()
    editor_client.get(change_url(article))
    theirs = change_form_data(other.get(change_url(article)))
    presence = reverse("admin:articles_article_presence", args=[article.pk])

    state = editor_client.get(presence).json()
    assert state == {"others": ["second"], "saved_since": False, "saved_by": None, "locked_by": None}

    theirs["title"] = "Changed"
    other.post(change_url(article), theirs)
    state = editor_client.get(presence).json()
    assert state["saved_since"] is True and state["saved_by"] == "second"


def test_opening_an_article_someone_else_has_open_warns(editor_client, second_editor):
    _, other = second_editor
    article = ArticleFactory()
    other.get(change_url(article))
    response = editor_client.get(change_url(article))
    assert any("also has this article open" in str(m) for m in get_messages(response.wsgi_request))


def test_reporter_sees_others_articles_read_only(client, reporter):
    article = ArticleFactory(status=Article.Status.DRAFT)
    client.force_login(reporter)
    response = client.get(change_url(article))
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
    data = {"title": "Hijacked", "slug": article.slug, "body_html": "x"}
    client.post(change_url(article), data)
    article.refresh_from_db()
    assert article.title != "Hijacked"


def test_a_stale_save_says_when_the_other_save_changed_only_figures(editor_client, second_editor):
    _, other = second_editor
    article = ArticleFactory(body="The council met on Tuesday.")
    mine = change_form_data(editor_client.get(change_url(article)))
    theirs = change_form_data(other.get(change_url(article)))
    theirs["body_html"] = (
        '<p>The council met on Tuesday.</p><figure data-embed="https://x.example/p/1"></figure>'
    )
    assert other.post(change_url(article), theirs).status_code == 302

    mine["body_html"] = "<p>The council met on <em>Tuesday</em>.</p>"
    html = editor_client.post(change_url(article), mine).content.decode()

    assert "Images or embedded posts changed." in html
