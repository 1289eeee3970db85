"""Every staff list counts its rows once (not twice, as Django's admin does by default) and shows 50 a
page, but for the suggestions, which editors decide an article's worth at a time."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

# Each list and the rows a page of it shows.
LISTS = {
    "articles/article": 50,
    "articles/claim": 50,
    "articles/quotation": 50,
    "articles/image": 50,
    "articles/tag": 50,
    "articles/suggestion": 100,
    "sources/source": 50,
    "sources/person": 50,
}


@pytest.mark.parametrize("model, per_page", LISTS.items())
def test_a_staff_list_counts_its_rows_once(admin_client, model, per_page):
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(f"/admin/{model}/")
    assert response.status_code == 200
    counts = [q["sql"] for q in queries if q["sql"].startswith("SELECT COUNT(*)")]
    assert len(counts) == 1, counts
    assert response.context["cl"].list_per_page == per_page
