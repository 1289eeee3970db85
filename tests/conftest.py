"""Shared fixtures, and the strict mode CI runs in.

With NEWSROOM_STRICT=1 a skipped test fails the run: CI installs every component the suite needs
(PostgreSQL, ...), so a skip there means something is missing, not that it does not matter.
"""

import os

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from articles.roles import ensure_roles
from tests.factories import UserFactory

STRICT = os.environ.get("NEWSROOM_STRICT") == "1"
_skipped: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if STRICT and _skipped and exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if STRICT and _skipped:
        terminalreporter.write_line(
            f"NEWSROOM_STRICT=1: {len(_skipped)} skipped test(s) fail this run: " + ", ".join(_skipped),
            red=True,
        )


@pytest.fixture(autouse=True, scope="session")
def quick_password_hashing():
    """Django's PBKDF2 iterations are made to be slow, and the suite makes hundreds of users."""
    from django.conf import global_settings
    from django.test.utils import override_settings

    with override_settings(
        PASSWORD_HASHERS=["tests.hashers.QuickPBKDF2PasswordHasher", *global_settings.PASSWORD_HASHERS]
    ):
        yield


@pytest.fixture
def on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (make test starts one when its server binaries are installed)")


@pytest.fixture
def remembering(on_postgres):
    """What staff pages remember (`articles.remembering`), for a transactional test: the generation's
    row (the flush empties every table) and a cache without what earlier tests remembered."""
    from django.core.cache import cache

    from articles.models import Generation

    Generation.objects.get_or_create(pk=Generation.ROW)
    cache.clear()
    yield
    cache.clear()


def _user_in(role: str, **kwargs):
    ensure_roles()  # transactional tests flush the groups the data migration made
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(db):
    return _user_in("Editor", username="editor")


@pytest.fixture
def reporter(db):
    return _user_in("Reporter", username="reporter")


@pytest.fixture
def factchecker(db):
    return _user_in("Fact-checker", username="factchecker")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
