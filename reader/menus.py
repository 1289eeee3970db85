"""The reader site's frame: the section menu and the standing pages in the footer."""

from typing import NamedTuple

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
    """Both menus, each in its model's order (position, then name or title): two small reads, which
    cost less than one UNION of them (whose SQL takes longer to build than the rows take to fetch)."""
    sections = Section.objects.values_list("name", "slug")
    pages = Page.objects.values_list("title", "slug")
    return Menus(
        [Link(name, reverse("reader:section", kwargs={"slug": slug})) for name, slug in sections],
        [Link(title, reverse("reader:page", kwargs={"slug": slug})) for title, slug in pages],
    )
