"""Staff permissions are remembered between requests under the generation
(`articles.remembered_permissions`), and a permission granted or taken away counts from the next request.

Transactional tests on PostgreSQL: the generation moves when a write commits.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("remembering")]

PUBLISH = "articles.publish_article"


def fresh(user):
    """The user as the next request loads it: nothing known of their permissions yet."""
    return get_user_model().objects.get(pk=user.pk)


def test_a_users_permissions_are_read_once_per_generation(editor):
    assert fresh(editor).has_perm(PUBLISH)
    with CaptureQueriesContext(connection) as queries:
        again = fresh(editor)
        assert again.has_perm(PUBLISH) and again.has_perm("articles.change_article")
    assert [q["sql"] for q in queries.captured_queries if "auth_permission" in q["sql"]] == []


def test_a_permission_taken_from_a_group_counts_from_the_next_request(editor):
    assert fresh(editor).has_perm(PUBLISH)
    Group.objects.get(name="Editor").permissions.remove(Permission.objects.get(codename="publish_article"))
    assert not fresh(editor).has_perm(PUBLISH)


def test_leaving_a_group_and_losing_superuser_count_from_the_next_request(editor):
    assert fresh(editor).has_perm(PUBLISH)
    editor.groups.clear()
    assert not fresh(editor).has_perm(PUBLISH)
    editor.is_superuser = True
    editor.save()
    assert fresh(editor).has_perm(PUBLISH)
    editor.is_superuser = False
    editor.save()
    assert not fresh(editor).has_perm(PUBLISH)


def test_a_permission_given_to_a_user_counts_from_the_next_request(reporter):
    assert not fresh(reporter).has_perm(PUBLISH)
    reporter.user_permissions.add(Permission.objects.get(codename="publish_article"))
    assert fresh(reporter).has_perm(PUBLISH)


def test_each_user_has_their_own_and_an_inactive_user_has_none(editor, reporter):
    assert fresh(editor).has_perm(PUBLISH) and not fresh(reporter).has_perm(PUBLISH)
    assert not fresh(reporter).has_perm(PUBLISH) and fresh(editor).has_perm(PUBLISH)
    editor.is_active = False
    editor.save()
    assert not fresh(editor).has_perm(PUBLISH)


def test_a_reporter_removed_from_their_role_loses_the_admin_on_the_next_request(client, reporter):
    client.force_login(reporter)
    changelist = reverse("admin:articles_article_changelist")
    assert client.get(changelist).status_code == 200
    reporter.groups.clear()
    assert client.get(changelist).status_code == 403
