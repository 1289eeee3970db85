"""An organisation or a document that speaks is the one named nearby, where one is.

Classes of sentence: "the <organisation noun> said" after an organisation whose name has that noun
("the agency" after "the <X> Agency"); "the <document noun> says" after the document is named with
its organisation ("a report by the <X> Office", "the <X> Institute's study"). With nothing nearby
that fits, the phrase stays as written. Organisation names are invented.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from intake.engine import same_person

from .strategies import full_quote, invented_word, speakers

SETTINGS = settings(max_examples=50, deadline=None)

ORG_NOUNS = ["Agency", "Commission", "Council", "Office", "Bureau", "Administration", "Board", "Institute"]
DOCUMENT_NOUNS = ["report", "study", "survey", "audit", "letter", "webpage"]
ACTIONS = ["sent 40 teams to the region on Tuesday.", "opened an inquiry last month.", "met on Monday."]


@st.composite
def organisation(draw) -> tuple[str, str]:
    """ "Tavermi Kelzo Agency" or "Agency for Tavermi Kelzo", with its noun."""
    head, first, second = draw(st.sampled_from(ORG_NOUNS)), draw(invented_word), draw(invented_word)
    name = draw(st.sampled_from([f"{first} {second} {head}", f"{head} for {first} {second}"]))
    return name, head


@SETTINGS
@given(
    org=organisation(),
    action=st.sampled_from(ACTIONS),
    quote=full_quote,
    verb=st.sampled_from(["said", "says"]),
)
def test_the_organisation_noun_is_the_organisation_named_before(org, action, quote, verb):
    name, noun = org
    paragraphs = [f"The {name} {action}", f"“{quote.rstrip('.')},” the {noun.lower()} {verb}."]
    assert speakers(paragraphs) == [f"the {name}"]


@SETTINGS
@given(
    org=organisation(),
    noun=st.sampled_from(DOCUMENT_NOUNS),
    quote=full_quote,
    form=st.sampled_from(
        [
            "A {noun} released Tuesday by the {org} found gaps in oversight.",
            "The {org}’s {noun} found gaps in oversight.",
            "The {org} published a {noun} on Tuesday that found gaps in oversight.",
        ]
    ),
    verb=st.sampled_from(["says", "said", "reads", "states", "concluded"]),
)
def test_the_document_belongs_to_the_organisation_named_with_it(org, noun, quote, form, verb):
    name, _ = org
    paragraphs = [form.format(noun=noun, org=name), f"“{quote.rstrip('.')},” the {noun} {verb}."]
    speaker = speakers(paragraphs)
    assert speaker == [f"the {name} {noun}"]
    assert same_person(speaker[0], f"the {noun}")  # still the document the README's guide names


@SETTINGS
@given(first=invented_word, second=invented_word, quote=full_quote)
def test_a_name_that_does_not_say_what_it_is_leaves_the_phrase_as_written(first, second, quote):
    paragraphs = [
        f"{first} {second} Motors recalled 40,000 cars.",
        f"“{quote.rstrip('.')},” the company said.",
    ]
    assert speakers(paragraphs) == ["the company"]


@SETTINGS
@given(org=organisation(), quote=full_quote, fillers=st.integers(min_value=4, max_value=6))
def test_an_organisation_named_far_back_is_not_nearby(org, quote, fillers):
    name, noun = org
    paragraphs = [
        f"The {name} met on Monday.",
        *["The weather was mild and the roads were quiet all week."] * fillers,
        f"“{quote.rstrip('.')},” the {noun.lower()} said.",
    ]
    assert speakers(paragraphs) == [f"the {noun.lower()}"]
