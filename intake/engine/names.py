"""Names and people: a phrase read as a name with its title, and when two names are one person."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .text import _bare
from .types import KnownPerson
from .words import (
    _DAY_AND_MONTH_WORDS,
    _DETERMINERS,
    _FEMALE_NAMES,
    _GENDER_TITLES,
    _MALE_NAMES,
    _NOT_NAME_START,
    _ORG_WORDS,
    _PLACE_NAMES,
    _PLACE_PHRASES,
    _STATE_ABBREVIATIONS,
    _SURNAME_LIKE_ORG_WORDS,
    _TITLE_ABBREVIATIONS,
    _TITLE_WORDS,
    _UP,
    _words,
)

# --------------------------------------------------------------------------------------------------
# Names and people
# --------------------------------------------------------------------------------------------------

# "Calif. Gov.": an abbreviated state before a title keeps its full stop inside a run of names.
_STATE_TOKEN = "|".join(sorted(word.capitalize() for word in _STATE_ABBREVIATIONS if "." not in word))


_TITLE_AHEAD = "|".join(sorted(word.capitalize() for word in _TITLE_WORDS | _TITLE_ABBREVIATIONS))


_NAME_TOKEN = (
    r"(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof|Gov|Sen|Rep|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Maj|Cpl|Rev|Supt|Det|Atty|Hon|Fr)\."
    rf"|{_UP}\.(?:{_UP}\.)*|{_UP}[\w'’-]*)"
)


# "Calif. Gov. ...": an abbreviated state before a title, read as part of the title.
_STATE_BEFORE_TITLE_RE = re.compile(rf"(?:{_STATE_TOKEN})\.[ \t]+(?=(?:{_TITLE_AHEAD})\b)")


_PARTICLE = r"(?:de|da|del|della|der|den|di|du|dos|das|la|le|van|von|bin|ibn|al|el|ter|ten)"


_NAME_RUN_RE = re.compile(rf"{_NAME_TOKEN}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_NAME_TOKEN})*")


_ORG_OF_RE = re.compile(rf"{_UP}[\w'’-]*\s+of\s+(?:the\s+)?$")


# "Center for Border Integrity", "Council on Foreign Relations": the words after are the organisation's.
_ORG_FOR_RE = re.compile(rf"({_UP}[\w'’-]*)\s+(?:for|on)\s+(?:the\s+)?$")


_TITLE_CONNECTOR_RE = re.compile(
    rf"\s+(?:of|in|for|at|on)\s+(?:the\s+)?{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN})*"
)


# After a title: "of Commerce for Oceans and Atmosphere Rick Spinrad", its complement and the name.
_TITLE_COMPLEMENT_RE = re.compile(
    rf"(?:\s+(?:of|for|and|on|in)\s+(?:the\s+)?{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN})*)+"
)


_LAST_RUN_RE = re.compile(rf"{_NAME_TOKEN}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_NAME_TOKEN})*$")


_ROLE_THEN_NAME_RE = re.compile(
    rf"\s+((?:[a-z][\w-]*\s+){{1,2}}){_NAME_TOKEN}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_NAME_TOKEN})*"
)


_ROLE_BEFORE_NAME_RE = re.compile(rf"(?:[a-z][\w-]*\s+){{1,3}}(?={_UP})")


_APPOSITIVE_RE = re.compile(r",\s+(?:a|an|the|who|whose|one|\d+)\b")


_APPOSITIVE_BREAK_RE = re.compile(r",|[.!?][\"”’']?\s+(?=[A-Z\"“‘])|[\"“”]")


@dataclass
class _Person:
    """What a capitalised phrase turned out to be once titles and function words are removed."""

    name: str
    is_person: bool
    had_title: bool
    gender: str = ""


def _strip_titles(tokens: list[str]) -> tuple[list[str], bool, str]:
    """Drop leading function words and job titles from a name's tokens.

    "Los Angeles District Attorney George Gascon" becomes "George Gascon": everything up to the last
    title word goes, but never the last token ("Tom King" keeps "King"). Returns the tokens left,
    whether a title was seen, and the gender implied by Mr/Mrs/Ms.
    """
    first = 0
    while first < len(tokens) and _bare(tokens[first]) in _NOT_NAME_START:
        first += 1
    tokens = tokens[first:]
    last_title = -1
    gender = ""
    for index, token in enumerate(tokens[:-1]):
        if _is_title_word(token):
            last_title = index
            gender = _GENDER_TITLES.get(_bare(token), gender)
    return tokens[last_title + 1 :], last_title >= 0, gender


def _is_title_word(token: str) -> bool:
    """A job title or honorific, singular or plural ("Councilors Jesse Ramos and ..."), or a compound
    of titles ("Secretary-General", "Attorney-General")."""
    bare = _bare(token)
    if "-" in bare and bare[-1:].isalpha():
        return all(_is_single_title(part) for part in bare.split("-"))
    return _is_single_title(bare)


def _is_single_title(bare: str) -> bool:
    return (
        bare in _TITLE_WORDS
        or bare in _TITLE_ABBREVIATIONS
        or (len(bare) > 3 and bare[:-1] in _TITLE_WORDS and bare[-1] == "s")
    )


def _from_first_name(tokens: list[str], had_title: bool) -> tuple[list[str], bool]:
    """ "Public Health Director Jane Doe", "Charge Robert Wheeler": the name starts at the first name."""
    if not tokens or _first_name_gender(tokens[0]):
        return tokens, had_title
    for index, token in enumerate(tokens[1:-1], start=1):
        if _first_name_gender(token):
            return tokens[index:], True
    return tokens, had_title


def _cleaned_tokens(tokens: list[str]) -> list[str]:
    """Without trailing punctuation, and without a possessive on the last word."""
    tokens = [token.rstrip(",;:") for token in tokens]
    if tokens and tokens[-1].endswith(("'s", "’s")):
        tokens[-1] = tokens[-1][:-2]
    return tokens


def _is_organisation_word(bare: str, looks_personal: bool) -> bool:
    if bare.endswith("s") and bare[:-1] in _TITLE_WORDS:
        return True  # "Deputy District Attorneys"
    return bare in _ORG_WORDS and not (looks_personal and bare in _SURNAME_LIKE_ORG_WORDS)


def _is_acronym(token: str) -> bool:
    return len(token) >= 2 and token.isupper() and token.isalpha()


def _names_no_person(tokens: list[str], bares: list[str], had_title: bool) -> bool:
    """An organisation, a date, initials alone, or a place without a title before it."""
    looks_personal = had_title or _first_name_gender(tokens[0]) != ""
    if any(map(_is_acronym, tokens)) or any(_is_organisation_word(b, looks_personal) for b in bares):
        return True
    if all(b in _DAY_AND_MONTH_WORDS for b in bares) or all(len(b) <= 1 for b in bares):
        return True
    is_place = any(b in _PLACE_NAMES for b in bares) or " ".join(bares) in _PLACE_PHRASES
    return is_place and not had_title


def _analyse_name(phrase: str) -> _Person | None:
    """Decide whether a capitalised phrase names a person, and return its cleaned form."""
    tokens, had_title, gender = _strip_titles(phrase.split())
    tokens, had_title = _from_first_name(tokens, had_title)
    tokens = _cleaned_tokens(tokens)
    bares = [_bare(token) for token in tokens]
    if not any(bares):
        return None
    is_person = not _names_no_person(tokens, bares, had_title)
    return _Person(" ".join(tokens), is_person, had_title, gender)


@functools.lru_cache(maxsize=4096)
def _name_tokens(name: str) -> tuple[str, ...]:
    """Comparable tokens of a name: folded, without titles, determiners, initials or suffixes."""
    tokens, _, _ = _strip_titles(name.split())
    result = []
    for token in tokens:
        bare = _bare(token)
        if not bare or bare in _DETERMINERS or bare in ("jr", "sr", "ii", "iii", "iv"):
            continue
        if len(bare) == 1:
            continue  # a middle initial says nothing about who it is
        result.append(bare)
    return tuple(result)


def _tokens_match(a: Sequence[str], b: Sequence[str]) -> bool:
    """Surname rule: "gascon" matches "george gascon"; "george w gascon" matches "george gascon"."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if not short:
        return False
    if tuple(short) == tuple(long):
        return True
    return short[-1] == long[-1] and all(token in long for token in short)


