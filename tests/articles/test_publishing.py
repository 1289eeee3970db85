import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction

from articles import publishing
from articles.models import Article, CheckStatus, Claim, Quotation
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    QuotationFactory,
    sourced_claim,
    sourced_quotation,
)

pytestmark = pytest.mark.django_db


def codes(refusal) -> list[str]:
    return [blocker.code for blocker in refusal.value.blockers]


def test_publish_publishes_a_fully_sourced_article(editor):
    article = ArticleFactory()
    sourced_claim(article=article)
    sourced_quotation(article=article)

    publishing.publish(article, user=editor)

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at is not None and article.published_by == editor


def test_publish_refuses_article_with_unsourced_claim():
    article = ArticleFactory()
    claim = ClaimFactory(article=article)

    with pytest.raises(publishing.PublishRefused) as refusal:
        publishing.publish(article)

    assert codes(refusal) == ["unsourced_claim"]
    assert refusal.value.blockers[0].item == claim
    assert "budget of 4.2 million dollars" in refusal.value.blockers[0].message
    assert refusal.value.error_list[0].code == "unsourced_claim"
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT and article.published_at is None


def test_publish_refuses_quotation_without_speaker():
    article = ArticleFactory()
    quotation = QuotationFactory(article=article, speaker=None)
    CitationFactory(quotation=quotation)

    with pytest.raises(publishing.PublishRefused) as refusal:
        publishing.publish(article)

    assert codes(refusal) == ["quotation_without_speaker"]


def test_publish_refuses_quotation_without_source():
    article = ArticleFactory()
    QuotationFactory(article=article)

    with pytest.raises(publishing.PublishRefused) as refusal:
        publishing.publish(article)

    assert codes(refusal) == ["unsourced_quotation"]


def test_publish_refuses_orphaned_claim_even_when_sourced():
    article = ArticleFactory()
    claim = sourced_claim(article=article)
    claim.is_orphaned = True
    claim.save()

    with pytest.raises(publishing.PublishRefused) as refusal:
        publishing.publish(article)

    assert codes(refusal) == ["orphaned_claim"]


def test_publish_checks_words_against_the_body_even_without_reanchoring():
    article = ArticleFactory()
    sourced_claim(article=article)
    quotation = sourced_quotation(article=article)
    # A bulk update skips save() and re-anchoring; the gate still sees the words are gone.
    Article.objects.filter(pk=article.pk).update(body="Entirely new text.")

    with pytest.raises(publishing.PublishRefused) as refusal:
        publishing.publish(article)

    assert codes(refusal) == ["orphaned_claim", "orphaned_quotation"]
    assert refusal.value.blockers[1].item == quotation


def test_publish_lists_every_blocker_in_reading_order():
    article = ArticleFactory()
    QuotationFactory(article=article, speaker=None)  # paragraph 3
    ClaimFactory(article=article, exact="Crime fell by 12 percent")  # paragraph 2
    ClaimFactory(article=article)  # paragraph 1

    with pytest.raises(publishing.PublishRefused) as refusal:
        publishing.publish(article)

    assert codes(refusal) == [
        "unsourced_claim",
        "unsourced_claim",
        "quotation_without_speaker",
        "unsourced_quotation",
    ]


def test_publish_refuses_users_without_the_publish_permission(reporter, factchecker):
    article = ArticleFactory()
    for user in (reporter, factchecker):
        with pytest.raises(PermissionDenied):
            publishing.publish(article, user=user)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_summary_counts_claims_and_blocking_items():
    article = ArticleFactory()
    sourced_claim(article=article)
    ClaimFactory(article=article, exact="Crime fell by 12 percent")
    QuotationFactory(article=article, speaker=None)  # two problems, one item

    summary = publishing.summarize(article)

    assert str(summary) == "1 of 2 claims sourced, 1 quotation — 2 block publishing"


