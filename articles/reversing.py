"""URLs for many objects of one route at the cost of a single `reverse`.

A page that links 30 sources or every section would otherwise resolve the same pattern 30 times.
"""

from django.urls import reverse
from django.utils.http import quote

# Reversed once with this value, then filled in per object: the digits cannot occur elsewhere in our paths.
_PLACEHOLDER = "987654321"


class UrlPattern:
    """`reverse(name, kwargs={kwarg: value})` for many values: one `reverse`, then string formatting."""

    def __init__(self, name: str, kwarg: str = "pk"):
        self.head, _, self.tail = reverse(name, kwargs={kwarg: _PLACEHOLDER}).partition(_PLACEHOLDER)

    def __call__(self, value) -> str:
        # reverse() quotes what it substitutes; an int pk needs nothing, a slug gets the same quoting.
        text = str(int(value)) if isinstance(value, int) else quote(str(value), safe="")
        return f"{self.head}{text}{self.tail}"
