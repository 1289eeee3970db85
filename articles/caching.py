"""HTTP caching for reader pages: validators, Cache-Control, and 304 answers to conditional requests.

App servers keep no state, so nothing here is cached in process: a browser or a shared cache (a CDN, a
reverse proxy) keeps the page for `MAX_AGE` seconds and then revalidates it with the validator.

The article page computes its ETag *before* rendering, from what the page is made of: the live revision,
the article row (section, tags, lead image and authors are edited there), every cited source and every
quoted person (by `updated_at`), the corrections and the authors' names. So publishing a new version,
editing a source or a speaker, or adding a correction gives a new ETag, and a repeated request for an
unchanged article costs the same few queries as the page itself minus the rendering. Other reader pages
(lists, search, person and source pages) are cheap to render and take a hash of their content instead.
"""

import hashlib
from functools import wraps

from django.http import HttpResponseNotModified
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import quote_etag

# Seconds a browser or shared cache may reuse a page before revalidating it.
MAX_AGE = 60
# Bump when the article template changes what it shows, so cached copies of the old layout revalidate.
LAYOUT_VERSION = "reader-1"


def article_etag(article, *, sources, people, corrections, last_checked=None) -> str:
    """A strong validator for an article page (quoted), from the objects the page is built from."""
    parts = [
        LAYOUT_VERSION,
        article.pk,
        article.live_revision_id,
        article.updated_at.isoformat(),
        article.published_at.isoformat(),
        last_checked.isoformat() if last_checked else "",
        sorted((s.pk, s.updated_at.isoformat()) for s in sources),
        sorted((p.pk, p.updated_at.isoformat()) for p in people),
        [(c.pk, c.created_at.isoformat(), c.text) for c in corrections],
        [(u.pk, u.get_full_name(), u.get_username()) for u in article.authors.all()],
        [(t.pk, t.name, t.slug) for t in article.tags.all()],
        (article.section.name, article.section.slug) if article.section else None,
    ]
    return quote_etag(hashlib.sha256(repr(parts).encode()).hexdigest()[:40])


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
    """Send an ETag (the view's, or a hash of the page) and Cache-Control; answer a match with 304."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.streaming:
            return response
        if not response.has_header("ETag"):
            set_response_etag(response)
        _cacheable(response)
        return get_conditional_response(request, etag=response["ETag"], response=response)

    return wrapped
