"""Project middleware: a clean 503 while the database is away, and replica reads for reader pages."""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

from . import routers

logger = logging.getLogger(__name__)

# Errors that mean "the database could not answer now" (down, restarting, unreachable, connection
# lost, or a transient conflict such as a deadlock): worth a retry, not a traceback.
DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER = 30  # seconds

UNAVAILABLE_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Temporarily unavailable — Newsroom</title></head>
<body>
<main>
<h1>We will be right back</h1>
<p>The newsroom is briefly unavailable. Nothing you saved is lost. Please try again in a minute.</p>
</main>
</body>
</html>
"""


def unavailable() -> HttpResponse:
    """503 Service Unavailable, with Retry-After, built without the database or templates."""
    response = HttpResponse(UNAVAILABLE_PAGE, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER)
    add_never_cache_headers(response)  # a proxy must not keep serving the outage
    return response


def _note_database_error(sender, request=None, **kwargs):
    # Sent while Django turns an exception raised *outside* a view (in another middleware, e.g. saving
    # a session) into a 500; the exception being handled is the current one.
    if request is not None and isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        request.database_unavailable = True


class DatabaseUnavailableMiddleware:
    """Turn database connection errors into a 503 page instead of a 500 (or a traceback with DEBUG).

    Nothing is retried here: the next request connects again (CONN_HEALTH_CHECKS drops a persistent
    connection that went bad), so the site recovers by itself when the database is back, without
    restarting the app servers. Place it near the top, so it also sees errors of the middleware below it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        got_request_exception.connect(_note_database_error, dispatch_uid="newsroom-database-unavailable")

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, "database_unavailable", False):
            return unavailable()
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.warning("Database unavailable for %s: %s", request.path, exception)
            return unavailable()
        return None


class ReplicaReadsMiddleware:
    """While a view marked `replica_reads` answers a GET or HEAD, its reads may use the replica.

    See newsroom/routers.py for what stays on the primary. Costs nothing without DATABASE_REPLICA_URL.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            token = request.__dict__.pop("_replica_reads_token", None)
            if token is not None:
                routers.stop_replica_reads(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in ("GET", "HEAD") and getattr(view_func, "replica_reads", False):
            request._replica_reads_token = routers.start_replica_reads()
        return None
