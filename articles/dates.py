"""Dates as the reader pages write them, without Django's format machinery on the hot path.

Django's `|date` filter costs about 270,000 CPU instructions a call: it looks the format up, builds a
`DateFormat` and translates month names through lazy strings. The article page writes 7 dates and its
notes up to one per source. The formats the reader pages use are written out here, each giving exactly
what Django gives (tests/reader/test_dates.py compares them across time zones, DST changes and
languages); any other format, and any value these do not cover, goes to Django.
"""

import datetime
from functools import lru_cache

from django.template import defaultfilters
from django.utils.dates import MONTHS
from django.utils.timezone import template_localtime
from django.utils.translation import get_language


@lru_cache(maxsize=256)
def month_name(month: int, language: str) -> str:
    return str(MONTHS[month])


def day(value: datetime.date, language: str | None = None) -> str:
    """`j F Y`: “7 June 2026”. Pass `language` when formatting many (asking for it costs a lookup)."""
    return f"{value.day} {month_name(value.month, language or get_language())} {value.year:04d}"


def _iso_day(value: datetime.date) -> str:
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def _offset(value: datetime.datetime) -> str:
    seconds = int(value.utcoffset().total_seconds())
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    return f"{sign}{seconds // 3600:02d}{seconds // 60 % 60:02d}"


def _iso(value: datetime.datetime) -> str:
    return f"{_iso_day(value)}T{value.hour:02d}:{value.minute:02d}:{value.second:02d}{_offset(value)}"


def _day_and_time(value: datetime.datetime) -> str:
    return f"{day(value)}, {value.hour:02d}:{value.minute:02d}"


def _has_offset(value) -> bool:
    # Aware, and not a wall-clock time that occurs twice or never at a DST change: Django writes no
    # offset for those (and the default time zone's for a naive value), so they are left to Django.
    if not isinstance(value, datetime.datetime) or value.utcoffset() is None:
        return False
    return value.replace(fold=1 - value.fold).utcoffset() == value.utcoffset()


def _has_time(value) -> bool:
    return isinstance(value, datetime.datetime)


def _is_date(value) -> bool:
    return isinstance(value, datetime.date)


# Format: (writer, what a value needs for it).
_WRITTEN_OUT = {
    "Y-m-d\\TH:i:sO": (_iso, _has_offset),
    "j F Y, H:i": (_day_and_time, _has_time),
    "j F Y": (day, _is_date),
    "Y-m-d": (_iso_day, _is_date),
}


def format(value, format: str | None = None) -> str:  # noqa: A001 (the template filter's name)
    """Django's `|date:format` filter: `value` in the current time zone, formatted; "" for None."""
    if value in (None, ""):
        return ""
    value = template_localtime(value)
    writer, suits = _WRITTEN_OUT.get(format, (None, None))
    if writer and suits(value):
        return writer(value)
    return defaultfilters.date(value, format)
