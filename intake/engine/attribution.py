"""Reading attributions: the subject of a speech verb before or after a quotation."""

from __future__ import annotations

import re

from .names import _follows_title_complement, _is_title_word
from .subjects import (
    _read_clause_subject,
    _read_phrase_forward,
    _read_subject_backward,
    _shifted,
)
from .text import (
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
    _PREPOSITIONS,
    _REPORTING_VERBS,
    _SPEECH_VERBS,
    _STATE_ABBREVIATIONS,
)

# --------------------------------------------------------------------------------------------------
# Reading attributions
# --------------------------------------------------------------------------------------------------

_ACCORDING_TO_RE = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)


def _is_title_prefix(text: str) -> bool:
    """Whether the words before a name are only a job description ("Team owner", "board chair"),
    perhaps after an abbreviated state ("Calif. Gov.", read as one with the title)."""
    tokens = [token for token in text.split() if _bare(token) not in _STATE_ABBREVIATIONS]
    if not tokens or _follows_title_complement(tokens):
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
        found = _shifted(_read_phrase_forward(body[according.end() :]), according.end())
    elif (verb := _leading_speech_verb(body)) is not None:
        found = _phrase_after_verb(body, *verb)
    else:
        found = _subject_before_verb(body)
    return _shifted(found, leading)


def _leading_speech_verb(body: str) -> tuple[str, int] | None:
    """The speech verb that opens `body`, after up to three auxiliaries: `," said X`."""
    tokens = _tokens_with_offsets(body)
    index = 0
    while index < min(3, len(tokens)) and _bare(tokens[index][0]) in _AUXILIARIES:
        index += 1
    if index < len(tokens) and _bare(tokens[index][0]) in _SPEECH_VERBS:
        return tokens[index]
    return None


def _phrase_after_verb(body: str, verb: str, verb_offset: int) -> _Phrase | None:
    if verb.endswith((",", ".", ";", ":")):
        return None
    after = verb_offset + len(verb)
    return _shifted(_read_phrase_forward(body[after:]), after)


def _only_a_gap(gap: str) -> bool:
    """Whether the words between a subject and its verb leave it the subject: none, an appositive
    (", whose sister ..."), or a phrase opening with a preposition ("of the union")."""
    gap = gap.strip()
    gap_words = gap.split()
    if gap.startswith(",") or not gap:
        return True
    if not (gap_words and _bare(gap_words[0]) in _PREPOSITIONS):
        return False
    return not any(_ends_clause(word) for word in gap_words[:-1])


def _subject_before_verb(body: str) -> _Phrase | None:
    """`," Mayor Angela Ruiz said`: the subject before the first speech verb."""
    verb_match = _first_speech_verb(body[:320])
    if verb_match is None:
        return None
    head = body[: verb_match.start()]
    backward = _read_subject_backward(head)
    if backward is not None and _is_title_prefix(head[: backward[2]]):
        return backward
    forward = _read_phrase_forward(head)
    if forward is None or forward[2] != 0 or not _only_a_gap(head[len(forward[0]) :]):
        return None
    return forward


def _according_before(segment: str) -> _Phrase | None:
    matches = list(_ACCORDING_TO_RE.finditer(segment))
    if not matches:
        return None
    return _shifted(_read_phrase_forward(segment[matches[-1].end() :]), matches[-1].end())


def _subject_of_speech_verb(segment: str) -> _Phrase | None:
    for verb in _WORD_RE.finditer(segment):
        if _is_speech_verb_at(segment, verb) or _reports_that(segment, verb):
            subject = _read_subject_backward(segment[: verb.start()])
            if subject is not None:
                return subject
    return None


def _not_a_thing(phrase: _Phrase | None) -> _Phrase | None:
    return phrase if phrase is not None and phrase[1] != "thing" else None


def _after_speaking_opener(segment: str) -> _Phrase | None:
    """ "Speaking to supporters, X ..." """
    speaking = _SPEAKING_OPENER_RE.match(segment)
    if speaking is None:
        return None
    return _not_a_thing(_shifted(_read_phrase_forward(segment[speaking.end() :]), speaking.end()))


def _before_colon(segment: str) -> _Phrase | None:
    """ "Smith had a message for critics: ...", "Asked what he wanted, he did not hesitate: ..." """
    if not segment.rstrip().endswith(":"):
        return None
    phrase = (
        _read_clause_subject(segment.rstrip()[:-1] + ",")
        or _read_phrase_forward(segment)
        or _read_sentence_subject(segment)
    )
    return _not_a_thing(phrase)


def _last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text):  # noqa: B007 - the last one is wanted
        pass
    return found


def _as_put_it(segment: str) -> _Phrase | None:
    """ "as he puts it, "..."" """
    as_put = _last_match(_AS_PUT_IT_RE, segment)
    if as_put is None:
        return None
    return _not_a_thing(_shifted(_read_phrase_forward(as_put.group(1)), as_put.start(1)))


def _characterised_as(segment: str) -> _Phrase | None:
    """'a reviewer dismissed them as "handsome rugs."'"""
    characterised = _last_match(_CHARACTERISED_AS_RE, segment)
    if characterised is None:
        return None
    return _read_subject_backward(segment[: characterised.start()])


def _before_participle(segment: str) -> _Phrase | None:
    participles = list(_PARTICIPLE_RE.finditer(segment))
    if not participles:
        return None
    return _read_sentence_subject(segment[: participles[-1].start()])


# The ways an attribution before a quote in the same sentence is written, tried in this order.
_BEFORE_QUOTE_READERS = (
    _according_before,
    _subject_of_speech_verb,
    _after_speaking_opener,
    _before_colon,
    _as_put_it,
    _characterised_as,
    _before_participle,
)


def _speaker_before_quote(segment: str) -> _Phrase | None:
    """The attribution before a quote in the same sentence: `Ruiz tweeted:`, `X said the law was`."""
    for read in _BEFORE_QUOTE_READERS:
        phrase = read(segment)
        if phrase is not None:
            return phrase
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
