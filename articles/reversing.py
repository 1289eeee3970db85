"""URL reversing for the reader pages, which link the same few routes on every request.

`reverse` walks the URLconf on every call: about 150,000 CPU instructions, and the article page
reversed some 16 URLs per request. `path` answers the same question from memory when it was asked
before under the same URLconf and script prefix. What it remembers is the site's URL structure (the
answer can only change with the code or ROOT_URLCONF, which clears it), never content.
`UrlPattern` fills one reversed pattern in for many objects of one route.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import quote

# Reversed once with this value, then filled in per object: the digits cannot occur elsewhere in our paths.
_PLACEHOLDER = "987654321"


@lru_cache(maxsize=4096)
def _reversed(name: str, args: tuple, kwargs: tuple, urlconf, prefix: str) -> str:
    # `prefix` is only part of the key: reverse() reads the thread's script prefix itself.
    return reverse(name, urlconf=urlconf, args=args or None, kwargs=dict(kwargs) or None)


def path(name: str, *args, **kwargs) -> str:
    """`reverse(name, args=args, kwargs=kwargs)`, remembered."""
    return _reversed(name, args, tuple(sorted(kwargs.items())), get_urlconf(), get_script_prefix())


def _urlconf_changed(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()


setting_changed.connect(_urlconf_changed, dispatch_uid="articles-reversing-urlconf")


class UrlPattern:
    """`reverse(name, kwargs={kwarg: value})` for many values: one `path`, then string formatting."""

    def __init__(self, name: str, kwarg: str = "pk"):
        self.head, _, self.tail = path(name, **{kwarg: _PLACEHOLDER}).partition(_PLACEHOLDER)

    def __call__(self, value) -> str:
        # reverse() quotes what it substitutes; an int pk needs nothing, a slug gets the same quoting.
        text = str(int(value)) if isinstance(value, int) else quote(str(value), safe="")
        return f"{self.head}{text}{self.tail}"
