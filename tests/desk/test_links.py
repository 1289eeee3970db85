"""desk.links: a page's routes give the URLs `reverse` gives, each route reversed once."""

from unittest import mock

import pytest
from django.urls import reverse

from desk import links

CASES = [
    ("desk:queue", ()),
    ("desk:item", ("claim", 12)),
    ("desk:item", ("quotation", 7)),
    ("desk:assign", ("claim", 7314159265)),  # a number like the stand-in itself
    ("desk:remove_citation", ("quotation", 3, 45)),
    ("desk:sign_off", (1,)),
    ("admin:articles_article_change", (9,)),
    ("admin:articles_claim_change", (123456789,)),
]


@pytest.mark.parametrize(("name", "args"), CASES)
def test_a_pages_routes_give_what_reverse_gives(name, args):
    routes = links.Routes()
    assert routes(name, *args) == reverse(name, args=args)
    other = tuple(arg + 1 if isinstance(arg, int) else arg for arg in args)
    assert routes(name, *other) == reverse(name, args=other)


def test_each_route_is_reversed_once_per_page_and_kind():
    routes = links.Routes()
    with mock.patch.object(links, "reverse", wraps=reverse) as reversing:
        for pk in range(20):
            routes("desk:item", "claim", pk)
            routes("desk:item", "quotation", pk)
    assert reversing.call_count == 2
