"""Reading a subject: the name, pronoun or noun phrase that opens a clause or ends before a verb."""

from __future__ import annotations

import re

from .names import (
    _APPOSITIVE_RE,
    _LAST_RUN_RE,
    _NAME_RUN_RE,
    _ROLE_BEFORE_NAME_RE,
    _ROLE_THEN_NAME_RE,
    _STATE_BEFORE_TITLE_RE,
    _TITLE_COMPLEMENT_RE,
    _TITLE_CONNECTOR_RE,
    _analyse_name,
    _follows_title_complement,
    _given_name_start,
    _is_title_word,
)
from .text import (
    _TOKEN_RE,
    _bare,
    _ends_clause,
    _is_capitalised,
    _Phrase,
    _tokens_with_offsets,
)
from .words import (
    _AUXILIARIES,
    _DAY_AND_MONTH_WORDS,
    _DETERMINERS,
    _NAME_PARTICLES,
    _PRONOUNS,
    _ROLE_NOUNS,
    _UP,
    _words,
)

# --------------------------------------------------------------------------------------------------
# Reading subjects
# --------------------------------------------------------------------------------------------------

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
    named = _person_after_role(body)
    if named is not None:
        return _shifted(named, leading)
    state = _STATE_BEFORE_TITLE_RE.match(body)
    if state is not None:
        return _shifted(_read_phrase_forward(body[state.end() :]), leading + state.end())
    name = _NAME_RUN_RE.match(body)
    if name is not None and first_bare not in _DETERMINERS:
        return _name_phrase(body, name.end(), leading)
    if first_bare not in _DETERMINERS and not first.group().endswith(("'s", "’s")):
        return None
    return _noun_phrase_forward(body, leading)


def _shifted(phrase: _Phrase | None, by: int) -> _Phrase | None:
    """`phrase` read from a text that starts `by` characters later."""
    return None if phrase is None else (phrase[0], phrase[1], phrase[2] + by)


def _person_after_role(body: str) -> _Phrase | None:
    """ "city spokesperson Ann Lee", "team owner Richard Vance": the role is not the name."""
    role = _ROLE_BEFORE_NAME_RE.match(body)
    if role is None or not _is_title_word(role.group().split()[-1]):
        return None
    named = _read_phrase_forward(body[role.end() :])
    if named is None or named[1] != "person":
        return None
    return _shifted(named, role.end())


def _title_run_end(body: str, end: int) -> int:
    """Extend a run of title words over its connectors: "Special Agent in Charge Robert Wheeler",
    "Secretary of State Antony Blinken"."""
    while all(_is_title_word(token) for token in body[:end].split()):
        more = _TITLE_CONNECTOR_RE.match(body, end)
        if more is None:
            break
        end = more.end()
    return end


def _name_after_complement(body: str, end: int) -> _Phrase | None:
    """ "Under Secretary of Commerce for Oceans and Atmosphere Rick Spinrad": titles, their
    complement, then the name, which is the last words of the last capitalised run."""
    if not all(_is_title_word(token) for token in body[:end].split()):
        return None
    chain = _TITLE_COMPLEMENT_RE.match(body, end)
    run = _LAST_RUN_RE.search(chain.group()) if chain is not None else None
    if run is None:
        return None
    tokens = _tokens_with_offsets(run.group())
    if len(tokens) < 3:
        return None
    first = _given_name_start([token for token, _ in tokens])
    phrase = run.group()[tokens[first][1] :]
    person = _analyse_name(phrase)
    if person is None or not person.is_person:
        return None
    return phrase, "person", chain.start() + run.start() + tokens[first][1]


def _name_phrase(body: str, end: int, leading: int) -> _Phrase | None:
    named = _name_after_complement(body, end)
    if named is not None:
        return _shifted(named, leading)
    end = _title_run_end(body, end)
    role = _ROLE_THEN_NAME_RE.match(body, end)
    if role is not None and _is_title_word(role.group(1).split()[-1]):
        end = role.end()  # "Board member Luis Ortega", "City Council member Ana Ruiz"
    phrase = body[:end]
    person = _analyse_name(phrase)
    if person is None or all(_bare(t) in _DAY_AND_MONTH_WORDS for t in phrase.split()):
        return None
    return phrase, "person" if person.is_person else "thing", leading


def _ends_noun_phrase(bare: str) -> bool:
    """A word that closes a noun phrase read forward: a clause word, or a participle opening one."""
    if bare in _STOP_AFTER_NOUN or bare in _IRREGULAR_PARTICIPLES:
        return True
    return bare.endswith(("ed", "ing")) and len(bare) > 4


def _noun_phrase_forward(body: str, leading: int) -> _Phrase | None:
    """ "the webpage", "Gascon's office": up to six words, closed by punctuation or a clause word."""
    words: list[str] = []
    for token, _ in _tokens_with_offsets(body[:200])[:6]:
        clean = token.rstrip(",.;:!?")
        if words and _ends_noun_phrase(_bare(clean)):
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
    tokens = _without_trailing_auxiliaries(_tokens_with_offsets(head))
    if not tokens:
        return None
    last, last_offset = tokens[-1]
    if last.endswith((",", "—")):
        return _read_renamed_subject(tokens) or _read_clause_subject(head) or _read_appositive_owner(head)
    if _bare(last) in _PRONOUNS:
        return last, "pronoun", last_offset
    if _bare(last) == "it":
        return _it_subject(head, last, last_offset)
    if _is_capitalised(last):
        return _name_ending(head, tokens)
    return _noun_phrase_backward(tokens)


