"""The sourcing promise under hostile and careless use, over HTTP as each role.

Claims changed by people who may not edit the article, evidence deleted under a live page, and claims
removed without a decision: each was possible once and must not be again.
"""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse

from articles import marking, publishing, revisions, sourcing
from articles.models import Article, Citation, Claim, LiveEvidence, Removal, Suggestion
from sources.models import Person, Source
from tests.admin_forms import change_form_data
from tests.factories import ArticleFactory, ClaimFactory, sourced_claim, sourced_quotation

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def published_article(editor, **kwargs) -> Article:
    article = ArticleFactory(created_by=editor, **kwargs)
    sourced_claim(article=article)
    sourced_quotation(article=article)
    publishing.publish(article, user=editor)
    article.refresh_from_db()
    return article


# --- 1. Claims and citations only change by those who may edit the article ------------------------


def test_reporter_cannot_delete_the_unsourced_claims_of_a_ready_article(editor, reporter):
    article = ArticleFactory(created_by=editor, status=Article.Status.READY)
    claim = ClaimFactory(article=article)
    response = logged_in(reporter).post(
        reverse("admin:articles_claim_delete", args=[claim.pk]), {"post": "yes", "removal_reason": "x"}
    )
    assert response.status_code == 403
    assert Claim.objects.filter(pk=claim.pk).exists()
    with pytest.raises(publishing.PublishRefused):
        publishing.publish(article)  # what publish_scheduled does: still blocked


def test_reporter_cannot_take_a_citation_off_a_claim_of_an_editors_published_article(editor, reporter):
    article = published_article(editor)
    claim = article.claims.get()
    url = reverse("admin:articles_claim_change", args=[claim.pk])
    data = change_form_data(logged_in(editor).get(url))
    data["citations-0-DELETE"] = "on"
    response = logged_in(reporter).post(url, data)
    assert response.status_code == 403
    assert claim.citations.count() == 1


def test_factchecker_cannot_move_a_claims_words(editor, factchecker):
    article = ArticleFactory(created_by=editor, status=Article.Status.FACT_CHECK)
    claim = ClaimFactory(article=article)
    url = reverse("admin:articles_claim_change", args=[claim.pk])
    data = change_form_data(logged_in(editor).get(url))
    data["exact"] = "on Tuesday"
    logged_in(factchecker).post(url, data)
    claim.refresh_from_db()
    assert claim.exact == "budget of 4.2 million dollars"


def test_factchecker_sees_a_claims_words_read_only_but_may_cite(editor, factchecker):
    article = ArticleFactory(created_by=editor, status=Article.Status.FACT_CHECK)
    claim = ClaimFactory(article=article)
    response = logged_in(factchecker).get(reverse("admin:articles_claim_change", args=[claim.pk]))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "exact" not in form.fields
    assert response.context["inline_admin_formsets"][0].has_add_permission


def test_reporter_cannot_accept_a_suggestion_on_someone_elses_article(editor, reporter):
    article = ArticleFactory(created_by=editor, status=Article.Status.IN_REVIEW)
    suggestion = Suggestion.objects.create(
        article=article, kind="claim", exact="Crime fell", start=0, end=10, paragraph=1, fingerprint="f"
    )
    logged_in(reporter).post(reverse("admin:articles_suggestion_accept", args=[suggestion.pk]))
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.SUGGESTED
    assert not article.claims.exists()


def test_reporter_cannot_correct_a_suggestion_on_someone_elses_article(editor, reporter):
    article = published_article(editor)
    suggestion = Suggestion.objects.create(
        article=article, kind="claim", exact="Crime fell", start=0, end=10, paragraph=1, fingerprint="f"
    )
    url = reverse("admin:articles_suggestion_change", args=[suggestion.pk])
    assert logged_in(editor).get(url).context["has_change_permission"]
    response = logged_in(reporter).post(url, {"claim_kind": "statistic", "speaker_name": ""})
    assert response.status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.claim_kind != "statistic"


# --- 2. Evidence a live revision relies on cannot be deleted -------------------------------------


def test_a_source_only_the_live_revision_cites_cannot_be_deleted(editor):
    article = published_article(editor, title="Council passes budget")
    citation = Citation.objects.get(claim__article=article)
    source = citation.source
    sourcing.uncite(citation, user=editor)  # off the working copy; readers still see it
    response = logged_in(editor).post(
        reverse("admin:sources_source_delete", args=[source.pk]), {"post": "yes"}
    )
    assert Source.objects.filter(pk=source.pk).exists()
    assert "the published version of “Council passes budget”" in response.content.decode()


