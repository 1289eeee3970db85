"""Article text for the generated newsroom: sentences from varied templates, grouped in paragraphs.

Every sentence is kept with its offsets in the body, so claims (a whole sentence, without its full stop)
and quotations (the words between the quote marks) are anchored to words that really are in the text.
"""

import random
from dataclasses import dataclass

PLACES = [
    "Springfield",
    "Riverside",
    "Oakdale",
    "the county",
    "Lakeview",
    "Fairmont",
    "Greenville",
    "Harbor City",
    "the northern district",
    "Westbrook",
    "Millbrook",
    "the state",
    "Cedar Falls",
    "Port Elliot",
    "Ashford",
]
ORGS = [
    "the city council",
    "the health department",
    "the police department",
    "the school board",
    "the transit authority",
    "the housing agency",
    "the state auditor",
    "the water utility",
    "the chamber of commerce",
    "the university",
    "the hospital trust",
    "the parks department",
    "the election office",
    "the environmental agency",
    "the district court",
    "the fire service",
]
THINGS = [
    "budget",
    "housing plan",
    "bus network",
    "flood defence scheme",
    "school funding formula",
    "policing strategy",
    "recycling programme",
    "hospital expansion",
    "tax relief package",
    "road repair programme",
    "climate plan",
    "library network",
    "youth employment scheme",
]
ROLES = [
    "a spokesperson for",
    "the director of",
    "a senior analyst at",
    "the chair of",
    "a former official at",
    "a researcher at",
    "the treasurer of",
    "a board member of",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
VERBS = ["rose", "fell", "climbed", "dropped", "grew", "shrank"]
QUOTES = [
    "We have to be honest with residents about what this will cost",
    "The numbers speak for themselves and they are not good",
    "Nobody on this council wants to see another year like the last one",
    "This is the most significant change to the service in a generation",
    "We were never shown the full report before the vote",
    "Families in this part of town have waited long enough",
    "I would not call it a crisis but it is close",
    "The money has to come from somewhere and we have made our choice",
    "Our staff are working harder than ever with fewer resources",
    "It is too early to say whether the policy has worked",
    "We will publish every figure so that people can judge for themselves",
    "There was no warning and no consultation whatsoever",
]

# {x} slots are filled from the lists above; {n}, {pct}, {year}, {m} are numbers and dates.
CLAIM_SENTENCES = [
    "The {thing} will cost {n} million dollars over the next {small} years, according to {org}",
    "Violent crime in {place} {verb} by {pct} percent last year, the latest figures show",
    "More than {k} residents signed the petition against the {thing} within a week",
    "{Org} said the {thing} had already saved {n} million dollars since {year}",
    "Average rents in {place} {verb} {pct} percent between {year} and {year2}",
    "The number of patients waiting more than four hours {verb} to {k} in {month}",
    "Only {pct} percent of the promised homes in {place} have been completed",
    "A study by {org} found that {pct} percent of pupils in {place} missed at least a month of school",
    "Ridership on the {thing} {verb} by {pct} percent in the first year of operation",
    "{Org} employed {k} people at the end of {year}, down from {k2} a decade earlier",
    "The report estimates that {k} households in {place} are at risk of flooding",
    "Spending on the {thing} has {verb} every year since {year}",
    "Unemployment in {place} stood at {small}.{digit} percent in {month}, the lowest in {small} years",
    "{Org} received {k} complaints about the {thing} in {year}",
    "The {thing} was approved by {small} votes to {digit} on {day}",
    "Response times in {place} {verb} by {small} minutes after the changes took effect",
    "The audit found {n} million dollars in payments that could not be accounted for",
    "Emissions from public buildings {verb} {pct} percent compared with {year}",
]
PLAIN_SENTENCES = [
    "The meeting on {day} lasted more than {small} hours and drew a crowd of residents",
    "Officials in {place} declined to comment on the details before the vote",
    "Critics of the {thing} have questioned whether the figures add up",
    "The proposal will return to {org} for a final decision next month",
    "Supporters say the change is overdue and that neighbouring towns have moved faster",
    "Several residents spoke during the public comment period, most of them in favour",
    "The debate has divided opinion in {place} for much of the past year",
    "A spokesperson for {org} said more details would be released in the coming weeks",
    "Local businesses have been watching the outcome closely",
    "It is not the first time the {thing} has come under scrutiny",
    "The figures were published on the website of {org} late on {day}",
    "Opposition members called for an independent review before any money is spent",
]


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int  # without the closing full stop
    kind: str  # "claim", "plain" or "quotation"
    quote: tuple[int, int] | None = None  # the quoted words' offsets, for quotations


def _fill(template: str, rng: random.Random) -> str:
    year = rng.randint(2008, 2022)
    values = {
        "place": rng.choice(PLACES),
        "org": rng.choice(ORGS),
        "thing": rng.choice(THINGS),
        "verb": rng.choice(VERBS),
        "day": rng.choice(DAYS),
        "month": rng.choice(MONTHS),
        "n": f"{rng.randint(2, 950)}.{rng.randint(1, 9)}",
        "pct": str(rng.randint(2, 64)),
        "k": f"{rng.randint(1, 48)},{rng.randint(0, 999):03d}",
        "k2": f"{rng.randint(1, 48)},{rng.randint(0, 999):03d}",
        "small": str(rng.randint(2, 12)),
        "digit": str(rng.randint(0, 9)),
        "year": str(year),
        "year2": str(year + rng.randint(1, 3)),
    }
    values["Org"] = values["org"][0].upper() + values["org"][1:]
    return template.format(**values)


def article_text(rng: random.Random, people: list[str], *, words: int = 1000, quotations: int = 3):
    """A body of about `words` words (exactly `words` when `exact`), and its sentences with offsets.

    `people` are names for the quotations' speakers, in order. Paragraphs hold four to six sentences.
    """
    body: list[str] = []
    sentences: list[Sentence] = []
    offset = 0
    count = 0
    paragraph: list[str] = []
    quote_slots = set(rng.sample(range(4, 40), quotations)) if quotations else set()
    speakers = iter(people)
    index = 0
    while count < words:
        if index in quote_slots:
            quote = rng.choice(QUOTES)
            speaker = next(speakers, "a spokesperson")
            role = f"{rng.choice(ROLES)} {rng.choice(ORGS)}"
            text = f"“{quote},” said {speaker}, {role}"
            kind, quoted = "quotation", (1, 1 + len(quote))
        elif rng.random() < 0.6:
            text, kind, quoted = _fill(rng.choice(CLAIM_SENTENCES), rng), "claim", None
        else:
            text, kind, quoted = _fill(rng.choice(PLAIN_SENTENCES), rng), "plain", None
        n = len(text.split())
        if count + n > words:  # the last sentence is cut to land on the word count exactly
            text = " ".join(text.split()[: words - count])
            kind, quoted = "plain", None
            n = words - count
        start = offset + (1 if paragraph else 0)  # a space between sentences of one paragraph
        quote = (start + quoted[0], start + quoted[1]) if quoted else None
        sentences.append(Sentence(start, start + len(text), kind, quote))
        paragraph.append(text + ".")
        offset = start + len(text) + 1
        count += n
        index += 1
        if len(paragraph) >= rng.randint(4, 6) and count < words:
            body.append(" ".join(paragraph))
            paragraph = []
            offset += 2  # the blank line between paragraphs
    if paragraph:
        body.append(" ".join(paragraph))
    return "\n\n".join(body), sentences
