"""Reading attributions: the subject of a speech verb before or after a quotation."""

from __future__ import annotations

import re

from .names import (
    _APPOSITIVE_RE,
    _NAME_RUN_RE,
    _ROLE_BEFORE_NAME_RE,
    _ROLE_THEN_NAME_RE,
    _TITLE_CONNECTOR_RE,
    _analyse_name,
    _is_title_word,
)
from .text import (
    _TOKEN_RE,
    _WORD_RE,
    _bare,
    _ends_clause,
    _is_capitalised,
    _is_speech_verb_at,
    _Phrase,
    _tokens_with_offsets,
)
from .words import (
    _AUXILIARIES,
    _DAY_AND_MONTH_WORDS,
    _DETERMINERS,
    _NAME_PARTICLES,
    _PREPOSITIONS,
    _PRONOUNS,
    _REPORTING_VERBS,
    _ROLE_NOUNS,
    _SPEECH_VERBS,
    _UP,
    _words,
)

# --------------------------------------------------------------------------------------------------
# Reading attributions
# --------------------------------------------------------------------------------------------------

_ACCORDING_TO_RE = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)


_CLAUSE_WORDS = _words("what it he she they we i you")


_STOP_AFTER_NOUN = _words(
    """who whose which that in at on for of from with by to and or but as when while after before
    during about said says told wrote added is was are were has had have"""
)


# Past participles without "-ed" that open a reduced relative clause: "an internal memo sent to ...".
_IRREGULAR_PARTICIPLES = _words(
    """sent seen written shown given taken known held kept made done drawn brought obtained leaked
    circulated dated signed shared"""
)


def _read_phrase_forward(text: str) -> _Phrase | None:
    """Read the speaker phrase that opens `text`: a name, a pronoun, or a phrase like "the webpage"."""
    leading = len(text) - len(text.lstrip(" ,;:—–-"))
    body = text[leading:]
    first = _TOKEN_RE.match(body)
    if first is None:
        return None
    first_bare = _bare(first.group())
    if first_bare in _PRONOUNS:
        return first.group().strip(",.;:"), "pronoun", leading
    role = _ROLE_BEFORE_NAME_RE.match(body)
    if role is not None and _is_title_word(role.group().split()[-1]):
        # "city spokesperson Ann Lee", "team owner Richard Vance": the role is not the name.
        named = _read_phrase_forward(body[role.end() :])
        if named is not None and named[1] == "person":
            return named[0], named[1], leading + role.end() + named[2]
    name = _NAME_RUN_RE.match(body)
    if name is not None and first_bare not in _DETERMINERS:
        end = name.end()
        while all(_is_title_word(token) for token in body[:end].split()):
            # "Special Agent in Charge Robert Wheeler", "Secretary of State Antony Blinken"
            more = _TITLE_CONNECTOR_RE.match(body, end)
            if more is None:
                break
            end = more.end()
        role = _ROLE_THEN_NAME_RE.match(body, end)
        if role is not None and _is_title_word(role.group(1).split()[-1]):
            end = role.end()  # "Board member Luis Ortega", "City Council member Ana Ruiz"
        phrase = body[:end]
        person = _analyse_name(phrase)
        if person is None or all(_bare(t) in _DAY_AND_MONTH_WORDS for t in phrase.split()):
            return None
        return phrase, "person" if person.is_person else "thing", leading
    if first_bare not in _DETERMINERS and not first.group().endswith(("'s", "’s")):
        return None
    words: list[str] = []
    for token, _ in _tokens_with_offsets(body[:200])[:6]:
        clean = token.rstrip(",.;:!?")
        bare = _bare(clean)
        if words and (
            bare in _STOP_AFTER_NOUN
            or bare in _IRREGULAR_PARTICIPLES
            or (bare.endswith(("ed", "ing")) and len(bare) > 4)
        ):
            break
        words.append(clean)
        if clean != token:
            break
    if len(words) < 2:
        return None
    return " ".join(words), "thing", leading