def test_a_speaker_only_the_live_revision_shows_cannot_be_deleted(editor):
    article = published_article(editor, title="Council passes budget")
    quotation = article.quotations.get()
    person = quotation.speaker
    quotation.speaker = None
    quotation.save()
    response = logged_in(editor).post(
        reverse("admin:sources_person_delete", args=[person.pk]), {"post": "yes"}
    )
    assert Person.objects.filter(pk=person.pk).exists()
    assert "the published version of “Council passes budget”" in response.content.decode()
    # The reader page still shows the quotation with its speaker and its note.
    page = Client().get(article.get_absolute_url()).content.decode()
    assert person.name in page


def test_evidence_is_released_once_a_newer_live_revision_no_longer_uses_it(editor):
    article = published_article(editor)
    citation = Citation.objects.get(claim__article=article)
    source = citation.source
    sourcing.cite(citation.claim, [Source.objects.create(title="Budget book", kind="report")], user=editor)
    sourcing.uncite(citation, user=editor)
    publishing.publish(article, user=editor)
    assert not LiveEvidence.objects.filter(source=source).exists()
    logged_in(editor).post(reverse("admin:sources_source_delete", args=[source.pk]), {"post": "yes"})
    assert not Source.objects.filter(pk=source.pk).exists()


# --- Removing a claim past draft is a decision -----------------------------------------------------


def test_removing_a_claim_past_draft_without_a_reason_is_refused(editor):
    article = ArticleFactory(created_by=editor, status=Article.Status.READY)
    claim = ClaimFactory(article=article)
    url = reverse("admin:articles_claim_delete", args=[claim.pk])
    response = logged_in(editor).post(url, {"post": "yes", "removal_reason": " "}, follow=True)
    assert Claim.objects.filter(pk=claim.pk).exists()
    assert any("Say why" in m for m in messages_of(response))
    assert not Removal.objects.exists()


def test_deleting_a_claim_in_the_article_inline_past_draft_needs_a_reason(editor):
    article = ArticleFactory(created_by=editor, status=Article.Status.IN_REVIEW)
    claim = ClaimFactory(article=article)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(logged_in(editor).get(url))
    data["claims-0-DELETE"] = "on"
    response = logged_in(editor).post(url, data)
    assert response.status_code == 200  # the form again, with the message
    assert "Say why each removed claim goes" in response.content.decode()
    assert Claim.objects.filter(pk=claim.pk).exists()
    data["claims-0-removal_reason"] = "Duplicate of the headline."
    logged_in(editor).post(url, data)
    assert not Claim.objects.filter(pk=claim.pk).exists()
    assert Removal.objects.get().reason == "Duplicate of the headline."


def test_a_draft_never_published_loses_claims_without_a_decision(reporter):
    article = ArticleFactory(created_by=reporter)
    article.authors.add(reporter)
    claim = ClaimFactory(article=article)
    logged_in(reporter).post(reverse("admin:articles_claim_delete", args=[claim.pk]), {"post": "yes"})
    assert not Claim.objects.filter(pk=claim.pk).exists()
    assert not Removal.objects.exists()


def test_a_removal_holds_the_gate_until_another_factchecker_confirms_it(editor, factchecker):
    article = ArticleFactory(created_by=editor, status=Article.Status.READY)
    claim = ClaimFactory(article=article, exact="Crime fell by 12 percent")
    logged_in(editor).post(
        reverse("admin:articles_claim_delete", args=[claim.pk]),
        {"post": "yes", "removal_reason": "The police figures were withdrawn."},
    )
    removal = Removal.objects.get()
    assert (removal.removed_by, removal.exact, removal.status) == (editor, claim.exact, "pending")

    with pytest.raises(publishing.PublishRefused) as refused:
        publishing.publish(article, user=editor)
    assert [b.code for b in refused.value.blockers] == ["unconfirmed_removal"]

    desk = logged_in(factchecker).get(reverse("desk:queue")).content.decode()
    assert "The police figures were withdrawn." in desk
    own = logged_in(editor).post(reverse("desk:confirm_removal", args=[removal.pk]), follow=True)
    assert any("another fact-checker must confirm" in m for m in messages_of(own))
    logged_in(factchecker).post(reverse("desk:confirm_removal", args=[removal.pk]))
    removal.refresh_from_db()
    assert (removal.status, removal.decided_by) == ("confirmed", factchecker)
    publishing.publish(article, user=editor)


def test_a_factchecker_can_put_a_removed_claim_back_with_its_citations(editor, factchecker):
    article = ArticleFactory(created_by=editor, status=Article.Status.PUBLISHED)
    claim = sourced_claim(article=article)
    source = claim.citations.get().source
    logged_in(editor).post(
        reverse("admin:articles_claim_delete", args=[claim.pk]), {"post": "yes", "removal_reason": "?"}
    )
    removal = Removal.objects.get()
    logged_in(factchecker).post(reverse("desk:reinstate_removal", args=[removal.pk]))
    back = article.claims.get()
    assert (back.exact, back.start, back.is_orphaned) == (claim.exact, claim.start, False)
    assert list(back.citations.values_list("source", flat=True)) == [source.pk]
    removal.refresh_from_db()
    assert removal.status == Removal.Status.REINSTATED


