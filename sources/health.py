"""Checking that sources' URLs still work, so dead links are flagged and readers get the archived copy.

`check_url` asks one URL (no database); `check_sources` asks many with a bounded pool of threads and
records what it found with one bulk update. The standard library's `urllib.request` does the HTTP: a
link check needs one request and its status line, which it does well, and that keeps a network client out of
the runtime dependencies. Redirects are followed here rather than by urllib, so that each hop is
counted, loops end with a clear label, and a redirect to anything but http(s) is never followed.

A HEAD request is tried first (no body to download); when the server answers it with an error (405, 501,
or a 403/404 some servers give only to HEAD) the URL is asked again with GET, whose headers alone are
read. One failed check does not make a link dead: `Source.consecutive_failures` must reach
`settings.SOURCE_DEAD_AFTER` (default 2).
"""

from __future__ import annotations

import contextlib
import http.client
import logging
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import CheckError, Health, Source, dead_after, reader_links_changed

logger = logging.getLogger(__name__)

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
# Percent-encode only what may not appear in a URL; keep what is already encoded as it is.
_URL_SAFE = "/?#[]@!$&'()*+,;=:%~"
# Stored values must fit the model's columns.
_MAX_FINAL_URL = Source._meta.get_field("final_url").max_length
_MAX_FAILURES = 32767


def default_timeout() -> float:
    return float(getattr(settings, "SOURCE_CHECK_TIMEOUT", 10.0))


def default_concurrency() -> int:
    return max(1, int(getattr(settings, "SOURCE_CHECK_CONCURRENCY", 8)))


def default_max_redirects() -> int:
    return max(0, int(getattr(settings, "SOURCE_CHECK_MAX_REDIRECTS", 5)))


def user_agent() -> str:
    return getattr(
        settings,
        "SOURCE_CHECK_USER_AGENT",
        "NewsroomLinkChecker/1.0 (checks that cited sources are still online)",
    )


@dataclass(frozen=True)
class CheckResult:
    """What asking one URL found: an HTTP status after redirects, or an error label (CheckError)."""

    url: str
    status_code: int | None = None
    error: str = ""
    final_url: str = ""
    redirects: int = 0
    method: str = "HEAD"
    detail: str = ""  # the exception's text, for logs
    checked_at: datetime = field(default_factory=timezone.now)

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300

    @property
    def redirected(self) -> bool:
        return self.ok and self.redirects > 0 and self.final_url != self.url

    @property
    def health(self) -> str:
        """This check alone: OK, REDIRECTED or UNREACHABLE (only repeated failures make DEAD)."""
        if not self.ok:
            return Health.UNREACHABLE
        return Health.REDIRECTED if self.redirected else Health.OK

    @property
    def label(self) -> str:
        """“200”, “404”, “timeout”, “too many redirects”..."""
        if self.status_code is not None:
            return str(self.status_code)
        return CheckError(self.error).label if self.error else ""


class _NoRaise(urllib.request.HTTPErrorProcessor):
    """Hand every response back as it is: redirects and errors are answers to record, not exceptions."""

    def http_response(self, request, response):
        return response

    https_response = http_response


def plain_opener() -> urllib.request.OpenerDirector:
    """An opener that follows no redirect and raises for no HTTP status (ours are answers to read)."""
    # Subclassing HTTPErrorProcessor replaces urllib's, so its redirect handler is never reached.
    return urllib.request.build_opener(_NoRaise)


def ascii_url(url: str) -> str:
    """The URL as HTTP sends it: an IDNA host and a percent-encoded path and query."""
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    with contextlib.suppress(UnicodeError):  # else left as it is; the request then fails
        host = host.encode("idna").decode("ascii")
    netloc = host if ":" not in host else f"[{host}]"
    if parts.port is not None:
        netloc = f"{netloc}:{parts.port}"
    if parts.username or parts.password:
        netloc = f"{parts.netloc.rpartition('@')[0]}@{netloc}"
    return urlunsplit(
        (parts.scheme, netloc, quote(parts.path, safe=_URL_SAFE), quote(parts.query, safe=_URL_SAFE), "")
    )