def _read_clause_subject(head: str) -> _Phrase | None:
    """The name, pronoun or noun phrase that opens a clause and is closed by a comma (appositive).

    A leading adverbial ("In a statement, ...") is skipped once.
    """
    skip = 0
    for _attempt in range(2):
        phrase = _read_phrase_forward(head[skip:])
        if phrase is not None:
            words, kind, offset = phrase
            if head[skip + offset + len(words) :].startswith(","):
                return words, kind, skip + offset
        opener = re.match(r"\s*[^,\"“”]{0,60}?,\s+", head[skip:])
        if opener is None or skip:
            return None
        skip = opener.end()
    return None


def _read_renamed_subject(tokens: list[tuple[str, int]]) -> _Phrase | None:
    """A name set off by commas just before the verb renames the subject.

    "Norland's vice president of product safety, Ian Brody, wrote": the speaker is Ian Brody.
    """
    index = len(tokens) - 1
    while index > 0 and _is_capitalised(tokens[index - 1][0]) and not _ends_clause(tokens[index - 1][0]):
        index -= 1
    if index == len(tokens) - 1 and not _is_capitalised(tokens[index][0]):
        return None
    if index == 0 or not tokens[index - 1][0].endswith(","):
        return None
    phrase = " ".join(token for token, _ in tokens[index:]).rstrip(",—")
    person = _analyse_name(phrase)
    if person is None or not person.is_person or len(person.name.split()) < 2:
        return None
    return phrase, "person", tokens[index][1]


def _read_subject_backward(head: str) -> _Phrase | None:
    """Read the subject that ends `head`, the text right before a speech verb.

    Handles "Team owner Richard Vance", "she", "the webpage", "Gascon's office", and an appositive
    closed by a comma ("Patrick Miller, whose sister ..., previously"), whose subject opens the clause.
    """
    tokens = _tokens_with_offsets(head)
    while tokens and not tokens[-1][0].endswith(","):
        bare = _bare(tokens[-1][0])
        if bare not in _AUXILIARIES and not bare.endswith("ly"):
            break
        tokens.pop()
    if not tokens:
        return None
    last, last_offset = tokens[-1]
    if last.endswith((",", "—")):
        return _read_renamed_subject(tokens) or _read_clause_subject(head) or _read_appositive_owner(head)
    if _bare(last) in _PRONOUNS:
        return last, "pronoun", last_offset
    if _bare(last) == "it":
        # "The report criticised what it called ...": "it" is the thing that opens the sentence.
        opener = _read_phrase_forward(head)
        if opener is not None and opener[1] == "thing" and opener[2] + len(opener[0]) <= last_offset:
            return opener
        return last, "pronoun", last_offset  # "It said": resolved to the organisation that spoke last
    if _is_capitalised(last):
        described = _DESCRIBED_SOURCE_END_RE.search(head, 0, last_offset + len(last))
        if described is not None and described.group(1) in _ROLE_NOUNS:
            return described.group().rstrip(",.;:"), "thing", described.start()
        index = len(tokens) - 1
        while index > 0:
            previous = tokens[index - 1][0]
            if _ends_clause(previous):
                break
            if not (_is_capitalised(previous) or _bare(previous) in _NAME_PARTICLES):
                break
            index -= 1
        phrase = " ".join(token for token, _ in tokens[index:])
        person = _analyse_name(phrase)
        if person is None:
            return None
        return phrase, "person" if person.is_person else "thing", tokens[index][1]
    for back in range(1, min(5, len(tokens)) + 1):
        token, offset = tokens[-back]
        if back > 1 and _ends_clause(token):
            return None
        bare = _bare(token)
        if back > 1 and (bare in _STOP_AFTER_NOUN or bare in _CLAUSE_WORDS):
            return None  # "the report criticised what it": a clause, not a noun phrase
        is_possessive = token.endswith(("'s", "’s"))
        if back > 1 and (bare in _DETERMINERS or is_possessive):
            start = back
            if is_possessive and back < len(tokens) and _bare(tokens[-back - 1][0]) in _DETERMINERS:
                start = back + 1  # "the study's authors"
            return " ".join(t for t, _ in tokens[-start:]), "thing", tokens[-start][1]
    return None


