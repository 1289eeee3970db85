"""Template tags for the reader site's frame: the section menu and the standing pages in the footer.

Every reader page shows both, so they are read as two plain SELECTs (see `articles.sql`) and linked with one
`reverse` per route.
"""

from typing import NamedTuple

from django import template

from pages.models import Page

from .. import sql
from ..models import Section
from ..reversing import UrlPattern

register = template.Library()


class Link(NamedTuple):
    text: str
    url: str


def _links(model, text: str, route: str) -> list[Link]:
    # Each model's Meta.ordering is (position, text).
    db = sql.reading(model)
    with db.cursor() as cursor:
        cursor.execute(f"SELECT {text}, slug FROM {model._meta.db_table} ORDER BY position, {text}")  # noqa: S608 (identifiers only)
        rows = cursor.fetchall()
    url = UrlPattern(route, "slug")
    return [Link(label, url(slug)) for label, slug in rows]


@register.simple_tag
def reader_sections() -> list[Link]:
    return _links(Section, "name", "articles:section")


@register.simple_tag
def standing_pages() -> list[Link]:
    return _links(Page, "title", "pages:detail")
