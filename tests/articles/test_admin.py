import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from articles import bylines, publishing, revisions
from articles.models import Article, ArticleRevision, CheckStatus, Claim, Quotation, Transition
from tests.admin_forms import change_form_data
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    PersonFactory,
    QuotationFactory,
    SourceFactory,
    UserFactory,
    sourced_claim,
    sourced_quotation,
)
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_article_changelist_query_count_does_not_grow_with_articles(editor_client):
    url = reverse("admin:articles_article_changelist")
    article = ArticleFactory()
    sourced_claim(article=article)
    one = count_queries(editor_client, url)
    for _ in range(49):
        article = ArticleFactory()
        sourced_claim(article=article)
        ClaimFactory(article=article, exact="Crime fell by 12 percent")
    assert count_queries(editor_client, url) == one


def test_article_changelist_counts_what_needs_a_source_as_the_gate_does(editor_client):
    article = ArticleFactory(
        title="Budget story", body_html="A budget of 4.2 million dollars. Crime fell by 12 percent. Hooray."
    )
    sourced_claim(article=article)
    ClaimFactory(article=article, exact="Crime fell by 12 percent")
    ClaimFactory(article=article, exact="Hooray", check_status=CheckStatus.NOT_CLAIM)
    done = ArticleFactory(title="Done story")
    sourced_claim(article=done)
    html = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert ">1 of 3 need a source<" in html  # the one the gate names; "not a claim" needs none
    assert ">all 1 sourced<" in html


def test_article_changelist_filters_articles_with_unsourced_claims(editor_client):
    complete = ArticleFactory(title="All sourced")
    sourced_claim(article=complete)
    incomplete = ArticleFactory(title="Has gaps")
    ClaimFactory(article=incomplete)
    url = reverse("admin:articles_article_changelist")
    response = editor_client.get(url, {"claims": "unsourced"})
    assert list(response.context["cl"].result_list) == [incomplete]


@pytest.mark.parametrize("model", ["claim", "quotation", "source", "person"])
def test_changelists_query_count_does_not_grow(editor_client, model):
    url = reverse(f"admin:{model.split('.')[-1] if '.' in model else _app(model)}_{model}_changelist")
    article = ArticleFactory()
    sourced_claim(article=article)
    sourced_quotation(article=article)
    one = count_queries(editor_client, url)
    for _ in range(20):
        article = ArticleFactory()
        sourced_claim(article=article)
        sourced_quotation(article=article)
    assert count_queries(editor_client, url) == one


def _app(model):
    return "sources" if model in ("source", "person") else "articles"


def test_claim_changelist_filters_by_sourcing_status(editor_client):
    sourced = sourced_claim()
    unsourced = ClaimFactory()
    orphan = sourced_claim()
    Claim.objects.filter(pk=orphan.pk).update(is_orphaned=True)
    url = reverse("admin:articles_claim_changelist")
    for value, expected in [("sourced", sourced), ("unsourced", unsourced), ("orphaned", orphan)]:
        response = editor_client.get(url, {"sourcing": value})
        assert list(response.context["cl"].result_list) == [expected]


def test_change_page_shows_highlighted_body_and_sourcing_summary(editor_client):
    article = ArticleFactory()
    sourced_claim(article=article)
    ClaimFactory(article=article, exact="Crime fell by 12 percent")
    response = editor_client.get(change_url(article))
    html = response.content.decode()
    assert "1 of 2 claims sourced — 1 block publishing" in html
    assert '<mark class="mark-claim is-unsourced">Crime fell by 12 percent</mark>' in html
    assert "data-marking-body" in html
    assert 'name="_publish"' in html


def test_change_page_query_count_does_not_grow_with_claims(editor_client):
    article = ArticleFactory()
    sourced_claim(article=article)
    sourced_quotation(article=article)
    editor_client.get(change_url(article))  # the first visit opens an edit session
    one = count_queries(editor_client, change_url(article))
    for _ in range(30):
        sourced_claim(article=article, exact="Crime fell by 12 percent")
        sourced_quotation(article=article, exact="It is only the start.")
    assert count_queries(editor_client, change_url(article)) == one