# "A spokesman for the Department of Transport" before a verb: an unnamed source, as written.
_DESCRIBED_SOURCE_END_RE = re.compile(
    r"(?:^|(?<=[\s(]))(?:[Aa]n?|[Oo]ne)\s+(?:[a-z][\w-]*\s+){0,2}?([a-z]+)\s+(?:for|of|at|with|to|from)\s+"
    rf"(?:the\s+)?{_UP}[\w.’'&-]*(?:\s+(?:(?:and|of|for|the|on|in|&)\s+)*{_UP}[\w.’'&-]*)*$"
)


def _read_appositive_owner(head: str) -> _Phrase | None:
    """The person an appositive describes, however the sentence opens.

    "In a letter to ... dated March 28, state Rep. Angela Brightwater, a Democrat whose district
    includes the plant, wrote": the speaker is the name right before the comma that opens the
    appositive (", a", ", the", ", who").
    """
    for appositive in reversed(list(_APPOSITIVE_RE.finditer(head, max(0, len(head) - 300)))):
        before = head[: appositive.start()]
        if not before.strip() or before.rstrip().endswith((",", "—")):
            continue
        subject = _read_subject_backward(before)
        if subject is not None and subject[1] == "person":
            return subject
    return None


def _is_title_prefix(text: str) -> bool:
    """Whether the words before a name are only a job description ("Team owner", "board chair")."""
    tokens = text.split()
    if not tokens:
        return True
    if len(tokens) > 4 or any(_ends_clause(token) or _bare(token) in _PREPOSITIONS for token in tokens):
        return False
    return _is_title_word(tokens[-1]) or all(_is_capitalised(token) for token in tokens)


def _first_speech_verb(text: str) -> re.Match[str] | None:
    for match in _WORD_RE.finditer(text):
        if _is_speech_verb_at(text, match):
            return match
    return None


def _speaker_after_quote(segment: str) -> _Phrase | None:
    """The attribution after a quote: `," Mayor Angela Ruiz said`, `," said Dr. Elaine Marsh`,
    `," Patrick Miller, whose sister ..., told Fox News` or `," according to Felicia Grant`."""
    leading = len(segment) - len(segment.lstrip(" ,;:—–-"))
    body = segment[leading:]
    according = _ACCORDING_TO_RE.match(body)
    if according:
        phrase = _read_phrase_forward(body[according.end() :])
        return None if phrase is None else (phrase[0], phrase[1], leading + according.end() + phrase[2])
    tokens = _tokens_with_offsets(body)
    index = 0
    while index < min(3, len(tokens)) and _bare(tokens[index][0]) in _AUXILIARIES:
        index += 1
    if index < len(tokens) and _bare(tokens[index][0]) in _SPEECH_VERBS:
        verb, verb_offset = tokens[index]
        if verb.endswith((",", ".", ";", ":")):
            return None
        phrase = _read_phrase_forward(body[verb_offset + len(verb) :])
        if phrase is None:
            return None
        return phrase[0], phrase[1], leading + verb_offset + len(verb) + phrase[2]
    verb_match = _first_speech_verb(body[:320])
    if verb_match is None:
        return None
    head = body[: verb_match.start()]
    backward = _read_subject_backward(head)
    if backward is not None and _is_title_prefix(head[: backward[2]]):
        return backward[0], backward[1], leading + backward[2]
    forward = _read_phrase_forward(head)
    if forward is None or forward[2] != 0:
        return None
    gap = head[len(forward[0]) :].strip()
    gap_words = gap.split()
    if gap and not gap.startswith(",") and not (gap_words and _bare(gap_words[0]) in _PREPOSITIONS):
        return None
    if any(_ends_clause(word) for word in gap_words[:-1]) and not gap.startswith(","):
        return None
    return forward[0], forward[1], leading


