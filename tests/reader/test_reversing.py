"""`reversing.path` answers as `reverse` does, under the URLconf and script prefix of the moment."""

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import NoReverseMatch, path, reverse, set_script_prefix

from articles import reversing

urlpatterns = [path("elsewhere/<slug:slug>/", lambda request, slug: HttpResponse(), name="moved")]


@pytest.mark.parametrize(
    ("name", "args", "kwargs"),
    [
        ("articles:home", (), {}),
        ("articles:feed", (), {}),
        ("articles:detail", (), {"slug": "budget-passes"}),
        ("articles:tag", ("water",), {}),
        ("articles:author", (7,), {}),
    ],
)
def test_the_same_url_as_reverse(name, args, kwargs):
    expected = reverse(name, args=args or None, kwargs=kwargs or None)
    assert reversing.path(name, *args, **kwargs) == expected
    assert reversing.path(name, *args, **kwargs) == expected  # asked again: remembered, still the same


def test_a_changed_urlconf_is_not_answered_from_memory():
    assert reversing.path("articles:detail", slug="x") == "/articles/x/"
    with override_settings(ROOT_URLCONF=__name__):
        assert reversing.path("moved", slug="x") == "/elsewhere/x/"
        with pytest.raises(NoReverseMatch):
            reversing.path("articles:detail", slug="x")
    assert reversing.path("articles:detail", slug="x") == "/articles/x/"


def test_the_script_prefix_is_part_of_the_answer():
    assert reversing.path("articles:detail", slug="x") == "/articles/x/"
    set_script_prefix("/news/")
    try:
        assert reversing.path("articles:detail", slug="x") == "/news/articles/x/"
    finally:
        set_script_prefix("/")


def test_a_url_pattern_fills_in_each_object():
    source_url = reversing.UrlPattern("articles:source")
    assert [source_url(pk) for pk in (1, 23)] == [reverse("articles:source", args=[pk]) for pk in (1, 23)]
