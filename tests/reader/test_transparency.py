"""The transparency box counts the article's sources by kind, in words a sentence reads."""

import pytest

from reader.transparency import SourcingSummary
from sources.models import Source

WORDS = {
    Source.Kind.STUDY: ("study", "studies"),
    Source.Kind.REPORT: ("report", "reports"),
    Source.Kind.DATASET: ("dataset", "datasets"),
    Source.Kind.WEB_PAGE: ("web page", "web pages"),
    Source.Kind.NEWS_ARTICLE: ("news article", "news articles"),
    Source.Kind.COURT_RECORD: ("court record", "court records"),
    Source.Kind.INTERVIEW: ("interview", "interviews"),
    Source.Kind.STATEMENT: ("statement", "statements"),
    Source.Kind.SOCIAL_POST: ("social media post", "social media posts"),
}


def test_every_source_kind_has_its_words():
    assert set(WORDS) == set(Source.Kind)


@pytest.mark.parametrize("kind", list(Source.Kind))
def test_each_kind_is_counted_in_the_singular_and_the_plural(kind):
    one, many = WORDS[kind]
    summary = SourcingSummary(claims=3, quotations=0, people=0, sources=[Source(kind=kind)] * 3)
    assert summary.kinds == [f"3 {many}"]
    alone = SourcingSummary(claims=1, quotations=0, people=0, sources=[Source(kind=kind)])
    assert alone.kinds == [f"1 {one}"]


def test_kinds_are_listed_most_common_first():
    sources = [Source(kind=Source.Kind.REPORT), *[Source(kind=Source.Kind.STUDY)] * 2]
    summary = SourcingSummary(claims=3, quotations=0, people=0, sources=sources)
    assert summary.kinds == ["2 studies", "1 report"]
