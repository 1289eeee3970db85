"""articles.factchecking: the desk's rules — rights, verdict sign-off, the audit trail, notifications."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles import factchecking, revisions, rights
from articles.models import CheckStatus, Citation, Claim, SourcingEvent
from sources.models import Source
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    QuotationFactory,
    SourceFactory,
    UserFactory,
    sourced_claim,
)

pytestmark = pytest.mark.django_db

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def events(item) -> list[SourcingEvent]:
    return list(SourcingEvent.objects.filter(**{item.citation_field: item}).order_by("pk"))


# --- who may ------------------------------------------------------------------------------------


def test_factcheckers_editors_and_superusers_may_work_the_desk(factchecker, editor, superuser):
    assert rights.works_desk(factchecker)
    assert rights.works_desk(editor)
    assert rights.works_desk(superuser)


def test_reporters_and_anonymous_may_not_work_the_desk(reporter):
    from django.contrib.auth.models import AnonymousUser

    assert not rights.works_desk(reporter)
    assert not rights.works_desk(AnonymousUser())
    assert not rights.works_desk(UserFactory(is_staff=True))


ACTIONS = {
    "assign": lambda item, user: factchecking.assign(item, user, user=user),
    "set_verdict": lambda item, user: factchecking.set_verdict(item, CheckStatus.INCONCLUSIVE, user=user),
    "set_due": lambda item, user: factchecking.set_due(item, TOMORROW, user=user),
    "attach_source": lambda item, user: factchecking.attach_source(item, SourceFactory(), user=user),
    "remove_citation": lambda item, user: factchecking.remove_citation(
        CitationFactory(claim=item), user=user
    ),
    "create_source": lambda item, user: factchecking.create_source(
        {"title": "A report", "kind": "report"}, user=user
    ),
}


@pytest.mark.parametrize("action", ACTIONS)
def test_every_action_is_refused_to_a_reporter_and_changes_nothing(action, reporter):
    claim = ClaimFactory()
    sources_before = Source.objects.count()
    with pytest.raises(PermissionDenied):
        ACTIONS[action](claim, reporter)
    claim.refresh_from_db()
    assert claim.assignee is None and claim.due_on is None
    assert claim.check_status == CheckStatus.UNSTARTED
    assert not events(claim)
    assert Source.objects.count() <= sources_before + 1  # only the fixture's own source, if any
    assert not Source.objects.filter(title="A report").exists()


@pytest.mark.parametrize("action", ACTIONS)
def test_every_action_is_allowed_to_a_factchecker_and_a_superuser(action, factchecker, superuser):
    for user in (factchecker, superuser):
        claim = ClaimFactory()
        if action == "set_verdict":
            CitationFactory(claim=claim)
        ACTIONS[action](claim, user)


# --- assignment -----------------------------------------------------------------------------------


def test_assign_sets_the_assignee_and_records_who_did_it(factchecker, editor):
    claim = ClaimFactory()

    factchecking.assign(claim, factchecker, user=editor)

    claim.refresh_from_db()
    assert claim.assignee == factchecker
    [event] = events(claim)
    assert event.action == SourcingEvent.Action.ASSIGNED
    assert event.actor == editor and event.article_id == claim.article_id
    assert event.before == {"assignee": None, "name": None}
    assert event.after == {"assignee": factchecker.pk, "name": "factchecker"}


def test_assign_emails_the_assignee_a_link_to_the_item_after_commit(
    factchecker, editor, mailoutbox, django_capture_on_commit_callbacks
):
    claim = ClaimFactory(article__title="Council passes budget")
    factchecking.set_due(claim, TOMORROW, user=editor)

    with django_capture_on_commit_callbacks(execute=True):
        link = f"https://news.example.org/desk/claim/{claim.pk}/"
        factchecking.assign(claim, factchecker, user=editor, link=link)

    [mail] = mailoutbox
    assert mail.to == [factchecker.email]
    assert "Council passes budget" in mail.subject
    assert f"https://news.example.org/desk/claim/{claim.pk}/" in mail.body
    assert "budget of 4.2 million dollars" in mail.body
    assert "Due:" in mail.body


def test_assign_sends_nothing_when_the_assignment_is_rolled_back(
    factchecker, editor, mailoutbox, django_capture_on_commit_callbacks
):
    claim = ClaimFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        factchecking.assign(claim, factchecker, user=editor)
    # Nothing is sent until the transaction commits; a rollback drops the callback with it.
    assert len(callbacks) == 1 and mailoutbox == []


def test_assigning_yourself_sends_no_email(factchecker, mailoutbox, django_capture_on_commit_callbacks):
    claim = ClaimFactory()
    with django_capture_on_commit_callbacks(execute=True):
        factchecking.assign(claim, factchecker, user=factchecker)
    assert mailoutbox == []
    assert Claim.objects.get(pk=claim.pk).assignee == factchecker


def test_assign_refuses_someone_who_cannot_work_the_desk(reporter, editor):
    claim = ClaimFactory()
    with pytest.raises(ValidationError) as refused:
        factchecking.assign(claim, reporter, user=editor)
    assert refused.value.code == "assignee_cannot_check"
    assert Claim.objects.get(pk=claim.pk).assignee is None and not events(claim)


def test_unassign_records_who_had_it(factchecker, editor):
    claim = ClaimFactory()
    factchecking.assign(claim, factchecker, user=editor)
    factchecking.assign(claim, None, user=editor)
    assert Claim.objects.get(pk=claim.pk).assignee is None
    assert events(claim)[-1].before == {"assignee": factchecker.pk, "name": "factchecker"}
    assert events(claim)[-1].after == {"assignee": None, "name": None}


def test_assigning_the_same_person_again_records_nothing(factchecker):
    claim = ClaimFactory()
    factchecking.assign(claim, factchecker, user=factchecker)
    factchecking.assign(claim, factchecker, user=factchecker)
    assert len(events(claim)) == 1


# --- due dates ------------------------------------------------------------------------------------


def test_set_due_sets_and_clears_the_date_and_records_both(factchecker):
    claim = ClaimFactory()

    factchecking.set_due(claim, TOMORROW, user=factchecker)
    assert Claim.objects.get(pk=claim.pk).due_on == TOMORROW
    factchecking.set_due(claim, None, user=factchecker)
    assert Claim.objects.get(pk=claim.pk).due_on is None

    first, second = events(claim)
    assert first.after == {"due_on": TOMORROW.isoformat()} and first.actor == factchecker
    assert second.before == {"due_on": TOMORROW.isoformat()} and second.after == {"due_on": None}


def test_set_due_refuses_a_date_in_the_past(factchecker):
    claim = ClaimFactory()
    with pytest.raises(ValidationError) as refused:
        factchecking.set_due(claim, timezone.localdate() - datetime.timedelta(days=1), user=factchecker)
    assert refused.value.code == "due_in_past"
    assert Claim.objects.get(pk=claim.pk).due_on is None and not events(claim)


# --- verdicts -------------------------------------------------------------------------------------


def test_set_verdict_signs_off_against_the_words_and_the_latest_revision(factchecker):
    article = ArticleFactory()
    claim = sourced_claim(article=article)
    revisions.save_revision(article, reason="first")
    latest = revisions.save_revision(article, reason="second")

    factchecking.set_verdict(claim, CheckStatus.VERIFIED, user=factchecker, note="Checked p. 4")

    claim.refresh_from_db()
    assert claim.check_status == CheckStatus.VERIFIED
    assert claim.checked_by == factchecker
    assert timezone.now() - claim.checked_at < datetime.timedelta(minutes=1)
    assert claim.checked_exact == "budget of 4.2 million dollars"
    assert claim.checked_revision == latest
    assert claim.desk_note == "Checked p. 4"


def test_set_verdict_without_revisions_signs_off_with_no_revision(factchecker):
    claim = sourced_claim()
    factchecking.set_verdict(claim, CheckStatus.INCONCLUSIVE, user=factchecker)
    claim.refresh_from_db()
    assert claim.checked_revision is None and claim.checked_by == factchecker


def test_set_verdict_records_the_status_change_with_before_and_after(factchecker):
    claim = sourced_claim()

    factchecking.set_verdict(claim, CheckStatus.DISPUTED, user=factchecker, reason="The budget was 3.9m")

    [event] = events(claim)
    assert event.action == SourcingEvent.Action.STATUS and event.actor == factchecker
    assert event.before == {"status": "unstarted", "reason": "", "note": ""}
    assert event.after == {"status": "disputed", "reason": "The budget was 3.9m", "note": ""}


@pytest.mark.parametrize("status", [CheckStatus.DISPUTED, CheckStatus.NOT_CLAIM])
@pytest.mark.parametrize("reason", ["", "   "])
def test_set_verdict_requires_a_reason_for_disputed_and_not_a_claim(status, reason, factchecker):
    claim = sourced_claim()

    with pytest.raises(ValidationError) as refused:
        factchecking.set_verdict(claim, status, user=factchecker, reason=reason)

    assert refused.value.code == "reason_required"
    claim.refresh_from_db()
    assert claim.check_status == CheckStatus.UNSTARTED and claim.checked_by is None
    assert not events(claim)


def test_not_a_claim_with_a_reason_releases_an_unsourced_claim(factchecker):
    claim = ClaimFactory()
    factchecking.set_verdict(claim, CheckStatus.NOT_CLAIM, user=factchecker, reason="An opinion")
    claim.refresh_from_db()
    assert claim.check_status == CheckStatus.NOT_CLAIM and claim.verdict_reason == "An opinion"


@pytest.mark.parametrize("status", ["unstarted", "needs_recheck", "in_progress", "nonsense"])
def test_set_verdict_refuses_what_is_not_a_verdict(status, factchecker):
    claim = sourced_claim()
    with pytest.raises(ValidationError) as refused:
        factchecking.set_verdict(claim, status, user=factchecker)
    assert refused.value.code == "invalid_verdict"


def test_verified_needs_a_source_first(factchecker):
    claim = ClaimFactory()
    with pytest.raises(ValidationError) as refused:
        factchecking.set_verdict(claim, CheckStatus.VERIFIED, user=factchecker)
    assert refused.value.code == "verified_without_source"
    assert Claim.objects.get(pk=claim.pk).check_status == CheckStatus.UNSTARTED


def test_an_orphaned_item_cannot_be_ruled_on(factchecker):
    claim = sourced_claim()
    Claim.objects.filter(pk=claim.pk).update(is_orphaned=True)
    with pytest.raises(ValidationError) as refused:
        factchecking.set_verdict(claim, CheckStatus.INCONCLUSIVE, user=factchecker)
    assert refused.value.code == "orphaned"


def test_set_verdict_works_on_quotations(factchecker):
    quotation = QuotationFactory()
    CitationFactory(quotation=quotation)
    factchecking.set_verdict(quotation, CheckStatus.VERIFIED, user=factchecker)
    quotation.refresh_from_db()
    assert quotation.check_status == CheckStatus.VERIFIED
    assert events(quotation)[0].quotation == quotation


# --- sources and citations ------------------------------------------------------------------------


def test_attach_source_cites_it_and_records_the_citation(factchecker):
    claim = ClaimFactory()
    source = SourceFactory(title="City budget 2026", publisher="")

    citation = factchecking.attach_source(claim, source, user=factchecker, locator=" p. 12 ", passage="…")

    assert citation.claim == claim and citation.source == source
    assert citation.added_by == factchecker and citation.locator == "p. 12"
    [event] = events(claim)
    assert event.action == SourcingEvent.Action.CITATION_ADDED
    assert event.actor == factchecker
    assert event.after == {"citation": citation.pk, "source": source.pk, "locator": "p. 12"}


def test_attach_source_refuses_a_source_already_cited(factchecker):
    claim = ClaimFactory()
    source = SourceFactory()
    factchecking.attach_source(claim, source, user=factchecker)
    with pytest.raises(ValidationError) as refused:
        factchecking.attach_source(claim, source, user=factchecker)
    assert refused.value.code == "already_cited"
    assert claim.citations.count() == 1 and len(events(claim)) == 1


def test_remove_citation_deletes_it_and_records_what_it_was(factchecker):
    claim = ClaimFactory()
    citation = CitationFactory(claim=claim, source=SourceFactory(title="Old report", publisher=""))

    factchecking.remove_citation(citation, user=factchecker)

    assert not Citation.objects.filter(pk=citation.pk).exists()
    [event] = events(claim)
    assert event.action == SourcingEvent.Action.CITATION_REMOVED
    assert event.before["source"] == citation.source_id and event.actor == factchecker


def test_removing_the_last_source_of_a_verified_claim_sends_it_back_for_a_recheck(factchecker):
    claim = sourced_claim()
    factchecking.set_verdict(claim, CheckStatus.VERIFIED, user=factchecker)

    factchecking.remove_citation(claim.citations.get(), user=factchecker)

    claim.refresh_from_db()
    assert claim.check_status == CheckStatus.NEEDS_RECHECK
    assert [e.action for e in events(claim)] == ["status", "citation_removed", "status"]


def test_create_source_saves_a_valid_source(factchecker):
    source = factchecking.create_source(
        {"title": " City budget ", "kind": "report", "publisher": "City", "url": "https://example.org/b"},
        user=factchecker,
    )
    assert source.pk and source.title == "City budget" and source.url == "https://example.org/b"


@pytest.mark.parametrize(
    "url", ["ftp://example.org/file", "javascript:alert(1)", "data:text/html,hi", "not a url"]
)
def test_create_source_refuses_an_address_that_is_not_http_and_saves_nothing(url, factchecker):
    with pytest.raises(ValidationError) as refused:
        factchecking.create_source({"title": "Bad", "kind": "report", "url": url}, user=factchecker)
    assert "url" in refused.value.error_dict
    assert not Source.objects.filter(title="Bad").exists()


def test_create_source_needs_a_title_and_a_known_kind(factchecker):
    with pytest.raises(ValidationError) as refused:
        factchecking.create_source({"title": "", "kind": "rumour"}, user=factchecker)
    assert set(refused.value.error_dict) == {"title", "kind"}


def test_attach_new_source_saves_nothing_when_the_source_is_invalid(factchecker):
    claim = ClaimFactory()
    with pytest.raises(ValidationError):
        factchecking.attach_new_source(
            claim, {"title": "Bad", "kind": "report", "url": "ftp://x.org"}, user=factchecker
        )
    assert not Source.objects.filter(title="Bad").exists()
    assert not claim.citations.exists() and not events(claim)


def test_attach_new_source_creates_and_cites_in_one_go(factchecker):
    claim = ClaimFactory()
    citation = factchecking.attach_new_source(
        claim, {"title": "Court filing", "kind": "court_record"}, user=factchecker, locator="p. 3"
    )
    assert citation.source.title == "Court filing" and citation.claim == claim
    assert events(claim)[0].after["source"] == citation.source_id
