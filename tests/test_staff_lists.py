"""Every staff list counts its rows once (not twice, as Django's admin does by default) and shows a page
of at most 100 (50 but for the suggestions, which editors decide an article's worth at a time)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

LISTS = [
    "articles/article",
    "articles/claim",
    "articles/quotation",
    "articles/image",
    "articles/tag",
    "articles/suggestion",
    "sources/source",
    "sources/person",
]


@pytest.mark.parametrize("model", LISTS)
def test_a_staff_list_counts_its_rows_once(admin_client, model):
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(f"/admin/{model}/")
    assert response.status_code == 200
    counts = [q["sql"] for q in queries if q["sql"].startswith("SELECT COUNT(*)")]
    assert len(counts) == 1, counts
    assert response.context["cl"].list_per_page <= 100