def _is_web_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def classify(exc: BaseException) -> str:
    """The CheckError label for an exception raised while asking a URL."""
    if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, BaseException):
        exc = exc.reason
    if isinstance(exc, TimeoutError):  # socket.timeout is TimeoutError
        return CheckError.TIMEOUT
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):
        return CheckError.TLS
    if isinstance(exc, socket.gaierror):
        return CheckError.DNS
    if isinstance(exc, ConnectionRefusedError):
        return CheckError.CONNECTION_REFUSED
    # RemoteDisconnected (closed without an answer) is a ConnectionResetError too.
    if isinstance(exc, ConnectionResetError | ConnectionAbortedError | BrokenPipeError):
        return CheckError.CONNECTION_RESET
    if isinstance(exc, http.client.InvalidURL | ValueError):
        return CheckError.INVALID_URL
    return CheckError.OTHER


def _ask(opener, url: str, method: str, timeout: float) -> tuple[int, str | None]:
    request = urllib.request.Request(  # noqa: S310 (the scheme is checked to be http(s) before)
        ascii_url(url),
        method=method,
        headers={
            "User-Agent": user_agent(),
            "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8",
        },
    )
    with opener.open(request, timeout=timeout) as response:
        # Only the status line and headers are wanted; closing drops any body unread.
        return response.status, response.headers.get("Location")


def _follow(url: str, method: str, *, timeout: float, max_redirects: int) -> CheckResult:
    opener = plain_opener()
    current = url
    redirects = 0
    while True:
        if not _is_web_url(current):
            error = CheckError.BAD_REDIRECT if redirects else CheckError.INVALID_URL
            return CheckResult(url, error=error, final_url=current, redirects=redirects, method=method)
        try:
            status, location = _ask(opener, current, method, timeout)
        except (OSError, http.client.HTTPException, ValueError) as exc:
            return CheckResult(
                url,
                error=classify(exc),
                final_url=current,
                redirects=redirects,
                method=method,
                detail=f"{type(exc).__name__}: {exc}",
            )
        if status not in REDIRECT_CODES or not location:
            return CheckResult(
                url, status_code=status, final_url=current, redirects=redirects, method=method
            )
        if redirects >= max_redirects:
            return CheckResult(
                url,
                error=CheckError.TOO_MANY_REDIRECTS,
                final_url=current,
                redirects=redirects,
                method=method,
            )
        current = urljoin(current, location.strip())
        redirects += 1


def check_url(url: str, *, timeout: float | None = None, max_redirects: int | None = None) -> CheckResult:
    """Ask `url` (HEAD, then GET when HEAD is refused), following at most `max_redirects` redirects.

    Never raises for network trouble: the result carries the status or an error label. Touches no
    database, so it is safe in a worker thread.
    """
    timeout = default_timeout() if timeout is None else timeout
    max_redirects = default_max_redirects() if max_redirects is None else max_redirects
    result = _follow(url, "HEAD", timeout=timeout, max_redirects=max_redirects)
    if result.status_code is not None and result.status_code >= 400:
        result = _follow(url, "GET", timeout=timeout, max_redirects=max_redirects)
    return result


@dataclass
class CheckSummary:
    """What a run of check_sources found. `counts` has every Health state except UNCHECKED."""

    checked: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    dead: list[Source] = field(default_factory=list)
    newly_dead: list[Source] = field(default_factory=list)
    results: dict[str, CheckResult] = field(default_factory=dict)
    seconds: float = 0.0
    # Set when nothing was recorded because no URL answered at all (see looks_like_outage).
    outage: str = ""


# Errors that mean "no answer": when every URL of a run fails with one of these, the fault is most likely
# ours (the checking machine lost its network or DNS), not every publisher's at once.
NO_ANSWER = frozenset(
    {
        CheckError.TIMEOUT,
        CheckError.CONNECTION_RESET,
        CheckError.CONNECTION_REFUSED,
        CheckError.DNS,
        CheckError.TLS,
        CheckError.OTHER,
    }
)
# Below this many different hosts, all failing together proves nothing about our own network (one
# publisher's domain may simply have gone). URLs left unrecorded stay due and join the next run.
OUTAGE_MIN_HOSTS = 5


def looks_like_outage(results: list[CheckResult]) -> bool:
    """Whether a run's results suggest the checker is offline: several hosts and not one HTTP answer."""
    hosts = {urlsplit(result.url).hostname for result in results}
    return len(hosts) >= OUTAGE_MIN_HOSTS and all(result.error in NO_ANSWER for result in results)


