"""Mentions: the people named in an article, with gender where a title, role or first name says it."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .names import (
    _APPOSITIVE_BREAK_RE,
    _APPOSITIVE_RE,
    _NAME_RUN_RE,
    _ORG_FOR_RE,
    _ORG_OF_RE,
    _analyse_name,
    _follows_title_complement,
    _given_name_start,
    _is_title_word,
)
from .text import _TOKEN_RE, _bare, _is_speech_verb_at, sentence_spans
from .words import _AUXILIARIES, _ORG_WORDS, _SPEECH_VERBS, _words

# --------------------------------------------------------------------------------------------------
# Mentions: the people named in the article, for pronouns and full names
# --------------------------------------------------------------------------------------------------


@dataclass
class _Mention:
    """A person named outside quotation marks.

    `strong` means something says this is a person (a title, an appositive, a speech verb).
    `subject` marks the subject of a speech verb or of its sentence: a later "he said" almost always
    refers back to such a subject rather than to a name in passing.
    """

    paragraph: int
    offset: int
    name: str
    strong: bool
    subject: bool = False
    gender: str = ""  # from the name's own title or role word ("Ms. Ellis", "spokeswoman Ann Lee")
    end: int = 0  # where the name as written ends


def _verb_follows(text: str, end: int) -> bool:
    """True when a speech verb follows a name, directly or after an appositive ("X, a lawyer, said")."""
    rest = text[end : end + 300]
    for word in _TOKEN_RE.finditer(rest[:80]):
        bare = _bare(word.group())
        if bare in _SPEECH_VERBS and _is_speech_verb_at(rest, word):
            return True
        if bare not in _AUXILIARIES and not bare.endswith("ly"):
            break
    if not rest.startswith(","):
        return False
    # "X, a lawyer, said", "X, a lawyer, has also said", "X, policy director at ..., which ..., said":
    # the verb follows one of the commas that close the appositive.
    for mark in _APPOSITIVE_BREAK_RE.finditer(rest, 1, 250):
        if mark.group() != ",":
            break  # the sentence ends first
        for word in rest[mark.end() : mark.end() + 80].split()[:4]:
            bare = _bare(word)
            if bare in _SPEECH_VERBS:
                return True
            if bare not in _AUXILIARIES and not bare.endswith("ly"):
                break
    return False


def _collect_mentions(paragraph_index: int, masked: str) -> tuple[list[_Mention], dict[str, str]]:
    """The people named in a paragraph whose quotes are masked, and genders known from titles."""
    mentions = []
    genders = {}
    sentence_starts = {start for start, _ in sentence_spans(masked)}
    for match in _NAME_RUN_RE.finditer(masked):
        org_of = _ORG_OF_RE.search(masked, max(0, match.start() - 40), match.start())
        if org_of is not None and not _is_title_word(org_of.group().split()[0]):
            continue  # "Association of Deputy District Attorneys": part of an organisation's name
        org_for = _ORG_FOR_RE.search(masked, max(0, match.start() - 40), match.start())
        if org_for is not None and _bare(org_for.group(1)) in _ORG_WORDS:
            continue  # "the Center for Border Integrity"
        person = _analyse_name(_without_title_complement(masked, match))
        if person is None or not person.is_person:
            continue
        speaks = _verb_follows(masked, match.end())
        appositive = _APPOSITIVE_RE.match(masked, match.end()) is not None
        strong = person.had_title or appositive or speaks
        offset = match.start() + max(0, match.group().find(person.name.split()[0]))
        subject = speaks or match.start() in sentence_starts
        gender = person.gender or _role_gender(masked, match.start(), match.end())
        mentions.append(
            _Mention(paragraph_index, offset, person.name, strong, subject, gender, match.end())
        )
        if gender:
            genders[person.name] = gender
    return mentions, genders


def _without_title_complement(masked: str, match: re.Match[str]) -> str:
    """The name in a run that ends a title's complement: "(Secretary of ... and) Atmosphere Jo Ray"."""
    run = match.group().split()
    before = masked[max(0, match.start() - 120) : match.start()].split()
    if len(run) < 3 or not _follows_title_complement(before):
        return match.group()
    return " ".join(run[_given_name_start(run) :])


# Role words that say whether a person is a man or a woman, for "he" and "she".
_GENDERED_ROLES = {
    **dict.fromkeys(
        _words(
            """spokeswoman chairwoman congresswoman councilwoman assemblywoman alderwoman selectwoman
            businesswoman policewoman actress waitress widow mother grandmother wife daughter sister
            aunt niece girlfriend dame lady queen princess duchess baroness"""
        ),
        "f",
    ),
    **dict.fromkeys(
        _words(
            """spokesman chairman congressman councilman assemblyman alderman selectman businessman
            policeman actor widower father grandfather husband son brother uncle nephew boyfriend
            sir lord king prince duke baron"""
        ),
        "m",
    ),
}


_ROLE_BEFORE_RE = re.compile(r"([A-Za-z]+)[ \t]+$")


_ROLE_AFTER_RE = re.compile(r",\s+(?:a|an|the|his|her)\s+([^,;.\"“”]{0,60})")


def _role_gender(text: str, start: int, end: int) -> str:
    """Gender from a role word right before a name or in its appositive ("X, a spokeswoman for")."""
    before = _ROLE_BEFORE_RE.search(text, max(0, start - 30), start)
    if before is not None and before.group(1).lower() in _GENDERED_ROLES:
        return _GENDERED_ROLES[before.group(1).lower()]
    after = _ROLE_AFTER_RE.match(text, end)
    if after is not None:
        for word in after.group(1).split()[:4]:
            if word.lower() in _GENDERED_ROLES:
                return _GENDERED_ROLES[word.lower()]
    return ""


def _promote_surnames(mentions: list[_Mention]) -> list[_Mention]:
    """Give one-word mentions ("Becker") the full name used elsewhere ("Tom Becker").

    A lone capitalised word is trusted as a person only when it is the surname of someone named in
    full, or when it speaks; this keeps "Nashville" or "Instagram" out of pronoun resolution.
    """
    by_surname: dict[str, list[_Mention]] = {}
    for mention in mentions:
        if len(mention.name.split()) > 1:
            by_surname.setdefault(_bare(mention.name.split()[-1]), []).append(mention)
    positions = {surname: [(m.paragraph, m.offset) for m in found] for surname, found in by_surname.items()}
    kept = []
    for mention in mentions:
        if len(mention.name.split()) == 1:
            surname = _bare(mention.name)
            candidates = by_surname.get(surname, [])
            if candidates:
                before = bisect.bisect_left(positions[surname], (mention.paragraph, mention.offset))
                mention.name = candidates[before - 1 if before > 0 else 0].name
                mention.strong = True
            elif not mention.strong:
                continue
        kept.append(mention)
    return kept
