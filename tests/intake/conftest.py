"""Articles written the way imports arrive, for the importing tests."""

import pytest
from django.contrib.auth.models import Group, Permission

from articles.roles import ensure_roles

STORY = """City council approves $4.2 million budget

Byline: Sam Writer
Source-URL: https://example.org/news/budget
Published: 2024-03-05

The city council voted 5-2 on Tuesday to approve a $4.2 million parks budget, according to the clerk.

"We are proud of this work," said Mayor Jane Doe. "It is only the start."

Crime fell by 12 percent last year, according to the Springfield Police Department.

Council member Tom Becker said the increase was too small. "It will not fix a single playground," he said.
"""


@pytest.fixture
def story_bytes() -> bytes:
    return STORY.encode("utf-8")


@pytest.fixture(autouse=True)
def suggestion_rights(db):
    """Editors and reporters see and correct suggestions (view/change_suggestion).

    The roles table (articles/roles.py) does not list the Suggestion model yet; this grants what it
    should, and is a no-op once it does.
    """
    ensure_roles()
    rights = Permission.objects.filter(
        content_type__app_label="articles", codename__in=["view_suggestion", "change_suggestion"]
    )
    for name in ("Editor", "Reporter"):
        Group.objects.get(name=name).permissions.add(*rights)
