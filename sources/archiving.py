"""Asking a web archive to keep a copy of a source, so the evidence survives the original page.

The archive is reached through an adapter: any class with `save(url) -> ArchiveResult`, named by the
dotted path in `settings.ARCHIVE_ADAPTER`. The default, `SavePageNowAdapter`, speaks the simple
Save-Page-Now protocol (the Internet Archive's original one, which other archives and tools copy):

    GET {ARCHIVE_SERVICE_URL}/save/{the page's URL}      Authorization: <ARCHIVE_SERVICE_AUTH>, when set

A 2xx or 3xx answer names the snapshot in its `Content-Location` header (or, for a redirect, `Location`),
absolute or relative to the service; redirects are not followed. Any other answer, a missing header or no
answer within ARCHIVE_TIMEOUT seconds is a failure, reported in words an editor can act on. A service
that works differently (the Internet Archive's authenticated SPN2 API, which answers with a job to poll,
or another archive) gets its own adapter class; nothing else changes.

`request_archive` is the one way to ask: it checks the user's right, records the request (who, when),
calls the adapter outside any transaction, and then records either the copy's address or the error. The
address is written only together with the "saved" status, so nothing is half-saved.
"""

from __future__ import annotations

import http.client
import json
import logging
import urllib.request
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from urllib.parse import urljoin

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from newsroom.names import display_name

from .health import ascii_url, classify, plain_opener, user_agent
from .models import ArchiveStatus, CheckError, Source, reader_links_changed, web_url

logger = logging.getLogger(__name__)

PERMISSION = "sources.change_source"
DEFAULT_ADAPTER = "sources.archiving.SavePageNowAdapter"
_MAX_ARCHIVED_URL = Source._meta.get_field("archived_url").max_length


def archive_timeout() -> float:
    return float(getattr(settings, "ARCHIVE_TIMEOUT", 60.0))


@dataclass(frozen=True)
class ArchiveResult:
    """An adapter's answer: the snapshot's address, or an error message for the editor."""

    snapshot_url: str = ""
    error: str = ""

    @property
    def ok(self) -> bool:
        return bool(self.snapshot_url) and not self.error

    @classmethod
    def saved(cls, snapshot_url: str) -> ArchiveResult:
        return cls(snapshot_url=snapshot_url)

    @classmethod
    def failed(cls, error: str) -> ArchiveResult:
        return cls(error=error)


class SavePageNowAdapter:
    """`GET {service}/save/{url}`; the snapshot's address comes back in Content-Location (or Location)."""

    def __init__(
        self, service_url: str | None = None, *, timeout: float | None = None, auth: str | None = None
    ):
        service_url = getattr(settings, "ARCHIVE_SERVICE_URL", "") if service_url is None else service_url
        if not service_url:
            raise ImproperlyConfigured(
                "No archiving service is configured: set ARCHIVE_SERVICE_URL (e.g. https://web.archive.org)."
            )
        self.service_url = service_url.rstrip("/")
        self.timeout = archive_timeout() if timeout is None else timeout
        self.auth = getattr(settings, "ARCHIVE_SERVICE_AUTH", "") if auth is None else auth

    def save(self, url: str) -> ArchiveResult:
        # The page's URL goes into the path as it is (the service reads everything after /save/),
        # percent-encoded only where HTTP requires it.
        endpoint = f"{self.service_url}/save/{ascii_url(url)}"
        headers = {"User-Agent": user_agent(), "Accept": "*/*"}
        if self.auth:
            headers["Authorization"] = self.auth
        request = urllib.request.Request(endpoint, method="GET", headers=headers)  # noqa: S310 (from settings)
        try:
            with plain_opener().open(request, timeout=self.timeout) as response:
                status, reason = response.status, response.reason
                location = response.headers.get("Content-Location") or response.headers.get("Location")
                body = response.read(4096) if status >= 400 else b""
        except (OSError, http.client.HTTPException, ValueError) as exc:
            logger.warning("Archive service %s failed for %s: %r", endpoint, url, exc)
            label = CheckError(classify(exc)).label
            return ArchiveResult.failed(
                f"The archiving service could not be reached ({label}). Try again later."
            )
        if status >= 400:
            detail = _message(body)
            return ArchiveResult.failed(
                f"The archiving service refused to save the page (HTTP {status} {reason})"
                + (f": {detail}" if detail else ".")
            )
        if not location:
            return ArchiveResult.failed(
                "The archiving service answered without saying where the copy is "
                "(no Content-Location header)."
            )
        return _snapshot(urljoin(f"{self.service_url}/", location.strip()))