def test_pasting_words_into_the_claim_inline_anchors_them_on_the_server(editor_client, editor):
    article = ArticleFactory()
    source = SourceFactory()
    data = change_form_data(editor_client.get(change_url(article)))
    data["claims-0-exact"] = "fell by  12 percent"  # spacing differs from the body
    data["claims-0-kind"] = "statistic"
    data["claims-0-add_sources"] = [str(source.pk)]

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 302, response.context and [
        (f.prefix, f.errors) for f in response.context["inline_admin_formsets"][0].formset
    ]
    claim = Claim.objects.get(article=article)
    assert article.body[claim.start : claim.end] == "fell by 12 percent" == claim.exact
    assert claim.prefix.endswith("Crime ") and claim.created_by == editor
    assert [c.source for c in claim.citations.all()] == [source]
    assert claim.citations.get().added_by == editor


def test_position_hint_from_a_selection_picks_that_occurrence(editor_client):
    article = ArticleFactory(body="Taxes rose. Later, taxes rose again.")
    data = change_form_data(editor_client.get(change_url(article)))
    data["claims-0-exact"] = "rose"
    data["claims-0-kind"] = "event"
    data["claims-0-position_hint"] = "25"
    editor_client.post(change_url(article), data)
    assert Claim.objects.get(article=article).start == 25


def test_claim_whose_words_are_not_in_the_body_is_refused_and_nothing_is_saved(editor_client):
    article = ArticleFactory()
    data = change_form_data(editor_client.get(change_url(article)))
    data["title"] = "A changed title"
    data["claims-0-exact"] = "Crime rose by 40 percent"
    data["claims-0-kind"] = "statistic"

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 200
    assert "are not in the article text" in response.content.decode()
    article.refresh_from_db()
    assert article.title != "A changed title"
    assert not Claim.objects.exists()


def test_new_claim_is_anchored_against_the_body_of_the_same_submit(editor_client):
    article = ArticleFactory()
    data = change_form_data(editor_client.get(change_url(article)))
    data["body_html"] = article.body + "\n\nA new paragraph with 3 new facts."
    data["claims-0-exact"] = "3 new facts"
    data["claims-0-kind"] = "statistic"

    assert editor_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    claim = Claim.objects.get()
    assert article.body[claim.start : claim.end] == "3 new facts"


def test_editing_the_body_orphans_claims_whose_words_are_gone_and_says_so(editor_client):
    article = ArticleFactory()
    claim = sourced_claim(article=article)
    kept = sourced_claim(article=article, exact="Crime fell by 12 percent")
    data = change_form_data(editor_client.get(change_url(article)))
    data["body_html"] = "Intro.\n\n" + article.body.replace("4.2 million", "5 million")

    response = editor_client.post(change_url(article), data, follow=True)

    article.refresh_from_db()
    claim.refresh_from_db()
    kept.refresh_from_db()
    assert claim.is_orphaned and Claim.objects.count() == 2
    assert claim.exact == "budget of 4.2 million dollars"
    assert not kept.is_orphaned and kept.start == article.body.index("Crime fell")
    assert any("is orphaned" in m for m in messages_of(response))


def test_publish_button_refuses_and_lists_blockers_with_links(editor_client):
    article = ArticleFactory()
    claim = ClaimFactory(article=article)
    data = change_form_data(editor_client.get(change_url(article)))
    data["_publish"] = "Save and publish"

    response = editor_client.post(change_url(article), data, follow=True)

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    shown = messages_of(response)
    assert any("was not published" in m for m in shown)
    claim_link = reverse("admin:articles_claim_change", args=[claim.pk])
    assert any("budget of 4.2 million dollars” has no source" in m and claim_link in m for m in shown)


def test_publish_button_publishes_a_sourced_article(editor_client):
    article = ArticleFactory()
    sourced_claim(article=article)
    data = change_form_data(editor_client.get(change_url(article)))
    data["_publish"] = "Save and publish"

    response = editor_client.post(change_url(article), data, follow=True)

    article.refresh_from_db()
    assert article.is_published
    assert any("is published" in m for m in messages_of(response))


