"""A user has one display name (`newsroom.names.display_name`), the same in Python, in the reader's Jinja2
templates and in Django's templates, and no other module spells out how it is made."""

import re
from pathlib import Path

import pytest
from django.template import engines

from newsroom.names import display_name
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("articles", "reader", "sources", "pages", "desk", "newsroom", "templates")
HOME = Path("newsroom/names.py")
# `get_full_name() or …` in Python and Jinja2, `get_full_name|default:…` in Django's templates.
SPELLED_OUT = re.compile(r"get_full_name(\(\)\s*or\b|\|default)")


def spelled_out_in() -> list[str]:
    return sorted(
        str(path.relative_to(ROOT))
        for folder in SCANNED
        for path in (ROOT / folder).rglob("*")
        if path.suffix in (".py", ".html", ".txt")
        and "node_modules" not in path.parts
        and SPELLED_OUT.search(path.read_text(encoding="utf-8"))
    )


def test_only_the_names_module_says_how_a_user_is_named():
    assert spelled_out_in() == [str(HOME)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("first", "last", "shown"), [("Dana", "Ortiz", "Dana Ortiz"), ("", "", "dortiz"), ("Dana", "", "Dana")]
)
def test_a_user_is_named_the_same_in_python_and_both_template_languages(first, last, shown):
    user = UserFactory(username="dortiz", first_name=first, last_name=last)
    django = engines["django"].from_string("{% load names %}{{ user|display_name }}")
    jinja = engines["jinja2"].from_string("{{ user|display_name }}")

    assert display_name(user) == shown
    assert django.render({"user": user}) == shown
    assert jinja.render({"user": user}) == shown
