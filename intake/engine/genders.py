"""Whether a person is a "he" or a "she", read from the document itself, for pronoun resolution.

Evidence, strongest first: an honorific or a gendered role word with any mention of the person
("Ms. Ellis", "spokeswoman Ann Lee", "X, a congresswoman"), then a pronoun right after the person is
introduced as the subject of a sentence ("Jordan Ellis, a teacher, said she ...", or "Hanlon
conceded ... . In brief remarks, he said ..."). No list of first names is consulted: a name says
nothing certain about its bearer. Conflicting evidence leaves the person without a gender, so that
"he" and "she" fall back to the most recent subject.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .mentions import _Mention
from .model import _Article

# Subject and reflexive pronouns, and "his": they refer back to a sentence's subject far more often
# than to a name in passing. "her" and "him" are left out: they are as often someone else.
_GENDERED_PRONOUN_RE = re.compile(r"\b(?:(he|his|himself)|(she|herself))\b", re.IGNORECASE)


def _add_document_genders(article: _Article, mentions: list[_Mention]) -> None:
    """Fill `article.genders` for the people mentioned, from titles first, then from pronouns."""
    for mention in mentions:
        if mention.gender:
            article.genders.setdefault(mention.name, mention.gender)
    votes: dict[str, set[str]] = defaultdict(set)
    for index, paragraph_mentions in article.mentions_by_paragraph.items():
        for name, gender in _pronouns_after_subjects(article, index, paragraph_mentions):
            votes[name].add(gender)
    for name, genders in votes.items():
        if len(genders) == 1:
            article.genders.setdefault(name, genders.pop())


def _pronouns_after_subjects(article: _Article, index: int, mentions: list[_Mention]):
    """(name, gender) for each sentence subject followed by a gendered pronoun before anyone else
    is named: later in its sentence, or opening the next sentence of the paragraph."""
    masked = article.masked[index]
    if _GENDERED_PRONOUN_RE.search(masked) is None:
        return
    spans = article.sentences[index]
    for number, (start, end) in enumerate(spans):
        inside = [m for m in mentions if start <= m.offset < end]
        if not inside or not inside[0].subject:
            continue
        subject = inside[0]
        gender = _first_pronoun_gender(masked, max(subject.end, subject.offset), end, inside[1:])
        if not gender and number + 1 < len(spans):
            following = spans[number + 1]
            later = [m for m in mentions if following[0] <= m.offset < following[1]]
            gender = _first_pronoun_gender(masked, following[0], following[1], later)
        if gender:
            yield subject.name, gender


def _first_pronoun_gender(masked: str, start: int, end: int, others: list[_Mention]) -> str:
    """The gender of the first gendered pronoun in masked[start:end], if no one else is named before."""
    pronoun = _GENDERED_PRONOUN_RE.search(masked, start, end)
    if pronoun is None or any(_is_named(other) and other.offset < pronoun.start() for other in others):
        return ""
    return "m" if pronoun.group(1) else "f"


def _is_named(mention: _Mention) -> bool:
    """A person named in full: a lone capitalised word ("Bayfield") may be a place, not a rival."""
    return len(mention.name.split()) > 1
