"""Resolving speakers: pronouns, role nouns, organisations and unnamed sources to people named earlier."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from .institutions import _resolve_institution
from .model import _Article, _Speaker
from .names import _NAME_RUN_RE, _analyse_name, _is_title_word, _known_owner, _name_tokens, _tokens_match
from .subjects import _STOP_AFTER_NOUN, _read_subject_backward
from .text import _WORD_RE, _bare, _ends_clause, _is_capitalised, _is_speech_verb_at
from .types import KnownPerson
from .words import (
    _DAY_AND_MONTH_WORDS,
    _DETERMINERS,
    _NOT_NAME_START,
    _PRONOUNS,
    _ROLE_NOUNS,
    _SPEECH_VERBS,
    _UP,
    _words,
)

# --------------------------------------------------------------------------------------------------
# Resolving speakers
# --------------------------------------------------------------------------------------------------


def _fullest_name(article: _Article, name: str, paragraph: int, offset: int) -> str:
    """The fullest form of a name used in the article: "Gascon" becomes "George Gascon".

    For a surname alone the nearest earlier full name wins (two Ortegas in one story); otherwise the
    longest matching name does.
    """
    tokens = _name_tokens(name)
    if not tokens:
        return name
    best: tuple[tuple, str] | None = None
    for candidate, positions in article.names_by_surname.get(tokens[-1], {}).items():
        candidate_tokens = _name_tokens(candidate)
        if len(candidate_tokens) < len(tokens) or not _tokens_match(tokens, candidate_tokens):
            continue
        before = bisect.bisect_right(positions, (paragraph, offset))
        earlier = before > 0
        place = positions[before - 1] if earlier else (0, 0)
        if len(tokens) == 1:
            rank = (earlier, place, len(candidate_tokens))
        else:
            rank = (len(candidate_tokens), earlier, place)
        if best is None or rank > best[0]:
            best = (rank, candidate)
    return best[1] if best else name


def _resolve_pronoun(article: _Article, pronoun: str, paragraph: int, offset: int) -> str:
    """The most salient earlier person that fits the pronoun: subjects first, then the nearest.

    Paragraphs are searched backwards, nearest first; inside a paragraph the subject of a sentence
    or of a speech verb wins over a name mentioned in passing ("whose sister Michelle Avan").
    """
    gender = _PRONOUNS.get(_bare(pronoun), "")
    for strong_only in (True, False):
        for distance in range(0, 7 if strong_only else 2):
            mentions = _mentions_before(article, paragraph - distance, offset if distance == 0 else None)
            best = _best_mention(article, mentions, gender, strong_only)
            if best is not None:
                if gender:
                    article.genders.setdefault(best.name, gender)
                return best.name
    return ""


def _mentions_before(article: _Article, paragraph: int, offset: int | None) -> list:
    """The last 200 mentions of a paragraph, before `offset` when one is given."""
    mentions = article.mentions_by_paragraph.get(paragraph, [])
    end = len(mentions)
    if offset is not None:
        end = bisect.bisect_left(article.mention_offsets.get(paragraph, []), offset)
    return mentions[max(0, end - 200) : end]


def _best_mention(article: _Article, mentions: list, gender: str, strong_only: bool):
    """The nearest mention that fits: a subject first; among subjects, one known to be a "she" for
    "she" (a woman named by a role word or a pronoun earlier) over a name of unknown gender."""
    best, best_rank = None, (False, False)
    for mention in reversed(mentions):
        if strong_only and not mention.strong:
            continue
        known_gender = article.genders.get(mention.name, "")
        if gender and known_gender not in ("", gender):
            continue
        rank = (mention.subject, bool(gender) and known_gender == gender)
        if best is None or rank > best_rank:
            best, best_rank = mention, rank
        if best_rank == (True, True) or (best_rank[0] and not gender):
            break
    return best


# "the researchers wrote": a plural noun phrase that speaks, for a later "they".
_PLURAL_SPEAKER_RE = re.compile(
    r"\b(?:the|these|those|its|their)\s+(?:[a-z][\w’'-]*\s+){0,2}?([a-z][\w-]*[^s\W]s)\s+"
    r"(?:(?:also|have|had|has|later)\s+)?(?:said|say|wrote|write|found|find|reported|report|concluded|"
    r"conclude|noted|note|argued|argue|estimated|estimate|called|call|warned|warn|cautioned)\b",
    re.IGNORECASE,
)


def _resolve_they(article: _Article, paragraph: int, offset: int) -> str:
    """A "they" after "the researchers wrote" (in this paragraph or the one before) is them."""
    for distance in (0, 1):
        index = paragraph - distance
        if index < 0:
            break
        text = article.masked[index][: offset if distance == 0 else None]
        found = None
        for found in _PLURAL_SPEAKER_RE.finditer(text):  # noqa: B007 - the last one is wanted
            pass
        if found is not None:
            phrase = found.group()[: found.end(1) - found.start()]
            return phrase[0].lower() + phrase[1:]
    return ""


_ROLE_APPOSITIVE_RE = re.compile(r",\s+(?:a|an|the|its|their|his|her)\s+[^,;\"“”]{0,60}$")


_INDEFINITE_ROLE_RE = re.compile(r"(?:^|(?<=[\s(]))(?:a|an|A|An)\s+(?:[a-z][\w-]*\s+){0,2}$")


_ROLE_TAIL_RE = re.compile(r"(?:\s+(?:to|for|of|at|with|in)\s+(?:the\s+)?[\w’'-]+(?:\s+[A-Z][\w’'-]*)*)?")


def _resolve_role(article: _Article, role: str, paragraph: int, offset: int) -> str:
    """Who "the <role>" is: the person last introduced with that role, or how they were described.

    "Kendra Ostrowski, a spokeswoman for ..." or "spokeswoman Kendra Ostrowski" give the name; "A
    senior aide to Castillo, who ..." gives "a senior aide to Castillo". "" when nothing earlier fits.
    """
    role_re = re.compile(rf"\b{re.escape(role)}\b", re.IGNORECASE)
    for index in range(paragraph, max(-1, paragraph - 12), -1):
        text = article.masked[index]
        found = list(role_re.finditer(text, 0, offset if index == paragraph else len(text)))
        for match in reversed(found):
            head, tail = text[max(0, match.start() - 120) : match.start()], text[match.end() :]
            named = _NAME_RUN_RE.match(tail.lstrip(", ")) if tail[:1] in (" ", ",") else None
            if named is not None:
                person = _analyse_name(named.group())
                if person is not None and person.is_person and len(person.name.split()) > 1:
                    return person.name  # "spokeswoman Kendra Ostrowski", "attorney, Mark Feldstein"
            appositive = _ROLE_APPOSITIVE_RE.search(head)
            if appositive is not None:
                before = head[: appositive.start()]
                subject = _read_subject_backward(before) if before.strip() else None
                if subject is not None and subject[1] == "person":
                    person = _analyse_name(subject[0])
                    if person is not None:
                        return _fullest_name(article, person.name, index, match.start())
            indefinite = _INDEFINITE_ROLE_RE.search(head)
            if indefinite is not None:
                described = head[indefinite.start() :] + match.group()
                described += _ROLE_TAIL_RE.match(text, match.end()).group()
                return described[0].lower() + described[1:]
    return ""


def _organisation_name(article: _Article, name: str) -> str:
    """The full name a one-word organisation was introduced with: "Kestrel" is "Kestrel Semiconductor".

    Only when its first mention in the article is part of a longer capitalised name.
    """
    first_use = re.compile(rf"\b{re.escape(name)}\b")
    for text in article.masked:
        match = first_use.search(text)
        if match is None:
            continue
        run = _NAME_RUN_RE.match(text, match.start())
        tokens = run.group().split() if run is not None else []
        extra = []
        for token in tokens[1:4]:
            bare = _bare(token)
            if bare in _DAY_AND_MONTH_WORDS or bare in _NOT_NAME_START or _is_title_word(token):
                break
            extra.append(token.rstrip(",.;:’'"))
            if token.endswith(("'s", "’s")) or token != token.rstrip(",.;:"):
                break
        return " ".join([name, *extra]) if extra and not extra[-1].endswith(("'s", "’s")) else name
    return name


_UNNAMED_SOURCE_NOUNS = _words("people person sources source officials official")


_SOURCE_COUNTS = _words("a an one two three four several some")


_ORG_CONNECTORS = _words("and of for the on in &")


# A capitalised name with its connectors: "U.S. Citizenship and Immigration Services".
_ORG_RUN_RE = re.compile(rf"{_UP}[\w.’'&-]*(?:\s+(?:(?:and|of|for|the|on|in|&)\s+)*{_UP}[\w.’'&-]*)*")


def _initials(token: str) -> str:
    """The initials of one token: "U.S." gives "US", "Citizenship" gives "C"."""
    if "." in token.rstrip("."):
        return "".join(part[0] for part in token.split(".") if part).upper()
    return token[0].upper()


def _expanded_short_name(article: _Article, name: str) -> str:
    """The full name of an organisation cited by a short form.

    "Cal Fire" after "the California Department of Forestry and Fire Protection, or Cal Fire" (or
    "... (Cal Fire)"); an acronym such as "USCIS" after "U.S. Citizenship and Immigration Services",
    whose initials it spells. The short form stays when nothing earlier spells it out.
    """
    short = name[4:] if name.lower().startswith("the ") else name
    if not short[:1].isupper() or len(short) > 40:
        return name
    if name not in article.short_names:
        article.short_names[name] = _spelled_out_name(article, short) or name
    return article.short_names[name]


def _spelled_out_name(article: _Article, short: str) -> str:
    """The full name an alias or acronym stands for in the article, or ""."""
    return _aliased_name(article, short) or _acronym_name(article, short)


def _aliased_name(article: _Article, short: str) -> str:
    """ "the California Department of Forestry and Fire Protection, or Cal Fire" / "... (Cal Fire)"."""
    alias_re = re.compile(rf"(?:,\s+or\s+|\s+\()(?:the\s+)?{re.escape(short)}\b")
    for text in article.masked:
        if short not in text:
            continue
        for alias in alias_re.finditer(text):
            tokens = text[max(0, alias.start() - 120) : alias.start()].split()
            index = _org_run_start(tokens)
            if len(tokens) - index >= 2:
                return " ".join(tokens[index:]).rstrip(",")
    return ""


def _org_run_start(tokens: list[str]) -> int:
    """Where the organisation's name that ends `tokens` starts: back over capitalised words and
    connectors, then forward past connectors and words that never open a name."""
    index = len(tokens)
    while index > 0 and (_is_capitalised(tokens[index - 1]) or tokens[index - 1] in _ORG_CONNECTORS):
        if index < len(tokens) and _ends_clause(tokens[index - 1]):
            break
        index -= 1
    while index < len(tokens) and (
        tokens[index] in _ORG_CONNECTORS or _bare(tokens[index]) in _NOT_NAME_START
    ):
        index += 1
    return index


def _acronym_name(article: _Article, short: str) -> str:
    """ "USCIS" after "U.S. Citizenship and Immigration Services", whose initials it spells."""
    letters = short.replace(".", "")
    if not (2 <= len(letters) <= 7 and letters.isalpha() and letters.isupper()):
        return ""
    for text in article.masked:
        for run in _ORG_RUN_RE.finditer(text):
            spelled = _spelled_in(run.group().split(), letters)
            if spelled:
                return spelled
    return ""


def _spelled_in(tokens: list[str], letters: str) -> str:
    """The words of `tokens` (connectors skipped) whose initials are `letters`, or ""."""
    for first in range(len(tokens)):
        if tokens[first] in _ORG_CONNECTORS:
            continue
        spelled = ""
        for last in range(first, len(tokens)):
            if tokens[last] not in _ORG_CONNECTORS:
                spelled += _initials(tokens[last])
            if not letters.startswith(spelled):
                break
            if spelled == letters and last > first:
                return " ".join(tokens[first : last + 1]).rstrip(",.;:")
    return ""


# "according to people familiar with the matter": who a later "the people said" is.
_UNNAMED_SOURCE_RE = re.compile(
    r"\b((?:(?:a|an|one|two|three|four|several|some)\s+)?(people|person|sources?|officials?)\s+"
    r"(?:familiar\s+with|briefed\s+on|with\s+(?:direct\s+)?knowledge\s+of|close\s+to|"
    r"knowledgeable\s+about|involved\s+in|aware\s+of)\s+[^,.;:—]{1,60})",
    re.IGNORECASE,
)


def _resolve_unnamed_source(article: _Article, noun: str, paragraph: int, offset: int) -> str:
    """Who "the people" are after "according to people familiar with the matter": those people."""
    for index in range(paragraph, max(-1, paragraph - 12), -1):
        text = article.masked[index][: offset if index == paragraph else None]
        found = [m for m in _UNNAMED_SOURCE_RE.finditer(text) if _bare(m.group(2)) == noun]
        if found:
            words = found[-1].group(1).split()
            kept = words[:5] if _bare(words[0]) in _SOURCE_COUNTS else words[:4]
            for word in words[len(kept) :]:
                if _bare(word) in _STOP_AFTER_NOUN or _bare(word) in _SPEECH_VERBS:
                    break
                kept.append(word)
            phrase = " ".join(kept)
            return phrase[0].lower() + phrase[1:]
    return ""


def _resolve(article: _Article, speaker: _Speaker, known: Sequence[KnownPerson]) -> str:
    """Turn a raw attribution into the name the CMS shows: full name, known person, or the phrase."""
    if speaker.kind == "pronoun":
        name = _resolve_pronoun_speaker(article, speaker)
    elif speaker.kind == "person":
        name = _resolve_person(article, speaker)
    else:
        name = _resolve_thing(article, speaker)
    return _known_name(name, known)


def _resolve_pronoun_speaker(article: _Article, speaker: _Speaker) -> str:
    bare = _bare(speaker.phrase)
    if bare == "it":
        return _resolve_it(article, speaker.paragraph, speaker.offset)
    name = _resolve_they(article, speaker.paragraph, speaker.offset) if bare == "they" else ""
    return name or _resolve_pronoun(article, speaker.phrase, speaker.paragraph, speaker.offset)


def _resolve_person(article: _Article, speaker: _Speaker) -> str:
    person = _analyse_name(speaker.phrase)
    name = person.name if person else speaker.phrase
    name = _fullest_name(article, name, speaker.paragraph, speaker.offset)
    if len(name.split()) == 1 and name[:1].isupper():
        name = _organisation_name(article, name)
    return _expanded_short_name(article, name)


def _resolve_thing(article: _Article, speaker: _Speaker) -> str:
    """ "the spokeswoman" (a role), "the people" (unnamed sources), or an organisation's name."""
    words = speaker.phrase.split()
    if words and _bare(words[0]) in _DETERMINERS:
        words[0] = words[0].lower()
    name = " ".join(words).strip(",.;: ")
    noun = _bare(words[1]) if len(words) == 2 and words[0] == "the" else ""
    if noun in _ROLE_NOUNS:
        return _resolve_role(article, noun, speaker.paragraph, speaker.offset) or name
    if noun in _UNNAMED_SOURCE_NOUNS:
        return _resolve_unnamed_source(article, noun, speaker.paragraph, speaker.offset) or name
    if noun:
        return _resolve_institution(article, noun, speaker.paragraph, speaker.offset) or name
    return _expanded_short_name(article, name)


def _resolve_it(article: _Article, paragraph: int, offset: int) -> str:
    """Who "It said" is: the organisation or document that last spoke ("The council said ...")."""
    for index in range(paragraph, max(-1, paragraph - 3), -1):
        text = article.masked[index][: offset if index == paragraph else None]
        found = None
        for verb in _WORD_RE.finditer(text):
            if not _is_speech_verb_at(text, verb):
                continue
            window = max(0, verb.start() - 200)
            subject = _read_subject_backward(text[window : verb.start()])
            if subject is None or subject[1] != "thing":
                continue
            head = _bare(subject[0].split()[-1])
            if subject[0][:1].islower() and head.endswith("s") and not head.endswith("ss"):
                continue  # "the researchers": a "they", not an "it"
            found = _Speaker(subject[0], subject[1], index, window + subject[2])
        if found is not None:
            return _resolve(article, found, ())
    return ""


def _known_name(name: str, known: Sequence[KnownPerson]) -> str:
    if name and known:
        owner = _known_owner(_name_tokens(name), known)
        if owner is not None:
            return known[owner].name
    return name
