"""Standing pages: the policies structured data points at exist by default and escape editor text."""

import pytest

from pages.models import Page

pytestmark = pytest.mark.django_db


def test_policy_pages_exist_by_default(client):
    for slug in (Page.PUBLISHING_PRINCIPLES, Page.CORRECTIONS_POLICY, Page.FACT_CHECKING_POLICY):
        assert client.get(f"/about/{slug}/").status_code == 200


def test_page_body_is_plain_text_in_paragraphs(client):
    Page.objects.create(title="Ethics", slug="ethics", body="First <b>para</b>.\n\nSecond para.")
    html = client.get("/about/ethics/").content.decode()
    assert "<p>First &lt;b&gt;para&lt;/b&gt;.</p>" in html and "<p>Second para.</p>" in html
    assert '<a href="/about/ethics/">Ethics</a>' in html  # linked from the footer
