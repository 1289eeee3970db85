"""The reader side writes the same thing the same way everywhere.

A date, a byline, a quotation's "how obtained" and a dead link each reach readers through several pages
(the article page and its notes, the person and source pages, the lists, the feed, the JSON-LD) and the
fact-check desk. These tests ask each page over HTTP and check they all say it alike, so they do not
depend on which module writes what.
"""

import datetime
import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.dates import MONTHS

from articles import publishing
from articles.models import CheckStatus, Quotation, Section
from sources.models import Health
from tests.factories import ArticleFactory, UserFactory, sourced_claim, sourced_quotation

pytestmark = pytest.mark.django_db

SAID_ON = datetime.date(2020, 12, 7)
SOURCE_PUBLISHED_ON = datetime.date(2021, 3, 15)
GONE_WITH_ARCHIVE = "The original page is gone; the link leads to an archived copy."
GONE_WITHOUT_ARCHIVE = "The original page no longer answers."


@pytest.fixture
def factchecker_client(factchecker):
    """A client of its own, so that the reader pages are still asked anonymously."""
    desk_client = Client()
    desk_client.force_login(factchecker)
    return desk_client


def publish_article(*, authors=(), section=None, said_on=None):
    """A published article with one sourced claim and one sourced quotation; authors added in order."""
    article = ArticleFactory(section=section)
    for author in authors:
        article.authors.add(author)  # one by one: the byline's order is the order added
    claim = sourced_claim(article=article)
    quotation = sourced_quotation(article=article, said_on=said_on)
    article = publishing.publish(article)
    return article, claim, quotation


def get_html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return " ".join(response.content.decode().split())  # whitespace folded


def part(html: str, start: str, end: str) -> str:
    """The piece of `html` from the first `start` to the next `end` after it."""
    assert start in html, start
    piece = html[html.index(start) :]
    return piece[: piece.index(end) + len(end)]


def article_url(article) -> str:
    return reverse("reader:detail", args=[article.slug])


def notes_of(html: str) -> str:
    return part(html, '<section class="notes"', "</section>")


def in_order(text: str, names: list[str]) -> bool:
    positions = [text.find(name) for name in names]
    return -1 not in positions and positions == sorted(positions)


def time_element(iso: str, human: str) -> re.Pattern:
    return re.compile(rf'<time[^>]*\bdatetime="{iso}"[^>]*>\s*{re.escape(human)}\s*</time>')


def month_names(language: str) -> set[str]:
    """Django's names of the months in `language`."""
    with translation.override(language):
        return {str(month) for month in MONTHS.values()}


def has_word(html: str, word: str) -> bool:
    return re.search(rf"\b{re.escape(word)}\b", html) is not None


# 1. A quotation's date ----------------------------------------------------------------------------------


def test_a_quotations_date_is_written_alike_on_the_person_page_and_in_the_notes(client):
    article, _, quotation = publish_article(said_on=SAID_ON)
    written = time_element("2020-12-07", "7 December 2020")

    pages = {
        "article notes": notes_of(get_html(client, article_url(article))),
        "person page": get_html(client, reverse("reader:person", args=[quotation.speaker_id])),
    }

    assert [where for where, html in pages.items() if not written.search(html)] == []


# 2. Authors' order --------------------------------------------------------------------------------------


def test_authors_have_the_byline_order_everywhere(client):
    # Created so that neither their ids nor their first or last names are in byline order.
    bruno = UserFactory(first_name="Bruno", last_name="Xu")
    carla = UserFactory(first_name="Carla", last_name="Zimmer")
    anna = UserFactory(first_name="Anna", last_name="Young")
    section = Section.objects.create(name="City", slug="city")
    article, _, _ = publish_article(authors=[carla, anna, bruno], section=section)
    byline = ["Carla Zimmer", "Anna Young", "Bruno Xu"]

    page = get_html(client, article_url(article))
    feed = get_html(client, reverse("reader:feed"))
    json_ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page)[1])
    bylines = {
        "article page": part(page, '<p class="byline">', "</p>"),
        "home page": part(get_html(client, reverse("reader:home")), '<p class="byline">', "</p>"),
        "section page": part(
            get_html(client, reverse("reader:section", args=[section.slug])), '<p class="byline">', "</p>"
        ),
        "Atom feed entry": part(part(feed, "<entry>", "</entry>"), "<author>", "</author>"),
        "JSON-LD": ", ".join(author["name"] for author in json_ld["author"]),
    }

    assert [where for where, text in bylines.items() if not in_order(text, byline)] == []


# 3. An unknown "how obtained" ---------------------------------------------------------------------------


def test_an_unknown_how_obtained_shows_the_quotation_without_a_label(client):
    client.raise_request_exception = False  # a crash is a 500 to assert on, not an exception
    article, _, quotation = publish_article(said_on=SAID_ON)
    revision = article.live_revision
    for item in revision.content["quotations"]:
        item["obtained"] = "carrier-pigeon"
    revision.save(update_fields=["content"])
    labels = [f"({label.lower()}" for label in Quotation.Obtained.labels]

    responses = {
        "article page": client.get(article_url(article)),
        "person page": client.get(reverse("reader:person", args=[quotation.speaker_id])),
    }

    assert {where: r.status_code for where, r in responses.items()} == {
        "article page": 200,
        "person page": 200,
    }
    for where, response in responses.items():
        html = response.content.decode()
        assert quotation.exact in html, where
        assert "carrier" not in html.lower(), where
        assert [label for label in labels if label in html] == [], where


# 4. A dead link -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("archived_url", "sentence"),
    [
        ("https://web.archive.org/web/20240131120000/https://example.org/gone", GONE_WITH_ARCHIVE),
        ("", GONE_WITHOUT_ARCHIVE),
    ],
    ids=["with-archived-copy", "without-archived-copy"],
)
def test_a_dead_link_is_worded_alike_in_the_notes_the_source_page_and_the_desk(
    client, factchecker_client, archived_url, sentence
):
    article, claim, _ = publish_article()
    source = claim.citations.get().source
    source.archived_url = archived_url
    source.health = Health.DEAD
    source.checked_url = source.url
    source.consecutive_failures = 2
    source.save()
    assert claim.check_status == CheckStatus.UNSTARTED  # still needs a verdict: on the desk

    desk = get_html(factchecker_client, reverse("desk:queue"))
    pages = {
        "article notes": notes_of(get_html(client, article_url(article))),
        "source page": get_html(client, reverse("reader:source", args=[source.pk])),
        "desk card": part(desk, f"“{claim.exact}", "</article>"),
    }

    assert [where for where, html in pages.items() if sentence not in html] == []


# 5. Dates in the active language ------------------------------------------------------------------------


def test_the_article_pages_dates_follow_the_active_language(client, settings):
    # The page cache keys pages by address, not language; off, so each request renders its own page.
    settings.PAGE_CACHE = False
    article, claim, _ = publish_article(said_on=SAID_ON)
    source = claim.citations.get().source
    source.published_on = SOURCE_PUBLISHED_ON
    source.save()
    german, english = month_names("de"), month_names("en")
    assert "Dezember" in german and "März" in german  # Django's own German names

    with translation.override("de"):
        german_page = get_html(client, article_url(article))
    with translation.override("en"):
        english_page = get_html(client, article_url(article))

    assert "December" in english_page and "March" in english_page
    assert not [m for m in german - english if has_word(english_page, m)], "German month on English page"
    assert "Dezember" in german_page and "März" in german_page
    assert not [m for m in english - german if has_word(german_page, m)], "English month on German page"
