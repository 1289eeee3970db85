"""Template tags for the reader site's frame: the section menu and the standing pages in the footer."""

from typing import NamedTuple

from django import template

from pages.models import Page

from ..models import Section
from ..reversing import UrlPattern

register = template.Library()


class Link(NamedTuple):
    text: str
    url: str


@register.simple_tag
def reader_sections() -> list[Link]:
    url = UrlPattern("articles:section", "slug")
    return [Link(name, url(slug)) for name, slug in Section.objects.values_list("name", "slug")]


@register.simple_tag
def standing_pages() -> list[Link]:
    url = UrlPattern("pages:detail", "slug")
    return [Link(title, url(slug)) for title, slug in Page.objects.values_list("title", "slug")]
