"""`manage.py check_sources` against a real HTTP server on 127.0.0.1."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from sources.models import Health, Source
from tests.factories import SourceFactory

from .conftest import TIMEOUT

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("check_sources", "--timeout", str(TIMEOUT), *args, stdout=out)
    return out.getvalue()


def test_prints_counts_and_each_dead_link(server, settings):
    settings.SOURCE_DEAD_AFTER = 1
    SourceFactory(url=server.url("/ok"))
    SourceFactory(url=server.url("/moved"))
    SourceFactory(
        url=server.url("/missing"), title="Vanished study", archived_url="https://archive.example.org/1"
    )
    SourceFactory(url=server.url("/slow"), title="Slow page")
    output = run("--concurrency", "2")
    assert "Checked 4 source(s)" in output
    assert "1 ok, 1 redirected, 0 unreachable, 2 dead" in output
    assert f"Vanished study (City of Springfield) <{server.url('/missing')}>: 404" in output
    assert "archived copy: https://archive.example.org/1 (new)" in output
    assert "Slow page (City of Springfield)" in output
    assert "timeout" in output


def test_first_failure_is_reported_as_not_yet_dead(server, settings):
    settings.SOURCE_DEAD_AFTER = 2
    SourceFactory(url=server.url("/error"))
    output = run()
    assert "1 unreachable" in output
    assert "No dead links." in output
    assert "not yet 2 times in a row" in output


def test_checks_only_sources_due_unless_all(server):
    recent = SourceFactory(
        url=server.url("/ok"), checked_url=server.url("/ok"), last_checked_at=timezone.now()
    )
    SourceFactory(url=server.url("/final"))
    assert "Checked 1 source(s)" in run()
    assert "Checked 2 source(s)" in run("--all")
    recent.refresh_from_db()
    assert recent.health == Health.OK


def test_older_than_sets_how_recent_a_check_may_be(server):
    two_hours_ago = timezone.now() - timedelta(hours=2)
    SourceFactory(url=server.url("/ok"), checked_url=server.url("/ok"), last_checked_at=two_hours_ago)
    assert run("--older-than", "3") == "No sources to check.\n"
    assert "Checked 1 source(s)" in run("--older-than", "1")
    assert Source.objects.get().last_checked_at > two_hours_ago


def test_rejects_a_concurrency_below_one():
    with pytest.raises(CommandError):
        call_command("check_sources", "--concurrency", "0")


def test_fails_loudly_and_records_nothing_when_nothing_answers(closed_port):
    for host in ["127.0.0.1", "localhost", "127.0.0.2", "127.0.0.3", "127.0.0.4"]:
        SourceFactory(url=f"http://{host}:{closed_port}/")
    with pytest.raises(CommandError, match="is this server offline"):
        run()
    assert Source.objects.with_health(Health.UNCHECKED).count() == 5
