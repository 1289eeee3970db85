"""A claim's words are visible and whole characters: never only invisible ones, never half an emoji."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles import anchoring
from articles.models import Claim
from tests.admin_forms import change_form_data
from tests.factories import ArticleFactory

THUMBS_UP = "\U0001f44d"
MEDIUM_SKIN = "\U0001f3fd"
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # man, woman, girl joined by ZWJ
BODY = (
    f"The mayor answered with {THUMBS_UP}{MEDIUM_SKIN} and left.\n\n"
    # q with a dot above has no precomposed form: it stays two code points after NFC.
    f"A {FAMILY} moved in; its name has the letter q\u0307 in it."
)


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def post_claim(client, article, words):
    data = change_form_data(client.get(change_url(article)))
    data["claims-0-exact"] = words
    data["claims-0-kind"] = "other"
    return client.post(change_url(article), data)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "words",
    ["\u200b", "\u200b\u200d\u2060", " \u0301 ", "\u00ad", "\u200e\u200f"],
    ids=["zero-width space", "joiners", "lone accent", "soft hyphen", "direction marks"],
)
def test_words_with_nothing_visible_are_refused_over_http(editor_client, words):
    article = ArticleFactory(body=f"Some{words}words.")
    response = post_claim(editor_client, article, words)
    assert response.status_code == 200
    assert "These words have nothing a reader can see" in response.content.decode()
    assert not Claim.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "words",
    [
        f"answered with {THUMBS_UP}",  # the skin tone modifier is left out
        "\U0001f468",  # one person out of the family
        f"A {FAMILY[:3]}",  # the man and the woman, without the girl
        "letter q",  # the dot above is left out
    ],
    ids=[
        "emoji without its modifier",
        "one of a ZWJ family",
        "half a ZWJ family",
        "letter without its mark",
    ],
)
def test_words_that_split_a_character_are_refused_over_http(editor_client, words):
    article = ArticleFactory(body=BODY)
    response = post_claim(editor_client, article, words)
    assert response.status_code == 200
    assert "begin or end in the middle of a character" in response.content.decode()
    assert not Claim.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "words",
    [f"answered with {THUMBS_UP}{MEDIUM_SKIN}", f"A {FAMILY} moved in", "letter q\u0307"],
)
def test_whole_characters_are_anchored(editor_client, words):
    article = ArticleFactory(body=BODY)
    assert post_claim(editor_client, article, words).status_code == 302
    claim = Claim.objects.get()
    assert claim.exact == words == article.body[claim.start : claim.end]


def refusal(body, words) -> str:
    with pytest.raises(ValidationError) as refused:
        anchoring.require(body, words)
    return refused.value.code


def test_the_codes():
    assert refusal(BODY, "\u200b") == "no_visible_words"
    assert refusal(BODY, THUMBS_UP) == "splits_character"
    assert refusal(BODY, "not there") == "not_in_body"


def test_a_whole_occurrence_is_chosen_over_one_that_splits_a_character():
    body = f"{THUMBS_UP}{MEDIUM_SKIN} first, then {THUMBS_UP} alone."
    anchor = anchoring.require(body, THUMBS_UP)
    assert anchor.start == body.rindex(THUMBS_UP)


def test_a_character_far_from_any_space_is_still_seen_whole():
    body = "x" * 100 + f"{THUMBS_UP}{MEDIUM_SKIN}" + "y" * 100
    assert anchoring.splits_character(body, 101)
    assert not anchoring.splits_character(body, 100)
    assert not anchoring.splits_character(body, 102)
