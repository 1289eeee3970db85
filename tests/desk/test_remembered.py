"""What the desk remembers between pages (`desk.queue.remembered`): the counts, the article filter, who may
be assigned and the articles waiting for sign-off are computed once per generation of the data they
read, and every committed write, whoever makes it, shows on the next page.

Transactional tests on PostgreSQL: the generation moves when a write commits (`desk/migrations/0001`),
and nothing is remembered inside a transaction.
"""

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import remembering
from articles.models import Citation, Claim, Quotation, SourcingEvent
from desk import queue
from intake import importing, suggesting
from sources.models import Person, Source
from tests.admin_forms import change_form_data
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    PersonFactory,
    QuotationFactory,
    SourceFactory,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("remembering")]

QUEUE = reverse("desk:queue")
BODY = (
    "Crime fell by 12 percent last year, according to the Springfield Police Department.\n\n"
    "The council met on Tuesday."
)


@pytest.fixture
def desk(client, factchecker):
    client.force_login(factchecker)
    return client


def page(client):
    """(the page's response, its queries)"""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(QUEUE)
    assert response.status_code == 200
    return response, len(queries)


def article_titles(response) -> list[str]:
    return [label for value, label in response.context["form"].fields["article"].choices if value]


def test_every_committed_write_starts_a_new_generation_and_a_rolled_back_one_does_not():
    claim = ClaimFactory()
    before = remembering.current_generation()
    Claim.objects.filter(pk=claim.pk).update(assignee=None)  # no model signal: the triggers see it
    after = remembering.current_generation()
    assert after != before
    with pytest.raises(RuntimeError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(due_on=None)
        raise RuntimeError
    assert remembering.current_generation() == after


def test_a_login_keeps_the_generation_and_a_change_to_who_may_work_the_desk_starts_one(factchecker):
    before = remembering.current_generation()
    # What django.contrib.auth writes on every login (`update_last_login`).
    factchecker.last_login = timezone.now()
    factchecker.save(update_fields=["last_login"])
    assert remembering.current_generation() == before
    factchecker.is_active = False
    factchecker.save(update_fields=["is_active"])
    assert remembering.current_generation() != before


def test_a_page_reads_the_whole_newsroom_once_per_generation(desk, factchecker, fill_queue):
    fill_queue(10)
    first, cold = page(desk)
    again, warm = page(desk)
    # The desk's users, the article filter, the counts, the sign-offs, the removals, the page's rows and
    # its cards, and the user's permissions, come from the cache: what is left is the session, the user
    # and the generation (read for the permissions and for the page).
    assert warm == 4 < cold
    assert [card.item for card in again.context["cards"]] == [card.item for card in first.context["cards"]]
    assert again.context["counts"] == first.context["counts"]
    assert article_titles(again) == article_titles(first)

    fill_queue(490)  # a new generation: computed again, once, for a queue 50 times as long
    assert page(desk)[1] == cold
    bigger, warm_again = page(desk)
    assert warm_again == warm
    assert bigger.context["counts"]["total"] == 500


def test_remembered_counts_are_the_counts_the_queue_defines(factchecker, fill_queue):
    fill_queue(6)
    QuotationFactory(speaker=None)
    Claim.objects.filter(pk=ClaimFactory().pk).update(is_orphaned=True)
    now = remembering.current_generation()
    assert queue.counts(user=factchecker, generation=now) == queue.counts(user=factchecker, generation=None)
    assert queue.counts(user=factchecker, generation=now)["total"] == (
        queue.needing_work(Claim).count() + queue.needing_work(Quotation).count()
    )


def test_an_action_on_the_desk_shows_on_the_next_page(desk, factchecker):
    claim = ClaimFactory()
    assert page(desk)[0].context["counts"]["mine"] == 0
    assign = reverse("desk:assign", kwargs={"kind": "claim", "pk": claim.pk})
    assert desk.post(assign, {"assignee": factchecker.pk}).status_code == 302
    assert page(desk)[0].context["counts"]["mine"] == 1


def test_an_admin_edit_shows_on_the_next_page(desk, editor):
    article = ClaimFactory(article__title="Budget day").article
    assert article_titles(page(desk)[0]) == ["Budget day"]

    admin = type(desk)()
    admin.force_login(editor)
    change = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(admin.get(change))
    data["title"] = "Budget night"
    saved = admin.post(change, data)
    assert saved.status_code == 302, saved.context and saved.context["adminform"].form.errors

    assert article_titles(page(desk)[0]) == ["Budget night"]


def test_an_import_shows_on_the_next_page(desk, editor):
    ArticleFactory()  # something to compare with: nothing on the desk yet
    assert page(desk)[0].context["counts"]["total"] == 0
    imported = importing.import_file(
        f"Crime report\n\n{BODY}".encode(), name="crime.txt", user=editor, suggest=True
    )
    assert imported.error is None, imported.error
    [suggestion] = imported.article.suggestions.filter(exact__startswith="Crime fell")
    suggesting.accept(suggestion, user=editor)

    response = page(desk)[0]
    assert response.context["counts"]["total"] == 1
    assert article_titles(response) == [imported.article.title]


def test_a_cache_that_is_down_leaves_the_page_computed(desk, monkeypatch):
    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("the cache is down")

    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "set", down)
    ClaimFactory()
    assert page(desk)[0].context["counts"]["total"] == 1


