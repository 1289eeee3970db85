"""Every staff URL is refused to anonymous users and to each role that lacks the right.

Admin pages are enumerated from the admin's own registry, so a new model admin is covered as soon as it
is registered. Expectations come from the roles table (articles/roles.py), not from the code under test.
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from articles.models import Article
from articles.roles import ROLES
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

ROLE_OF = {"editor": "Editor", "reporter": "Reporter", "factchecker": "Fact-checker"}


def granted(role: str, app_label: str, codename: str) -> bool:
    actions = ROLES[ROLE_OF[role]].get(app_label, {})
    action, _, model = codename.partition("_")
    return action in actions.get(model, [])


def admin_pages():
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        yield (
            reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
            lambda role, o=opts: (
                granted(role, o.app_label, f"view_{o.model_name}")
                or granted(role, o.app_label, f"change_{o.model_name}")
            ),
        )
        if model_admin.has_add_permission.__func__ is admin.ModelAdmin.has_add_permission:
            yield (
                reverse(f"admin:{opts.app_label}_{opts.model_name}_add"),
                lambda role, o=opts: granted(role, o.app_label, f"add_{o.model_name}"),
            )


def client_for(request, role):
    client = Client()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


@pytest.mark.parametrize("role", ["anonymous", *ROLE_OF])
def test_admin_pages_follow_the_roles(request, role):
    client = client_for(request, role)
    for url, allowed in admin_pages():
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302 and "/login/" in response["Location"], url
        elif allowed(role):
            assert response.status_code == 200, (role, url)
        else:
            assert response.status_code == 403, (role, url, response.status_code)


@pytest.mark.parametrize("role", ["anonymous", *ROLE_OF])
def test_article_staff_actions_follow_the_roles(request, role):
    client = client_for(request, role)
    article = ArticleFactory()
    article.revisions.create(number=1, title=article.title, body=article.body, slug=article.slug)
    urls = {
        reverse("reader:preview", args=[article.pk]): "view",
        reverse("reader:preview_revision", args=[article.pk, 1]): "view",
        reverse("admin:articles_article_presence", args=[article.pk]): "view",
        reverse("admin:articles_article_compare", args=[article.pk, 1, 1]): "view",
    }
    for url, _ in urls.items():
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302 and "/login/" in response["Location"], url
        else:
            assert response.status_code == 200, (role, url)
    lock = client.post(reverse("admin:articles_article_lock", args=[article.pk]), {"action": "lock"})
    restore = client.post(reverse("admin:articles_article_restore", args=[article.pk, 1]))
    article.refresh_from_db()
    if role == "editor":
        assert article.locked_by is not None and restore.status_code == 302
    else:
        assert article.locked_by is None  # reporters may not edit others' articles, nor lock them
        assert article.revisions.count() == 1  # no restore happened
    if role == "anonymous":
        assert "/login/" in lock["Location"] and "/login/" in restore["Location"]


def test_anonymous_posts_to_desk_actions_change_nothing(client):
    from tests.factories import ClaimFactory, SourceFactory

    claim, source = ClaimFactory(), SourceFactory()
    assert not AnonymousUser().has_perm("articles.view_article")
    for action, data in [
        ("assign", {}),
        ("attach", {"source": source.pk}),
        ("verdict", {"status": "verified", "reason": "x"}),
    ]:
        response = client.post(reverse(f"desk:{action}", args=["claim", claim.pk]), data)
        assert response.status_code == 302 and "/login/" in response["Location"], action
    claim.refresh_from_db()
    assert claim.assignee is None and claim.check_status == "unstarted"
    assert not claim.citations.exists()


def test_a_refusal_page_says_why_and_offers_a_way_back(reporter, client):
    claim = ClaimFactory(article=ArticleFactory(status=Article.Status.READY))
    client.force_login(reporter)
    response = client.post(reverse("admin:articles_claim_delete", args=[claim.pk]), {"post": "yes"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "You may not do this" in page
    assert 'href="/admin/"' in page and 'href="/"' in page
    assert 'href="/desk/"' not in page  # a reporter is not offered another refusal


@pytest.mark.parametrize(("role", "linked"), [("factchecker", True), ("editor", True), ("reporter", False)])
def test_staff_pages_link_the_desk_for_those_who_work_it(role, linked, request, client):
    client.force_login(request.getfixturevalue(role))
    assert ('href="/desk/"' in client.get("/admin/").content.decode()) == linked


@pytest.mark.parametrize(
    ("role", "home"), [("factchecker", "/desk/"), ("editor", "/admin/"), ("reporter", "/admin/")]
)
def test_logging_in_lands_each_role_on_its_home(role, home, request, client):
    user = request.getfixturevalue(role)
    user.set_password("pass-word-1")
    user.save()
    login = reverse("admin:login")
    response = client.post(login, {"username": user.username, "password": "pass-word-1", "next": "/admin/"})
    assert response.url == home
    client.logout()
    asked = client.post(
        login, {"username": user.username, "password": "pass-word-1", "next": "/admin/articles/article/"}
    )
    assert asked.url == "/admin/articles/article/"  # a page asked for is always honoured


@pytest.mark.parametrize("role", ["anonymous", *ROLE_OF])
@pytest.mark.parametrize("path", ["admin", "desk"])
def test_signing_off_a_fact_check_follows_the_roles(request, role, path):
    """Signing off is the fact-checker's (and editor's) move, from the admin page or the desk."""
    client = client_for(request, role)
    article = ArticleFactory(status=Article.Status.FACT_CHECK)
    if path == "admin":
        url = reverse("admin:articles_article_move", args=[article.pk])
        client.post(url, {"_move": "sign_off"})
    else:
        client.post(reverse("desk:sign_off", args=[article.pk]))
    article.refresh_from_db()
    signed = article.status == Article.Status.READY
    assert signed == granted_sign_off(role), (role, path)


def granted_sign_off(role: str) -> bool:
    return role != "anonymous" and granted(role, "articles", "signoff_article")
