"""desk.views: who gets in, what the pages show, each action through its form, and query counts."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, CheckStatus, Citation, Claim, Quotation, SourcingEvent
from sources.models import Source
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    QuotationFactory,
    SourceFactory,
    sourced_claim,
)

pytestmark = pytest.mark.django_db

QUEUE = reverse("desk:queue")
TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def action_url(name, item, **kwargs):
    return reverse(f"desk:{name}", kwargs={"kind": item._meta.model_name, "pk": item.pk, **kwargs})


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- who gets in ----------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_admin_login(client):
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={QUEUE}"


def test_reporters_are_refused(reporter_client):
    assert reporter_client.get(QUEUE).status_code == 403


@pytest.mark.parametrize("role", ["factchecker", "editor", "superuser"])
def test_factcheckers_editors_and_superusers_get_the_desk(role, client, request):
    client.force_login(request.getfixturevalue(role))
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert b"Fact-check queue" in response.content


ACTIONS = {
    "assign": lambda item, user: {"assignee": user.pk},
    "due": lambda item, user: {"due_on": TOMORROW.isoformat()},
    "verdict": lambda item, user: {"status": "inconclusive"},
    "attach": lambda item, user: {"source": SourceFactory().pk},
    "new_source": lambda item, user: {"title": "A report", "kind": "report"},
}


@pytest.mark.parametrize("action", ACTIONS)
def test_every_action_is_refused_to_a_reporter(action, reporter_client, reporter):
    claim = ClaimFactory()
    response = reporter_client.post(action_url(action, claim), ACTIONS[action](claim, reporter))
    assert response.status_code == 403
    claim.refresh_from_db()
    assert (claim.assignee, claim.due_on, claim.check_status) == (None, None, CheckStatus.UNSTARTED)
    assert not claim.citations.exists() and not Source.objects.filter(title="A report").exists()


@pytest.mark.parametrize("action", ACTIONS)
def test_every_action_sends_anonymous_visitors_to_the_login(action, client, factchecker):
    claim = ClaimFactory()
    response = client.post(action_url(action, claim), ACTIONS[action](claim, factchecker))
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]
    assert not SourcingEvent.objects.exists()


def test_removing_a_citation_is_refused_to_a_reporter(reporter_client):
    citation = CitationFactory(claim=ClaimFactory())
    url = action_url("remove_citation", citation.claim, citation=citation.pk)
    assert reporter_client.post(url).status_code == 403
    assert Citation.objects.filter(pk=citation.pk).exists()


def test_the_source_search_is_refused_to_a_reporter(reporter_client):
    assert reporter_client.get(reverse("desk:sources"), {"q": "report"}).status_code == 403


def test_actions_need_a_post(factchecker_client):
    claim = ClaimFactory()
    assert factchecker_client.get(action_url("assign", claim)).status_code == 405


def test_every_form_needs_the_csrf_token(factchecker):
    client = Client(enforce_csrf_checks=True)
    client.force_login(factchecker)
    claim = ClaimFactory()
    response = client.post(action_url("assign", claim), {"assignee": factchecker.pk})
    assert response.status_code == 403
    assert Claim.objects.get(pk=claim.pk).assignee is None
    page = client.get(QUEUE).content.decode()
    assert page.count('name="csrfmiddlewaretoken"') == page.count('method="post"')


# --- what the queue shows -------------------------------------------------------------------------


def test_queue_shows_the_words_highlighted_in_their_paragraph_with_the_article(factchecker_client):
    claim = ClaimFactory(exact="Crime fell by 12 percent", article__title="Crime & punishment")
    html = factchecker_client.get(QUEUE).content.decode()
    assert (
        '<p><mark class="desk-words">Crime fell by 12 percent</mark> last year, according to the police '
        "department.</p>"
    ) in html
    assert "The council approved" not in html  # only the paragraph holding the words
    assert reverse("admin:articles_article_change", args=[claim.article_id]) in html
    assert "Crime &amp; punishment" in html
    assert "Needs a source" in html and "Draft" in html


def test_queue_escapes_what_editors_typed(factchecker_client):
    ClaimFactory(article__title="<script>alert(1)</script>")
    html = factchecker_client.get(QUEUE).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_queue_shows_the_counts_at_the_top(factchecker_client, factchecker):
    ClaimFactory()
    mine = QuotationFactory()
    Quotation.objects.filter(pk=mine.pk).update(assignee=factchecker)
    html = factchecker_client.get(QUEUE).content.decode()
    assert "<strong>2</strong> need a source" in html
    assert "<strong>1</strong> mine" in html
    assert "<strong>0</strong> overdue" in html


def test_queue_filters_come_from_the_query_string(factchecker_client):
    statistic = ClaimFactory(kind=Claim.Kind.STATISTIC)
    event = ClaimFactory(kind=Claim.Kind.EVENT, exact="Crime fell by 12 percent")
    response = factchecker_client.get(QUEUE, {"kind": "event"})
    assert [c.item for c in response.context["cards"]] == [event]
    response = factchecker_client.get(QUEUE, {"q": "budget", "article": statistic.article_id})
    assert [c.item for c in response.context["cards"]] == [statistic]


def test_article_filter_lists_the_latest_articles_with_work_and_the_chosen_one(
    factchecker_client, monkeypatch
):
    from desk import queue

    monkeypatch.setattr(queue, "ARTICLE_CHOICES", 2)
    oldest, middle, newest = (
        ClaimFactory(article__title=t).article for t in ("Oldest", "Middle", "Newest")
    )
    for hours, article in enumerate((newest, middle, oldest)):
        Article.objects.filter(pk=article.pk).update(
            updated_at=timezone.now() - datetime.timedelta(hours=hours)
        )

    def listed(**query):
        choices = factchecker_client.get(QUEUE, query).context["form"].fields["article"].choices
        return [label for value, label in choices if value]

    assert listed() == ["Middle", "Newest"]
    # An older article chosen from a link (or typed into the URL) stays selectable and filters the queue.
    assert listed(article=oldest.pk) == ["Middle", "Newest", "Oldest"]
    response = factchecker_client.get(QUEUE, {"article": oldest.pk})
    assert [c.item.article for c in response.context["cards"]] == [oldest]


def test_invalid_filters_are_ignored_not_fatal(factchecker_client):
    claim = ClaimFactory()
    response = factchecker_client.get(QUEUE, {"article": "nope", "status": "weird", "page": "x"})
    assert response.status_code == 200
    assert [c.item for c in response.context["cards"]] == [claim]


def test_mine_shows_only_my_items(factchecker_client, factchecker):
    mine = ClaimFactory()
    ClaimFactory()
    Claim.objects.filter(pk=mine.pk).update(assignee=factchecker)
    response = factchecker_client.get(QUEUE, {"assignee": "me"})
    assert [c.item for c in response.context["cards"]] == [mine]
    assert [c.item for c in factchecker_client.get(QUEUE, {"mine": "1"}).context["cards"]] == [mine]


def test_queue_is_paginated(factchecker_client, fill_queue):
    fill_queue(45)
    first = factchecker_client.get(QUEUE)
    last = factchecker_client.get(QUEUE, {"page": 3})
    assert len(first.context["cards"]) == 20 and len(last.context["cards"]) == 5
    assert "Page 1 of 3" in first.content.decode()
    assert '?page=2"' in first.content.decode()


def test_a_filtered_queue_is_paginated_by_its_own_length(factchecker_client, fill_queue):
    fill_queue(45)  # 23 claims, 22 quotations: the unfiltered count (45) must not be reused
    first = factchecker_client.get(QUEUE, {"kind": "quotation"})
    assert "Page 1 of 2" in first.content.decode()
    last = factchecker_client.get(QUEUE, {"kind": "quotation", "page": 2})
    assert len(last.context["cards"]) == 2


def test_overdue_items_are_marked(factchecker_client):
    claim = ClaimFactory()
    Claim.objects.filter(pk=claim.pk).update(due_on=timezone.localdate() - datetime.timedelta(days=2))
    html = factchecker_client.get(QUEUE).content.decode()
    assert "card is-overdue" in html and "Overdue: was due" in html


def test_queue_runs_the_same_number_of_queries_for_10_and_500_items(
    factchecker_client, fill_queue, django_assert_max_num_queries
):
    def queries_for_first_page() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = factchecker_client.get(QUEUE)
        assert response.status_code == 200
        return len(queries), len(response.context["cards"])

    fill_queue(10)
    small, shown_small = queries_for_first_page()
    fill_queue(490)
    large, shown_large = queries_for_first_page()

    assert (shown_small, shown_large) == (10, 20)
    # Session, user, permissions (2), desk users, article filter, counts (one query for every count and
    # the page count), removals to confirm, articles to sign off, then per kind the page's rows (read
    # from the desk's index) and its items, and for all of them their citations, and their history.
    # Inside the test's transaction the desk remembers nothing; test_remembered.py counts a page that
    # reuses what it remembers.
    assert small == large == 15, (small, large)


def test_item_page_runs_a_fixed_number_of_queries(factchecker_client, fill_queue):
    [first, *_] = fill_queue(2)
    with CaptureQueriesContext(connection) as queries:
        assert factchecker_client.get(reverse("desk:item", args=["claim", first.pk])).status_code == 200
    assert len(queries) <= 12


# --- actions --------------------------------------------------------------------------------------


def test_assign_to_me_redirects_back_to_the_queue_and_records_it(factchecker_client, factchecker):
    claim = ClaimFactory()
    response = factchecker_client.post(
        action_url("assign", claim), {"assignee": factchecker.pk, "next": f"{QUEUE}?kind=claim#claim-1"}
    )
    assert response.status_code == 302 and response["Location"] == f"{QUEUE}?kind=claim#claim-1"
    assert Claim.objects.get(pk=claim.pk).assignee == factchecker
    assert messages_of(response) == ["“budget of 4.2 million dollars” is yours."]
    assert SourcingEvent.objects.get().action == SourcingEvent.Action.ASSIGNED


def test_assigning_someone_else_emails_them(
    editor_client, factchecker, mailoutbox, django_capture_on_commit_callbacks
):
    claim = ClaimFactory()
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(action_url("assign", claim), {"assignee": factchecker.pk})
    [mail] = mailoutbox
    assert mail.to == [factchecker.email]
    assert f"http://testserver/desk/claim/{claim.pk}/" in mail.body


def test_next_must_stay_on_this_site(factchecker_client, factchecker):
    claim = ClaimFactory()
    response = factchecker_client.post(
        action_url("assign", claim), {"assignee": factchecker.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("desk:item", args=["claim", claim.pk])


def test_set_a_due_date(factchecker_client):
    claim = ClaimFactory()
    factchecker_client.post(action_url("due", claim), {"due_on": TOMORROW.isoformat()})
    assert Claim.objects.get(pk=claim.pk).due_on == TOMORROW


def test_a_due_date_in_the_past_is_refused_with_a_message(factchecker_client):
    claim = ClaimFactory()
    response = factchecker_client.post(action_url("due", claim), {"due_on": "2001-01-01"})
    assert response.status_code == 200
    assert "A due date cannot be in the past." in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).due_on is None


def test_set_a_verdict_signs_it_off(factchecker_client, factchecker):
    claim = sourced_claim()
    response = factchecker_client.post(
        action_url("verdict", claim), {"status": "verified", "note": "Matches p. 4"}
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.check_status == CheckStatus.VERIFIED and claim.checked_by == factchecker
    assert claim.desk_note == "Matches p. 4"


@pytest.mark.parametrize("status", ["disputed", "not_claim"])
def test_a_verdict_without_its_required_reason_is_refused_next_to_the_field(status, factchecker_client):
    claim = sourced_claim()
    response = factchecker_client.post(action_url("verdict", claim), {"status": status, "note": "kept"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "a reason is required for this verdict" in html
    assert "Nothing was saved" in html
    assert "kept</textarea>" in html  # what was typed is kept
    claim.refresh_from_db()
    assert claim.check_status == CheckStatus.UNSTARTED and not SourcingEvent.objects.exists()


def test_attach_an_existing_source_by_id(factchecker_client):
    claim = ClaimFactory()
    source = SourceFactory()
    response = factchecker_client.post(
        action_url("attach", claim), {"source": source.pk, "locator": "p. 2"}
    )
    assert response.status_code == 302
    citation = claim.citations.get()
    assert citation.source == source and citation.locator == "p. 2"


def test_attach_without_javascript_searches_and_takes_the_one_match(factchecker_client):
    claim = ClaimFactory()
    source = SourceFactory(title="Police annual report", publisher="City police")
    SourceFactory(title="Budget", publisher="Council")
    response = factchecker_client.post(action_url("attach", claim), {"find": "police annual"})
    assert response.status_code == 302
    assert claim.citations.get().source == source


def test_attach_without_javascript_lists_several_matches_to_pick_from(factchecker_client):
    claim = ClaimFactory()
    first = SourceFactory(title="Police report 2024")
    second = SourceFactory(title="Police report 2025")
    response = factchecker_client.post(action_url("attach", claim), {"find": "police report"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Several sources match" in html
    assert f'name="source" value="{first.pk}"' in html and f'name="source" value="{second.pk}"' in html
    assert not claim.citations.exists()


def test_attach_says_when_nothing_matches(factchecker_client):
    claim = ClaimFactory()
    response = factchecker_client.post(action_url("attach", claim), {"find": "unheard of"})
    assert "No source matches “unheard of”" in response.content.decode()
    assert not claim.citations.exists()


def test_attaching_a_source_already_cited_is_refused(factchecker_client):
    claim = sourced_claim()
    source = claim.citations.get().source
    response = factchecker_client.post(action_url("attach", claim), {"source": source.pk})
    assert "It already cites" in response.content.decode()
    assert claim.citations.count() == 1


def test_create_a_new_source_in_place(factchecker_client, factchecker):
    claim = ClaimFactory()
    response = factchecker_client.post(
        action_url("new_source", claim),
        {
            "title": "Budget vote minutes",
            "kind": "court_record",
            "publisher": "City clerk",
            "url": "https://example.org/minutes",
            "locator": "item 4",
        },
    )
    assert response.status_code == 302
    citation = claim.citations.get()
    assert citation.source.title == "Budget vote minutes" and citation.locator == "item 4"
    assert citation.added_by == factchecker


def test_a_new_source_from_the_desk_is_saved_as_clean_text(factchecker_client):
    claim = ClaimFactory()
    title = "Cafe\u0301 budget report\x07"  # decomposed é and a control character, as pasted
    factchecker_client.post(action_url("new_source", claim), {"title": title, "kind": "report"})
    assert claim.citations.get().source.title == "Café budget report"


@pytest.mark.parametrize("url", ["ftp://example.org/minutes", "javascript:alert(1)"])
def test_a_new_source_with_a_non_web_address_is_refused_and_nothing_is_saved(url, factchecker_client):
    claim = ClaimFactory()
    response = factchecker_client.post(
        action_url("new_source", claim), {"title": "Minutes", "kind": "report", "url": url}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a web address that starts with http:// or https://." in html
    assert 'value="Minutes"' in html  # the form keeps what was typed
    assert not Source.objects.filter(title="Minutes").exists()
    assert not claim.citations.exists() and not SourcingEvent.objects.exists()


def test_a_new_source_needs_a_title_and_kind(factchecker_client):
    claim = ClaimFactory()
    response = factchecker_client.post(action_url("new_source", claim), {"title": ""})
    assert response.content.decode().count("This field is required.") == 2
    assert not Source.objects.exists()


def test_remove_a_citation(factchecker_client):
    claim = sourced_claim()
    citation = claim.citations.get()
    response = factchecker_client.post(action_url("remove_citation", claim, citation=citation.pk))
    assert response.status_code == 302
    assert not claim.citations.exists()
    assert SourcingEvent.objects.get().action == SourcingEvent.Action.CITATION_REMOVED


def test_a_citation_of_another_item_cannot_be_removed_through_this_one(factchecker_client):
    claim = ClaimFactory()
    other = CitationFactory(claim=ClaimFactory())
    response = factchecker_client.post(action_url("remove_citation", claim, citation=other.pk))
    assert response.status_code == 404 and Citation.objects.filter(pk=other.pk).exists()


def test_item_page_shows_the_history(factchecker_client, factchecker):
    claim = sourced_claim()
    factchecker_client.post(action_url("assign", claim), {"assignee": factchecker.pk})
    factchecker_client.post(action_url("verdict", claim), {"status": "disputed", "reason": "Wrong year"})
    html = factchecker_client.get(reverse("desk:item", args=["claim", claim.pk])).content.decode()
    assert "Assigned to factchecker" in html
    assert "Unstarted → False / disputed: Wrong year" in html


def test_queue_cards_link_each_action_to_its_form_on_the_items_page(factchecker_client):
    claim = ClaimFactory()
    html = factchecker_client.get(QUEUE).content.decode()
    item = reverse("desk:item", args=["claim", claim.pk])
    for action in ("attach", "new_source", "verdict", "assign"):
        assert f'href="{item}?open={action}"' in html
    assert action_url("verdict", claim) not in html  # the forms themselves are on the item's page
    assert action_url("assign", claim) in html  # but "Assign to me" is one press


@pytest.mark.parametrize("action", ["attach", "new_source", "verdict", "assign"])
def test_the_items_page_unfolds_the_action_it_was_opened_for(action, factchecker_client):
    claim = ClaimFactory()
    item = reverse("desk:item", args=["claim", claim.pk])
    html = factchecker_client.get(item, {"open": action}).content.decode()
    assert html.count('<details class="action" open>') == 1
    target = "desk:due" if action == "assign" else f"desk:{action}"
    opened = html.split('<details class="action" open>')[1].split("</details>")[0]
    assert reverse(target, args=["claim", claim.pk]) in opened


def test_desk_js_gets_a_cards_forms_alone_and_they_lead_back_to_the_queue(factchecker_client):
    claim = ClaimFactory()
    item = reverse("desk:item", args=["claim", claim.pk])
    back = f"{QUEUE}?status=unsourced"
    response = factchecker_client.get(item, {"open": "verdict", "next": back}, HTTP_X_DESK_CARD="card")
    html = response.content.decode()
    assert "X-Desk-Card" in response["Vary"]
    assert "<html" not in html and html.count('<article class="card') == 1
    assert f'name="next" value="{back}#claim-{claim.pk}"' in html
    elsewhere = factchecker_client.get(item, {"next": "https://evil.example/"}).content.decode()
    assert "evil.example" not in elsewhere


def test_item_page_is_404_for_an_unknown_item(factchecker_client):
    assert factchecker_client.get(reverse("desk:item", args=["claim", 999])).status_code == 404


def test_item_page_without_javascript_searches_sources(factchecker_client):
    claim = ClaimFactory()
    source = SourceFactory(title="Police annual report")
    html = factchecker_client.get(
        reverse("desk:item", args=["claim", claim.pk]), {"find": "annual"}
    ).content.decode()
    assert f'name="source" value="{source.pk}"' in html


def test_source_search_returns_json_for_search_as_you_type(factchecker_client):
    source = SourceFactory(title="Police annual report", publisher="City police")
    response = factchecker_client.get(reverse("desk:sources"), {"q": "annual"})
    assert response.json() == {
        "results": [{"id": source.pk, "label": "Police annual report (City police)"}]
    }
    assert factchecker_client.get(reverse("desk:sources"), {"q": "a"}).json() == {"results": []}


# --- the way in from the admin --------------------------------------------------------------------


def test_the_admin_header_links_to_the_desk_for_those_who_may_use_it(client, factchecker, reporter):
    client.force_login(factchecker)
    assert f'href="{QUEUE}">Fact-check desk</a>' in client.get(reverse("admin:index")).content.decode()
    client.force_login(reporter)
    assert "Fact-check desk" not in client.get(reverse("admin:index")).content.decode()


def test_published_articles_show_as_published(factchecker_client):
    article = ArticleFactory(status=Article.Status.PUBLISHED, published_at=timezone.now())
    ClaimFactory(article=article)
    assert "state-published" in factchecker_client.get(QUEUE).content.decode()


def test_a_refused_form_points_back_to_where_it_came_from_once(factchecker_client):
    claim = sourced_claim()
    response = factchecker_client.post(
        action_url("verdict", claim), {"status": "disputed", "next": f"{QUEUE}?kind=claim#claim-{claim.pk}"}
    )
    html = response.content.decode()
    assert f'value="{QUEUE}?kind=claim#claim-{claim.pk}"' in html
    assert f"#claim-{claim.pk}#" not in html


def test_desk_flags_a_cited_source_whose_link_is_dead(client, factchecker):
    from django.utils import timezone

    from articles import sourcing
    from sources.models import Health, Source
    from tests.factories import ClaimFactory, SourceFactory

    claim = ClaimFactory()
    source = SourceFactory(url="https://example.org/gone")
    sourcing.cite(claim, [source])
    Source.objects.filter(pk=source.pk).update(
        health=Health.DEAD, checked_url=source.url, last_checked_at=timezone.now()
    )
    client.force_login(factchecker)
    html = client.get(f"/desk/claim/{claim.pk}/").content.decode()
    assert "The original page no longer answers." in html


def test_a_verdict_given_to_several_items_keeps_each_ones_desk_note(factchecker_client):
    article = ArticleFactory()
    noted = CitationFactory(claim=ClaimFactory(article=article)).claim
    Claim.objects.filter(pk=noted.pk).update(desk_note="Called the council press office")
    other = CitationFactory(claim=ClaimFactory(article=article, exact="Crime fell")).claim

    response = factchecker_client.post(
        reverse("desk:bulk"),
        {
            "items": [f"claim-{noted.pk}", f"claim-{other.pk}"],
            "action": "verdict",
            "status": "inconclusive",
        },
    )

    assert response.status_code == 302
    statuses = dict(Claim.objects.filter(article=article).values_list("pk", "check_status"))
    assert statuses == {noted.pk: CheckStatus.INCONCLUSIVE, other.pk: CheckStatus.INCONCLUSIVE}
    assert Claim.objects.get(pk=noted.pk).desk_note == "Called the council press office"
