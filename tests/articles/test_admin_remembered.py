"""The admin article list remembers a page (`articles.admin_remembered`): the same query shows the
same table without reading or formatting its rows again, and every committed write to what it shows,
whoever makes it, shows on the next page.

Transactional tests on PostgreSQL, where the generation's triggers run (nothing is remembered inside a
transaction or on SQLite).
"""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import remembering
from articles.models import Article, Section
from sources.models import Person
from tests.admin_forms import change_form_data
from tests.factories import ArticleFactory, CitationFactory, ClaimFactory, QuotationFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("remembering")]

LIST = reverse("admin:articles_article_changelist")


def table(client, query: str = "", *, of: str = LIST) -> tuple[str, int]:
    """(the page's table, the page's queries)"""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(of + query)
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('<table id="result_list">') : html.index("</table>")], len(queries)


@pytest.mark.parametrize("model", ["article", "claim", "quotation"])
def test_the_same_page_again_neither_counts_nor_reads_rows_and_shows_the_same_table(
    editor_client, monkeypatch, model
):
    section = Section.objects.create(name="Metro", slug="metro")
    for _ in range(3):
        QuotationFactory(article=ClaimFactory(article__section=section).article)
    of = reverse(f"admin:articles_{model}_changelist")
    editor_client.get(reverse("admin:index"))  # the editor's permissions are remembered from here on
    first, cold = table(editor_client, of=of)
    again, warm = table(editor_client, of=of)
    assert again == first and "Metro" in table(editor_client)[0]
    assert warm == cold - 2  # the count and the page's rows
    monkeypatch.setattr(remembering, "current_generation", lambda: None)
    assert table(editor_client, of=of)[0] == first  # as Django renders it without remembering


def test_a_remembered_table_is_shown_without_reading_its_rows(editor_client, monkeypatch):
    ArticleFactory.create_batch(2)
    first = table(editor_client)[0]
    read = []
    remembered = remembering.remembered
    monkeypatch.setattr(
        remembering,
        "remembered",
        lambda part, *args, **kwargs: read.append(part) or remembered(part, *args, **kwargs),
    )
    response = editor_client.get(LIST)
    assert "list-rows" not in read and "list-table" in read
    assert len(response.context["cl"].result_list) == 2 and first in response.content.decode()


def test_every_page_of_a_list_shares_one_count(editor_client):
    ArticleFactory.create_batch(51)
    table(editor_client)
    with CaptureQueriesContext(connection) as queries:
        second = editor_client.get(LIST + "?p=2")
    assert second.context["cl"].result_count == 51 and len(second.context["cl"].result_list) == 1
    assert not [q for q in queries if q["sql"].startswith("SELECT COUNT(*)")]


def test_a_renamed_speaker_shows_on_the_quotation_list_at_once(editor_client):
    quotation = QuotationFactory(speaker__name="Ann Ortiz")
    of = reverse("admin:articles_quotation_changelist")
    assert "Ann Ortiz" in table(editor_client, of=of)[0]
    Person.objects.filter(pk=quotation.speaker_id).update(name="Ann Ortiz-Reyes")
    assert "Ann Ortiz-Reyes" in table(editor_client, of=of)[0]


def test_each_query_is_a_page_of_its_own(editor_client):
    ArticleFactory(title="Alpha budget", status=Article.Status.PUBLISHED)
    ArticleFactory(title="Beta vote")
    everything = table(editor_client)[0]
    assert "Alpha budget" in everything and "Beta vote" in everything
    published = table(editor_client, "?status__exact=published")[0]
    assert "Alpha budget" in published and "Beta vote" not in published
    assert "Beta vote" not in table(editor_client, "?q=Alpha")[0]
    by_title = table(editor_client, "?o=1")[0]
    assert by_title.index("Alpha budget") < by_title.index("Beta vote")
    by_title_down = table(editor_client, "?o=-1")[0]
    assert by_title_down.index("Beta vote") < by_title_down.index("Alpha budget")