def test_a_claim_put_back_over_words_now_cut_into_two_paragraphs_comes_back_orphaned(editor, factchecker):
    article = ArticleFactory(created_by=editor, status=Article.Status.PUBLISHED)
    claim = sourced_claim(article=article)  # "budget of 4.2 million dollars", in one paragraph
    marking.remove(claim, user=editor, reason="Checking it again.")
    article.body_html = article.body_html.replace("4.2 million", "4.2</p><p>million")
    article.save()

    marking.reinstate(Removal.objects.get(), user=factchecker)

    back = article.claims.get()
    assert back.is_orphaned and back.exact == claim.exact  # never stretched over the new break


def test_restoring_a_revision_that_had_the_removed_claim_settles_its_removal(editor, factchecker):
    article = published_article(editor)
    claim = article.claims.get()
    marking.remove(claim, user=editor, reason="The police figures were withdrawn.")
    removal = Removal.objects.get()

    revisions.restore(article, article.live_revision, user=editor)

    removal.refresh_from_db()
    assert removal.status == Removal.Status.REINSTATED and article.claims.count() == 1
    publishing.publish(article, user=editor)  # nothing pending holds the gate
    with pytest.raises(ValidationError):
        marking.reinstate(removal, user=factchecker)
    assert article.claims.count() == 1


def test_a_removed_claim_marked_again_is_not_put_back_twice(editor, factchecker):
    article = published_article(editor)
    claim = article.claims.get()
    marking.remove(claim, user=editor, reason="Marked on the wrong words.")
    ClaimFactory(article=article, exact=claim.exact)

    with pytest.raises(ValidationError) as refused:
        marking.reinstate(Removal.objects.get(), user=factchecker)

    assert refused.value.code == "already_marked" and article.claims.count() == 1


def test_an_undecided_suggested_claim_in_the_text_holds_the_gate(editor):
    article = ArticleFactory(created_by=editor, status=Article.Status.READY)
    start = article.body.index("Crime")
    suggestion = Suggestion.objects.create(
        article=article,
        kind="claim",
        exact="Crime fell by 12 percent last year",
        start=start,
        end=start + 34,
        paragraph=1,
        fingerprint="crime",
    )
    with pytest.raises(publishing.PublishRefused) as refused:
        publishing.publish(article, user=editor)
    assert [b.code for b in refused.value.blockers] == ["undecided_suggestion"]
    url = reverse("admin:articles_suggestion_dismiss", args=[suggestion.pk])
    logged_in(editor).post(url, {"reason": "Attributed to the police in the sentence."})
    suggestion.refresh_from_db()
    assert (suggestion.decided_by, suggestion.dismiss_reason) == (
        editor,
        "Attributed to the police in the sentence.",
    )
    publishing.publish(article, user=editor)


@override_settings(SOURCING_CONFIRM_REMOVALS=False, SOURCING_DECIDE_SUGGESTIONS=False)
def test_settings_turn_both_decision_rules_off(editor):
    article = ArticleFactory(created_by=editor, status=Article.Status.READY)
    claim = ClaimFactory(article=article)
    Suggestion.objects.create(
        article=article, kind="claim", exact="Crime fell", start=65, end=75, paragraph=1, fingerprint="c"
    )
    logged_in(editor).post(reverse("admin:articles_claim_delete", args=[claim.pk]), {"post": "yes"})
    assert not Claim.objects.filter(pk=claim.pk).exists()
    assert Removal.objects.get().status == Removal.Status.CONFIRMED  # still on the record
    publishing.publish(article, user=editor)


def test_the_admin_names_each_decision_that_blocks_publishing(editor):
    article = ArticleFactory(created_by=editor, status=Article.Status.READY)
    claim = sourced_claim(article=article)
    logged_in(editor).post(
        reverse("admin:articles_claim_delete", args=[claim.pk]), {"post": "yes", "removal_reason": "dup"}
    )
    url = reverse("admin:articles_article_change", args=[article.pk])
    client = logged_in(editor)
    data = change_form_data(client.get(url))
    data["_publish"] = "Save and publish"
    shown = messages_of(client.post(url, data, follow=True))
    assert any("waits for a fact-checker to confirm" in m for m in shown)
    article.refresh_from_db()
    assert article.status == Article.Status.READY


def test_a_suggested_claim_whose_words_left_the_text_does_not_hold_the_gate(editor):
    article = ArticleFactory(created_by=editor, status=Article.Status.READY)
    Suggestion.objects.create(
        article=article,
        kind="claim",
        exact="Unemployment rose by 3 percent",  # not in the body any more
        start=0,
        end=30,
        paragraph=0,
        fingerprint="gone",
    )
    publishing.publish(article, user=editor)
    article.refresh_from_db()
    assert article.is_published
