"""What in a sentence is checkable (numbers, studies, comparisons, events): patterns and word lists."""

from __future__ import annotations

import re

from .words import _DETERMINERS, _PREPOSITIONS, _words

# --------------------------------------------------------------------------------------------------
# Claims
# --------------------------------------------------------------------------------------------------

_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)


_DATE_RE = re.compile(
    rf"\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}(?:,?\s+\d{{4}})?\b"
    rf"|\b{_MONTHS}\s+\d{{4}}\b"
)


_TIME_RE = re.compile(
    r"\b\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o['’]clock\b)"
    # "a few million pounds", "in the billions": a vague size, not a figure anyone can check
    r"|\ba\s+few\s+(?:hundred|thousand|million|billion)\b|\bin\s+the\s+(?:millions|billions|trillions)\b",
    re.IGNORECASE,
)


_YEAR_RE = re.compile(
    r"(?<![\d$£€.,])(?:1[89]|20)\d{2}(?:s\b|-\d{2}\b|[–-](?:1[89]|20)\d{2}\b)?(?![\d%,.]\d|\s*%|\s*percent)"
)


_AGE_RE = re.compile(r"\b\d{1,3}-year-old\b|(?<=[A-Za-z]),\s+\d{1,3}(?=,)")


_IDENTIFIER_RE = re.compile(
    r"\b(?:[A-Za-z]+-\d+\w*|(?:Highway|Route|Interstate|Section|Article|Proposition|Prop\.|Title|Room|"
    r"Flight|Chapter|Amendment|Bill|No\.|Number|Phase|Level|Grade|Category|Ward|Precinct|Station|Unit|"
    r"Game|Week|Day|Episode|Season|Volume|Page|District|Apollo|Local)\s+\d+\w*|\d+(?:st|nd|rd|th)\b)"
)


_DURATION_RE = re.compile(
    r"(?<!\.)\b(?:\d{1,3}|(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))\s+"
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries|seasons?)\b"
    r"(?!\s+(?:a|per|each)\s)"
    r"|(?<![\w’'])[’'](?:\d0s|\d\d)\b"  # "since the ’90s", "the class of ’09": a decade or a year
)


_STRONG_NUMBER_RE = re.compile(
    r"[$£€¥]\s?\d[\d,]*(?:\.\d+)?(?:\s+(?:million|billion|trillion))?"
    r"|\d[\d,]*(?:\.\d+)?\s?(?:%|percent\b|per\s+cent\b|percentage\s+points?\b)"
    r"|\b(?:million|billion|trillion|millions|billions|trillions|thousands|hundreds|dozens)\b"
    r"|\b(?:one[- ]third|two[- ]thirds|a\s+third|a\s+quarter|three[- ]quarters)\b"
    r"|\b(?:one|two|three|four|five)\s+(?:in|out\s+of)\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b"
    # "missed five of his first six free throws", "three of the four seats": a count out of a total
    r"|\b(?:two|three|four|five|six|seven|eight|nine|ten)\s+of\s+(?:his|her|their|its|the)\s+(?:first\s+|last\s+)?"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\b",
    re.IGNORECASE,
)


_DIGITS_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")


_QUANTIFIED_WORD_RE = re.compile(
    r"\b(?:at\s+least|more\s+than|fewer\s+than|less\s+than|about|nearly|roughly|almost|over|up\s+to|"
    r"some|approximately|an\s+estimated|only)\s+(?:two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a\s+dozen)\b",
    re.IGNORECASE,
)


# "the fourth appeals court decision this year": a count stated as a rank within a period.
_ORDINAL_COUNT_RE = re.compile(
    r"\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b"
    r"[^.;]{0,60}?\b(?:this|last|that)\s+(?:year|month|week|season|decade)\b",
    re.IGNORECASE,
)


# Multipliers are quantities too: "twice as long" can be checked even inside a quote.
_MULTIPLIER_RE = re.compile(
    r"\b(?:twice|three\s+times|four\s+times|\d+(?:\.\d+)?\s+times)\s+as\b|\b(?:doubled|tripled|quadrupled|halved)\b"
    r"|\bdouble\s+the\b|\b\d+(?:\.\d+)?\s+times\s+(?:more|higher|lower|greater)\b",
    re.IGNORECASE,
)


