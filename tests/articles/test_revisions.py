import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles import publishing, revisions, sourcing
from articles.diffing import word_diff
from articles.models import Claim
from tests.admin_forms import change_form_data
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, sourced_claim

pytestmark = pytest.mark.django_db


def test_word_diff_marks_removed_and_added_words_and_escapes():
    assert word_diff("x <b>y</b>", "x y z") == ("x <del>&lt;b&gt;</del>y<del>&lt;/b&gt;</del><ins> z</ins>")


def test_revision_keeps_text_and_claims_with_their_citations():
    article = ArticleFactory()
    claim = sourced_claim(article=article)
    revision = revisions.save_revision(article, reason="Saved")
    assert (revision.number, revision.title, revision.body) == (1, article.title, article.body)
    (kept,) = revision.content["claims"]
    assert kept["id"] == claim.pk and kept["exact"] == claim.exact
    assert kept["citations"] == [
        {"source": claim.citations.get().source_id, "locator": "p. 4", "passage": ""}
    ]


def test_compare_shows_word_changes_and_added_claims():
    article = ArticleFactory(body="Crime fell by 12 percent.")
    old = revisions.save_revision(article)
    article.body = "Crime fell by 15 percent."
    article.save()
    ClaimFactory(article=article, exact="15 percent")
    new = revisions.save_revision(article)

    comparison = revisions.compare(old, new)

    assert "<del>12</del><ins>15</ins>" in comparison.body
    assert comparison.added == ["Claim: “15 percent”"] and comparison.removed == []
    assert comparison.text_changed and not comparison.structure_changed


def test_a_link_added_makes_a_revision_and_the_comparison_says_the_structure_changed():
    article = ArticleFactory(body="Crime fell by 12 percent.")
    old = revisions.save_revision(article)
    article.body_html = '<p>Crime fell by <a href="https://example.org/r">12 percent</a>.</p>'
    article.save()
    new = revisions.save_revision(article)

    comparison = revisions.compare(old, new)

    assert new.number == old.number + 1 and new.body == old.body
    assert comparison.structure_changed and not comparison.text_changed


def test_a_figure_added_makes_a_revision_with_the_same_text_and_the_comparison_says_so():
    article = ArticleFactory(body="Crime fell by 12 percent.\n\nThe mayor spoke.")
    old = revisions.save_revision(article)
    first, rest = article.body_html.split("\n", 1)
    article.body_html = f'{first}\n<figure data-embed="https://social.example/@a/1"></figure>\n{rest}'
    article.save()
    new = revisions.save_revision(article)

    comparison = revisions.compare(old, new)

    assert new.number == old.number + 1 and new.body == old.body
    assert comparison.structure_changed and not comparison.text_changed


def test_restore_brings_back_text_and_deleted_claims_and_keeps_later_ones(editor):
    article = ArticleFactory()
    original = sourced_claim(article=article)
    first = revisions.save_revision(article)
    original.delete()
    article.body = "Rewritten entirely. Crime fell by 12 percent."
    article.save()
    later = ClaimFactory(article=article, exact="Crime fell by 12 percent")

    restored = revisions.restore(article, first, user=editor)

    article.refresh_from_db()
    assert article.body == first.body and restored.reason == "Restored revision 1"
    back = Claim.objects.get(exact=original.exact)
    assert not back.is_orphaned and back.citations.get().locator == "p. 4"
    later.refresh_from_db()
    assert not later.is_orphaned  # its words are in the restored text too
    assert article.version == 2


def test_restore_is_refused_to_someone_who_may_not_edit(reporter):
    article = ArticleFactory()
    revision = revisions.save_revision(article)
    with pytest.raises(PermissionDenied):
        revisions.restore(article, revision, user=reporter)


def test_restoring_a_live_article_does_not_change_what_readers_see(client, editor):
    article = ArticleFactory(title="Original headline")
    sourced_claim(article=article)
    old = revisions.save_revision(article)
    article.title = "Better headline"
    article.save()
    publishing.publish(article, user=editor)
    revisions.restore(article, old, user=editor)
    assert "Better headline</h1>" in client.get(article.get_absolute_url()).content.decode()


def test_admin_compares_and_restores_revisions(editor_client):
    article = ArticleFactory(body="Crime fell by 12 percent.")
    revisions.save_revision(article)
    article.body = "Crime fell by 15 percent."
    article.save()
    revisions.save_revision(article)

    page = editor_client.get(reverse("admin:articles_article_compare", args=[article.pk, 1, 2]))
    assert "<del>12</del><ins>15</ins>" in page.content.decode()

    editor_client.post(reverse("admin:articles_article_restore", args=[article.pk, 1]))
    article.refresh_from_db()
    assert article.body == "Crime fell by 12 percent."
    assert article.revisions.first().reason == "Restored revision 1"


def test_compare_of_unknown_revision_is_404(editor_client):
    article = ArticleFactory()
    url = reverse("admin:articles_article_compare", args=[article.pk, 1, 2])
    assert editor_client.get(url).status_code == 404


def test_citations_removed_since_a_revision_are_not_resurrected_onto_existing_claims(editor):
    article = ArticleFactory()
    claim = ClaimFactory(article=article)
    (citation,) = sourcing.cite(claim, [SourceFactory()])
    first = revisions.save_revision(article)
    sourcing.uncite(citation)
    revisions.restore(article, first, user=editor)
    # Sourcing work is edited on the claim itself; restoring text does not re-add citations.
    assert not claim.citations.exists()


def test_saves_and_workflow_moves_that_change_nothing_make_no_revision(editor_client, editor):
    article = ArticleFactory(created_by=editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    for _ in range(2):
        data = change_form_data(editor_client.get(url))
        data["body_html"] = data["body_html"].replace("\n", "\r\n")  # as a browser posts a textarea
        data["_continue"] = "Save and continue editing"
        editor_client.post(url, data)
    data = change_form_data(editor_client.get(url))
    data["_move"] = "submit"
    editor_client.post(url, data)
    article.refresh_from_db()
    assert article.status == "in_review"
    assert article.revisions.count() == 1
    assert not article.suggestions.exists()  # an unchanged body is not suggested again
    data = change_form_data(editor_client.get(url))
    data["standfirst"] = "A new standfirst."
    editor_client.post(url, data)
    assert article.revisions.count() == 2
