"""The Jinja2 environment of the reader site's templates (reader/jinja2/, and each app's jinja2/).

Readers' pages are the site's hot path, and Jinja2 renders the same HTML with fewer instructions than the
template language; the admin and the fact-check desk keep Django's templates, but for the desk's cards
(`desk/jinja2/desk/_card.html`, twenty to a queue page). Autoescaping is always on:
everything a template prints is escaped unless it is already safe HTML (Django's SafeString says so
through `__html__`). The helpers keep Django's meaning: `url` is `reverse`, `date` is the `date` filter
in the current time zone.
"""

from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django.utils.timezone import template_localtime
from jinja2 import Environment

from newsroom.names import display_name

from .menus import menus
from .notes import version_date
from .structured_data import script


def url(name: str, *args, **kwargs) -> str:
    """{% url name arg … %}"""
    return reverse(name, args=args or None, kwargs=kwargs or None)


def date(value, arg=None) -> str:
    """{{ value|date:arg }}: an aware datetime in the current time zone, as the template language does."""
    return defaultfilters.date(template_localtime(value), arg)


def environment(**options) -> Environment:
    options.pop("autoescape", None)
    env = Environment(autoescape=True, **options)  # always on, whatever OPTIONS say
    env.globals.update(
        url=url, static=static, reader_menus=menus, version_date=version_date, json_ld_script=script
    )
    env.filters.update(
        date=date,
        display_name=display_name,
        pluralize=defaultfilters.pluralize,
        truncatechars=defaultfilters.truncatechars,
        truncatewords=defaultfilters.truncatewords,
        urlencode=defaultfilters.urlencode,
    )
    return env
