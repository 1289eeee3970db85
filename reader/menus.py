"""The reader site's frame: the section menu and the standing pages in the footer, in one query."""

from typing import NamedTuple

from django.db.models import F, Value
from django.urls import reverse

from articles.models import Section
from pages.models import Page


class Link(NamedTuple):
    text: str
    url: str


class Menus(NamedTuple):
    sections: list[Link]
    pages: list[Link]


def menus() -> Menus:
    """Both menus, each in its model's order (position, then name or title)."""
    columns = ("menu", "text", "slug", "position")
    sections = Section.objects.annotate(menu=Value(0), text=F("name")).values_list(*columns)
    pages = Page.objects.annotate(menu=Value(1), text=F("title")).values_list(*columns)
    rows = sections.order_by().union(pages.order_by(), all=True).order_by("menu", "position", "text")
    links = ([], [])
    for menu, text, slug, _ in rows:
        name = "reader:section" if menu == 0 else "pages:detail"
        links[menu].append(Link(text, reverse(name, kwargs={"slug": slug})))
    return Menus(*links)
