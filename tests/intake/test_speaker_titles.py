"""The speaker behind a long title is the whole person name, never a fragment of the title.

Class of sentence: a title with abbreviations before the name (an office, "U.S.", an abbreviated
state), then a party label ("R-Texas", "D-N.Y.") or "of <State>" after it, then a speech verb. The
sentences are generated from templates with invented names, so the property is the class's, not an
example's.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from intake.engine import suggest_quotes

from .strategies import full_quote, partial_quote, person_name, speakers, speech_verb

TITLES = [
    "Sen.",
    "Rep.",
    "U.S. Sen.",
    "U.S. Rep.",
    "State Sen.",
    "Gov.",
    "Calif. Gov.",
    "Texas Attorney General",
    "Senate Majority Leader",
    "House Speaker",
    "U.N. Secretary-General",
    "U.S. Attorney",
    "NASA Administrator",
    "Acting Administrator",
]

# Titles whose complement ("of Commerce for Oceans and Atmosphere") runs into the name.
TITLES_WITH_COMPLEMENT = [
    "Under Secretary of Commerce for Oceans and Atmosphere",
    "Deputy Assistant Secretary of Defense for Space Policy",
    "Secretary of Health and Human Services",
    "Special Agent in Charge",
]

PARTY_LABELS = ["R-Texas", "D-Calif.", "D-N.Y.", "R-Ky.", "I-Vt.", "D-Wis.", "R-S.C."]

STATES_AFTER_NAME = [
    "of Texas",
    "of California",
    "of New York",
    "of Kan.",
    "of the Justice Department’s Civil Rights Division",
    "for the Southern District of New York",
]

SETTINGS = settings(max_examples=60, deadline=None)


@SETTINGS
@given(
    title=st.sampled_from(TITLES),
    name=person_name(),
    party=st.sampled_from(PARTY_LABELS),
    verb=speech_verb,
    quote=full_quote,
)
def test_title_name_party_label_then_verb_and_colon(title, name, party, verb, quote):
    paragraph = f"{title} {name}, {party}, {verb}: “{quote}”"
    assert speakers([paragraph]) == [name]


@SETTINGS
@given(
    title=st.sampled_from(TITLES),
    name=person_name(),
    place=st.sampled_from(STATES_AFTER_NAME),
    verb=speech_verb,
    quote=partial_quote,
)
def test_title_name_of_state_then_partial_quote(title, name, place, verb, quote):
    paragraph = f"{title} {name} {place} {verb} that the plan “{quote}.”"
    assert speakers([paragraph]) == [name]


@SETTINGS
@given(
    title=st.sampled_from(TITLES),
    name=person_name(),
    label=st.sampled_from(PARTY_LABELS + STATES_AFTER_NAME),
    quote=full_quote,
    inverted=st.booleans(),
)
def test_quote_then_tag_with_long_title(title, name, label, quote, inverted):
    separator = ", " if label in PARTY_LABELS else " "
    tag = f"said {title} {name}{separator}{label}" if inverted else f"{title} {name}{separator}{label} said"
    if label in PARTY_LABELS and not inverted:
        tag = f"{title} {name}, {label}, said"
    paragraph = f"“{quote.rstrip('.')},” {tag}."
    assert speakers([paragraph]) == [name]


@SETTINGS
@given(
    title=st.sampled_from(TITLES_WITH_COMPLEMENT),
    name=person_name(),
    quote=full_quote,
    before=st.booleans(),
)
def test_title_complement_does_not_run_into_the_name(title, name, quote, before):
    if before:
        paragraph = f"{title} {name} said, “{quote}”"
    else:
        paragraph = f"“{quote.rstrip('.')},” said {title} {name}."
    assert speakers([paragraph]) == [name]


@SETTINGS
@given(title=st.sampled_from(TITLES), name=person_name(), party=st.sampled_from(PARTY_LABELS))
def test_the_name_is_found_again_by_its_surname(title, name, party):
    """Later "<Surname> said" is the full name introduced with the long title."""
    surname = name.split()[-1]
    paragraphs = [
        f"{title} {name}, {party}, spoke on the floor on Tuesday.",
        f"“We will keep pushing until this is done,” {surname} said.",
    ]
    assert [quote.speaker for quote in suggest_quotes(paragraphs)] == [name]
