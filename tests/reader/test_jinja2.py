"""The reader templates' Jinja2 environment: everything not already safe HTML is escaped; static URLs."""

from django.template import engines
from django.utils.safestring import SafeString

from reader.environment import environment


def test_what_a_reader_template_prints_is_escaped():
    template = engines["jinja2"].from_string("<p title='{{ value }}'>{{ value }}</p>")
    assert template.render({"value": "<script>'x'"}) == (
        "<p title='&lt;script&gt;&#39;x&#39;'>&lt;script&gt;&#39;x&#39;</p>"
    )


def test_settings_cannot_turn_autoescaping_off():
    assert environment(autoescape=False).from_string("{{ v }}").render(v="<b>") == "&lt;b&gt;"


def test_html_django_marked_safe_is_written_as_it_is():
    template = engines["jinja2"].from_string("{{ html }}")
    assert template.render({"html": SafeString("<em>sourced</em>")}) == "<em>sourced</em>"


def test_static_urls_follow_a_change_of_the_static_settings(settings):
    template = engines["jinja2"].from_string("{{ static('reader/reader.css') }}")
    before = template.render({})
    settings.STATIC_URL = "https://cdn.example.org/static/"
    after = template.render({})
    assert before != after and after.startswith("https://cdn.example.org/static/reader/reader")
