"""Organisations and documents that speak: "the agency said", "the report says", "the webpage reads".

"the <organisation noun>" is the organisation named nearby whose name has that noun ("the agency"
after "the Federal Emergency Management Agency"); "the <document noun>" is that document with the
organisation it belongs to ("the report" after "a report by the Government Accountability Office" is
"the Government Accountability Office report"). Nearby is the speaker's paragraph up to where it
speaks and the few before it. When nothing nearby fits, the phrase stays as written ("the company"
after "Kestrel Semiconductor": the name does not say it is a company).
"""

from __future__ import annotations

import re

from .model import _Article
from .names import _analyse_name, _is_acronym
from .text import _bare
from .words import _NOT_NAME_START, _ORG_WORDS, _UP, _words

# Nouns for an organisation, found again in its name: "the agency" is "... Agency".
_INSTITUTION_NOUNS = _words(
    """agency department commission council office bureau administration ministry service institute
    board committee court authority foundation association union university college hospital
    company corporation center centre district coalition society museum library laboratory"""
)

# Nouns for a document or page, which belongs to the organisation named with it.
_DOCUMENT_NOUNS = _words(
    """report study webpage website page statement letter memo filing complaint lawsuit notice post
    release survey analysis audit review ruling order guidance advisory assessment document plan
    proposal budget bulletin"""
)

_NEARBY_PARAGRAPHS = 3

# A capitalised name with its connectors: "the Government Accountability Office", "NASA".
_ORG_NAME = rf"{_UP}[\w.&-]*(?:\s+(?:(?:and|of|for|on|the|&)\s+)*{_UP}[\w.&-]*)*"
_ORG_NAME_RE = re.compile(_ORG_NAME)


def _document_patterns(noun: str) -> tuple[re.Pattern[str], ...]:
    """ "<Org>'s <noun>", "<Org> <noun>", "a <noun> ... by/from/of <Org>", "<Org> released a <noun>"."""
    word = re.escape(noun)
    return (
        re.compile(rf"({_ORG_NAME})['’]s\s+(?:[\w-]+\s+){{0,2}}?{word}\b"),
        re.compile(rf"\b(?:a|an|the|its)\s+({_ORG_NAME})\s+(?:[\w-]+\s+)?{word}\b"),
        re.compile(rf"\b{word}\b[^.;:\"“”]{{0,60}}?\b(?:by|from|of)\s+(?:the\s+)?({_ORG_NAME})"),
        re.compile(
            rf"({_ORG_NAME})\s+(?:released|published|issued|posted|filed)\s+(?:a|an|its)\s+[^.;]{{0,40}}?{word}\b"
        ),
    )


def _resolve_institution(article: _Article, noun: str, paragraph: int, offset: int) -> str:
    """What "the <noun>" stands for, or "" when nothing nearby names it."""
    if noun in _INSTITUTION_NOUNS:
        return _named_institution(article, noun, paragraph, offset)
    if noun in _DOCUMENT_NOUNS:
        owner = _document_owner(article, noun, paragraph, offset)
        return f"the {owner} {noun}" if owner else ""
    return ""


def _nearby_texts(article: _Article, paragraph: int, offset: int):
    """The masked text of the speaker's paragraph before `offset`, then of the paragraphs before it."""
    for index in range(paragraph, max(-1, paragraph - _NEARBY_PARAGRAPHS - 1), -1):
        if not article.furniture[index]:
            yield article.masked[index][: offset if index == paragraph else None]


def _named_institution(article: _Article, noun: str, paragraph: int, offset: int) -> str:
    """The nearest organisation named before whose name holds the noun: "the agency" -> "the ...
    Agency"."""
    for text in _nearby_texts(article, paragraph, offset):
        names = [_org_name(match.group()) for match in _ORG_NAME_RE.finditer(text)]
        for name in reversed(names):
            tokens = name.split()
            if len(tokens) > 1 and noun in {_bare(token) for token in tokens}:
                return f"the {name}"
    return ""


def _document_owner(article: _Article, noun: str, paragraph: int, offset: int) -> str:
    """The organisation the nearest earlier mention of the document belongs to."""
    patterns = _document_patterns(noun)
    for text in _nearby_texts(article, paragraph, offset):
        found = [(m.start(), _org_name(m.group(1))) for pattern in patterns for m in pattern.finditer(text)]
        found = [(start, name) for start, name in found if name]
        if found:
            return max(found)[1]
    return ""


def _org_name(run: str) -> str:
    """A capitalised run as an organisation's name, without an opening determiner; "" for a person."""
    tokens = run.split()
    while tokens and (_bare(tokens[0]) in _NOT_NAME_START or tokens[0] in ("and", "of", "for", "on", "&")):
        tokens.pop(0)
    if not tokens:
        return ""
    name = " ".join(tokens).rstrip(".,")
    if any(_bare(token) in _ORG_WORDS or _is_acronym(token) for token in tokens):
        return name  # "Council for ...": an organisation word anywhere, even one that is also a title
    person = _analyse_name(name)
    return name if person is not None and not person.is_person else ""
