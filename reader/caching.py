"""HTTP caching for reader pages: validators and 304s, and a server-side cache of rendered pages.

**Validators.** The article page's ETag is its stored rendering's key (`reader.fragments` hashes the
revision, the cited sources and quoted people by version, corrections, authors, tags, sign-off and the
menus), read before anything is written; other reader pages hash their content. Browsers and shared
caches keep a page for `MAX_AGE` seconds, then revalidate.

**The page cache** (`settings.PAGE_CACHE`) keeps rendered pages in Django's cache. App servers are many
processes on many machines, so nothing here trusts what one process alone knows:

- *Shared cache* (Redis, `REDIS_URL`): every entry carries the **content generation** it was rendered
  under; the current generation lives in the same cache, and `reader.invalidation` starts a new one
  after every committed change a reader could see (from any server, cron job or shell). A hit costs no
  query and one round trip to the cache, or none for a page this process served lately: Redis tells
  each process when the generation changes (`newsroom.cache`). An entry from an older generation is a
  miss. One generation for the whole site, because a source or a person appears on many pages, and
  such changes are rare next to reads.
- *Local memory* (`LocMemCache`, one per process): a change signalled in one worker cannot reach the
  others, so no page is kept; the article's content is already rendered once and stored.

Only GET/HEAD answers with status 200 that set no cookie and read no session are kept, so a page never
depends on who asked. Entries expire after `PAGE_CACHE_TIMEOUT` seconds, and never live past the next
scheduled appearance of an article, so a page cannot hide one once its time has come, nor show one
early. With a read replica (`DATABASE_REPLICA_URL`), a page rendered within `PAGE_CACHE_REPLICA_LAG`
seconds of a new generation is served but not kept: the replica may not have replayed the change yet.
"""

import hashlib
import logging
import secrets
import threading
import time
from collections import OrderedDict
from functools import lru_cache, wraps

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, get_resolver
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import quote_etag

from articles.models import Article
from newsroom.cache import CACHE_ERRORS

logger = logging.getLogger(__name__)

# Seconds a browser or shared cache may reuse a page before revalidating it.
MAX_AGE = 60
# Bump when the article template changes what it shows, so cached copies of the old layout revalidate.
LAYOUT_VERSION = "reader-1"
GENERATION_KEY = "newsroom:pages:generation"
# The header that says whether the page came from the page cache (as proxies' X-Cache does).
HIT_HEADER = "X-Page-Cache"


def article_etag(rendered) -> str:
    """A strong validator for an article page (quoted): its stored rendering's key, which hashes what it
    and the header and footer around it were rendered from (`reader.fragments`), read for the page."""
    text = f"{LAYOUT_VERSION}\n{rendered.key}"
    return quote_etag(hashlib.sha256(text.encode()).hexdigest()[:40])


def _cacheable(response):
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def not_modified(request, etag: str):
    """A 304 for `request` if it already holds `etag`, else None."""
    if request.method not in ("GET", "HEAD"):
        return None
    if get_conditional_response(request, etag=etag) is None:
        return None
    response = HttpResponseNotModified()
    response["ETag"] = etag
    return _cacheable(response)


