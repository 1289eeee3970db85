"""An article's authors in byline order, which is the order they were added to it.

`set_authors` keeps that order wherever authors are chosen (the admin's author picker, an import); Django's
own many-to-many `set()` adds new links in no particular order.

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
    """The article's author links in byline order: the order they were added (`set_authors`)."""
    return article.authors.through.objects.filter(article_id=article.pk).order_by("pk")


def set_authors(article, users) -> None:
    """Make `users` the article's authors: those there keep their place, new ones follow in order."""
    wanted = [user.pk for user in users]
    article.authors.remove(*[pk for pk in article.authors.values_list("pk", flat=True) if pk not in wanted])
    present = set(article.authors.values_list("pk", flat=True))
    for pk in dict.fromkeys(wanted):
        if pk not in present:
            article.authors.add(pk)  # one by one: the byline's order is the links' order
