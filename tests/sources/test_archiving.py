"""sources.archiving against a fake Save-Page-Now service on 127.0.0.1 (see conftest.py)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sources.archiving import ArchiveResult, SavePageNowAdapter, get_adapter, request_archive
from sources.models import ArchiveStatus, reader_links_changed
from tests.factories import SourceFactory

from .conftest import TIMEOUT

PAGE = "https://example.org/report"
OLD_COPY = "https://archive.example.org/old-copy"


@pytest.fixture
def archive(settings, server):
    """Point the default adapter at the fake archive's working endpoint."""
    settings.ARCHIVE_ADAPTER = "sources.archiving.SavePageNowAdapter"
    settings.ARCHIVE_SERVICE_URL = server.url("/archive")
    settings.ARCHIVE_SERVICE_AUTH = ""
    settings.ARCHIVE_TIMEOUT = TIMEOUT
    return server


def use(settings, server, endpoint):
    settings.ARCHIVE_SERVICE_URL = server.url(endpoint)


# The adapter ------------------------------------------------------------------------------------


def test_adapter_asks_save_with_the_url_and_reads_the_snapshot_from_content_location(server):
    result = SavePageNowAdapter(server.url("/archive"), timeout=TIMEOUT).save(f"{PAGE}?year=2025")
    assert result.ok
    assert result.snapshot_url == server.url("/web/20260101000000/https://example.org/report?year=2025")
    (seen,) = server.state.requests
    assert (seen.method, seen.path) == ("GET", "/archive/save/https://example.org/report?year=2025")
    assert seen.headers["User-Agent"].startswith("NewsroomLinkChecker")


def test_adapter_accepts_a_redirect_to_the_snapshot(server):
    result = SavePageNowAdapter(server.url("/archive-absolute"), timeout=TIMEOUT).save(PAGE)
    assert result.snapshot_url == "https://archive.example.org/snap/1"


def test_adapter_sends_the_configured_authorization(server):
    SavePageNowAdapter(server.url("/archive"), timeout=TIMEOUT, auth="LOW key:secret").save(PAGE)
    assert server.state.requests[0].headers["Authorization"] == "LOW key:secret"


def test_adapter_reports_a_refusal_with_the_services_message(server):
    result = SavePageNowAdapter(server.url("/archive-down"), timeout=TIMEOUT).save(PAGE)
    assert not result.ok
    assert "HTTP 503" in result.error
    assert "Busy" in result.error


def test_adapter_reports_an_answer_without_a_location(server):
    result = SavePageNowAdapter(server.url("/archive-silent"), timeout=TIMEOUT).save(PAGE)
    assert "without saying where the copy is" in result.error


def test_adapter_refuses_a_snapshot_address_that_is_not_a_web_page(server):
    result = SavePageNowAdapter(server.url("/archive-bad"), timeout=TIMEOUT).save(PAGE)
    assert not result.ok
    assert "not a web page" in result.error


def test_adapter_reports_a_timeout(server):
    result = SavePageNowAdapter(server.url("/archive-slow"), timeout=TIMEOUT).save(PAGE)
    assert result.error == "The archiving service could not be reached (timeout). Try again later."


def test_adapter_reports_a_service_that_is_down(closed_port):
    result = SavePageNowAdapter(f"http://127.0.0.1:{closed_port}", timeout=TIMEOUT).save(PAGE)
    assert "could not be reached (connection refused)" in result.error


class FixedAdapter:
    def save(self, url):
        return ArchiveResult.saved(f"https://other-archive.example.org/{url}")


def test_another_adapter_can_be_plugged_in_by_dotted_path(settings):
    settings.ARCHIVE_ADAPTER = f"{__name__}.FixedAdapter"
    assert isinstance(get_adapter(), FixedAdapter)


# request_archive ----------------------------------------------------------------------------------


def test_editor_request_stores_the_archived_copy_and_who_asked(archive, editor):
    source = SourceFactory(url=PAGE)
    before = source.updated_at
    result = request_archive(source, user=editor)
    assert result.ok
    assert source.archived_url == archive.url("/web/20260101000000/https://example.org/report")
    assert (source.archive_status, source.archive_error) == (ArchiveStatus.SAVED, "")
    assert source.archive_requested_by == editor
    assert source.archive_requested_at is not None
    assert source.updated_at > before  # cached reader pages see the new copy
    source.refresh_from_db()
    assert source.archived_url == result.snapshot_url