def _without_trailing_auxiliaries(tokens: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Drop the auxiliaries and adverbs between a subject and its verb ("has repeatedly")."""
    while tokens and not tokens[-1][0].endswith(","):
        bare = _bare(tokens[-1][0])
        if bare not in _AUXILIARIES and not bare.endswith("ly"):
            break
        tokens.pop()
    return tokens


def _it_subject(head: str, last: str, last_offset: int) -> _Phrase:
    """ "The report criticised what it called ...": "it" is the thing that opens the sentence."""
    opener = _read_phrase_forward(head)
    if opener is not None and opener[1] == "thing" and opener[2] + len(opener[0]) <= last_offset:
        return opener
    return last, "pronoun", last_offset  # "It said": resolved to the organisation that spoke last


def _name_run_start(tokens: list[tuple[str, int]]) -> int:
    """Index of the first token of the capitalised run (with name particles) that ends `tokens`."""
    index = len(tokens) - 1
    while index > 0:
        previous = tokens[index - 1][0]
        if _ends_clause(previous):
            break
        if not (_is_capitalised(previous) or _bare(previous) in _NAME_PARTICLES):
            break
        index -= 1
    return index


def _name_ending(head: str, tokens: list[tuple[str, int]]) -> _Phrase | None:
    last, last_offset = tokens[-1]
    described = _DESCRIBED_SOURCE_END_RE.search(head, 0, last_offset + len(last))
    if described is not None and described.group(1) in _ROLE_NOUNS:
        return described.group().rstrip(",.;:"), "thing", described.start()
    index = _name_run_start(tokens)
    phrase = " ".join(token for token, _ in tokens[index:])
    person = _analyse_name(phrase)
    if person is None or not person.is_person or len(person.name.split()) == 1:
        owner = _owner_before_complement(tokens, index)
        if owner is not None:
            return owner  # "Rep. Nancy Pelosi of California", "the Department of Justice"
    if person is None:
        return None
    index = _name_after_title_complement(tokens, index)
    phrase = " ".join(token for token, _ in tokens[index:])
    return phrase, "person" if person.is_person else "thing", tokens[index][1]


def _complement_start(tokens: list[tuple[str, int]], index: int) -> int:
    """Where the preposition opening a complement that starts at `index` sits ("of the ..."), or -1."""
    before = index - 1
    if before >= 0 and tokens[before][0] == "the":
        before -= 1
    if before < 1 or tokens[before][0] not in _COMPLEMENT_PREPOSITIONS:
        return -1
    owner = tokens[before - 1][0]
    return before if _is_capitalised(owner) and not _ends_clause(owner) else -1


def _owner_before_complement(tokens: list[tuple[str, int]], index: int) -> _Phrase | None:
    """The person or organisation a trailing "of <place or organisation>" belongs to.

    "U.S. Rep. Nancy Pelosi of California", "Kristen Clarke of the Justice Department's Civil Rights
    Division", "Damian Williams for the Southern District of New York": the person before the
    phrases; "The Department of Justice": the whole organisation's name.
    """
    for _hop in range(_MAX_COMPLEMENTS):
        preposition = _complement_start(tokens, index)
        if preposition < 0:
            return None
        start = _name_run_start(tokens[:preposition])
        phrase = " ".join(token for token, _ in tokens[start:preposition])
        person = _analyse_name(phrase)
        if person is not None and person.is_person and len(person.name.split()) > 1:
            return phrase, "person", tokens[start][1]
        if person is not None and not person.is_person and _bare(tokens[start][0]) in _DETERMINERS:
            return " ".join(token for token, _ in tokens[start:]), "thing", tokens[start][1]
        index = start
    return None


def _name_after_title_complement(tokens: list[tuple[str, int]], index: int) -> int:
    """Where the name starts in a run that ends a title's complement ("... Atmosphere Rick Spinrad")."""
    if not _follows_title_complement([token for token, _ in tokens[:index]]):
        return index
    return index + _given_name_start([token for token, _ in tokens[index:]])


_MAX_COMPLEMENTS = 3


_COMPLEMENT_PREPOSITIONS = _words("of for from at in")


def _noun_phrase_start(tokens: list[tuple[str, int]], back: int, is_possessive: bool) -> int:
    """How many tokens from the end the phrase opens: "the study's authors" opens at "the"."""
    if is_possessive and back < len(tokens) and _bare(tokens[-back - 1][0]) in _DETERMINERS:
        return back + 1
    return back


def _noun_phrase_backward(tokens: list[tuple[str, int]]) -> _Phrase | None:
    """A determiner or possessive within the last five words opens the subject ("the webpage")."""
    for back in range(2, min(5, len(tokens)) + 1):
        token = tokens[-back][0]
        bare = _bare(token)
        if _ends_clause(token) or bare in _STOP_AFTER_NOUN or bare in _CLAUSE_WORDS:
            return None  # "the report criticised what it": a clause, not a noun phrase
        is_possessive = token.endswith(("'s", "’s"))
        if bare in _DETERMINERS or is_possessive:
            start = _noun_phrase_start(tokens, back, is_possessive)
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
