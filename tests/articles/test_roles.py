"""The role × action matrix: every newsroom action, tried by every role, checked on the server.

Each action is a plain function call (the same the admin and commands make). A role either may do it
(the call succeeds) or is refused (PermissionDenied) — never silently ignored.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from articles import editing, publishing, revisions, workflow
from articles.models import Article
from tests.factories import ArticleFactory, UserFactory, sourced_claim

pytestmark = pytest.mark.django_db

S = Article.Status


def _article(status=S.DRAFT, **kwargs):
    article = ArticleFactory(status=status, **kwargs)
    sourced_claim(article=article)
    return article


def _own(user):
    return user if user.is_authenticated else None


def _restore_someone_elses(user):
    article = _article()
    return revisions.restore(article, revisions.save_revision(article), user=user)


def _break_lock(user):
    return editing.unlock(_article(locked_by=UserFactory(username="holder")), user=user)


ACTIONS = {
    "submit own draft": lambda u: workflow.move(_article(created_by=_own(u)), "submit", user=u),
    "submit someone else's draft": lambda u: workflow.move(_article(), "submit", user=u),
    "send to fact-check": lambda u: workflow.move(_article(S.IN_REVIEW), "send_to_fact_check", user=u),
    "sign off the fact-check": lambda u: workflow.move(_article(S.FACT_CHECK), "sign_off", user=u),
    "request changes": lambda u: workflow.move(
        _article(S.IN_REVIEW), "request_changes", user=u, comment="Needs a second source"
    ),
    "publish": lambda u: publishing.publish(_article(S.READY), user=u),
    "unpublish": lambda u: workflow.move(_article(S.PUBLISHED), "unpublish", user=u, comment="Legal"),
    "restore a revision of someone else's article": _restore_someone_elses,
    "lock someone else's article": lambda u: editing.lock(_article(), user=u),
    "break someone else's lock": _break_lock,
}


ALLOWED = {
    "editor": set(ACTIONS),
    "reporter": {"submit own draft"},
    "factchecker": {"sign off the fact-check"},
    "anonymous": set(),
}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ALLOWED)
def test_role_may_or_may_not_take_the_action(request, role, action):
    user = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    if action in ALLOWED[role]:
        ACTIONS[action](user)
    else:
        with pytest.raises(PermissionDenied):
            ACTIONS[action](user)
