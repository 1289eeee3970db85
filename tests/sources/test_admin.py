"""The sources admin: link health in the list, the dead-links filter, and the two actions."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from sources.models import ArchiveStatus, Health, Source
from tests.factories import SourceFactory
from tests.queries import count_queries

from .conftest import TIMEOUT

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:sources_source_changelist")


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def checked_source(health, url="https://example.org/page", **kwargs):
    return SourceFactory(
        url=url,
        checked_url=url,
        health=health,
        last_checked_at=timezone.now() - timedelta(hours=1),
        **kwargs,
    )


def run_action(client, action, sources):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [s.pk for s in sources]},
        follow=True,
    )


def test_changelist_query_count_does_not_grow_with_sources(editor_client, editor):
    checked_source(Health.DEAD, last_status_code=404, archive_requested_by=editor)
    one = count_queries(editor_client, CHANGELIST)
    for n in range(30):
        checked_source(
            [Health.OK, Health.DEAD, Health.REDIRECTED][n % 3],
            archived_url="https://archive.example.org/x" if n % 2 else "",
            archive_requested_by=editor,
        )
    assert count_queries(editor_client, CHANGELIST) == one
    assert count_queries(editor_client, f"{CHANGELIST}?health=dead") == one


def test_changelist_shows_link_health_with_the_status(editor_client):
    checked_source(Health.DEAD, title="Gone report", last_status_code=404)
    page = editor_client.get(CHANGELIST).content.decode()
    assert "Dead" in page
    assert "(404)" in page


def test_dead_filter_lists_only_dead_links(editor_client):
    checked_source(Health.DEAD, title="Gone report")
    checked_source(Health.OK, title="Fine report")
    edited = checked_source(Health.DEAD, title="Fixed report")
    Source.objects.filter(pk=edited.pk).update(url="https://example.org/fixed")
    response = editor_client.get(f"{CHANGELIST}?health=dead")
    titles = [source.title for source in response.context["cl"].result_list]
    assert titles == ["Gone report"]


def test_dead_without_archive_filter(editor_client):
    checked_source(Health.DEAD, title="Needs a copy")
    checked_source(Health.DEAD, title="Has a copy", archived_url="https://archive.example.org/1")
    response = editor_client.get(f"{CHANGELIST}?archive=dead_no")
    assert [source.title for source in response.context["cl"].result_list] == ["Needs a copy"]


def test_check_now_action_checks_and_reports(editor_client, server, settings):
    settings.SOURCE_CHECK_TIMEOUT = TIMEOUT
    settings.SOURCE_DEAD_AFTER = 1
    fine = SourceFactory(url=server.url("/ok"))
    gone = SourceFactory(url=server.url("/missing"), title="Gone")
    response = run_action(editor_client, "check_now", [fine, gone])
    shown = " ".join(messages_of(response))
    assert "Checked 2 source(s)" in shown
    assert "Dead link: “Gone" in shown
    gone.refresh_from_db()
    assert gone.health == Health.DEAD


def test_request_archive_action_saves_a_copy(editor_client, server, settings):
    settings.ARCHIVE_ADAPTER = "sources.archiving.SavePageNowAdapter"
    settings.ARCHIVE_SERVICE_URL = server.url("/archive")
    settings.ARCHIVE_TIMEOUT = TIMEOUT
    source = SourceFactory(url="https://example.org/page")
    response = run_action(editor_client, "request_archived_copy", [source])
    assert any(message.startswith("Archived") for message in messages_of(response))
    source.refresh_from_db()
    assert source.archive_status == ArchiveStatus.SAVED
    assert source.archived_url.startswith(server.url("/web/"))


def test_request_archive_action_shows_the_services_failure(editor_client, server, settings):
    settings.ARCHIVE_ADAPTER = "sources.archiving.SavePageNowAdapter"
    settings.ARCHIVE_SERVICE_URL = server.url("/archive-down")
    settings.ARCHIVE_TIMEOUT = TIMEOUT
    source = SourceFactory(url="https://example.org/page")
    response = run_action(editor_client, "request_archived_copy", [source])
    assert any("Could not archive" in m and "HTTP 503" in m for m in messages_of(response))


def test_request_archive_action_explains_an_unconfigured_service(editor_client, settings):
    settings.ARCHIVE_ADAPTER = "sources.archiving.SavePageNowAdapter"
    settings.ARCHIVE_SERVICE_URL = ""
    source = SourceFactory(url="https://example.org/page")
    response = run_action(editor_client, "request_archived_copy", [source])
    assert any("ARCHIVE_SERVICE_URL" in m for m in messages_of(response))


def test_reporter_is_not_offered_the_actions(client, reporter, server):
    client.force_login(reporter)
    source = SourceFactory(url=server.url("/ok"))
    response = client.get(CHANGELIST)
    form = response.context["action_form"]  # None when no action at all is available
    actions = [name for name, _ in form.fields["action"].choices] if form else []
    assert "request_archived_copy" not in actions
    assert "check_now" not in actions
    run_action(client, "request_archived_copy", [source])
    source.refresh_from_db()
    assert source.archive_status == ""
    assert server.state.requests == []


def test_change_form_shows_health_read_only(editor_client):
    source = checked_source(Health.DEAD, last_status_code=410)
    response = editor_client.get(reverse("admin:sources_source_change", args=[source.pk]))
    assert response.status_code == 200
    assert "health" not in response.context["adminform"].form.fields
    assert "(410)" in response.content.decode()
