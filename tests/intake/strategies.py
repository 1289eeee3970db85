"""Hypothesis strategies shared by the engine's behaviour tests (invented names, quotes, verbs), and
`speakers`, what the engine says of them.

The names are built from syllables, so no test depends on a name the engine might know (its short
lists of first names) or on a name from the development set.
"""

from hypothesis import strategies as st

from intake.engine import suggest_quotes

SYLLABLES = ["ta", "ver", "lon", "mi", "ros", "kel", "dra", "bin", "sol", "ny", "quen", "ith", "zo", "pel"]


def _word(syllables: list[str]) -> str:
    return "".join(syllables).capitalize()


# "Tavermi", "Kelzo": invented given names and surnames, two or three syllables.
invented_word = st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=3).map(_word)

middle_initial = st.sampled_from(["", "", "", "J. ", "R. ", "T. "])


@st.composite
def person_name(draw) -> str:
    """ "Tavermi Kelzo", sometimes with a middle initial ("Tavermi R. Kelzo")."""
    given, surname = draw(invented_word), draw(invented_word)
    return f"{given} {draw(middle_initial)}{surname}"


# Whole sentences that could be said by anyone; no names, numbers or quotation marks inside.
FULL_QUOTES = [
    "We will not back down on this bill.",
    "This ruling is a win for every family in the state.",
    "The agency has had years to fix this problem and has not done it.",
    "Nobody in this building wanted to see the program end this way.",
    "We are deploying every resource we have to help people recover.",
    "The evidence shows the plan is working better than anyone expected.",
]

# Partial quotes that follow "said that" or "contends the plan".
PARTIAL_QUOTES = [
    "puts working families first for once",
    "failed the public at every turn",
    "was never on the table at all",
    "a serious threat to public safety",
]

full_quote = st.sampled_from(FULL_QUOTES)
partial_quote = st.sampled_from(PARTIAL_QUOTES)

# Present and past speech verbs, with the auxiliaries and adverbs wire copy puts around them.
speech_verb = st.sampled_from(
    ["said", "says", "contends", "argued", "told reporters", "has said repeatedly", "wrote", "added"]
)


def speakers(paragraphs: list[str], title: str = "") -> list[str]:
    """The speaker the engine gives each quotation it finds in `paragraphs`, in order."""
    return [quote.speaker for quote in suggest_quotes(paragraphs, title=title)]
