"""The reader site's frame: the section menu and the standing pages in the footer.

Every reader page shows both, so they are read together in one SELECT (see `articles.sql`) and
linked with one pattern per route. Templates call `reader_menus()` (newsroom/jinja2.py) unless the view
passed `site_menus`, read with its own queries.
"""

from typing import NamedTuple

from pages.models import Page

from . import sql
from .models import Section
from .reversing import UrlPattern


class Link(NamedTuple):
    text: str
    url: str


class Menus(NamedTuple):
    sections: list[Link]
    pages: list[Link]


# Both menus, ordered as each model's Meta.ordering: (position, name or title).
READ = sql.Read(
    columns=("x.menu", "x.text", "x.slug"),
    source=(
        f"FROM (SELECT 0 AS menu, name AS text, slug, position FROM {Section._meta.db_table} "  # noqa: S608 (identifiers only)
        f"UNION ALL SELECT 1, title, slug, position FROM {Page._meta.db_table}) x"
    ),
    params=[],
    order="x.menu, x.position, x.text",
)


def reader_menus() -> Menus:
    return from_rows(sql.read_all(sql.reading(Section), {"menus": READ})["menus"])


def from_rows(rows) -> Menus:
    """The menus from the rows of `READ`, for a page that read them along with its own reads."""
    section_url, page_url = UrlPattern("articles:section", "slug"), UrlPattern("pages:detail", "slug")
    return Menus(
        sections=[Link(text, section_url(slug)) for menu, text, slug in rows if menu == 0],
        pages=[Link(text, page_url(slug)) for menu, text, slug in rows if menu == 1],
    )
