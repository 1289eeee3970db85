"""Claims: sentences that state checkable facts, with a kind and a reason; `suggest_claims`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .article import _build_article
from .claim_patterns import (
    _AFTER_NOUN,
    _ATTRIBUTION_PHRASE_RE,
    _BEFORE_NOUN,
    _CASUALTY_RE,
    _COMPARISON_RE,
    _COMPARISON_TRIGGERS,
    _DIGIT_RE,
    _DIGITS_RE,
    _FUTURE_RE,
    _LISTENER_VERBS,
    _MULTIPLIER_RE,
    _NAMING_VERBS,
    _NEGATED_PAST_RE,
    _NO_COMMENT_RE,
    _NON_CONTENT_AFTER_VERB,
    _NOT_A_QUANTITY_RE,
    _NOT_PAST_ED,
    _NUMBER_WORDS,
    _OBJECT_OPENERS,
    _OFFICIAL_ACTS,
    _ORDINAL_COUNT_RE,
    _PAST_IRREGULAR,
    _POLLING_PLACE_RE,
    _QUANTIFIED_WORD_RE,
    _RECORD_RE,
    _STRONG_NUMBER_RE,
    _STUDY_AS_VERB_RE,
    _STUDY_RE,
    _TAG_QUANTIFIERS,
    _TIME_EXPRESSION_RE,
    _VERBS_OF_ADDRESS,
)
from .marks import _DOUBLE, _SINGLE_MARKS, _QuoteStyle
from .names import _NAME_RUN_RE, _strip_titles
from .text import (
    _WORD_RE,
    _bare,
    _ends_clause,
    _is_capitalised,
    _looks_like_title,
    _mask_quotes,
    _tokens_with_offsets,
)
from .types import ClaimSuggestion
from .words import _DAY_AND_MONTH_WORDS, _DETERMINERS, _QUOTE_MARKS, _REPORTING_VERBS, _SPEECH_VERBS


def _blank(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: " " * len(m.group()), text)


def _number_signal(sentence: str) -> str:
    """The first quantity in a sentence; dates, years, times, ages and identifiers do not count."""
    if not _DIGIT_RE.search(sentence) and _NUMBER_WORDS.isdisjoint(_WORD_RE.findall(sentence.lower())):
        return ""
    cleaned = sentence
    cleaned = _blank(_NOT_A_QUANTITY_RE, cleaned)
    strong = _STRONG_NUMBER_RE.search(cleaned)
    if strong:
        return sentence[strong.start() : strong.end()].strip()
    for pattern in (_DIGITS_RE, _QUANTIFIED_WORD_RE, _ORDINAL_COUNT_RE):
        match = pattern.search(cleaned)
        if match:
            return sentence[match.start() : match.end()].strip()
    return ""


def _content_follows(verb: str, following: list[str]) -> bool:
    """Whether the words after a reporting verb are what was reported, not just "after the vote"."""
    while following and _bare(following[0]).endswith("ly"):
        following = following[1:]
    if not following:
        return False
    if verb in _NAMING_VERBS and _bare(following[0]) not in _OBJECT_OPENERS:
        return False  # "a group called ...", "police were called": naming or passive, not reporting
    if any(_bare(word) == "that" for word in following[:13]):
        return True
    if verb in _LISTENER_VERBS:
        return False  # "told <an outlet> in January" names who heard it, not what was said
    first = _bare(following[0])
    if not first or first in _NON_CONTENT_AFTER_VERB or following[-1].endswith(":"):
        return False
    return len(following) >= 3


def _not_a_verb_here(tokens: list[str], index: int) -> bool:
    previous = _bare(tokens[index - 1])
    if previous == "to" or previous in _DETERMINERS:
        return True
    if not tokens[index].endswith("s") or tokens[index].endswith("ss"):
        return False
    following = _bare(tokens[index + 1]) if index + 1 < len(tokens) else ""
    return previous in _BEFORE_NOUN or previous.endswith(("ing", "ed")) or following in _AFTER_NOUN


def _trailing_tag(tokens: list[str], index: int) -> bool:
    """ "..., Cal Fire said." or "..., the people said.": a tag of a few words after what was said."""
    for back in range(2, 5):
        comma = index - back
        if comma < 4:
            return False
        if tokens[comma].endswith(","):
            subject = tokens[comma + 1 : index]
            first = _bare(subject[0])
            return (
                first in _DETERMINERS
                or first in _TAG_QUANTIFIERS
                or all(_is_capitalised(t) for t in subject)
            )
        if _ends_clause(tokens[comma]):
            return False
    return False


def _reported_speech(outside: str, sentence: str = "", style: _QuoteStyle = _DOUBLE) -> bool:
    """Whether the sentence, quotes removed, reports what someone said, found or argued.

    "Becker said the increase was too small" does; "Natarajan said." after a direct quote does not,
    nor do "Ruiz said after the vote." and "said Nora Lindqvist, an economist".
    """
    if _ATTRIBUTION_PHRASE_RE.search(outside):
        return True
    located = _tokens_with_offsets(outside)
    tokens = [token for token, _ in located]
    # A verb opening the text is the tag of a quote ('..." said Smith'): the search starts at 1.
    return any(_reports_at(located, tokens, index, sentence, style) for index in range(1, len(tokens)))


def _reports_at(located, tokens: list[str], index: int, sentence: str, style: _QuoteStyle) -> bool:
    """Whether the reporting verb at `index` (if it is one) reports content."""
    token = tokens[index]
    verb = _bare(token)
    if verb not in _REPORTING_VERBS or _not_a_verb_here(tokens, index):
        return False
    if token.endswith((",", ".", ";", ":", "?", "!")):
        return _reports_what_precedes(tokens, index)
    if _content_follows(verb, _up_to_colon(tokens[index + 1 : index + 16])):
        return True
    return _quote_follows_verb(sentence, located[index][1] + len(token), verb, style)


def _reports_what_precedes(tokens: list[str], index: int) -> bool:
    """ "People who walk more may be healthier, she said, although ...": a tag after content."""
    if index >= 2 and len(tokens[: index - 1]) >= 4 and tokens[index - 2].endswith(","):
        return True
    return _trailing_tag(tokens, index)


def _up_to_colon(words: list[str]) -> list[str]:
    following = []
    for word in words:
        following.append(word)
        if word.endswith(":"):
            break
    return following


def _quote_follows_verb(sentence: str, after_verb: int, verb: str, style: _QuoteStyle) -> bool:
    """'said Norland "sat on this for more than a year."' (not 'tweeted: "..."' nor 'told "...')."""
    if verb in _VERBS_OF_ADDRESS:
        return False
    mark = style.next_opening(sentence, after_verb, after_verb + 60)
    if mark is None:
        return False
    lead_in = sentence[after_verb:mark].rstrip()
    return bool(lead_in) and not lead_in.endswith((":", ","))


def _named_actor(outside: str) -> bool:
    for match in _NAME_RUN_RE.finditer(outside):
        tokens, _, _ = _strip_titles(match.group().split())
        bares = [_bare(t) for t in tokens]
        if bares and not all(b in _DAY_AND_MONTH_WORDS for b in bares):
            return True
    return False


def _is_past(word: str) -> bool:
    """A past-tense verb that is not speaking: "approved", "won"."""
    if word in _SPEECH_VERBS:
        return False
    return (word.endswith("ed") and len(word) > 4 and word not in _NOT_PAST_ED) or word in _PAST_IRREGULAR


def _official_act(words: list[str], outside: str) -> bool:
    """An official act ("voted", "ruled"; not "voted back"), or a negated past ("did not pay")."""
    if _NEGATED_PAST_RE.search(outside) is not None:
        return True
    return any(
        w in _OFFICIAL_ACTS and not (i + 1 < len(words) and words[i + 1] == "back")
        for i, w in enumerate(words)
    )


def _event_signal(outside: str) -> bool:
    """A past action by a named actor, dated or official, stated as fact. Speaking is not an event."""
    if _FUTURE_RE.search(outside):
        return False
    words = [_bare(w) for w in _WORD_RE.findall(outside)]
    official = _official_act(words, outside)
    if not (official or any(map(_is_past, words))) or not _named_actor(outside):
        return False
    return official or _TIME_EXPRESSION_RE.search(outside) is not None


def _is_quote_with_tag(sentence: str, outside: str, style: _QuoteStyle = _DOUBLE) -> bool:
    """A sentence that opens with a direct quote and whose other words are only its attribution.

    Its tag states no fact of its own: "said Dr. Elaine Marsh, the study's lead author" is not a
    claim that a study exists.
    """
    if not sentence:
        return False
    starts_in_quote = outside[:1].isspace()  # '... do. They filled out the forms," she said.'
    if sentence[0] not in _QUOTE_MARKS + (_SINGLE_MARKS if style.single else "") and not starts_in_quote:
        return False
    words = [_bare(w) for w in _WORD_RE.findall(outside)]
    return any(w in _SPEECH_VERBS for w in words[:8])


def _is_colon_lead_in(sentence: str, outside: str) -> bool:
    """A short clause that only introduces the quote ending the sentence.

    "Asked what he wanted, he did not hesitate: "..."" states nothing of its own; "The council voted
    to close it: "..."" still reports an official act.
    """
    lead_in = outside.rstrip()
    if not lead_in.endswith(":") or lead_in == sentence.rstrip():
        return False
    clause = lead_in[:-1].rsplit(",", 1)[-1].split()
    return len(clause) <= 6 and _OFFICIAL_ACTS.isdisjoint(_bare(word) for word in clause)


def _record_kind(sentence: str, outside: str, style: _QuoteStyle) -> tuple[str, str] | None:
    record = _RECORD_RE.search(outside)
    return ("other", f"states a record or a first ({record.group()})") if record else None


def _study_kind(sentence: str, outside: str, style: _QuoteStyle) -> tuple[str, str] | None:
    study = _STUDY_RE.findall(_blank(_POLLING_PLACE_RE, outside))
    if not study or (_STUDY_AS_VERB_RE.search(outside) and len(study) == 1):
        return None
    if _FUTURE_RE.search(outside):
        return None  # "is expected to issue its final report": a plan
    return "study", "cites a study, report or data"


def _casualty_kind(sentence: str, outside: str, style: _QuoteStyle) -> tuple[str, str] | None:
    return ("other", "states injuries or deaths") if _CASUALTY_RE.search(outside) else None


def _comparison_kind(sentence: str, outside: str, style: _QuoteStyle) -> tuple[str, str] | None:
    words = {word.lower() for word in _WORD_RE.findall(outside)}
    may_compare = not words.isdisjoint(_COMPARISON_TRIGGERS) or any("-" in word for word in words)
    return ("comparison", "makes a comparison") if may_compare and _COMPARISON_RE.search(outside) else None


def _attribution_kind(sentence: str, outside: str, style: _QuoteStyle) -> tuple[str, str] | None:
    if _reported_speech(outside, sentence, style):
        return "attribution", "reports what someone said or found"
    return None


def _event_kind(sentence: str, outside: str, style: _QuoteStyle) -> tuple[str, str] | None:
    return ("event", "states an event as fact") if _event_signal(outside) else None


# What the words outside quotations may state, tried in this order once no number decided.
_OUTSIDE_KINDS = (
    _record_kind,
    _study_kind,
    _casualty_kind,
    _comparison_kind,
    _attribution_kind,
    _event_kind,
)


def _quantity_kind(sentence: str, numbers: str | None) -> tuple[str, str] | None:
    """A number or a multiplier, which count inside quotes too."""
    number = _number_signal(sentence if numbers is None else numbers)
    if number:
        return "statistic", f"states a number ({number})"
    multiplier = _MULTIPLIER_RE.search(sentence)
    if multiplier:
        return "comparison", f"makes a comparison ({multiplier.group()})"
    return None


def _states_nothing(sentence: str, outside: str, style: _QuoteStyle) -> bool:
    """A lead-in to a colon, a non-answer, or a quote with its tag: the tag and its appositive
    ("..., a retired nurse who voted for ...", "said Monday outside the gutted town hall") state
    nothing of their own."""
    if _is_colon_lead_in(sentence, outside) or _NO_COMMENT_RE.search(outside):
        return True
    return _is_quote_with_tag(sentence, outside, style)


def _classify_sentence(
    sentence: str, outside: str, style: _QuoteStyle = _DOUBLE, numbers: str | None = None
) -> tuple[str, str] | None:
    """Kind and reason of a claim, or None. Numbers count inside quotes; everything else outside.

    `numbers` is the sentence with quoted titles and slogans blanked (signs that read "12 Hours Is
    Not a Shift"): a number in a slogan is not a statistic.
    """
    found = _quantity_kind(sentence, numbers)
    if found or _states_nothing(sentence, outside, style):
        return found
    for kind in _OUTSIDE_KINDS:
        found = kind(sentence, outside, style)
        if found:
            return found
    return None


def _source_patterns(known_sources: Iterable[str]) -> list[tuple[str, re.Pattern[str]]]:
    patterns = []
    for name in known_sources:
        if isinstance(name, str) and name.strip():
            escaped = r"\s+".join(re.escape(part) for part in name.split())
            patterns.append((name, re.compile(rf"(?<!\w){escaped}(?!\w)", re.IGNORECASE)))
    return patterns


def _organisations_in(sentence: str, sources: Sequence[tuple[str, re.Pattern[str]]]) -> tuple[str, ...]:
    """Known sources named in the sentence, in reading order, so the CMS can propose citations."""
    found = sorted(
        (match.start(), name) for name, pattern in sources if (match := pattern.search(sentence))
    )
    return tuple(dict.fromkeys(name for _, name in found))


def _without_titles(paragraph: str, spans: Sequence[tuple[int, int]], start: int, end: int) -> str:
    """The sentence paragraph[start:end] with its quoted titles and slogans blanked."""
    titles = [
        (max(start, open_at), min(end, close_end))
        for open_at, close_end in spans
        if open_at < end and close_end > start and _looks_like_title(paragraph[open_at + 1 : close_end - 1])
    ]
    if not titles:
        return paragraph[start:end]
    return _mask_quotes(paragraph, titles)[start:end]


def suggest_claims(paragraphs: list[str], known_sources: Iterable[str] = ()) -> list[ClaimSuggestion]:
    """Suggest sentences that state checkable facts: numbers, studies, comparisons, attributions, events.

    A sentence that is only a direct quotation counts only when it contains a number. Headlines,
    captions and promos are skipped.
    """
    if not paragraphs:
        return []
    article = _build_article(list(paragraphs), with_mentions=False)
    sources = _source_patterns(known_sources)
    claims = []
    for index, paragraph in enumerate(article.paragraphs):
        if article.furniture[index]:
            continue
        for start, end in article.sentences[index]:
            sentence = paragraph[start:end]
            if len(_WORD_RE.findall(sentence)) < 4:
                continue
            numbers = _without_titles(paragraph, article.marked_spans[index], start, end)
            classified = _classify_sentence(
                sentence, article.masked[index][start:end], article.style, numbers
            )
            if classified is None:
                continue
            kind, reason = classified
            claims.append(
                ClaimSuggestion(
                    text=sentence,
                    paragraph=index,
                    kind=kind,
                    reason=reason,
                    start=start,
                    end=end,
                    organisations=_organisations_in(sentence, sources),
                )
            )
    return claims
