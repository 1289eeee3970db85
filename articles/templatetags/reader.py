"""Template tags for the reader site's frame: the section menu and the standing pages in the footer."""

from django import template

from pages.models import Page

from ..models import Section

register = template.Library()


@register.simple_tag
def reader_sections():
    return list(Section.objects.only("name", "slug"))


@register.simple_tag
def standing_pages():
    return list(Page.objects.only("title", "slug"))