def reader_cache(view):
    """Send an ETag (the view's, or a hash of the page) and Cache-Control; answer a match with 304.

    A page readers may reuse for `MAX_AGE` seconds tolerates a read replica's lag as well, so the view is
    also marked for replica reads (see `newsroom.routers`).
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.streaming:
            return response
        if not response.has_header("ETag"):
            set_response_etag(response)
        _cacheable(response)
        return get_conditional_response(request, etag=response["ETag"], response=response)

    wrapped.replica_reads = True
    return wrapped


# The page cache ---------------------------------------------------------------------------------------


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def enabled() -> bool:
    return settings.PAGE_CACHE and not isinstance(_cache(), DummyCache)


def is_shared() -> bool:
    """Whether every app server reads the same cache (Redis, memcached...) rather than its own memory."""
    return not isinstance(_cache(), LocMemCache | DummyCache)


def _new_generation() -> str:
    """A generation never used before: when it started (for the replica check) and a random part."""
    return f"{time.time():.6f}-{secrets.token_hex(4)}"


def content_changed() -> None:
    """Something readers see has changed: every cached page is out of date. Call it after commit. A new
    random generation, not an incremented one, so two servers starting one at once cannot end up on a
    value a page was already cached under."""
    if not (settings.PAGE_CACHE and is_shared()):
        return
    cache = _cache()
    try:
        # Redis (`newsroom.cache`) also tells every process watching the generation.
        getattr(cache, "set_and_announce", cache.set)(GENERATION_KEY, _new_generation(), timeout=None)
    except CACHE_ERRORS:
        # The cached pages may outlive this change; they expire within PAGE_CACHE_TIMEOUT.
        logger.exception("Could not start a new page-cache generation")


def _cacheable_request(request) -> bool:
    """GET or HEAD, with no page number or a plausible one (not one entry per made-up `?page=`)."""
    page = request.GET.get("page", "")
    return request.method in ("GET", "HEAD") and (page == "" or (page.isdigit() and len(page) <= 4))


def _key(request, validator: str = "") -> str:
    """One entry per page: scheme, host, path and page number (views ignore other query parameters)."""
    page = request.GET.get("page", "")
    url = f"{request.scheme}://{request.get_host()}{request.path}?page={page}"
    digest = hashlib.sha256(f"{url}|{validator}".encode()).hexdigest()[:40]
    return f"newsroom:page:{LAYOUT_VERSION}:{digest}"


def next_appearance():
    """When the next published-but-scheduled article appears (None if there is none)."""
    return (
        Article.objects.appearing_later()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


def _expires() -> float:
    expires = time.time() + settings.PAGE_CACHE_TIMEOUT
    appears = next_appearance()
    return min(expires, appears.timestamp()) if appears else expires


def _storable(request, response) -> bool:
    session = getattr(request, "session", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (session is not None and session.accessed)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _entry(response, generation) -> dict:
    headers = [(k, v) for k, v in response.items() if k.lower() not in ("set-cookie", HIT_HEADER.lower())]
    return {
        "generation": generation,
        "expires": _expires(),
        "headers": headers,
        "content": response.content,
    }


# Pages this process served lately, as stored in the shared cache: a hit on one of them fetches only the
# current generation (a few bytes, not the 60 kB page) and uses the copy while that generation is
# current, so it is exactly as fresh as the shared entry. At most LOCAL_COPIES pages per process.
_copies: OrderedDict = OrderedDict()
_copies_lock = threading.Lock()
LOCAL_COPIES = 200


def _keep(key, entry) -> None:
    with _copies_lock:
        _copies[key] = entry
        _copies.move_to_end(key)
        while len(_copies) > LOCAL_COPIES:
            _copies.popitem(last=False)


def _answer(request, entry):
    response = HttpResponse(entry["content"], headers=dict(entry["headers"]))
    response[HIT_HEADER] = "hit"
    return get_conditional_response(request, etag=response.get("ETag"), response=response)


def _fresh(entry, generation) -> bool:
    return (
        isinstance(entry, dict)
        and generation is not None
        and entry.get("generation") == generation
        and time.time() < entry["expires"]
    )


def _settled(generation: str) -> bool:
    """Whether the generation is old enough for a replica to have replayed the change that started it."""
    lag = settings.PAGE_CACHE_REPLICA_LAG
    if not lag:
        return True
    try:
        started = float(generation.split("-", 1)[0])
    except (AttributeError, ValueError):
        return False
    return time.time() - started >= lag


def _store(key, entry) -> None:
    timeout = max(1, int(entry["expires"] - time.time()) + 1)
    if entry["expires"] <= time.time():
        return
    try:
        _cache().set(key, entry, timeout=timeout)
    except CACHE_ERRORS:
        logger.exception("Could not store a page in the page cache")


def shared_page(view):
    """Mark a reader view for the shared page cache, which `PageCacheMiddleware` answers from."""
    view.shared_page = True
    return view


class PageCacheMiddleware:
    """With a shared cache, answer `shared_page` views from it: at most one round trip, no query.

    A middleware, so that a hit skips the session, CSRF, authentication, messages and lockout middleware
    below it, and is stored as they left it (CSP, X-Frame-Options, ETag, Cache-Control); the middleware
    above it (HTTPS, HSTS, referrer policy) still runs on every answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (_cacheable_request(request) and enabled() and is_shared() and self._marked(request)):
            return self.get_response(request)
        key = _key(request)
        copy = _copies.get(key)
        try:
            if copy is not None:
                # This process holds the page: only the generation is needed, which Redis keeps this
                # process told of (`newsroom.cache`), so a hit is no round trip at all.
                cache = _cache()
                generation = getattr(cache, "get_watched", cache.get)(GENERATION_KEY)
                if _fresh(copy, generation):
                    return _answer(request, copy)
            found = _cache().get_many([GENERATION_KEY, key])
            generation = found.get(GENERATION_KEY)
            if generation is None:
                _cache().add(GENERATION_KEY, _new_generation(), timeout=None)
                generation = _cache().get(GENERATION_KEY)
        except CACHE_ERRORS:
            logger.exception("The page cache is unavailable; rendering")
            return self.get_response(request)
        entry = found.get(key)
        if _fresh(entry, generation):
            _keep(key, entry)
            return _answer(request, entry)
        # The generation was read before rendering: a change committed meanwhile starts a newer one,
        # and this entry is a miss from then on.
        response = self.get_response(request)
        if _storable(request, response) and _settled(generation):
            entry = _entry(response, generation)
            _store(key, entry)
            _keep(key, entry)
        if response.status_code == 200:
            response[HIT_HEADER] = "miss"
        return response

    @staticmethod
    def _marked(request) -> bool:
        return _shared_page_path(get_resolver(getattr(request, "urlconf", None)), request.path_info)


@lru_cache(maxsize=4096)
def _shared_page_path(resolver, path: str) -> bool:
    """Whether `path` is a `shared_page` view, remembered (resolving costs as much as the rest of a hit);
    keyed by the resolver too, as a changed URLconf is a new resolver."""
    try:
        match = resolver.resolve(path)
    except Resolver404:
        return False
    return getattr(match.func, "shared_page", False)
