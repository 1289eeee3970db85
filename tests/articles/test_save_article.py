"""Saving an article is one action, `saving.save_article`, whoever saves: the admin's change and add pages,
import and restoring a revision all go through it, and it checks the version, re-anchors and keeps a
revision for each of them."""

import pytest
from django.urls import reverse

from articles import publishing, revisions, saving
from articles.models import Article, Claim
from intake import importing
from tests.admin_forms import add_form_data, change_form_data
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def saves(monkeypatch):
    """Every `save_article` made, as (article pk, acting user, revision reason)."""
    made = []
    save_article = saving.save_article

    def recording(article, **kwargs):
        saved = save_article(article, **kwargs)
        made.append((saved.article.pk, kwargs["user"], saved.revision.reason))
        return saved

    monkeypatch.setattr(saving, "save_article", recording)
    return made


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_the_admin_import_and_restore_all_save_through_save_article(editor, editor_client, saves):
    article = ArticleFactory()
    data = change_form_data(editor_client.get(change_url(article)))
    data["title"] = "A new title"
    assert editor_client.post(change_url(article), data).status_code == 302

    add_url = reverse("admin:articles_article_add")
    data = add_form_data(
        editor_client.get(add_url), title="A new story", slug="a-new-story", body_html="Its first words."
    )
    assert editor_client.post(add_url, data).status_code == 302
    added = Article.objects.get(slug="a-new-story")

    imported = importing.import_file(b"Budget passes\n\nThe council voted.", name="a.txt", user=editor)
    restored = revisions.restore(article, article.revisions.last(), user=editor)

    assert saves == [
        (article.pk, editor, "Saved"),
        (added.pk, editor, "Saved"),
        (imported.article.pk, editor, "Imported from a.txt"),
        (article.pk, editor, restored.reason),
    ]


def test_an_admin_save_bumps_the_version_reanchors_and_keeps_a_revision(editor_client):
    article = ArticleFactory(body="The council met on Tuesday. It passed a budget of 4.2 million dollars.")
    kept = ClaimFactory(article=article, exact="The council met on Tuesday")
    gone = ClaimFactory(article=article, exact="budget of 4.2 million dollars")
    data = change_form_data(editor_client.get(change_url(article)))
    data["body_html"] = "Late news. The council met on Tuesday. It passed a budget."

    response = editor_client.post(change_url(article), data, follow=True)

    article.refresh_from_db()
    assert article.version == 2
    assert article.revisions.first().body == data["body_html"]
    kept, gone = Claim.objects.get(pk=kept.pk), Claim.objects.get(pk=gone.pk)
    assert (kept.start, kept.is_orphaned) == (len("Late news. "), False)
    assert gone.is_orphaned
    assert "lost its words in the text and is orphaned" in response.content.decode()


def test_an_import_is_saved_as_version_one_with_its_byline_and_first_revision(editor):
    text = b"Budget passes\nByline: Dana Ortiz\n\nThe council voted."

    article = importing.import_file(text, name="a.txt", user=editor, suggest=False).article

    assert (article.version, article.created_by) == (1, editor)
    revision = article.revisions.get()
    assert (revision.reason, revision.created_by) == ("Imported from a.txt", editor)
    assert [a.get_full_name() for a in revision.ordered_authors()] == ["Dana Ortiz"]


@pytest.mark.parametrize(("base_version", "code"), [(None, "missing_base_version"), (1, "stale")])
def test_save_article_refuses_a_save_not_based_on_the_saved_version(editor, base_version, code):
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(version=2, body="Their change, saved meanwhile.")
    article.body = "My change."

    with pytest.raises(saving.StaleVersion) as refusal:
        saving.save_article(article, user=editor, base_version=base_version)

    assert refusal.value.code == code
    assert refusal.value.current.version == 2
    assert Article.objects.get(pk=article.pk).body == "Their change, saved meanwhile."
    assert not article.revisions.exists()


def test_save_article_from_the_saved_version_goes_through(editor):
    article = ArticleFactory()
    article.body = "My change."

    saved = saving.save_article(article, user=editor, base_version=1)

    assert (saved.article.version, saved.text_changed) == (2, True)
    assert Article.objects.get(pk=article.pk).body == "My change."
    assert saved.revision.created_by == editor


def test_a_save_of_an_article_read_before_a_publish_keeps_it_published(editor):
    # The admin reads the article, then takes its row lock while the form validates: a publish can
    # commit in between, and the save must not write back the state it read.
    article = ArticleFactory()
    read_before = Article.objects.get(pk=article.pk)
    publishing.publish(article, user=editor)
    read_before.title = "A new title"
    saving.save_article(read_before, user=editor, base_version=read_before.version)
    article.refresh_from_db()
    assert article.title == "A new title"
    assert (article.status, article.live_revision.number) == (Article.Status.PUBLISHED, 1)
    assert article.published_at is not None and article.published_by == editor
    assert [a.pk for a in Article.objects.published()] == [article.pk]
