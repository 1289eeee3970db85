"""\"he said\" / \"she said\" is the most recent compatible person, by evidence in the document.

The evidence is the document's own: an honorific (Mr., Ms., Mrs.) with the person's surname, or a
pronoun right after the person is introduced. Names are invented, so no list of first names can
decide; with no evidence, the most recent person introduced is the speaker.
"""

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from .strategies import full_quote, person_name, speakers

SETTINGS = settings(max_examples=50, deadline=None)

ROLES = ["teacher", "nurse", "farmer", "resident", "lawyer", "parent"]
HONORIFIC = {"f": ["Ms.", "Mrs."], "m": ["Mr."]}
PRONOUN = {"f": "she", "m": "he"}
OTHER = {"f": "m", "m": "f"}


def two_people(draw):
    first, second = draw(person_name()), draw(person_name())
    assume(first.split()[0] != second.split()[0] and first.split()[-1] != second.split()[-1])
    return first, second


@SETTINGS
@given(data=st.data(), gender=st.sampled_from(["f", "m"]), quote=full_quote, asked=st.booleans())
def test_pronoun_after_introduction_tells_the_two_people_apart(data, gender, quote, asked):
    first, second = two_people(data.draw)
    role_a, role_b = data.draw(st.sampled_from(ROLES)), data.draw(st.sampled_from(ROLES))
    paragraphs = [
        f"{first}, a {role_a}, said {PRONOUN[gender]} had waited two hours to speak.",
        f"{second}, a {role_b}, said {PRONOUN[OTHER[gender]]} supported the plan.",
        f"“{quote.rstrip('.')},” {PRONOUN[gender if asked else OTHER[gender]]} said.",
    ]
    assert speakers(paragraphs) == [first if asked else second]


@SETTINGS
@given(data=st.data(), gender=st.sampled_from(["f", "m"]), quote=full_quote)
def test_honorific_with_the_surname_gives_the_gender(data, gender, quote):
    first, second = two_people(data.draw)
    honorific = data.draw(st.sampled_from(HONORIFIC[gender]))
    other = data.draw(st.sampled_from(HONORIFIC[OTHER[gender]]))
    paragraphs = [
        f"{first} spoke first. {honorific} {first.split()[-1]} has lived in the town for years.",
        f"{second} spoke next. {other} {second.split()[-1]} moved here last spring.",
        f"“{quote.rstrip('.')},” {PRONOUN[gender]} said.",
    ]
    assert speakers(paragraphs) == [first]


@SETTINGS
@given(
    name=person_name(), role=st.sampled_from(ROLES), gender=st.sampled_from(["f", "m"]), quote=full_quote
)
def test_a_lone_person_is_the_pronoun_without_any_evidence(name, role, gender, quote):
    paragraphs = [
        f"{name}, a {role}, lost most of the crop in the flood last year.",
        f"“{quote.rstrip('.')},” {PRONOUN[gender]} said.",
    ]
    assert speakers(paragraphs) == [name]


@SETTINGS
@given(
    data=st.data(), gender=st.sampled_from(["f", "m"]), quotes=st.lists(full_quote, min_size=2, max_size=4)
)
def test_a_chain_of_pronoun_quotes_keeps_the_introduced_speaker(data, gender, quotes):
    """Named once, then quoted paragraph after paragraph as "he said" / "she said"."""
    first, second = two_people(data.draw)
    paragraphs = [
        f"{first}, a lawyer, said {PRONOUN[gender]} would appeal the ruling against {second}.",
        *(f"“{quote.rstrip('.')},” {PRONOUN[gender]} said." for quote in quotes),
    ]
    assert speakers(paragraphs) == [first] * len(quotes)
