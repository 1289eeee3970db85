"""Suggest the quotations (with their speakers) and the candidate factual claims of a news article.

The CMS asks an editor to anchor every claim and every quotation before an article can be published.
Finding them by hand in a long story is slow, so this package proposes them; an editor confirms or
discards each suggestion. It is rule-based on purpose:

* no model weights or downloads, so it runs the same on every machine and in CI;
* every claim comes with a reason an editor can read ("states a number", "cites a study");
* it is fast enough to run on every save: regular expressions over bounded windows, linear in the
  length of the text.

The rules follow wire-service conventions: double quotation marks (straight or curly); attribution
with "said", "told", "wrote", "according to"; multi-paragraph quotes whose paragraphs each open with a
quotation mark; job titles that precede names and are dropped from them. Nothing here imports Django.

Its modules, each of small functions: `text` (paragraphs and sentences), `marks` (quotation marks),
`names` and `mentions` (people), `model` and `article` (the article read once, shared), `subjects`
(a clause's subject), `attribution` (who a quotation's tag names), `genders` (he or she, from the
document's own evidence), `resolving` (pronouns, roles, organisations), `quotes`, `claims`; the
word lists and patterns are data in `words` and `claim_patterns`. `tests/intake/test_engine_size.py`
keeps each function at cyclomatic complexity 15 or less and each module at 500 lines or less.
"""

from .claims import suggest_claims
from .names import same_person
from .quotes import suggest_quotes
from .text import fold, sentence_spans, split_paragraphs
from .types import ClaimSuggestion, KnownPerson, QuoteSuggestion

__all__ = [
    "ClaimSuggestion",
    "KnownPerson",
    "fold",
    "QuoteSuggestion",
    "same_person",
    "sentence_spans",
    "split_paragraphs",
    "suggest_claims",
    "suggest_quotes",
]