def test_publish_button_is_hidden_from_and_refused_to_reporters(client, reporter):
    article = ArticleFactory()
    sourced_claim(article=article)
    client.force_login(reporter)
    response = client.get(change_url(article))
    assert 'name="_publish"' not in response.content.decode()
    data = change_form_data(response)
    data["_publish"] = "Save and publish"
    client.post(change_url(article), data)
    article.refresh_from_db()
    assert not article.is_published


def test_publish_action_runs_the_gate_for_each_article(editor_client):
    ready = ArticleFactory()
    sourced_claim(article=ready)
    blocked = ArticleFactory()
    ClaimFactory(article=blocked)
    editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [ready.pk, blocked.pk]},
    )
    ready.refresh_from_db()
    blocked.refresh_from_db()
    assert ready.is_published and not blocked.is_published


def test_status_cannot_be_set_through_the_form(editor_client):
    article = ArticleFactory()
    ClaimFactory(article=article)
    data = change_form_data(editor_client.get(change_url(article)))
    data["status"] = "published"
    editor_client.post(change_url(article), data)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_quotation_inline_sets_speaker_and_source(editor_client):
    article = ArticleFactory()
    person, source = PersonFactory(), SourceFactory()
    data = change_form_data(editor_client.get(change_url(article)))
    data.update(
        {
            "quotations-0-exact": "It is only the start.",
            "quotations-0-speaker": str(person.pk),
            "quotations-0-obtained": "interview",
            "quotations-0-add_sources": [str(source.pk)],
        }
    )
    assert editor_client.post(change_url(article), data).status_code == 302
    quotation = Quotation.objects.get()
    assert quotation.speaker == person and quotation.citations.get().source == source


def test_claim_page_edits_citations_and_reanchors_changed_words(editor_client):
    claim = ClaimFactory()
    source = SourceFactory()
    url = reverse("admin:articles_claim_change", args=[claim.pk])
    data = change_form_data(editor_client.get(url))
    data["exact"] = "Crime fell by 12 percent"
    data["citations-0-source"] = str(source.pk)
    data["citations-0-locator"] = "p. 7"

    assert editor_client.post(url, data).status_code == 302
    claim.refresh_from_db()
    assert claim.exact == "Crime fell by 12 percent"
    assert claim.start == claim.article.body.index("Crime")
    assert claim.citations.get().locator == "p. 7"


def test_source_with_a_non_web_url_is_refused_and_not_saved(editor_client):
    response = editor_client.post(
        reverse("admin:sources_source_add"),
        {"title": "Bad link", "kind": "report", "url": "javascript:alert(1)"},
    )
    assert response.status_code == 200
    assert "starts with http:// or https://" in response.content.decode()
    from sources.models import Source

    assert not Source.objects.exists()


def test_editor_appends_a_dated_correction_to_a_published_article(editor_client, editor):
    from articles import publishing

    article = ArticleFactory()
    sourced_claim(article=article)
    publishing.publish(article)
    data = change_form_data(editor_client.get(change_url(article)))
    data["corrections-0-text"] = "An earlier version misstated the budget."

    assert editor_client.post(change_url(article), data).status_code == 302
    correction = article.corrections.get()
    assert correction.created_by == editor and correction.created_at


def test_corrections_cannot_be_added_to_drafts(editor_client):
    article = ArticleFactory()
    response = editor_client.get(change_url(article))
    assert "corrections-TOTAL_FORMS" not in response.content.decode()


def test_workflow_buttons_move_the_article_and_show_in_the_history(editor_client):
    article = ArticleFactory()
    data = change_form_data(editor_client.get(change_url(article)))
    assert 'value="submit"' in editor_client.get(change_url(article)).content.decode()
    data["_move"] = "submit"

    response = editor_client.post(change_url(article), data, follow=True)

    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    assert "Draft → <strong>In review</strong>" in response.content.decode()


def test_request_changes_without_a_comment_is_refused_with_a_message(editor_client):
    article = ArticleFactory(status=Article.Status.IN_REVIEW)
    data = change_form_data(editor_client.get(change_url(article)))
    data["_move"] = "request_changes"
    response = editor_client.post(change_url(article), data, follow=True)
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    assert any("needs a comment" in m for m in messages_of(response))


