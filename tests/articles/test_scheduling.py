import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, ClaimFactory, sourced_claim

pytestmark = pytest.mark.django_db

S = Article.Status


def scheduled(status=S.READY, minutes=-5, **kwargs):
    return ArticleFactory(
        status=status, publish_at=timezone.now() + datetime.timedelta(minutes=minutes), **kwargs
    )


def test_publish_scheduled_publishes_due_articles_that_pass_the_gate(client, capsys):
    due = scheduled(slug="due")
    sourced_claim(article=due)
    later = scheduled(slug="later", minutes=60)
    sourced_claim(article=later)

    call_command("publish_scheduled")

    due.refresh_from_db()
    later.refresh_from_db()
    assert due.is_published and due.live_revision is not None
    assert later.status == S.READY
    assert client.get(due.get_absolute_url()).status_code == 200
    assert client.get(later.get_absolute_url()).status_code == 404
    assert "PUBLISHED due" in capsys.readouterr().out


def test_publish_scheduled_reports_due_articles_the_gate_blocks(capsys):
    blocked = scheduled(slug="blocked")
    ClaimFactory(article=blocked)

    call_command("publish_scheduled")

    blocked.refresh_from_db()
    assert blocked.status == S.READY
    out = capsys.readouterr().out
    assert "BLOCKED blocked" in out and "has no source" in out
    assert "0 published, 1 due but blocked." in out


def test_publish_scheduled_reports_due_articles_that_never_got_ready(capsys):
    draft = scheduled(status=S.IN_REVIEW, slug="in-review")
    sourced_claim(article=draft)

    call_command("publish_scheduled")

    draft.refresh_from_db()
    assert draft.status == S.IN_REVIEW
    assert "NOT READY in-review" in capsys.readouterr().out


def test_publish_scheduled_is_idempotent(capsys):
    due = scheduled()
    sourced_claim(article=due)
    call_command("publish_scheduled")
    call_command("publish_scheduled")
    assert due.revisions.count() == 1
    assert "0 published, 0 due but blocked." in capsys.readouterr().out.splitlines()[-1]
