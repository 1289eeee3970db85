"""What staff pages remember between requests: parts computed from the whole newsroom (the desk's
counts, rows and cards, the article list's table) are kept in Django's cache under the generation
(`articles.models.Generation`), which the database changes with every committed write to what they
read.

A page asks for the generation (one query by primary key) and reuses what was computed under it:
shared between servers with Redis, per process otherwise, and exactly as fresh as the database either
way. Entries of older generations are never read again and expire.
"""

import hashlib
import logging

from django.core.cache import cache
from django.db import connection

from newsroom.cache import CACHE_ERRORS

from .models import Generation

logger = logging.getLogger(__name__)

REMEMBERED_SECONDS = 600
ASK = object()  # "read the generation now"


def current_generation() -> int | None:
    """The generation, or None when nothing may be remembered: on SQLite (no triggers keep it there),
    inside a transaction (its own writes move the generation only when it commits), or without the
    generation's row (a test database just flushed)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return None
    return Generation.objects.filter(pk=Generation.ROW).values_list("value", flat=True).first()


def digest(*key) -> str:
    """A short cache key for values of any length or characters (search words, a page's items)."""
    return hashlib.blake2b(repr(key).encode(), digest_size=16).hexdigest()


def remembered(part: str, compute, *key, generation=ASK):
    """`compute()`, or what it gave under this generation (for this `key`); `part` names it."""
    now = current_generation() if generation is ASK else generation
    if now is None:
        return compute()
    name = ":".join(("remembered", part, str(now), *map(str, key)))
    try:
        found = cache.get(name)
    except CACHE_ERRORS:  # the shared cache is down: the page is computed, as before there was one
        logger.exception("Could not read the %s from the cache", part)
        return compute()
    if found is None:
        found = compute()
        try:
            cache.set(name, found, REMEMBERED_SECONDS)
        except CACHE_ERRORS:
            logger.exception("Could not keep the %s in the cache", part)
    return found
