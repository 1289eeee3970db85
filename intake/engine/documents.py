"""Document-level speakers: the one person a whole document is the statement of.

A press release is often one official's statement, named only in its title ("Statement of Attorney
General X on ..."), in a line above the text, in a dateline lead, or once in a sentence such as
"X said in a statement"; its quotations then carry no attribution of their own. Such a quotation
gets that person when the document names exactly one; when it names several, nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .model import _Article, _Speaker
from .names import _analyse_name
from .resolving import _fullest_name, _resolve
from .subjects import _read_subject_backward
from .text import _WORD_RE, _is_speech_verb_at

# "Statement of/from/by <person> on ...", "Remarks by <person> at ...": the person after the noun.
_STATEMENT_NOUNS = r"(?:Joint\s+)?(?:Statement|Remarks|Message|Testimony|Op-Ed|Letter)"
_TOPIC_CONNECTORS = r"(?:on|regarding|about|concerning|following|after|at|to|in\s+response\s+to|marking)"
_STATEMENT_OF_RE = re.compile(
    rf"^\s*{_STATEMENT_NOUNS}\s+(?:of|from|by)\s+(?P<person>.+?)(?:\s+{_TOPIC_CONNECTORS}\b|[:,—–]|$)",
    re.IGNORECASE,
)
# "<person> Statement on ...", "<person>'s Statement on ...", "<person> Issues Statement on ...".
_PERSON_STATEMENT_RE = re.compile(
    rf"^\s*(?P<person>.+?)(?:['’]s)?\s+(?:(?:Issues|Releases|Delivers)\s+)?{_STATEMENT_NOUNS}\b",
    re.IGNORECASE,
)

# A sentence that says someone spoke in a statement: "X said in a statement", "In a news release,
# X said", "X released the following statement", "X issued a statement".
_STATEMENT_SENTENCE_RE = re.compile(
    r"\b(?:statement|news\s+release|press\s+release|prepared\s+remarks|written\s+remarks)\b", re.IGNORECASE
)
_ISSUING_VERBS = frozenset({"released", "issued", "issues", "releases", "delivered", "made"})

# "WASHINGTON —", "BETHESDA, Md. —", "LONDON (Reuters) -": a dateline opening the lead.
_DATELINE_RE = re.compile(r"^[A-Z][A-Z .'-]+(?:,\s+[\w. ]{2,20})?(?:\s*\([^)]{1,40}\))?\s*[—–-]{1,2}\s+")


def _document_speaker(article: _Article, title: str) -> str:
    """The one person the document is the statement of, or "" when it names none or several."""
    named = _title_speaker(article, title)
    if named:
        return named
    candidates = set(_statement_speakers(article))
    lead = _dateline_speaker(article)
    if lead:
        candidates.add(lead)
    return candidates.pop() if len(candidates) == 1 else ""


def _title_speaker(article: _Article, title: str) -> str:
    """The person a statement's title names: the title given, or a title line atop the body."""
    lines = [
        title,
        *(p for p, furniture in zip(article.paragraphs, article.furniture, strict=True) if furniture),
    ]
    for line in lines:
        for pattern in (_STATEMENT_OF_RE, _PERSON_STATEMENT_RE):
            match = pattern.match(line or "")
            name = _person_name(article, match.group("person")) if match else ""
            if name:
                return name
    return ""


def _person_name(article: _Article, phrase: str) -> str:
    """The person a title's phrase names, in its fullest form in the article; "" for anyone else."""
    person = _analyse_name(phrase.strip(" ,.:;"))
    if person is None or not person.is_person:
        return ""
    if len(person.name.split()) < 2 and not person.had_title:
        return ""
    return _fullest_name(article, person.name, len(article.paragraphs), 0)


def _statement_speakers(article: _Article) -> Iterator[str]:
    """The people who, a sentence says, spoke in a statement."""
    for index, masked in enumerate(article.masked):
        if article.furniture[index] or _STATEMENT_SENTENCE_RE.search(masked) is None:
            continue
        for start, end in article.sentences[index]:
            if _STATEMENT_SENTENCE_RE.search(masked, start, end) is not None:
                name = _sentence_speaker(article, index, start, end)
                if name:
                    yield name


def _sentence_speaker(article: _Article, index: int, start: int, end: int) -> str:
    """The person who is the subject of the first speech (or issuing) verb of a sentence."""
    masked = article.masked[index]
    for verb in _WORD_RE.finditer(masked, start, end):
        if not (_is_speech_verb_at(masked, verb) or verb.group().lower() in _ISSUING_VERBS):
            continue
        subject = _read_subject_backward(masked[start : verb.start()])
        if subject is None:
            continue
        if subject[1] != "person":
            return ""
        return _resolve(article, _Speaker(subject[0], subject[1], index, start + subject[2]), ())
    return ""


def _dateline_speaker(article: _Article) -> str:
    """The person who speaks in the lead, when the lead opens with a dateline."""
    for index, paragraph in enumerate(article.paragraphs):
        if article.furniture[index]:
            continue
        dateline = _DATELINE_RE.match(paragraph)
        if dateline is None:
            return ""
        return _sentence_speaker(
            article, index, dateline.end(), article.sentence_at(index, dateline.end())[1]
        )
    return ""