def test_publish_command_exits_non_zero_naming_the_unsourced_claims(capsys):
    article = ArticleFactory(slug="budget")
    ClaimFactory(article=article)

    with pytest.raises(CommandError) as error:
        call_command("publish", "budget")

    assert error.value.returncode == 1
    err = capsys.readouterr().err
    assert "Claim “budget of 4.2 million dollars” has no source" in err
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_publish_command_publishes_a_sourced_article(capsys):
    article = ArticleFactory(slug="budget")
    sourced_claim(article=article)

    call_command("publish", "budget")

    article.refresh_from_db()
    assert article.is_published
    assert "Published" in capsys.readouterr().out


def test_publish_command_refuses_unknown_slug():
    with pytest.raises(CommandError, match="No article"):
        call_command("publish", "nope")


def test_publish_command_checks_the_acting_users_permission(reporter):
    article = ArticleFactory(slug="budget")
    sourced_claim(article=article)
    with pytest.raises(CommandError, match="permission"):
        call_command("publish", "budget", user="reporter")
    article.refresh_from_db()
    assert not article.is_published


def wait_until_a_query_waits_for_a_lock(like: str) -> None:
    """Poll PostgreSQL until another connection running a query LIKE `like` waits for a lock."""
    with connection.cursor() as cursor:
        for _ in range(600):
            # Statistics views are snapshotted per transaction; the caller may be inside one.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE wait_event_type = 'Lock' AND query LIKE %s AND pid <> pg_backend_pid()",
                [like],
            )
            if cursor.fetchone()[0]:
                return
            threading.Event().wait(0.05)
    pytest.fail(f"no query like {like!r} ever waited for a lock")


@pytest.mark.django_db(transaction=True)
def test_concurrent_claim_insert_cannot_slip_past_the_gate(on_postgres):
    """A claim inserted (uncommitted) while the gate runs is seen by it, because the gate waits."""
    article = ArticleFactory()
    sourced_claim(article=article)
    inserted = threading.Event()
    release = threading.Event()
    outcome = {}

    def add_claim_in_other_connection():
        try:
            with transaction.atomic():
                claim = Claim(article_id=article.pk, kind=Claim.Kind.EVENT)
                claim.exact, claim.start, claim.end = "on Tuesday", 54, 64
                claim.save()
                inserted.set()
                release.wait(timeout=30)
        finally:
            connections.close_all()

    def publish_in_other_connection():
        try:
            publishing.publish(Article.objects.get(pk=article.pk))
            outcome["result"] = "published"
        except publishing.PublishRefused as refusal:
            outcome["result"] = [b.code for b in refusal.blockers]
        finally:
            connections.close_all()

    writer = threading.Thread(target=add_claim_in_other_connection)
    writer.start()
    assert inserted.wait(timeout=30)
    gate = threading.Thread(target=publish_in_other_connection)
    gate.start()
    # Let the writer commit only once the gate is waiting for the article's row lock.
    wait_until_a_query_waits_for_a_lock("%FOR UPDATE%")
    release.set()
    writer.join(timeout=30)
    gate.join(timeout=30)

    assert outcome["result"] == ["unsourced_claim"]
    assert not Article.objects.get(pk=article.pk).is_published


@pytest.mark.django_db(transaction=True)
def test_claim_insert_waits_while_the_gate_holds_the_article(on_postgres):
    """The other order: a claim added while the gate holds the lock lands after publication."""
    article = ArticleFactory()
    sourced_claim(article=article)
    done = threading.Event()

    def add_claim():
        try:
            claim = Claim(article_id=article.pk, kind=Claim.Kind.EVENT)
            claim.exact, claim.start, claim.end = "on Tuesday", 54, 64
            claim.save()
            done.set()
        finally:
            connections.close_all()

    with transaction.atomic():
        Article.objects.select_for_update().get(pk=article.pk)
        writer = threading.Thread(target=add_claim)
        writer.start()
        wait_until_a_query_waits_for_a_lock('INSERT INTO "articles_claim"%')
        assert not done.is_set()
    writer.join(timeout=30)
    assert done.is_set()


def test_quotation_and_claim_models_share_the_sourced_definition():
    article = ArticleFactory()
    sourced = sourced_claim(article=article)
    ClaimFactory(article=article, exact="Crime fell by 12 percent")
    quote = sourced_quotation(article=article)
    assert list(Claim.objects.sourced()) == [sourced]
    assert Claim.objects.needing_source().count() == 1
    assert list(Quotation.objects.sourced()) == [quote]


