"""The suggestions admin: the list, accept/dismiss in bulk and per row, the upload page, suggest again."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.body import normalize_body
from articles.models import Article, Claim, Quotation, Suggestion
from intake import suggesting
from tests.admin_forms import change_form_data
from tests.factories import ArticleFactory, PersonFactory, SourceFactory
from tests.queries import count_queries

from .conftest import STORY

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:articles_suggestion_changelist"
BODY = normalize_body(
    "Crime fell by 12 percent last year, according to the Springfield Police Department.\n\n"
    '"We are proud of this work," said Mayor Jane Doe. "It is only the start."'
)


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def suggested():
    article = ArticleFactory(body=BODY)
    suggesting.suggest(article)
    return article


def pending(article, words) -> Suggestion:
    return Suggestion.objects.get(article=article, exact__contains=words)


def make_suggestions(n: int) -> None:
    person = PersonFactory()
    source = SourceFactory()
    for i in range(n):
        article = ArticleFactory(body=BODY)
        suggestion = Suggestion.objects.create(
            article=article,
            kind=Suggestion.Kind.QUOTATION if i % 2 else Suggestion.Kind.CLAIM,
            exact=BODY[:20],
            start=0,
            end=20,
            paragraph=0,
            fingerprint=f"f{i}",
            speaker=person if i % 2 else None,
            claim_kind="" if i % 2 else Claim.Kind.STATISTIC,
            reason="states a number",
        )
        suggestion.proposed_sources.add(source)


def test_changelist_query_count_is_the_same_for_10_and_100_suggestions(editor_client):
    url = reverse(CHANGELIST)
    make_suggestions(10)
    ten = count_queries(editor_client, url)
    make_suggestions(90)
    assert count_queries(editor_client, url) == ten


def test_changelist_shows_words_speaker_reason_sources_and_row_buttons(editor_client, suggested):
    SourceFactory(title="Crime statistics 2023", publisher="Springfield Police Department")
    suggesting.suggest(ArticleFactory(body=BODY))
    html = editor_client.get(reverse(CHANGELIST)).content.decode()
    assert "Crime fell by 12 percent" in html
    assert "Jane Doe <em>(new person)</em>" in html
    assert "states a number" in html
    assert "Crime statistics 2023" in html
    claim = pending(suggested, "Crime fell")
    assert f'formaction="{reverse("admin:articles_suggestion_accept", args=[claim.pk])}"' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_changelist_filters_by_kind_status_and_article(editor_client, suggested):
    other = ArticleFactory(body=BODY.replace("12 percent", "20 percent"))
    suggesting.suggest(other)
    url = reverse(CHANGELIST)
    html = editor_client.get(url, {"kind__exact": "claim", "article__id__exact": other.pk}).content.decode()
    assert "20 percent" in html and "12 percent" not in html and "We are proud" not in html
    html = editor_client.get(url, {"status__exact": "accepted"}).content.decode()
    assert "Crime fell" not in html
    assert editor_client.get(url, {"q": "proud"}).status_code == 200


def test_bulk_accept_makes_claims_and_quotations(editor_client, editor, suggested):
    ids = list(Suggestion.objects.filter(article=suggested).values_list("pk", flat=True))
    response = editor_client.post(
        reverse(CHANGELIST), {"action": "accept_selected", "_selected_action": ids}, follow=True
    )
    assert f"Accepted {len(ids)} suggestions." in messages_of(response)
    assert Claim.objects.filter(article=suggested).count() == 1
    assert Quotation.objects.filter(article=suggested).count() == 2
    assert set(Suggestion.objects.values_list("status", flat=True)) == {"accepted"}
    assert Quotation.objects.filter(speaker__name="Jane Doe").count() == 2


def test_bulk_dismiss_and_refusal_of_already_decided_ones_are_reported(editor_client, editor, suggested):
    claim = pending(suggested, "Crime fell")
    suggesting.accept(claim, user=editor)
    ids = list(Suggestion.objects.filter(article=suggested).values_list("pk", flat=True))
    response = editor_client.post(
        reverse(CHANGELIST),
        {"action": "dismiss_selected", "_selected_action": ids, "reason": "Not checkable"},
        follow=True,
    )
    shown = messages_of(response)
    assert "Dismissed 2 suggestions." in shown
    assert any("already accepted" in m for m in shown)
    assert Suggestion.objects.filter(status="dismissed").count() == 2


def test_row_accept_button_accepts_one_suggestion(editor_client, suggested):
    claim = pending(suggested, "Crime fell")
    response = editor_client.post(reverse("admin:articles_suggestion_accept", args=[claim.pk]))
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == Suggestion.Status.ACCEPTED
    assert claim.claim.exact == claim.exact
    assert Suggestion.objects.filter(status="suggested").count() == 2


def test_row_dismiss_button_dismisses_and_returns_to_the_list(editor_client, suggested):
    quote = pending(suggested, "It is only the start")
    url = reverse("admin:articles_suggestion_dismiss", args=[quote.pk])
    back = reverse(CHANGELIST) + "?status__exact=suggested"
    response = editor_client.post(url, {"next": back, "reason": "A paraphrase"})
    assert response.url == back
    quote.refresh_from_db()
    assert quote.status == Suggestion.Status.DISMISSED
    assert quote.dismiss_reason == "A paraphrase"


def test_dismissing_without_a_reason_is_refused_and_changes_nothing(editor_client, suggested):
    quote = pending(suggested, "It is only the start")
    url = reverse("admin:articles_suggestion_dismiss", args=[quote.pk])
    response = editor_client.post(url, {"reason": "  "}, follow=True)
    assert any("Say why it is dismissed" in m for m in messages_of(response))
    quote.refresh_from_db()
    assert quote.status == Suggestion.Status.SUGGESTED


def test_row_buttons_refuse_get_and_foreign_redirects(editor_client, suggested):
    quote = pending(suggested, "We are proud")
    url = reverse("admin:articles_suggestion_accept", args=[quote.pk])
    assert editor_client.get(url).status_code == 405
    response = editor_client.post(url, {"next": "https://evil.example/"})
    assert response.url == reverse(CHANGELIST)


def test_row_buttons_need_the_csrf_token(editor, suggested):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    quote = pending(suggested, "We are proud")
    assert client.post(reverse("admin:articles_suggestion_accept", args=[quote.pk])).status_code == 403
    quote.refresh_from_db()
    assert quote.status == Suggestion.Status.SUGGESTED


def test_fact_checker_cannot_see_or_decide_suggestions(client, factchecker, suggested):
    client.force_login(factchecker)
    assert client.get(reverse(CHANGELIST)).status_code == 403
    claim = pending(suggested, "Crime fell")
    response = client.post(reverse("admin:articles_suggestion_accept", args=[claim.pk]), follow=True)
    claim.refresh_from_db()
    assert claim.status == Suggestion.Status.SUGGESTED
    assert Claim.objects.count() == 0
    assert any("permission" in m for m in messages_of(response))


def test_suggestion_change_page_lets_an_editor_choose_the_speaker_then_accept(editor_client, suggested):
    quote = pending(suggested, "We are proud")
    person = PersonFactory(name="Jane Q. Doe")
    url = reverse("admin:articles_suggestion_change", args=[quote.pk])
    page = editor_client.get(url)
    assert reverse("admin:articles_suggestion_accept", args=[quote.pk]) in page.content.decode()
    response = editor_client.post(
        url, {"speaker_name": "Jane Doe", "speaker": person.pk, "claim_kind": "", "proposed_sources": []}
    )
    assert response.status_code == 302
    editor_client.post(reverse("admin:articles_suggestion_accept", args=[quote.pk]))
    assert Quotation.objects.get(exact__contains="We are proud").speaker == person


def test_the_change_pages_dismiss_button_asks_for_the_reason_it_needs(editor_client, suggested):
    quote = pending(suggested, "We are proud")
    page = editor_client.get(reverse("admin:articles_suggestion_change", args=[quote.pk])).content.decode()
    dismiss = reverse("admin:articles_suggestion_dismiss", args=[quote.pk])
    form = page[page.index(f'action="{dismiss}"') :]
    form = form[: form.index("</form>")]
    assert 'name="reason"' in form and "required" in form

    editor_client.post(dismiss, {"reason": "Not a quotation of the mayor."})

    quote.refresh_from_db()
    assert quote.status == Suggestion.Status.DISMISSED


def test_run_view_suggests_for_one_article_and_lists_them(editor_client):
    article = ArticleFactory(body=BODY)
    url = reverse("admin:articles_suggestion_run", args=[article.pk])
    assert editor_client.get(url).status_code == 405
    response = editor_client.post(url)
    assert response.status_code == 302
    assert f"article__id__exact={article.pk}" in response.url
    assert Suggestion.objects.filter(article=article).count() == 3
    editor_client.post(url)
    assert Suggestion.objects.filter(article=article).count() == 3


def test_article_page_has_the_suggest_button(editor_client):
    article = ArticleFactory(body=BODY)
    html = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert reverse("admin:articles_suggestion_run", args=[article.pk]) in html


# The upload page


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/plain")


def test_upload_page_imports_the_good_file_and_reports_the_bad_one(editor_client, editor):
    url = reverse("admin:articles_suggestion_import")
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(
        url,
        {"files": [upload("budget.txt", STORY.encode()), upload("empty.txt", b"")], "suggest": "on"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    article = Article.objects.get()
    assert article.created_by == editor
    assert reverse("admin:articles_article_change", args=[article.pk]) in html
    assert "empty.txt" in html and "is empty" in html
    assert Suggestion.objects.filter(article=article).exists()
    assert "Imported 1 of 2 file(s)." in messages_of(response)


def test_upload_page_title_names_a_file_without_headline_and_suggest_can_be_off(editor_client):
    seed = (
        "The office of Los Angeles District Attorney George Gascon said its policies are based on "
        "science and research data, and that crime fell 5 percent.\n\n"
        '"We expect justice when something happens," Patrick Miller said.\n'
    )
    editor_client.post(
        reverse("admin:articles_suggestion_import"),
        {"files": [upload("seed.txt", seed.encode())], "title": "Gascon research"},
    )
    article = Article.objects.get()
    assert article.title == "Gascon research"
    assert not Suggestion.objects.exists()


def test_upload_page_is_refused_to_a_fact_checker(client, factchecker):
    client.force_login(factchecker)
    url = reverse("admin:articles_suggestion_import")
    assert client.get(url).status_code == 403
    assert client.post(url, {"files": [upload("budget.txt", STORY.encode())]}).status_code == 403
    assert Article.objects.count() == 0


def test_upload_page_without_files_shows_the_form_error(editor_client):
    response = editor_client.post(reverse("admin:articles_suggestion_import"), {"title": "x"})
    assert response.status_code == 200
    assert response.context["form"].errors["files"]


# Suggesting on save


def test_saving_new_or_edited_text_suggests_its_quotations_and_claims(editor_client):
    article = ArticleFactory(body="No quotes here.")
    change = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(editor_client.get(change))
    data["body_html"] = BODY
    response = editor_client.post(change, data, follow=True)
    assert Suggestion.objects.filter(article=article).count() == 3
    assert any("3 new suggestions" in m and "Review them" in m for m in messages_of(response))

    # Saving again without touching the text does not run the engine; editing it adds only what is new.
    editor_client.post(change, change_form_data(editor_client.get(change)))
    data = change_form_data(editor_client.get(change))
    data["body_html"] = BODY + "\n\nUnemployment rose to 7 percent in May, the state said."
    editor_client.post(change, data)
    assert Suggestion.objects.filter(article=article).count() == 4