# "the first fare increase since 2012", "for the first time in a decade": a checkable record.
_RECORD_RE = re.compile(
    r"\b(?:first|only|last)\b[^.;]{0,60}?\bsince\s+(?:the\s+)?\d{4}s?\b|\bfor\s+the\s+first\s+time\b"
    r"|\bfirst\b[^.;]{0,40}?\bin\s+(?:a|\d+|two|three|four|five|ten)\s+(?:years?|decades?)\b",
    re.IGNORECASE,
)


_STUDY_RE = re.compile(
    r"\b(?:study|studies|research|report|reports|survey|surveys|poll|polls|polling|analysis|analyses|"
    r"data|dataset|statistics|census|findings|tally|audit|meta-analysis|journal|advisory|assessment|"
    r"review\s+of|paper)\b",
    re.IGNORECASE,
)


# Words without which _COMPARISON_RE cannot match: checking them first is much cheaper than the regex.
_COMPARISON_TRIGGERS = _words(
    """higher lower greater larger smaller likely common frequent prevalent widespread expensive
    costly affordable popular dangerous deadly severe than as times double half doubled tripled
    quadrupled halved rose fell dropped climbed declined increased decreased grew shrank shrunk
    soared jumped plunged plummeted surged outpaced surpassed risen fallen from compared record
    highest lowest largest biggest smallest fastest slowest oldest youngest worst best most least
    leading"""
)


# "polling places", "polling station": where people vote, not a poll.
_POLLING_PLACE_RE = re.compile(r"\bpolling\s+(?:places?|stations?|booths?|sites?|locations?|day)\b", re.I)


_STUDY_AS_VERB_RE = re.compile(
    r"\b(?:who|to|they|we|i|you|and|will|would|must|should|can|could|may|might)\s+(?:study|report)\b",
    re.IGNORECASE,
)


_COMPARISON_RE = re.compile(
    r"\b(?:sharply|significantly|much|far|slightly|substantially|dramatically|steadily)\s+"
    r"(?:higher|lower|more|less|fewer|greater|larger|smaller)\b|"
    r"\b(?:more|less|fewer)\s+likely\b|\b(?:more|less)\s+(?:common|frequent|prevalent|widespread|expensive|costly|"
    r"affordable|popular|dangerous|deadly|severe)\b|(?<=\w)er\s+than\b|\b(?:more|less|fewer|worse)\s+than\b"
    r"|\b(?:twice|half|three\s+times|\d+\s+times)\s+as\b|(?<=\w)\s+times\s+(?:more|higher|lower|as)\b"
    r"|\bdouble\s+the\b|\b(?:more\s+than\s+|nearly\s+|about\s+|roughly\s+)?half\b"
    r"|\b(?:doubled|tripled|quadrupled|halved|rose|fell|dropped|climbed|declined|increased|decreased|"
    r"grew|shrank|shrunk|soared|jumped|plunged|plummeted|surged|outpaced|surpassed|risen|fallen)\b"
    r"|\b(?:up|down)\s+from\b|\bcompared\s+(?:with|to)\b|\bon\s+record\b|\brecord\s+(?:high|low)\b"
    r"|\bthe\s+(?:(?:two|three|four|five|ten|\d+)\s+)?(?:highest|lowest|largest|biggest|smallest|fastest|"
    r"slowest|oldest|youngest|worst|best|most|least|leading)\b|(?<=\w)-(?:oldest|largest|biggest|highest|lowest|fastest)\b",
    re.IGNORECASE,
)


_ATTRIBUTION_PHRASE_RE = re.compile(
    r"\baccording\s+to\b|\bcited\b|\bciting\b|\bcites\b|\b(?:came|come|coming)\s+out\s+(?:against|in\s+favou?r)\b"
    r"|\bspoke\s+out\b|\b(?:arguing|saying|noting|warning|claiming|insisting|contending|asserting|"
    r"acknowledging|adding)\s+that\b"
    r"|,\s+(?:saying|arguing|noting|warning|claiming|insisting|contending|adding)\s+(?:he|she|they|it|"
    r"we|the|his|her|their|its)\s+\w+",
    re.IGNORECASE,
)


_NON_CONTENT_AFTER_VERB = _words(
    """after before in on at during when while with as to from of by about afterward later then
    recently earlier last this yesterday today tonight monday tuesday wednesday thursday friday
    saturday sunday"""
)


