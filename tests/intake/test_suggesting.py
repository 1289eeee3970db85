"""articles.suggesting: storing suggestions, re-suggesting without duplicates, accepting and dismissing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import publishing
from articles.body import normalize_body
from articles.models import Claim, Quotation, Suggestion
from intake import suggesting
from sources.models import Person
from tests.factories import ArticleFactory, ClaimFactory, PersonFactory, SourceFactory

pytestmark = pytest.mark.django_db

BODY = normalize_body(
    "Crime fell by 12 percent last year, according to the Springfield Police Department.\n\n"
    '"We are proud of this work," said Los Angeles District Attorney George Gascon. '
    '"It is only the start."\n\n'
    "Council member Tom Becker said the increase was too small. "
    '"It will not fix a single playground," he said.\n\n'
    '"Across the nation, jurisdictions are moving away from a tough-on-crime approach," the webpage reads.'
)


@pytest.fixture
def article():
    return ArticleFactory(body=BODY)


def by_words(article, words) -> Suggestion:
    return Suggestion.objects.get(article=article, exact__contains=words)


def test_suggest_stores_quotations_and_claims_anchored_to_body_offsets(article):
    result = suggesting.suggest(article)
    assert result.quotations == 4
    assert result.claims >= 2
    for suggestion in Suggestion.objects.filter(article=article):
        assert article.body[suggestion.start : suggestion.end] == suggestion.exact
        assert suggestion.status == Suggestion.Status.SUGGESTED
        assert len(suggestion.fingerprint) == 40
    claim = by_words(article, "Crime fell by 12 percent")
    assert claim.kind == Suggestion.Kind.CLAIM
    assert claim.claim_kind == Claim.Kind.STATISTIC
    assert claim.paragraph == 0
    assert "12 percent" in claim.reason


def test_speaker_known_by_alias_or_surname_is_matched_to_the_person(article):
    gascon = PersonFactory(name="George Gascon", aliases="Gascon\nthe DA")
    suggesting.suggest(article)
    quote = by_words(article, "We are proud of this work")
    assert quote.speaker == gascon


def test_unknown_speaker_is_proposed_by_name_without_creating_a_person(article):
    suggesting.suggest(article)
    quote = by_words(article, "It will not fix a single playground")
    assert quote.speaker is None
    assert quote.speaker_name == "Tom Becker"
    assert not Person.objects.filter(name="Tom Becker").exists()


def test_organisation_named_in_a_claim_is_proposed_as_its_source(article):
    police = SourceFactory(title="Crime statistics 2023", publisher="Springfield Police Department")
    SourceFactory(title="Unrelated report", publisher="Somewhere Else Entirely")
    suggesting.suggest(article)
    assert list(by_words(article, "Crime fell").proposed_sources.all()) == [police]


def test_suggesting_again_creates_no_duplicates_of_pending_accepted_or_dismissed(article, editor):
    suggesting.suggest(article)
    total = Suggestion.objects.count()
    suggesting.accept(by_words(article, "Crime fell"), user=editor)
    suggesting.dismiss(by_words(article, "It is only the start"), user=editor, reason="Opinion")
    again = suggesting.suggest(article)
    assert again.created == []
    assert Suggestion.objects.count() == total
    assert by_words(article, "It is only the start").status == Suggestion.Status.DISMISSED


def test_resuggesting_an_edited_article_keeps_decisions_and_adds_only_new_words(article, editor):
    suggesting.suggest(article)
    suggesting.dismiss(by_words(article, "It is only the start"), user=editor, reason="Opinion")
    article.body = normalize_body(
        "A new first paragraph: the city hired 40 new officers in March.\n\n"
        + BODY.replace("Crime fell by 12 percent", "Crime fell by 13 percent")
    )
    article.save()
    result = suggesting.suggest(article)
    new_words = {s.exact for s in result.created}
    assert any("40 new officers" in words for words in new_words)
    assert any("13 percent" in words for words in new_words)
    assert not Suggestion.objects.filter(exact__contains="12 percent").exists()  # stale, pending: removed
    assert result.stale == 1
    dismissed = by_words(article, "It is only the start")
    assert dismissed.status == Suggestion.Status.DISMISSED
    kept = by_words(article, "It will not fix")
    assert article.body[kept.start : kept.end] == kept.exact  # moved with the text


def test_words_already_marked_are_not_suggested(article):
    ClaimFactory(
        article=article,
        exact="Crime fell by 12 percent last year, according to the Springfield Police Department.",
    )
    result = suggesting.suggest(article)
    assert result.already_marked == 1
    assert not Suggestion.objects.filter(exact__contains="Crime fell").exists()


def eight_times(body: str) -> str:
    return normalize_body("\n\n".join(body.replace("12 percent", f"{n} percent") for n in range(8)))


def test_suggest_query_count_does_not_grow_with_the_article(article):
    with CaptureQueriesContext(connection) as small:
        suggesting.suggest(article)
    big = ArticleFactory(body=eight_times(BODY))
    with CaptureQueriesContext(connection) as large:
        suggesting.suggest(big)
    assert len(large) == len(small)


def test_suggesting_again_runs_the_same_queries_however_many_suggestions_exist(article):
    suggesting.suggest(article)
    with CaptureQueriesContext(connection) as few:
        suggesting.suggest(article)
    big = ArticleFactory(body=eight_times(BODY))
    suggesting.suggest(big)
    assert (
        Suggestion.objects.filter(article=big).count()
        > 2 * Suggestion.objects.filter(article=article).count()
    )
    with CaptureQueriesContext(connection) as many:
        suggesting.suggest(big)
    assert len(many) == len(few)


def test_accepting_a_claim_creates_an_anchored_claim_that_blocks_publishing_until_sourced(article, editor):
    suggesting.suggest(article)
    suggestion = by_words(article, "Crime fell")
    claim = suggesting.accept(suggestion, user=editor)
    assert claim.exact == suggestion.exact
    assert article.body[claim.start : claim.end] == claim.exact
    assert claim.kind == Claim.Kind.STATISTIC
    assert claim.created_by == editor
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.ACCEPTED
    assert suggestion.claim == claim
    assert suggestion.decided_by == editor
    assert suggestion.decided_at is not None
    assert "unsourced_claim" in [b.code for b in publishing.blockers(article)]


def test_accepting_a_claim_cites_its_proposed_sources(article, editor):
    police = SourceFactory(title="Crime statistics 2023", publisher="Springfield Police Department")
    suggesting.suggest(article)
    claim = suggesting.accept(by_words(article, "Crime fell"), user=editor)
    assert [c.source for c in claim.citations.all()] == [police]
    assert "unsourced_claim" not in [b.code for b in publishing.blockers(article)]


def test_accepting_a_quotation_by_a_new_speaker_creates_the_person(article, editor):
    suggesting.suggest(article)
    quotation = suggesting.accept(by_words(article, "It will not fix"), user=editor)
    assert isinstance(quotation, Quotation)
    assert quotation.speaker.name == "Tom Becker"
    assert Person.objects.filter(name="Tom Becker").count() == 1


def test_a_person_created_on_accept_is_matched_by_the_next_run(article, editor):
    suggesting.suggest(article)
    suggesting.accept(by_words(article, "It will not fix"), user=editor)
    article.body = article.body + "\n\n" + '"We will keep asking," Becker said.'
    article.save()
    suggesting.suggest(article)
    assert by_words(article, "We will keep asking").speaker.name == "Tom Becker"


def test_accepting_a_quotation_from_a_thing_leaves_the_speaker_for_the_editor(article, editor):
    suggesting.suggest(article)
    quotation = suggesting.accept(by_words(article, "Across the nation"), user=editor)
    assert quotation.speaker is None
    assert quotation.obtained == Quotation.Obtained.WEB_PAGE
    assert "quotation_without_speaker" in [b.code for b in publishing.blockers(article)]


def test_accept_or_dismiss_refuses_an_already_decided_suggestion(article, editor):
    suggesting.suggest(article)
    suggestion = by_words(article, "Crime fell")
    suggesting.dismiss(suggestion, user=editor, reason="Opinion")
    for decide in (suggesting.accept, suggesting.dismiss):
        with pytest.raises(ValidationError) as refused:
            decide(suggestion, user=editor, **({"reason": "Again"} if decide is suggesting.dismiss else {}))
        assert refused.value.code == "already_decided"
    assert Claim.objects.count() == 0


def test_accept_refuses_words_no_longer_in_the_text(article, editor):
    suggesting.suggest(article)
    suggestion = by_words(article, "Crime fell")
    article.body = article.body.replace("Crime fell by 12 percent", "Crime rose")
    article.save()
    with pytest.raises(ValidationError) as refused:
        suggesting.accept(suggestion, user=editor)
    assert refused.value.code == "not_in_body"
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.SUGGESTED


def test_fact_checker_cannot_accept_dismiss_or_suggest(article, factchecker):
    suggesting.suggest(article)
    suggestion = by_words(article, "Crime fell")
    for decide in (suggesting.accept, suggesting.dismiss):
        with pytest.raises(PermissionDenied):
            decide(suggestion, user=factchecker)
    with pytest.raises(PermissionDenied):
        suggesting.suggest(article, user=factchecker)
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.SUGGESTED


def test_reporter_may_accept_in_their_own_draft(article, reporter):
    article.authors.add(reporter)
    suggesting.suggest(article, user=reporter)
    assert suggesting.accept(by_words(article, "Crime fell"), user=reporter).created_by == reporter


def test_fingerprint_ignores_quote_marks_case_and_spacing():
    assert suggesting.fingerprint("claim", "“We are  proud,” he said") == suggesting.fingerprint(
        "claim", '"we are proud" he said'
    )
    assert suggesting.fingerprint("claim", "a b") != suggesting.fingerprint("quotation", "a b")


def test_comparisons_map_to_statistic_or_other():
    assert suggesting.claim_kind("comparison", "Fares doubled in a decade.") == Claim.Kind.STATISTIC
    assert suggesting.claim_kind("comparison", "They are less likely to re-offend.") == Claim.Kind.OTHER
    assert suggesting.claim_kind("study", "A study found it.") == Claim.Kind.STUDY