def test_each_page_starts_from_the_whole_list_whatever_the_page_before_asked(editor_client):
    ClaimFactory(article__title="Unsourced budget")
    ArticleFactory(title="Quiet day")
    newest_first = table(editor_client)[0]
    assert newest_first.index("Quiet day") < newest_first.index("Unsourced budget")
    by_sourcing = table(editor_client, "?o=3")[0]  # what needs a source first
    assert by_sourcing.index("Unsourced budget") < by_sourcing.index("Quiet day")
    assert "Quiet day" not in table(editor_client, "?claims=unsourced")[0]
    everything = table(editor_client)[0]
    assert "Quiet day" in everything and "Unsourced budget" in everything


def test_the_list_shows_every_role_the_articles_the_admins_queryset_gives_it(
    editor, reporter, factchecker, rf
):
    from django.contrib import admin

    ArticleFactory(created_by=reporter, title="Reporter's own")
    ArticleFactory(created_by=editor, title="Editor's")
    model_admin = admin.site.get_model_admin(Article)
    for user in (editor, reporter, factchecker):
        client = Client()
        client.force_login(user)
        request = rf.get(LIST)
        request.user = user
        shown = client.get(LIST).context["cl"].queryset
        assert set(shown.values_list("pk", flat=True)) == set(
            model_admin.get_queryset(request).values_list("pk", flat=True)
        ), user


def test_an_admin_edit_a_citation_and_a_renamed_section_show_on_the_next_page(editor_client):
    section = Section.objects.create(name="Metro", slug="metro")
    claim = ClaimFactory(article__title="Budget day", article__section=section)
    article = claim.article
    assert "1 of 1 need a source" in table(editor_client)[0]

    change = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(editor_client.get(change))
    data["title"] = "Budget night"
    saved = editor_client.post(change, data)
    assert saved.status_code == 302, saved.context and saved.context["adminform"].form.errors
    assert "Budget night" in table(editor_client)[0]

    CitationFactory(claim=claim)
    assert "all 1 sourced" in table(editor_client)[0]
    Section.objects.filter(pk=section.pk).update(name="City")
    assert ">City<" in table(editor_client)[0]


def test_selection_boxes_are_shown_only_to_whoever_has_an_action(editor_client, reporter):
    ArticleFactory(created_by=reporter)
    boxes = 'class="action-select"'
    assert boxes in table(editor_client)[0]
    reporters = Client()
    reporters.force_login(reporter)
    assert boxes not in table(reporters)[0]
    assert boxes in table(editor_client)[0]


def test_the_row_count_the_actions_report_is_the_pages(editor_client):
    ArticleFactory.create_batch(2)
    table(editor_client)
    html = editor_client.get(LIST).content.decode()
    assert re.search(r'data-actions-icnt="2"', html)


def test_a_list_with_editable_rows_remembers_none_of_them(editor_client, monkeypatch):
    from django.contrib import admin

    from articles.models import Claim

    ClaimFactory.create_batch(2)
    monkeypatch.setattr(admin.site.get_model_admin(Claim), "list_editable", ["kind"])
    of = reverse("admin:articles_claim_changelist")
    editor_client.get(reverse("admin:index"))  # the editor's permissions are remembered from here on
    cold = table(editor_client, of=of)[1]
    response = editor_client.get(of)
    assert table(editor_client, of=of)[1] == cold
    assert response.context["cl"].formset is not None


def filters(client, query: str = "") -> str:
    html = client.get(LIST + query).content.decode()
    return html[
        html.index('<nav id="changelist-filter"') : html.index("</nav>", html.index("changelist-filter"))
    ]


def test_a_lists_filters_seen_again_are_not_rendered_again(editor_client, monkeypatch):
    from articles.admin import ArticleSourcingFilter

    Section.objects.create(name="Metro", slug="metro")
    ArticleFactory.create_batch(2)
    first, chosen = filters(editor_client), filters(editor_client, "?claims=unsourced")
    assert "Metro" in first and first != chosen
    monkeypatch.setattr(ArticleSourcingFilter, "choices", None)  # would fail if the filters were rendered
    assert filters(editor_client) == first and filters(editor_client, "?claims=unsourced") == chosen
    monkeypatch.undo()
    monkeypatch.setattr(remembering, "current_generation", lambda: None)
    assert filters(editor_client) == first  # as Django renders them without remembering


def test_a_new_section_shows_in_the_list_filter_on_the_next_page(editor_client):
    ArticleFactory()
    assert "Sport" not in filters(editor_client)
    Section.objects.create(name="Sport", slug="sport")
    assert "Sport" in filters(editor_client)