def test_factchecker_can_request_an_archive(archive, factchecker):
    source = SourceFactory(url=PAGE)
    assert request_archive(source, user=factchecker).ok


def test_reporter_cannot_request_an_archive(archive, reporter):
    source = SourceFactory(url=PAGE)
    with pytest.raises(PermissionDenied):
        request_archive(source, user=reporter)
    source.refresh_from_db()
    assert (source.archive_status, source.archive_requested_at) == ("", None)
    assert archive.state.requests == []


def test_failure_is_recorded_and_keeps_the_previous_copy(archive, settings, editor):
    use(settings, archive, "/archive-down")
    source = SourceFactory(url=PAGE, archived_url=OLD_COPY)
    result = request_archive(source, user=editor)
    assert not result.ok
    source.refresh_from_db()
    assert source.archive_status == ArchiveStatus.FAILED
    assert "HTTP 503" in source.archive_error
    assert source.archived_url == OLD_COPY
    assert source.archive_requested_by == editor


def test_success_after_a_failure_clears_the_error(archive, settings, editor):
    use(settings, archive, "/archive-down")
    source = SourceFactory(url=PAGE)
    request_archive(source, user=editor)
    use(settings, archive, "/archive")
    request_archive(source, user=editor)
    source.refresh_from_db()
    assert (source.archive_status, source.archive_error) == (ArchiveStatus.SAVED, "")


def test_source_without_url_is_refused_with_a_code(archive, editor):
    source = SourceFactory(url="")
    with pytest.raises(ValidationError) as refused:
        request_archive(source, user=editor)
    assert refused.value.code == "no_url"


def test_unconfigured_service_is_refused_before_anything_is_recorded(settings, editor):
    settings.ARCHIVE_ADAPTER = "sources.archiving.SavePageNowAdapter"
    settings.ARCHIVE_SERVICE_URL = ""
    source = SourceFactory(url=PAGE)
    with pytest.raises(ValidationError) as refused:
        request_archive(source, user=editor)
    assert refused.value.code == "archive_not_configured"
    assert "ARCHIVE_SERVICE_URL" in refused.value.messages[0]
    source.refresh_from_db()
    assert source.archive_status == ""


def test_a_second_request_while_one_is_in_progress_is_refused(archive, editor, factchecker):
    source = SourceFactory(
        url=PAGE,
        archive_status=ArchiveStatus.PENDING,
        archive_requested_at=timezone.now(),
        archive_requested_by=editor,
    )
    with pytest.raises(ValidationError) as refused:
        request_archive(source, user=factchecker)
    assert refused.value.code == "archive_pending"
    assert archive.state.requests == []


def test_an_abandoned_pending_request_does_not_block_a_new_one(archive, editor):
    source = SourceFactory(
        url=PAGE,
        archive_status=ArchiveStatus.PENDING,
        archive_requested_at=timezone.now() - timezone.timedelta(hours=1),
    )
    assert request_archive(source, user=editor).ok


def test_a_url_changed_while_archiving_does_not_get_the_old_pages_copy(db, editor):
    source = SourceFactory(url=PAGE)

    class EditedMeanwhile:
        def save(self, url):
            type(source).objects.filter(pk=source.pk).update(url="https://example.org/new")
            return ArchiveResult.saved("https://archive.example.org/copy-of-old")

    result = request_archive(source, user=editor, adapter=EditedMeanwhile())
    assert not result.ok
    source.refresh_from_db()
    assert (source.archived_url, source.archive_status) == ("", ArchiveStatus.FAILED)


def test_an_adapter_that_crashes_leaves_a_failed_request_not_a_pending_one(db, editor):
    class Broken:
        def save(self, url):
            raise RuntimeError("bug in the adapter")

    source = SourceFactory(url=PAGE)
    with pytest.raises(RuntimeError):
        request_archive(source, user=editor, adapter=Broken())
    source.refresh_from_db()
    assert (source.archive_status, source.archived_url) == (ArchiveStatus.FAILED, "")


def test_a_saved_copy_sends_reader_links_changed_after_commit(
    archive, editor, django_capture_on_commit_callbacks
):
    source = SourceFactory(url=PAGE)
    received = []

    def receiver(sender, sources, **kwargs):
        received.extend(s.pk for s in sources)

    reader_links_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            request_archive(source, user=editor)
    finally:
        reader_links_changed.disconnect(receiver)
    assert received == [source.pk]
