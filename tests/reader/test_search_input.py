"""Whatever a reader types into search is answered: control characters (a NUL above all) are dropped."""

import pytest

from reader import search

from .conftest import published

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(db):
    return published(title="Council passes the budget")


def test_a_nul_alone_is_an_empty_search_not_an_error(client, council):
    response = client.get("/search/?q=%00")
    assert response.status_code == 200
    assert 'id="search-q"' in response.content.decode()


def test_control_characters_inside_a_word_are_dropped(client, council):
    response = client.get("/search/?q=coun%00cil%1b%07")
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 result for “council”" in html
    assert "Council passes the budget" in html


def test_only_control_characters_is_an_empty_search(client, council):
    response = client.get("/search/?q=%01%02%1b%7f")
    assert response.status_code == 200
    assert "result" not in response.content.decode()


def test_the_query_is_cleaned_normalised_and_trimmed():
    assert search.query_text(" cafe\u0301\x00 ") == "café"
    assert search.query_text("x" * 500) == "x" * search.MAX_QUERY