_PAST_IRREGULAR = _words(
    """met took gave made won lost sent held began brought left rose fell ran paid sold bought built
    cut hit led put set shut spent struck went drew chose fought found kept knew laid lent meant
    sought sat shot spoke stood stole swore taught threw understood wore wound became came did"""
)


_OFFICIAL_ACTS = _words(
    """voted ruled ordered signed approved passed issued blocked upheld sued filed charged arrested
    announced released published funded awarded appointed fired resigned elected indicted convicted
    sentenced acquitted settled vetoed launched opened closed met commissioned brought enacted repealed
    overturned rejected adopted unveiled cast hired cancelled canceled banned removed declared
    struck dissented"""
)


_NOT_PAST_ED = _words("need needed based indeed seed speed red bed shed hundred embed feed")


_TIME_EXPRESSION_RE = re.compile(
    rf"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\b{_MONTHS}(?=\s|,|$)"
    r"|\b(?:1[89]|20)\d{2}\b"
    r"|\b(?:last|earlier\s+this|this|late\s+last|early\s+last)\s+(?:week|month|year|spring|summer|fall|"
    r"autumn|winter|season|decade)\b|\byesterday\b|\bago\b",
)


# Case-sensitive on purpose: a capitalised "Will" opens a name (of a person or a place); "will" is the
# future.
_FUTURE_RE = re.compile(
    r"\b(?:will|shall|is\s+expected\s+to|are\s+expected\s+to|plans?\s+to|is\s+scheduled\s+to|"
    r"are\s+scheduled\s+to|next\s+(?:week|month|year|season))\b"
)


_NEGATED_PAST_RE = re.compile(r"\b(?:did\s+not|didn't|didn’t|never)\s+[a-z]+", re.IGNORECASE)


# One pass instead of six: dates, times, ages, identifiers, durations and years are not quantities.
_NOT_A_QUANTITY_RE = re.compile(
    "|".join(
        f"(?{'i' if pattern.flags & re.IGNORECASE else ''}:{pattern.pattern})"
        for pattern in (_DATE_RE, _TIME_RE, _AGE_RE, _IDENTIFIER_RE, _DURATION_RE, _YEAR_RE)
    )
)


_NUMBER_WORDS = _words(
    """million billion trillion millions billions trillions thousands hundreds dozens dozen third thirds
    quarter quarters second fourth fifth sixth seventh eighth ninth tenth one two three four five six
    seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred"""
)


_DIGIT_RE = re.compile(r"\d")


# Words after which a reporting verb is a noun or an infinitive: "neighboring states were",
# "declined to say whether", "the reports".
_BEFORE_NOUN = _DETERMINERS | _PREPOSITIONS | _words("to and or")


_AFTER_NOUN = _words("were are have had is was would will can could of and")


_TAG_QUANTIFIERS = _words("both all several some many two three four")  # "..., both campaigns said."


# "Halloran did not respond to a request for comment.": a non-answer, not a checkable fact.
_NO_COMMENT_RE = re.compile(
    r"\b(?:did\s+not|didn['’]t|could\s+not|couldn['’]t)\s+(?:immediately\s+)?(?:respond|reply)\s+to\s+"
    r"(?:a\s+|an\s+|several\s+|repeated\s+|multiple\s+)?(?:requests?|messages?|emails?|calls?|inquir)"
    r"|\b(?:declined|refused)\s+to\s+comment\b|\bcould\s+not\s+be\s+(?:immediately\s+)?reached\b",
    re.IGNORECASE,
)


# "No one was injured.", "Three people were killed.": casualties are checkable.
_CASUALTY_RE = re.compile(
    r"\b(?:was|were|been)\s+(?:(?:seriously|critically|badly|fatally)\s+)?(?:injured|killed|hurt|wounded)\b",
    re.IGNORECASE,
)


# Verbs whose object is the person addressed ("told reporters"), so a quote right after is not content.
_VERBS_OF_ADDRESS = _words("told tells")

# Verbs whose first object is who heard it ("told reporters", "asked the board"): what follows names
# the listener, so only a "that" clause is reported content.
_LISTENER_VERBS = _VERBS_OF_ADDRESS | _words("asked asks")

# "called" reports only with an object ("called it a disgrace", "called the plan"); otherwise it
# names ("a group called ...") or is passive ("police were called").
_NAMING_VERBS = _words("called calls")
_OBJECT_OPENERS = _DETERMINERS | _words("it him them")
