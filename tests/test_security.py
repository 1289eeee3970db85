"""Security settings: production passes Django's deploy checks, CSP is sent, logins are throttled."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    environment.update(env)
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "news.example.org",
}


def test_production_settings_pass_the_deploy_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_admin_url_is_configurable():
    code = "from django.urls import reverse; print(reverse('admin:index'))"
    result = manage("shell", "-c", code, ADMIN_URL="staff-door/", **PRODUCTION)
    assert result.stdout.strip().endswith("/staff-door/"), result.stderr


@pytest.mark.django_db
def test_pages_send_a_content_security_policy(client, editor_client):
    for response in (client.get("/"), editor_client.get(reverse("admin:index"))):
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "object-src 'none'" in policy
        assert "frame-ancestors 'none'" in policy
        assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_password_guessing_is_locked_out_even_for_the_right_password(client):
    UserFactory(username="victim", is_staff=True)
    url = reverse("admin:login")
    for _ in range(4):
        response = client.post(url, {"username": "victim", "password": "guess"})
        assert response.status_code == 200  # the ordinary "wrong password" page
    assert client.post(url, {"username": "victim", "password": "guess"}).status_code == 429
    locked = client.post(url, {"username": "victim", "password": "correct horse battery staple"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_correct_login_before_the_limit_resets_the_count(client):
    UserFactory(username="editor2", is_staff=True)
    url = reverse("admin:login")
    for _ in range(4):
        client.post(url, {"username": "editor2", "password": "guess"})
    ok = client.post(url, {"username": "editor2", "password": "correct horse battery staple"})
    assert ok.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
