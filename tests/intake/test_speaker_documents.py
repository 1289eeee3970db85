"""A quotation nothing nearby attributes is the statement of the one person the document names so.

Classes of document: a press release whose title names one official ("Statement of <Title> <Name>
on ...", "<Title> <Name>'s Statement on ..."), the same title as a line atop the body, a dateline
lead whose subject speaks, and "<Name> said in a statement" paragraphs before the quotation. When
the document names two such people, nothing is guessed.
"""

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from .strategies import FULL_QUOTES, full_quote, person_name, speakers

SETTINGS = settings(max_examples=50, deadline=None)

TITLES = ["Attorney General", "Secretary", "Commissioner", "Administrator", "Gov.", "Sen.", "Director"]
TOPICS = ["the Verdict in the Fraud Case", "the Storm Recovery", "the New Rule", "the Anniversary"]

# Paragraphs that name no one and attribute nothing, between the naming and the quotation.
FILLERS = [
    "The storm reached the coast late on Monday, cutting power to thousands of homes.",
    "The rule takes effect in June and applies to companies of every size.",
    "The case was heard over three weeks in federal court.",
]

quotes = st.lists(st.sampled_from(FULL_QUOTES), min_size=1, max_size=3, unique=True)


def quoted(texts: list[str]) -> list[str]:
    return [f"“{text}”" for text in texts]


@SETTINGS
@given(
    title=st.sampled_from(TITLES),
    name=person_name(),
    topic=st.sampled_from(TOPICS),
    texts=quotes,
    form=st.sampled_from(
        [
            "Statement of {person} on {topic}",
            "Statement from {person} on {topic}",
            "{person}’s Statement on {topic}",
            "{person} Statement Regarding {topic}",
        ]
    ),
    in_body=st.booleans(),
)
def test_a_statement_title_names_the_speaker_of_unattributed_quotes(
    title, name, topic, texts, form, in_body
):
    headline = form.format(person=f"{title} {name}", topic=topic)
    paragraphs = quoted(texts)
    if in_body:
        assert speakers([headline, *paragraphs]) == [name] * len(texts)
    else:
        assert speakers(paragraphs, title=headline) == [name] * len(texts)


@SETTINGS
@given(
    title=st.sampled_from(TITLES),
    name=person_name(),
    texts=quotes,
    filler=st.sampled_from(FILLERS),
    opener=st.sampled_from(
        [
            "{person} said in a statement that the work would go on.",
            "In a statement, {person} said the work would go on.",
            "{person} released the following statement on Tuesday.",
            "{person} said in a news release that the work would go on.",
        ]
    ),
)
def test_said_in_a_statement_earlier_names_the_speaker(title, name, texts, filler, opener):
    paragraphs = [opener.format(person=f"{title} {name}"), filler, *quoted(texts)]
    assert speakers(paragraphs) == [name] * len(texts)


@SETTINGS
@given(
    title=st.sampled_from(TITLES),
    name=person_name(),
    texts=quotes,
    filler=st.sampled_from(FILLERS),
    dateline=st.sampled_from(["WASHINGTON —", "BETHESDA, Md. —", "AUSTIN, Texas (AP) —", "LONDON -"]),
)
def test_a_dateline_lead_names_the_speaker(title, name, texts, filler, dateline):
    paragraphs = [
        f"{dateline} {title} {name} said Tuesday that the program would expand.",
        filler,
        *quoted(texts),
    ]
    assert speakers(paragraphs) == [name] * len(texts)


@SETTINGS
@given(first=person_name(), second=person_name(), quote=full_quote, filler=st.sampled_from(FILLERS))
def test_two_people_in_statements_leave_the_quote_unattributed(first, second, quote, filler):
    assume(first.split()[-1] != second.split()[-1])
    paragraphs = [
        f"Sen. {first} said in a statement that the bill was overdue. Sen. {second} said in a "
        "statement that it went too far.",
        filler,
        f"“{quote}”",
    ]
    assert speakers(paragraphs) == [""]


@SETTINGS
@given(title=st.sampled_from(TITLES), name=person_name(), other=person_name(), quote=full_quote)
def test_an_attributed_quote_keeps_its_own_speaker(title, name, other, quote):
    assume(name.split()[-1] != other.split()[-1])
    headline = f"Statement of {title} {name} on the New Rule"
    paragraphs = [f"“{quote.rstrip('.')},” said {other}, a resident."]
    assert speakers(paragraphs, title=headline) == [other]
