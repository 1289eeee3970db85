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

NO_ACTIONS = {"articles/claim", "articles/quotation"}  # changed on their article, one by one


@pytest.mark.parametrize("model, per_page", LISTS.items())
def test_a_staff_list_counts_its_rows_once(admin_client, model, per_page):
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(f"/admin/{model}/")
    assert response.status_code == 200
    counts = [q["sql"] for q in queries if q["sql"].startswith("SELECT COUNT(*)")]
    assert len(counts) == 1, counts
    assert response.context["cl"].list_per_page == per_page


@pytest.mark.parametrize("model", [m for m in LISTS if m not in NO_ACTIONS])
def test_a_staff_lists_actions_bar_is_the_markup_djangos_renderer_writes(admin_client, model):
    import re

    from django.contrib.admin import helpers

    response = admin_client.get(f"/admin/{model}/")
    form = response.context["action_form"]
    djangos = helpers.ActionForm(auto_id=None)
    djangos.fields["action"].choices = form.fields["action"].choices
    html = response.content.decode()
    for name in ("action", "select_across"):
        ours = str(form[name])
        assert re.sub(r">\s+<", "><", ours) == re.sub(r">\s+<", "><", str(djangos[name]))
        assert ours in html
