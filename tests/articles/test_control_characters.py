"""Control characters never reach saved text: a NUL is refused with a message, the rest are dropped."""

import pytest
from django.urls import reverse

from articles.models import Article, Claim, Quotation
from intake import importing
from sources.models import Person, Source
from tests.admin_forms import change_form_data
from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db

NUL_REFUSED = "Null characters are not allowed."


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.mark.parametrize("field", ["title", "standfirst", "body_html"])
def test_a_nul_in_the_article_form_is_refused_with_a_message_and_nothing_is_saved(editor_client, field):
    article = ArticleFactory()
    before = getattr(article, field)
    data = change_form_data(editor_client.get(change_url(article)))
    data[field] = "Half\x00way"

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 200
    assert NUL_REFUSED in response.content.decode()
    article.refresh_from_db()
    assert getattr(article, field) == before


def test_other_control_characters_are_dropped_from_the_article(editor_client):
    article = ArticleFactory()
    data = change_form_data(editor_client.get(change_url(article)))
    data["title"] = "Council\x1b[31m passes\x07 budget"
    data["standfirst"] = "After\x08 a long debate."
    data["body_html"] = "The council\x0b met\x0c on Tuesday\x01.\r\n\r\nTabs\tstay as spaces."

    assert editor_client.post(change_url(article), data).status_code == 302

    article.refresh_from_db()
    assert article.title == "Council[31m passes budget"
    assert article.standfirst == "After a long debate."
    assert article.body == "The council met on Tuesday.\n\nTabs stay as spaces."


@pytest.mark.parametrize("prefix", ["claims", "quotations"])
def test_a_nul_in_a_claims_or_quotations_words_is_refused_and_nothing_is_saved(editor_client, prefix):
    article = ArticleFactory()
    data = change_form_data(editor_client.get(change_url(article)))
    data[f"{prefix}-0-exact"] = "Crime fell\x00 by 12 percent"
    if prefix == "claims":
        data["claims-0-kind"] = "statistic"
    else:
        data["quotations-0-speaker"] = str(PersonFactory().pk)
        data["quotations-0-obtained"] = "interview"

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 200
    assert NUL_REFUSED in response.content.decode()
    assert not Claim.objects.exists() and not Quotation.objects.exists()


def test_the_claim_page_refuses_a_nul_and_drops_other_controls(editor_client):
    article = ArticleFactory()
    url = reverse("admin:articles_claim_add")
    management = {
        "citations-TOTAL_FORMS": "0",
        "citations-INITIAL_FORMS": "0",
        "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000",
    }
    fields = {"article": str(article.pk), "kind": "statistic", **management}

    refused = editor_client.post(url, {**fields, "exact": "Crime fell\x00 by 12 percent"})
    assert refused.status_code == 200
    assert NUL_REFUSED in refused.content.decode()
    assert not Claim.objects.exists()

    saved = editor_client.post(url, {**fields, "exact": "Crime fell\x1b by 12 percent"})
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    assert Claim.objects.get().exact == "Crime fell by 12 percent"


def test_sources_and_people_refuse_a_nul_and_drop_other_controls(editor_client):
    source_url = reverse("admin:sources_source_add")
    source = {"kind": "report", "url": "https://example.org/report"}
    refused = editor_client.post(source_url, {**source, "title": "Annual\x00 report"})
    assert refused.status_code == 200 and NUL_REFUSED in refused.content.decode()
    assert not Source.objects.exists()
    assert editor_client.post(source_url, {**source, "title": "Annual\x07 report"}).status_code == 302
    assert Source.objects.get().title == "Annual report"

    person_url = reverse("admin:sources_person_add")
    refused = editor_client.post(person_url, {"name": "Jane\x00 Doe"})
    assert refused.status_code == 200 and NUL_REFUSED in refused.content.decode()
    assert editor_client.post(person_url, {"name": "Jane\x1b Doe"}).status_code == 302
    assert Person.objects.get().name == "Jane Doe"


def test_an_import_drops_control_characters_from_the_text_and_the_title():
    # A few stray controls in a text (many would make it a binary file, refused as such).
    rest = "Crime fell by 12 percent last year, according to the police department. " * 4
    data = f"Council\x1b passes budget\n\nThe council\x08 voted\x07 on Tuesday.\n\n{rest}\n".encode()
    parsed = importing.parse(data, name="budget.txt")
    assert parsed.title == "Council passes budget"
    assert parsed.body == f"The council voted on Tuesday.\n\n{rest.strip()}"

    result = importing.import_file(data, name="budget.txt", title="Given\x1b title", suggest=False)
    assert result.ok, result.messages
    assert Article.objects.get().title == "Given title"