def _unsourced_claim(article):
    ClaimFactory(article=article)


def _quotation_without_speaker(article):
    CitationFactory(quotation=QuotationFactory(article=article, speaker=None))


def _unsourced_quotation(article):
    QuotationFactory(article=article)


def _orphaned_claim(article):
    claim = sourced_claim(article=article)
    _reword(article, "4.2 million", "5 million")
    Claim.objects.filter(pk=claim.pk).update(is_orphaned=True)


def _orphaned_quotation(article):
    quotation = sourced_quotation(article=article)
    _reword(article, "proud of", "happy with")
    Quotation.objects.filter(pk=quotation.pk).update(is_orphaned=True)


def _reword(article, old, new):
    article.body = article.body.replace(old, new)
    Article.objects.filter(pk=article.pk).update(body=article.body)


GAPS = {
    "unsourced_claim": _unsourced_claim,
    "quotation_without_speaker": _quotation_without_speaker,
    "unsourced_quotation": _unsourced_quotation,
    "orphaned_claim": _orphaned_claim,
    "orphaned_quotation": _orphaned_quotation,
}


def article_with_gap(code):
    article = ArticleFactory(slug=f"gap-{code.replace('_', '-')}")
    GAPS[code](article)
    return article


@pytest.mark.parametrize("code", GAPS)
def test_gate_function_refuses_each_kind_of_gap(code):
    article = article_with_gap(code)
    with pytest.raises(publishing.PublishRefused) as refusal:
        publishing.publish(article)
    assert codes(refusal) == [code]


@pytest.mark.parametrize("code", GAPS)
def test_admin_publish_button_refuses_each_kind_of_gap(code, editor_client):
    from django.contrib.messages import get_messages
    from django.urls import reverse

    from tests.admin_forms import change_form_data

    article = article_with_gap(code)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(editor_client.get(url))
    data["_publish"] = "Save and publish"

    response = editor_client.post(url, data, follow=True)

    shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert publishing._PROBLEMS[code].split("“")[0] in shown
    article.refresh_from_db()
    assert not article.is_published


@pytest.mark.parametrize("code", GAPS)
def test_publish_command_refuses_each_kind_of_gap(code, capsys):
    article = article_with_gap(code)
    with pytest.raises(CommandError):
        call_command("publish", article.slug)
    message = publishing._PROBLEMS[code].split("“")[0]
    assert message in capsys.readouterr().err
    article.refresh_from_db()
    assert not article.is_published


def test_disputed_claim_blocks_publishing_even_when_sourced():
    article = ArticleFactory()
    claim = sourced_claim(article=article)
    Claim.objects.filter(pk=claim.pk).update(check_status=CheckStatus.DISPUTED)
    with pytest.raises(publishing.PublishRefused) as refusal:
        publishing.publish(article)
    assert codes(refusal) == ["disputed_claim"]


def test_not_a_factual_claim_verdict_releases_a_claim_from_needing_a_source():
    article = ArticleFactory()
    claim = ClaimFactory(article=article)
    Claim.objects.filter(pk=claim.pk).update(check_status=CheckStatus.NOT_CLAIM)
    publishing.publish(article)
    article.refresh_from_db()
    assert article.is_published
    assert not Claim.objects.needing_source().exists()


def test_disputed_claim_stops_blocking_once_its_words_are_fixed():
    from articles import anchoring

    article = ArticleFactory()
    claim = sourced_claim(article=article)
    Claim.objects.filter(pk=claim.pk).update(check_status=CheckStatus.DISPUTED, checked_exact=claim.exact)
    article.body = article.body.replace("4.2 million", "3.9 million")
    article.save()
    claim.refresh_from_db()
    anchoring.apply(claim, anchoring.require(article.body, "budget of 3.9 million dollars"))
    claim.save()
    anchoring.log_recheck(claim)

    publishing.publish(article)

    claim.refresh_from_db()
    assert claim.check_status == CheckStatus.NEEDS_RECHECK
    assert claim.events.get().action == "recheck"
