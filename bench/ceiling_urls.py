"""The project's URLs plus `/__ceiling__/<bytes>/`: the ceiling of this stack on this machine.

The ceiling view goes through the same gunicorn, WSGI handler and middleware as every page, but touches
no database and renders no template: it returns `bytes` bytes of HTML (the size of the article page), so
a page's requests per second divided by the ceiling's says how much the page itself costs.
"""

from functools import cache

from django.http import HttpResponse
from django.urls import path

from newsroom.urls import urlpatterns as project_urlpatterns


@cache
def _body(size: int) -> bytes:
    head = b"<!doctype html><title>ceiling</title><p>"
    return head + b"x" * max(0, size - len(head))


def ceiling(request, size):
    return HttpResponse(_body(min(size, 10_000_000)), content_type="text/html; charset=utf-8")


urlpatterns = [path("__ceiling__/<int:size>/", ceiling), *project_urlpatterns]