def _speaker_before_quote(segment: str) -> _Phrase | None:
    """The attribution before a quote in the same sentence: `Ruiz tweeted:`, `X said the law was`."""
    matches = list(_ACCORDING_TO_RE.finditer(segment))
    last_according = matches[-1] if matches else None
    if last_according is not None:
        phrase = _read_phrase_forward(segment[last_according.end() :])
        if phrase is not None:
            return phrase[0], phrase[1], last_according.end() + phrase[2]
    for verb in _WORD_RE.finditer(segment):
        if _is_speech_verb_at(segment, verb) or _reports_that(segment, verb):
            subject = _read_subject_backward(segment[: verb.start()])
            if subject is not None:
                return subject
    speaking = _SPEAKING_OPENER_RE.match(segment)
    if speaking is not None:
        phrase = _read_phrase_forward(segment[speaking.end() :])
        if phrase is not None and phrase[1] != "thing":
            return phrase[0], phrase[1], speaking.end() + phrase[2]  # "Speaking to supporters, X ..."
    if segment.rstrip().endswith(":"):
        phrase = (
            _read_clause_subject(segment.rstrip()[:-1] + ",")
            or _read_phrase_forward(segment)
            or _read_sentence_subject(segment)  # "Asked what he wanted, he did not hesitate: ..."
        )
        if phrase is not None and phrase[1] != "thing":
            return phrase  # "Smith had a message for critics: ..."
    as_put = None
    for as_put in _AS_PUT_IT_RE.finditer(segment):  # noqa: B007 - the last one is wanted
        pass
    if as_put is not None:
        phrase = _read_phrase_forward(as_put.group(1))
        if phrase is not None and phrase[1] != "thing":
            return phrase[0], phrase[1], as_put.start(1) + phrase[2]  # "as he puts it, "...""
    characterised = None
    for characterised in _CHARACTERISED_AS_RE.finditer(segment):  # noqa: B007 - the last one is wanted
        pass
    if characterised is not None:
        subject = _read_subject_backward(segment[: characterised.start()])
        if subject is not None:
            return subject  # 'a reviewer dismissed them as "handsome rugs."'
    participles = list(_PARTICIPLE_RE.finditer(segment))
    if participles:
        return _read_sentence_subject(segment[: participles[-1].start()])
    return None


# ", saying he had "betrayed ..."": the speaker is the subject of the sentence the participle ends.
_PARTICIPLE_RE = re.compile(
    r",\s+(?:saying|adding|noting|arguing|writing|insisting|warning|claiming|calling|describing|"
    r"telling|explaining|acknowledging|declaring)\b"
)


# "Speaking to about 300 supporters, Vasquez-Lind thanked ...": the subject is speaking.
_SPEAKING_OPENER_RE = re.compile(
    r"\s*(?:Speaking|Addressing|Testifying|Talking|Writing)\b[^\"“”‘’,.;:]{0,120},\s+"
)


_THAT_RE = re.compile(r"\s+that\b")


def _reports_that(text: str, verb: re.Match[str]) -> bool:
    """ "The report found that ...": a reporting verb that introduces what was found."""
    return _bare(verb.group()) in _REPORTING_VERBS and _THAT_RE.match(text, verb.end()) is not None


# 'a reviewer dismissed them as "handsome rugs"': the words are the reviewer's verdict.
_CHARACTERISED_AS_RE = re.compile(
    r"\b(?:dismissed|dismisses|derided|derides|hailed|hails|decried|decries|praised|praises|"
    r"criticized|criticised|denounced|mocked|ridiculed|lauded|slammed|blasted)\b"
    r"(?=[^.;:\"“”‘]{0,60}\bas\s*$)"
)


# "as he puts it", "as one resident put it": the words that follow are that person's.
_AS_PUT_IT_RE = re.compile(
    r"\b[Aa]s\s+((?:[\w’'.-]+\s+){0,3}?[\w’'.-]+)\s+(?:puts|put|has\s+put|likes\s+to\s+put)\s+it\b"
)


_OPENING_ADVERBIAL_RE = re.compile(r"\s*[^,\"“”‘]{0,60}?,\s+")


def _read_sentence_subject(head: str) -> _Phrase | None:
    """The subject that opens a sentence, after one leading adverbial ("Earlier, he had ...")."""
    phrase = _read_phrase_forward(head)
    if phrase is not None:
        return phrase
    opener = _OPENING_ADVERBIAL_RE.match(head)
    if opener is None:
        return None
    phrase = _read_phrase_forward(head[opener.end() :])
    return None if phrase is None else (phrase[0], phrase[1], opener.end() + phrase[2])
