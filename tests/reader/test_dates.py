"""The reader pages' date formats give exactly what Django's `|date` filter gives."""

import datetime
import zoneinfo

import pytest
from django.template import defaultfilters
from django.utils import timezone, translation
from django.utils.timezone import template_localtime
from hypothesis import given, settings
from hypothesis import strategies as st

from articles import dates

FORMATS = ["Y-m-d\\TH:i:sO", "j F Y, H:i", "j F Y", "Y-m-d", "N j, Y"]  # the last one goes to Django
# Whole-hour, half-hour and 45-minute offsets, southern and northern DST, a 30-minute DST change.
ZONES = ["UTC", "America/Los_Angeles", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe"]
LANGUAGES = ["en", "de", "fr", "pl"]

moments = st.datetimes(
    min_value=datetime.datetime(1990, 1, 1),
    max_value=datetime.datetime(2040, 12, 31),
    timezones=st.just(datetime.UTC),
)


def django_date(value, format):
    return defaultfilters.date(template_localtime(value), format)


def outcome(write, value, format):
    """What `write` gives, or which error it raises (Django refuses time formats for a date)."""
    try:
        return write(value, format)
    except TypeError as error:
        return TypeError, str(error)


@settings(max_examples=300, deadline=None)
@given(moment=moments, zone=st.sampled_from(ZONES), language=st.sampled_from(LANGUAGES))
def test_every_format_agrees_with_django_for_any_moment_zone_and_language(moment, zone, language):
    with timezone.override(zoneinfo.ZoneInfo(zone)), translation.override(language):
        for format in FORMATS:
            for value in (moment, moment.date()):
                assert outcome(dates.format, value, format) == outcome(django_date, value, format), format


@pytest.mark.parametrize(
    "wall_clock",
    [
        datetime.datetime(2026, 11, 1, 1, 30, fold=0),  # occurs twice in Los Angeles
        datetime.datetime(2026, 11, 1, 1, 30, fold=1),
        datetime.datetime(2026, 3, 8, 2, 30),  # never occurs there
    ],
)
def test_a_time_at_a_dst_change_is_written_as_django_writes_it(wall_clock):
    los_angeles = zoneinfo.ZoneInfo("America/Los_Angeles")
    moment = wall_clock.replace(tzinfo=los_angeles)
    with timezone.override(los_angeles):
        for format in FORMATS:
            assert dates.format(moment, format) == django_date(moment, format)


def test_nothing_is_written_for_no_date():
    assert dates.format(None, "j F Y") == "" and dates.format("", "Y-m-d") == ""


def test_a_day_is_written_in_the_active_language():
    with translation.override("de"):
        assert dates.day(datetime.date(2026, 3, 7)) == "7 März 2026"
    assert dates.day(datetime.date(2026, 3, 7), "en") == "7 March 2026"