def _message(body: bytes) -> str:
    """A short reason from an error body: JSON {"message": ...} (or "error"), else nothing."""
    try:
        data = json.loads(body)
    except ValueError:
        return ""
    if isinstance(data, dict):
        text = data.get("message") or data.get("error") or ""
        return str(text)[:200]
    return ""


def _snapshot(address: str) -> ArchiveResult:
    if len(address) > _MAX_ARCHIVED_URL:
        return ArchiveResult.failed("The archiving service returned an address too long to store.")
    try:
        web_url(address)
    except ValidationError:
        return ArchiveResult.failed("The archiving service returned an address that is not a web page.")
    return ArchiveResult.saved(address)


def get_adapter():
    """An instance of the adapter named by settings.ARCHIVE_ADAPTER (ImproperlyConfigured if unusable)."""
    path = getattr(settings, "ARCHIVE_ADAPTER", "") or DEFAULT_ADAPTER
    try:
        adapter_class = import_string(path)
    except ImportError as exc:
        raise ImproperlyConfigured(f"ARCHIVE_ADAPTER {path!r} cannot be imported: {exc}") from exc
    return adapter_class()


def can_request_archive(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(PERMISSION))


def _pending_for() -> timedelta:
    """How long a request counts as in progress (after that it is taken as abandoned, e.g. a crash)."""
    return timedelta(seconds=archive_timeout() * 2 + 60)


def _who(user) -> str:
    return display_name(user) if user else "someone"


def request_archive(source: Source, *, user, adapter=None) -> ArchiveResult:
    """Ask the archive to save `source.url`, record the request and its outcome; return the outcome.

    Refuses with PermissionDenied without `sources.change_source`, and with a ValidationError whose code
    is `no_url`, `archive_not_configured` or `archive_pending` (another request for this source is in
    progress). A failure of the service itself is not an exception: it is recorded on the source
    (`archive_status` "failed", `archive_error`) and returned, and the previous archived copy is kept.
    `source` is refreshed with what was stored.
    """
    if not can_request_archive(user):
        raise PermissionDenied("You do not have permission to request archived copies of sources.")
    if not source.url:
        raise ValidationError(f"“{source}” has no web address to archive.", code="no_url")
    if adapter is None:
        try:
            adapter = get_adapter()
        except ImproperlyConfigured as exc:
            raise ValidationError(str(exc), code="archive_not_configured") from exc

    now = timezone.now()
    with transaction.atomic():
        locked = (
            Source.objects.select_for_update(of=("self",))
            .select_related("archive_requested_by")
            .get(pk=source.pk)
        )
        if (
            locked.archive_status == ArchiveStatus.PENDING
            and locked.archive_requested_at > now - _pending_for()
        ):
            raise ValidationError(
                f"{_who(locked.archive_requested_by)} already asked for an archived copy of “{locked}”; "
                "it is still being made.",
                code="archive_pending",
            )
        url = locked.url
        Source.objects.filter(pk=locked.pk).update(
            archive_status=ArchiveStatus.PENDING,
            archive_requested_at=now,
            archive_requested_by=user,
            archive_error="",
        )

    # The archive may take a while: no transaction or row lock is held meanwhile.
    result = None
    try:
        result = adapter.save(url)
    finally:
        if result is None:  # the adapter raised: record it, then let the error propagate
            _finish(source, ArchiveResult.failed("The archiving service failed unexpectedly."), url)
    return _finish(source, result, url)


def _finish(source: Source, result: ArchiveResult, url: str) -> ArchiveResult:
    """Record `result` for `source`; return it, or the failure it became."""
    fields = [
        "archive_status",
        "archive_error",
        "archive_requested_at",
        "archive_requested_by",
        "archived_url",
        "updated_at",
    ]
    if result.ok:
        # Only while the URL is the one archived: a copy of the old page is no copy of a new URL.
        stored = Source.objects.filter(pk=source.pk, url=url).update(
            archive_status=ArchiveStatus.SAVED,
            archived_url=result.snapshot_url,
            archive_error="",
            updated_at=timezone.now(),  # reader pages are cached by it
        )
        if stored:
            logger.info("Archived source %s (%s) at %s", source.pk, url, result.snapshot_url)
            source.refresh_from_db(fields=fields)
            transaction.on_commit(partial(reader_links_changed.send, sender=Source, sources=[source]))
            return result
        result = ArchiveResult.failed(
            "The source's web address changed while it was being archived; ask again."
        )
    Source.objects.filter(pk=source.pk).update(
        archive_status=ArchiveStatus.FAILED, archive_error=result.error
    )
    source.refresh_from_db(fields=fields)
    return result