def test_a_removal_and_its_confirmation_show_on_the_next_page(desk, editor):
    from articles import marking
    from articles.models import Article
    from tests.factories import sourced_claim

    claim = sourced_claim(article=ArticleFactory(created_by=editor, status=Article.Status.PUBLISHED))
    assert page(desk)[0].context["removals"] == []
    marking.remove(claim, user=editor, reason="The figures were withdrawn.")
    [removal] = page(desk)[0].context["removals"]
    confirm = reverse("desk:confirm_removal", args=[removal.pk])
    assert desk.post(confirm, {"note": ""}).status_code == 302
    assert page(desk)[0].context["removals"] == []


def card_html(response, item) -> str:
    """The card of `item` on a queue page."""
    html = response.content.decode()
    start = html.index(f'id="{item._meta.model_name}-{item.pk}"')
    return html[start : html.index("</article>", start)]


def test_a_card_shows_what_changed_only_in_its_citation_source_speaker_or_history(desk, factchecker):
    claim = ClaimFactory(article__status="in_review")  # sourced, and on the desk to be checked
    citation = CitationFactory(claim=claim, locator="p. 4", source__title="Annual report")
    quotation = QuotationFactory(speaker__name="Ann Ortiz")
    card_html(page(desk)[0], claim)  # remembered

    Citation.objects.filter(pk=citation.pk).update(locator="table 2")
    assert "table 2" in card_html(page(desk)[0], claim)
    Source.objects.filter(pk=citation.source_id).update(title="Annual report, revised")
    assert "Annual report, revised" in card_html(page(desk)[0], claim)
    Person.objects.filter(pk=quotation.speaker_id).update(name="Ann Ortiz-Reyes")
    assert "Ann Ortiz-Reyes" in card_html(page(desk)[0], quotation)
    SourcingEvent.objects.create(
        claim=claim, article=claim.article, action=SourcingEvent.Action.ASSIGNED, after={"name": "Bo Li"}
    )
    assert "Assigned to Bo Li" in card_html(page(desk)[0], claim)


def test_the_link_checker_bookkeeping_and_a_persons_aliases_keep_the_generation():
    source, person = SourceFactory(), PersonFactory()
    before = remembering.current_generation()
    Source.objects.filter(pk=source.pk).update(last_checked_at=timezone.now(), consecutive_failures=1)
    Person.objects.filter(pk=person.pk).update(aliases="A. N. Other")
    assert remembering.current_generation() == before
    Source.objects.filter(pk=source.pk).update(health="dead")
    assert remembering.current_generation() != before


def test_remembered_cards_are_shared_but_each_viewer_sees_their_own_assignments(
    desk, factchecker, django_user_model
):
    from django.contrib.auth.models import Group

    claim = ClaimFactory(assignee=factchecker)
    other = django_user_model.objects.create_user("other-checker", first_name="Oda", last_name="Lund")
    other.groups.add(Group.objects.get(name="Fact-checker"))
    assert "Assigned to <strong>you</strong>" in card_html(page(desk)[0], claim)

    desk.force_login(other)
    response, queries = page(desk)
    # Only the counts ("mine") and the permissions (2) are this viewer's own; the cards and the rest are
    # the first viewer's.
    assert queries == 4 + 1 + 2
    mine = card_html(response, claim)
    assert "Assigned to <strong>you</strong>" not in mine and "Assign to me" in mine