def test_article_list_counts_quotations_as_well_as_claims(editor_client):
    article = ArticleFactory()
    sourced_claim(article=article)
    QuotationFactory(article=article)  # a speaker, no source: it blocks publishing too
    html = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "0 of 1 claims, 1 of 1 quotations need a source" in html
    assert ">1 of 2 need a source</span>" in html
    unsourced = editor_client.get(reverse("admin:articles_article_changelist") + "?claims=unsourced")
    assert article.title in unsourced.content.decode()


def test_staff_times_are_in_the_sites_time_zone_with_its_abbreviation(editor_client, editor, settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    article = ArticleFactory()
    publishing.publish(article, user=editor)
    moment = datetime.datetime(2026, 12, 2, 23, 51, tzinfo=datetime.UTC)
    ArticleRevision.objects.filter(article=article).update(created_at=moment)
    Transition.objects.filter(article=article).update(at=moment)
    html = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "2 Dec 2026 15:51 PST" in html  # readers see…, the revisions, the workflow history
    assert "23:51" not in html


def _byline_rows(data) -> dict[str, int]:
    """{user pk: row} of the byline inline's rows in posted data."""
    count = int(data["bylines-TOTAL_FORMS"])
    return {
        str(data[f"bylines-{row}-user"]): row for row in range(count) if data.get(f"bylines-{row}-user")
    }


def test_editors_set_the_byline_order_by_position(editor_client):
    article = ArticleFactory()
    ada, grace, alan = UserFactory(), UserFactory(), UserFactory()
    bylines.set_authors(article, [ada, grace])
    assert revisions.byline(article) == [ada.pk, grace.pk]

    data = change_form_data(editor_client.get(change_url(article)))
    rows = _byline_rows(data)
    data[f"bylines-{rows[str(ada.pk)]}-position"] = "5"
    data[f"bylines-{rows[str(grace.pk)]}-position"] = "1"
    new = int(data["bylines-TOTAL_FORMS"]) - 1  # the empty row for one more author
    data.update({f"bylines-{new}-user": str(alan.pk), f"bylines-{new}-position": "3"})
    assert editor_client.post(change_url(article), data).status_code == 302
    assert revisions.byline(article) == [grace.pk, alan.pk, ada.pk]


def test_an_author_named_twice_is_refused_and_the_byline_kept(editor_client):
    article = ArticleFactory()
    ada, grace = UserFactory(), UserFactory()
    bylines.set_authors(article, [ada, grace])
    data = change_form_data(editor_client.get(change_url(article)))
    data[f"bylines-{_byline_rows(data)[str(grace.pk)]}-user"] = str(ada.pk)
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200
    assert "Byline with this Article and User already exists." in response.content.decode()
    assert revisions.byline(article) == [ada.pk, grace.pk]


def test_whoever_may_not_edit_the_article_cannot_change_its_byline(client, reporter, factchecker):
    someone_elses = ArticleFactory()
    ada, grace = UserFactory(), UserFactory()
    bylines.set_authors(someone_elses, [ada, grace])
    for user in (reporter, factchecker):
        client.force_login(user)
        page = client.get(change_url(someone_elses))
        assert 'name="bylines-0-position"' not in page.content.decode()
        data = {"bylines-TOTAL_FORMS": "2", "bylines-INITIAL_FORMS": "2", "bylines-0-position": "9"}
        assert client.post(change_url(someone_elses), data).status_code == 403
    assert revisions.byline(someone_elses) == [ada.pk, grace.pk]


def test_a_reporter_orders_the_byline_of_their_own_draft(client, reporter):
    own = ArticleFactory(created_by=reporter)
    colleague = UserFactory()
    bylines.set_authors(own, [reporter, colleague])
    client.force_login(reporter)
    data = change_form_data(client.get(change_url(own)))
    data[f"bylines-{_byline_rows(data)[str(reporter.pk)]}-position"] = "2"
    assert client.post(change_url(own), data).status_code == 302
    assert revisions.byline(own) == [colleague.pk, reporter.pk]
