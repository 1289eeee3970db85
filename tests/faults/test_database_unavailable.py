"""A database error becomes a clean 503 page with Retry-After, wherever in the request it happens."""

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import InterfaceError, OperationalError
from django.test import Client

from newsroom.middleware import RETRY_AFTER
from reader import live

pytestmark = pytest.mark.django_db


def assert_clean_503(response):
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER)
    assert "no-store" in response["Cache-Control"]
    assert "right back" in html and "Traceback" not in html and "OperationalError" not in html


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_database_error_in_a_view_gives_a_503_page(client, monkeypatch, error):
    def down(slug):
        raise error("connection to server at 127.0.0.1 failed: Connection refused")

    # The article page's first read is its stored rendering; a page not rendered yet reads the article.
    monkeypatch.setattr(live, "rendering_at", down)
    monkeypatch.setattr(live, "article_at", down)
    assert_clean_503(client.get("/articles/anything/"))


def test_a_database_error_in_a_middleware_gives_a_503_page_too(monkeypatch):
    def down(self, request, response):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(SessionMiddleware, "process_response", down)
    assert_clean_503(Client(raise_request_exception=False).get("/robots.txt"))


def test_other_errors_are_not_disguised(monkeypatch):
    def broken(slug):
        raise ValueError("a bug")

    monkeypatch.setattr(live, "rendering_at", broken)
    monkeypatch.setattr(live, "article_at", broken)
    response = Client(raise_request_exception=False).get("/articles/anything/")
    assert response.status_code == 500
