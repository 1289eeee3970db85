import pytest
from django.core.exceptions import ValidationError

from articles import anchoring
from articles.anchoring import refind, require
from articles.body import normalize_body, paragraphs
from tests.factories import ArticleFactory, ClaimFactory, QuotationFactory

BODY = "Crime fell by 12 percent. Police said crime fell by 12 percent in the north too."


def test_require_anchors_words_with_position_and_context():
    anchor = require(BODY, "Police said")
    assert (anchor.start, anchor.end) == (26, 37)
    assert anchor.exact == "Police said"
    assert anchor.prefix == "Crime fell by 12 percent. "
    assert anchor.suffix.startswith(" crime fell")


def test_require_refuses_words_not_in_body_with_code():
    with pytest.raises(ValidationError) as error:
        require(BODY, "Crime rose by 12 percent")
    assert error.value.code == "not_in_body"
    assert "Crime rose by 12 percent" in error.value.messages[0]


def test_require_refuses_blank_words():
    with pytest.raises(ValidationError) as error:
        require(BODY, "   ")
    assert error.value.code == "empty_words"


def test_find_forgives_whitespace_and_quote_marks_but_keeps_body_text():
    body = "He said “it’s   fine” today."
    anchor = require(body, 'said "it\'s fine"')
    assert anchor.exact == "said “it’s   fine”"
    assert body[anchor.start : anchor.end] == anchor.exact


def test_position_hint_picks_the_selected_occurrence():
    second = BODY.index("crime fell by 12 percent")
    assert require(BODY, "fell by 12 percent", hint=second).start == BODY.index("fell", second)
    assert require(BODY, "fell by 12 percent").start == BODY.index("fell")


def test_refind_follows_moved_words_by_context():
    item = anchoring.anchor_at(BODY, BODY.index("fell", 30), BODY.index("fell", 30) + 18)
    edited = "New opening paragraph.\n\n" + BODY
    moved = refind(edited, item)
    assert moved.exact == "fell by 12 percent"
    # The first occurrence is now nearer the old offset; the context still picks the second.
    assert moved.start == edited.index("fell", edited.index("Police"))


def test_refind_orphans_changed_words():
    item = anchoring.anchor_at(BODY, 0, 24)  # "Crime fell by 12 percent"
    assert refind(BODY.replace("12 percent", "15 percent"), item) is None


def test_refind_orphans_deleted_words():
    item = anchoring.anchor_at(BODY, 26, 37)
    assert refind("Crime fell by 12 percent.", item) is None


def test_normalize_body_folds_lines_and_spaces_into_paragraphs():
    raw = "  First  line\r\ncontinues. \r\n\r\n\r\n Second\tparagraph.  \n \n"
    assert normalize_body(raw) == "First line continues.\n\nSecond paragraph."
    starts = [(p.start, p.text) for p in paragraphs(normalize_body(raw))]
    assert starts == [(0, "First line continues."), (23, "Second paragraph.")]


@pytest.mark.django_db
def test_reanchor_article_moves_changes_and_orphans():
    article = ArticleFactory(body="Alpha beta gamma.\n\nDelta epsilon zeta.")
    moved = ClaimFactory(article=article, exact="Delta epsilon")
    changed = ClaimFactory(article=article, exact="beta gamma")
    quote = QuotationFactory(article=article, exact="Alpha")
    article.body = "New lead.\n\nAlpha beta delta.\n\nDelta epsilon zeta."
    article.save()

    orphaned = anchoring.reanchor_article(article)

    moved.refresh_from_db()
    changed.refresh_from_db()
    quote.refresh_from_db()
    assert article.body[moved.start : moved.end] == "Delta epsilon" and not moved.is_orphaned
    assert changed.is_orphaned and changed.exact == "beta gamma"  # kept, never dropped
    assert article.body[quote.start : quote.end] == "Alpha" and not quote.is_orphaned
    assert orphaned == [changed]


@pytest.mark.django_db
def test_reanchor_article_restores_an_orphan_when_its_words_return():
    article = ArticleFactory(body="Alpha beta gamma.")
    claim = ClaimFactory(article=article, exact="beta gamma")
    article.body = "Alpha gamma."
    anchoring.reanchor_article(article)
    article.body = "Intro. Alpha beta gamma."
    assert anchoring.reanchor_article(article) == []
    claim.refresh_from_db()
    assert not claim.is_orphaned and claim.start == article.body.index("beta")


@pytest.mark.django_db
def test_changed_words_send_only_that_verdict_back_for_recheck():
    from articles.models import CheckStatus

    article = ArticleFactory(body="Alpha beta gamma.\n\nDelta epsilon zeta.")
    changed = ClaimFactory(article=article, exact="Alpha beta")
    kept = ClaimFactory(article=article, exact="Delta epsilon")
    for claim in (changed, kept):
        claim.check_status, claim.checked_exact = CheckStatus.VERIFIED, claim.exact
        claim.save()

    anchoring.apply(changed, require(article.body, "Alpha beta gamma"))
    changed.save()
    anchoring.log_recheck(changed)
    # A body edit that only moves words keeps the verdict.
    article.body = "Lead.\n\n" + article.body
    anchoring.reanchor_article(article)

    changed.refresh_from_db()
    kept.refresh_from_db()
    assert changed.check_status == CheckStatus.NEEDS_RECHECK
    assert kept.check_status == CheckStatus.VERIFIED
    event = changed.events.get()
    assert event.before == {"status": "verified", "words": "Alpha beta"}
    assert event.after == {"status": "needs_recheck", "words": "Alpha beta gamma"}


def test_same_words_forgives_only_spacing_and_quote_marks():
    from articles.anchoring import same_words

    assert same_words("it's  “fine”", 'it’s "fine"')
    assert not same_words("12 percent", "15 percent")
