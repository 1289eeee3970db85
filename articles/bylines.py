"""An article's authors in byline order: each link (`Byline`) has its position, which editors set in the
admin; links added without one (`article.authors.add`) follow in the order they were added.

An imported byline (“By Dana Ortiz and Sam Lee”) becomes authors by name.

Each name is matched to a user by full name or username, ignoring case. A name nobody has becomes a
user account that cannot log in (inactive, no password): it carries the byline, and an administrator
can turn it into a login later.
"""

import re

from django.contrib.auth import get_user_model
from django.db.models import Q, Value
from django.db.models.functions import Concat
from django.utils.text import slugify

from . import slugs
from .models import Byline

_PREFIX = re.compile(r"^\s*(?:by|from)\s+", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b|\|)\s*", re.IGNORECASE)
MAX_AUTHORS = 10


def names(byline: str) -> list[str]:
    """The people named in `byline`, in order, without “By” and separators."""
    parts = (" ".join(part.split()) for part in _SEPARATORS.split(_PREFIX.sub("", byline)))
    found = []
    for part in parts:
        if any(c.isalpha() for c in part) and part.casefold() not in {n.casefold() for n in found}:
            found.append(part[:150])
    return found[:MAX_AUTHORS]


def _free_username(name: str) -> str:
    User = get_user_model()
    base = (slugify(name) or "author")[:140]
    taken = set(User.objects.filter(username__startswith=base).values_list("username", flat=True))
    return slugs.first_free(base, taken)


def author(name: str):
    """The user called `name`, or a new byline-only account for them."""
    User = get_user_model()
    full = Concat("first_name", Value(" "), "last_name")
    found = (
        User.objects.annotate(full=full)
        .filter(Q(full__iexact=name) | Q(username__iexact=name))
        .order_by("-is_active", "pk")
        .first()
    )
    if found is not None:
        return found
    first, _, last = name.rpartition(" ")
    user = User(username=_free_username(name), first_name=first, last_name=last, is_active=False)
    user.set_unusable_password()
    user.save()
    return user


def authors(byline: str) -> list:
    return [author(name) for name in names(byline)]


def links(article):
    """The article's bylines in order."""
    return Byline.objects.filter(article_id=article.pk).order_by("position", "pk")


def set_authors(article, users) -> None:
    """Make `users` the article's authors, in this order (Django's `set()` would add them in none)."""
    wanted = list(dict.fromkeys(user.pk for user in users))
    Byline.objects.filter(article_id=article.pk).exclude(user_id__in=wanted).delete()
    present = {byline.user_id: byline for byline in links(article)}
    for position, pk in enumerate(wanted):
        byline = present.get(pk) or Byline(article_id=article.pk, user_id=pk)
        byline.position = position
        byline.save()