def _known_owner(tokens: Sequence[str], people: Sequence[KnownPerson]) -> int | None:
    """Index of the known person whose name or alias matches `tokens`, preferring exact matches."""
    fallback = None
    for index, person in enumerate(people):
        for candidate in (person.name, *person.aliases):
            candidate_tokens = _name_tokens(candidate)
            if candidate_tokens == tokens:
                return index
            if fallback is None and _tokens_match(tokens, candidate_tokens):
                fallback = index
    return fallback


def same_person(a: str, b: str, known_people: Iterable[KnownPerson] = ()) -> bool:
    """Whether two speaker strings name the same person.

    "Gascon", "George Gascon" and "Los Angeles District Attorney George Gascon" are one person: the
    press drops first names and titles after the first mention. Known people and their aliases
    settle what the surname rule cannot (nicknames, "the DA").
    """
    tokens_a, tokens_b = _name_tokens(a or ""), _name_tokens(b or "")
    if not tokens_a or not tokens_b:
        # Phrases made only of function words ("the researchers", "officials") match when equal.
        folded_a, folded_b = (" ".join(_bare(t) for t in x.split()) for x in (a or "", b or ""))
        return bool(folded_a.strip()) and folded_a == folded_b
    people = list(known_people)
    if people:
        owner_a, owner_b = _known_owner(tokens_a, people), _known_owner(tokens_b, people)
        if owner_a is not None and owner_b is not None:
            return owner_a == owner_b
    return _tokens_match(tokens_a, tokens_b)


def _follows_title_complement(before: Sequence[str]) -> bool:
    """Whether the words before a capitalised run are a title's complement: connectors and
    capitalised words leading back to a title ("Under Secretary of Commerce for Oceans and")."""
    seen_connector = False
    for token in reversed(before[-_MAX_TITLE_COMPLEMENT:]):
        if token in _COMPLEMENT_CONNECTORS:
            seen_connector = True
        elif not token[:1].isupper() or token.endswith((",", ".", ";", ":")) and not _is_title_word(token):
            return False
        elif seen_connector and _is_title_word(token):
            return True
    return False


def _given_name_start(run: Sequence[str]) -> int:
    """Where a person's name starts at the end of a capitalised run that also ends a title:
    a given name, middle initials, the surname and a suffix ("Atmosphere John D. Hill Jr.")."""
    start = len(run) - 1
    while start > 0 and _bare(run[start]) in _NAME_SUFFIXES:
        start -= 1
    start -= 1
    while start > 0 and len(_bare(run[start])) <= 1:
        start -= 1
    return max(0, start)


_MAX_TITLE_COMPLEMENT = 12


_COMPLEMENT_CONNECTORS = _words("of for and on in the")


_NAME_SUFFIXES = _words("jr sr ii iii iv")


def _first_name_gender(name: str) -> str:
    first = _bare(name.split()[0]) if name.split() else ""
    if first in _FEMALE_NAMES:
        return "f"
    if first in _MALE_NAMES:
        return "m"
    return ""
