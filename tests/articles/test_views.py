import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import publishing
from articles.models import Claim
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    SourceFactory,
    sourced_claim,
    sourced_quotation,
)

pytestmark = pytest.mark.django_db


def published_article(**kwargs):
    article = ArticleFactory(**kwargs)
    sourced_claim(article=article)
    sourced_quotation(article=article)
    publishing.publish(article)
    return article


def test_draft_article_is_404_to_readers(client):
    article = ArticleFactory()
    sourced_claim(article=article)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_draft_article_is_404_even_to_staff(editor_client):
    # Previews are a separate, explicit feature; the public URL never shows a draft.
    article = ArticleFactory()
    assert editor_client.get(article.get_absolute_url()).status_code == 404


def test_published_article_marks_claims_with_numbered_sources(client):
    article = ArticleFactory()
    claim = ClaimFactory(article=article)
    source = SourceFactory(title="City budget 2026", publisher="City of Springfield")
    CitationFactory(claim=claim, source=source, locator="p. 12")
    sourced_quotation(article=article)
    publishing.publish(article)

    html = client.get(article.get_absolute_url()).content.decode()

    assert (
        f'<span class="claim" id="claim-{claim.pk}">budget of 4.2 million dollars</span>'
        '<sup class="note-ref"><a href="#note-1" id="ref-1" aria-label="Source 1">1</a></sup>'
    ) in html
    assert '<li id="note-1">' in html
    assert f'<a href="{source.url}" rel="noopener">City budget 2026</a>, City of Springfield' in html
    assert "p. 12" in html
    assert 'href="#ref-1"' in html  # back link from the note to the text


def test_quotation_is_attributed_to_its_speaker(client):
    article = ArticleFactory()
    sourced_claim(article=article)
    quotation = sourced_quotation(article=article)
    publishing.publish(article)

    html = client.get(article.get_absolute_url()).content.decode()

    assert f'<q class="quotation" id="quotation-{quotation.pk}"' in html
    assert f'<span class="speaker">{quotation.speaker.name}</span>' in html


def test_reader_page_escapes_editor_text(client):
    article = ArticleFactory(title="<script>alert(1)</script>", body="A <b>bold</b> claim & more.")
    claim = ClaimFactory(article=article, exact="<b>bold</b>")
    CitationFactory(claim=claim, source=SourceFactory(title="<img src=x onerror=alert(1)>"))
    publishing.publish(article)

    html = client.get(article.get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in html and "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "<img src=x" not in html


def test_claim_added_after_publishing_is_not_footnoted_until_sourced(client):
    article = published_article()
    late = ClaimFactory(article=article, exact="Crime fell by 12 percent")

    html = client.get(article.get_absolute_url()).content.decode()
    assert f'id="claim-{late.pk}"' not in html
    assert Claim.objects.needing_source().get() == late


def test_article_page_query_count_does_not_grow_with_claims(client, django_assert_num_queries):
    article = published_article()
    with CaptureQueriesContext(connection) as one:
        client.get(article.get_absolute_url())
    for _ in range(100):
        sourced_claim(article=article, exact="Crime fell by 12 percent")
        sourced_quotation(article=article, exact="It is only the start.")
    publishing.publish(article)
    with django_assert_num_queries(len(one)):
        response = client.get(article.get_absolute_url())
    assert response.content.decode().count('class="claim"') == 101


def test_live_page_keeps_the_published_version_while_the_working_copy_changes(client):
    article = published_article(title="Budget passes")
    article.title = "Budget passes after a late-night vote"
    article.body = article.body.replace("Tuesday", "Wednesday")
    article.save()
    sourced_claim(article=article, exact="Crime fell by 12 percent")

    html = client.get(article.get_absolute_url()).content.decode()
    assert "Budget passes</h1>" in html and "Tuesday" in html and "Wednesday" not in html
    assert html.count('class="claim"') == 1

    publishing.publish(article)

    html = client.get(article.get_absolute_url()).content.decode()
    assert "Budget passes after a late-night vote</h1>" in html and "Wednesday" in html
    assert html.count('class="claim"') == 2


def test_publishing_an_unchanged_live_article_keeps_its_revision():
    article = published_article()
    live = article.live_revision
    publishing.publish(article)
    article.refresh_from_db()
    assert article.live_revision == live