# Written by check_sources; `updated_at` only when the reader's link changes (see _record).
HEALTH_FIELDS = [
    "checked_url",
    "last_checked_at",
    "last_status_code",
    "last_error",
    "final_url",
    "health",
    "consecutive_failures",
    "updated_at",
]


def _record(source: Source, result: CheckResult, *, threshold: int, now: datetime) -> bool:
    """Set `source`'s health fields from `result`; True when the link has just become dead.

    `updated_at` is left an expression for the bulk update; check_sources puts a value back afterwards.
    """
    was_dead = source.is_dead
    was_reader_url = source.reader_url
    if source.checked_url != source.url:
        source.consecutive_failures = 0  # a new URL starts a new count
    source.checked_url = source.url
    source.last_checked_at = result.checked_at
    source.last_status_code = result.status_code
    source.last_error = result.error
    source.final_url = result.final_url[:_MAX_FINAL_URL]
    if result.ok:
        source.consecutive_failures = 0
        source.health = result.health
    else:
        source.consecutive_failures = min(source.consecutive_failures + 1, _MAX_FAILURES)
        source.health = Health.DEAD if source.consecutive_failures >= threshold else Health.UNREACHABLE
    # Reader pages are cached by the sources' `updated_at`: bump it when what readers see changes, and
    # otherwise write the column back as it is in the database (not the value read before the checks).
    changed = source.is_dead != was_dead or source.reader_url != was_reader_url
    source.updated_at = now if changed else F("updated_at")
    return source.is_dead and not was_dead


def check_sources(
    sources,
    *,
    concurrency: int | None = None,
    timeout: float | None = None,
    max_redirects: int | None = None,
) -> CheckSummary:
    """Check every source's URL, at most `concurrency` at a time, and record the results.

    `sources` is a queryset or an iterable of Source; those without a URL are skipped, and a URL shared by
    several sources is asked once. The results are written with one bulk update of the health fields
    only, so an editor's concurrent changes to other fields are kept; a URL edited while it was being
    checked keeps its new value and reads as unchecked (`checked_url` records what was asked). When no
    URL of the run got any HTTP answer, nothing is recorded and `summary.outage` says why.
    """
    started = time.monotonic()
    concurrency = default_concurrency() if concurrency is None else max(1, concurrency)
    timeout = default_timeout() if timeout is None else timeout
    sources = [source for source in sources if source.url]
    summary = CheckSummary()
    urls = list(dict.fromkeys(source.url for source in sources))
    if not urls:
        return summary

    ask = partial(check_url, timeout=timeout, max_redirects=max_redirects)
    with ThreadPoolExecutor(
        max_workers=min(concurrency, len(urls)), thread_name_prefix="check-source"
    ) as pool:
        summary.results = dict(zip(urls, pool.map(ask, urls), strict=True))
    if looks_like_outage(list(summary.results.values())):
        # Recording these would count a failure against every source and, repeated, send every reader to
        # the archive because our network was down. Record nothing and say so.
        errors = Counter(CheckError(result.error).label for result in summary.results.values())
        why = ", ".join(f"{count} {label}" for label, count in errors.most_common())
        summary.outage = (
            f"None of the {len(urls)} URLs answered ({why}): is this server offline? Nothing was recorded."
        )
        summary.seconds = time.monotonic() - started
        logger.error("check_sources: %s", summary.outage)
        return summary

    threshold = dead_after()
    now = timezone.now()
    loaded = [source.updated_at for source in sources]
    for source in sources:
        if _record(source, summary.results[source.url], threshold=threshold, now=now):
            summary.newly_dead.append(source)
    Source.objects.bulk_update(sources, HEALTH_FIELDS, batch_size=500)
    changed = []
    for source, updated_at in zip(sources, loaded, strict=True):
        if isinstance(source.updated_at, datetime):
            changed.append(source)
        else:
            source.updated_at = updated_at
    if changed:
        transaction.on_commit(partial(reader_links_changed.send, sender=Source, sources=changed))

    summary.checked = len(sources)
    counted = Counter(source.health for source in sources)
    summary.counts = {state: counted[state] for state in Health.values if state != Health.UNCHECKED}
    summary.dead = [source for source in sources if source.health == Health.DEAD]
    summary.seconds = time.monotonic() - started
    for source in summary.newly_dead:
        result = summary.results[source.url]
        logger.warning("Source %s is dead: %s (%s)", source.pk, source.url, result.detail or result.label)
    return summary