def test_each_filter_and_each_viewers_mine_are_remembered_apart(desk, factchecker, django_user_model):
    from django.contrib.auth.models import Group

    mine = ClaimFactory(assignee=factchecker)
    nobodys = ClaimFactory()
    other = django_user_model.objects.create_user("other-checker")
    other.groups.add(Group.objects.get(name="Fact-checker"))

    def shown(query: str) -> list:
        return [card.item for card in desk.get(QUEUE + query).context["cards"]]

    assert shown("?assignee=me") == [mine]
    assert len(shown("")) == 2
    assert shown("?assignee=none") == [nobodys]
    desk.force_login(other)
    assert shown("?assignee=me") == []


def test_a_remembered_cards_forms_carry_this_responses_csrf_token_and_come_back_to_this_page(
    factchecker,
):
    from django.test import Client

    claim = ClaimFactory(article__status="in_review")
    citation = CitationFactory(claim=claim)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(factchecker)
    first.get(QUEUE)  # remembers the cards' HTML
    html = card_html(first.get(QUEUE + "?assignee=none"), claim)
    assert f'name="next" value="{QUEUE}?assignee=none#claim-{claim.pk}"' in html
    assert "\x00" not in html

    # The same fact-checker in another browser (another CSRF cookie) gets the remembered cards with
    # tokens of their own.
    second.force_login(factchecker)
    again = card_html(second.get(QUEUE), claim)
    assert f'name="next" value="{QUEUE}#claim-{claim.pk}"' in again
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', again)[1]
    remove = reverse("desk:remove_citation", args=["claim", claim.pk, citation.pk])
    assert second.post(remove, {"csrfmiddlewaretoken": token, "next": QUEUE}).status_code == 302
    assert not Citation.objects.filter(pk=citation.pk).exists()


def test_a_queue_page_seen_again_neither_reads_nor_renders_a_card(desk, monkeypatch):
    from desk import cards
    from desk.templatetags import desk_pages

    ClaimFactory.create_batch(3)
    first = page(desk)[0]
    monkeypatch.setattr(desk_pages, "_render", None)  # would fail if called
    monkeypatch.setattr(cards, "remembered", None)
    again = page(desk)[0]
    assert csrf_free(again) == csrf_free(first)
    monkeypatch.undo()
    monkeypatch.setattr(remembering, "current_generation", lambda: None)
    assert csrf_free(page(desk)[0]) == csrf_free(first)  # as the page is without remembering


def csrf_free(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_remembered_sign_offs_carry_this_responses_csrf_token(factchecker):
    from django.test import Client

    from articles.models import Article

    article = ArticleFactory(title="Ready to go", status=Article.Status.FACT_CHECK)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(factchecker)
    assert "Ready to go" in first.get(QUEUE).content.decode()  # remembers the sign-offs' HTML

    second.force_login(factchecker)  # another browser: another CSRF cookie
    html = second.get(QUEUE).content.decode()
    section = html[html.index('id="sign-off-') : html.index("</section>", html.index('id="sign-off-'))]
    assert "\x00" not in section
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', section)[1]
    sign_off = reverse("desk:sign_off", args=[article.pk])
    assert second.post(sign_off, {"csrfmiddlewaretoken": token}).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.READY


def test_a_queue_page_seen_again_neither_reads_nor_renders_the_sign_offs(desk, monkeypatch):
    from articles.models import Article
    from desk.templatetags import desk_pages

    ArticleFactory.create_batch(3, status=Article.Status.FACT_CHECK)
    first = page(desk)[0]
    assert csrf_free(first).count('class="card sign-off"') == 3
    monkeypatch.setattr(queue, "_awaiting_sign_off", None)  # would fail if called
    monkeypatch.setattr(desk_pages, "_sign_offs", None)
    assert csrf_free(page(desk)[0]) == csrf_free(first)
    monkeypatch.undo()
    monkeypatch.setattr(remembering, "current_generation", lambda: None)
    assert csrf_free(page(desk)[0]) == csrf_free(first)  # as the page is without remembering


def test_a_sign_off_cards_title_is_escaped_rendered_and_remembered(desk):
    from articles.models import Article

    ArticleFactory(title="<b>Bold</b> & co", status=Article.Status.FACT_CHECK)
    for _ in range(2):  # rendered, then remembered
        html = csrf_free(page(desk)[0])
        assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in html and "<b>Bold</b>" not in html
