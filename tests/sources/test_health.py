"""sources.health against a real HTTP server on 127.0.0.1 (see conftest.py)."""

import socket
import ssl
import time
import urllib.error
from http.client import RemoteDisconnected

import pytest

from sources.health import check_sources, check_url, classify
from sources.models import CheckError, Health, Source, reader_links_changed
from tests.factories import SourceFactory

from .conftest import TIMEOUT


def check(server, path, **kwargs):
    return check_url(
        server.url(path), timeout=TIMEOUT, max_redirects=kwargs.pop("max_redirects", 5), **kwargs
    )


# check_url: one URL ------------------------------------------------------------------------------


def test_ok_page_answers_200_to_a_head_request(server):
    result = check(server, "/ok")
    assert (result.status_code, result.error, result.health) == (200, "", Health.OK)
    assert result.final_url == server.url("/ok")
    assert server.state.requests[0].method == "HEAD"
    assert len(server.state.requests) == 1


def test_checker_sends_a_user_agent_naming_itself(server, settings):
    settings.SOURCE_CHECK_USER_AGENT = "NewsroomLinkChecker/test"
    check(server, "/ok")
    assert server.state.requests[0].headers["User-Agent"] == "NewsroomLinkChecker/test"


def test_permanent_redirect_is_followed_and_final_url_recorded(server):
    result = check(server, "/moved")
    assert result.status_code == 200
    assert result.redirects == 1
    assert result.final_url == server.url("/final")
    assert result.health == Health.REDIRECTED


def test_chain_of_redirects_is_followed(server):
    result = check(server, "/hop")
    assert (result.status_code, result.redirects, result.final_url) == (200, 2, server.url("/final"))


def test_redirect_loop_stops_at_the_limit_as_too_many_redirects(server):
    result = check(server, "/loop", max_redirects=3)
    assert result.status_code is None
    assert result.error == CheckError.TOO_MANY_REDIRECTS
    assert result.label == "too many redirects"
    assert len(server.state.paths("HEAD")) == 4  # the first request and three redirects, then it stops


def test_redirect_limit_of_zero_follows_nothing(server):
    result = check(server, "/moved", max_redirects=0)
    assert result.error == CheckError.TOO_MANY_REDIRECTS


def test_redirect_to_a_non_web_address_is_not_followed(server):
    result = check(server, "/to-ftp")
    assert result.error == CheckError.BAD_REDIRECT
    assert result.final_url == "ftp://files.example.org/report.pdf"
    assert not result.ok


def test_not_found_is_a_failure_confirmed_with_get(server):
    result = check(server, "/missing")
    assert (result.status_code, result.method, result.ok) == (404, "GET", False)
    assert [seen.method for seen in server.state.requests] == ["HEAD", "GET"]


def test_server_error_is_a_failure(server):
    result = check(server, "/error")
    assert (result.status_code, result.ok, result.health) == (500, False, Health.UNREACHABLE)


def test_head_refused_with_405_falls_back_to_get(server):
    result = check(server, "/no-head")
    assert (result.status_code, result.method, result.ok) == (200, "GET", True)
    assert [seen.method for seen in server.state.requests] == ["HEAD", "GET"]


def test_slow_response_beyond_the_timeout_is_a_timeout(server):
    started = time.monotonic()
    result = check(server, "/slow")
    assert result.error == CheckError.TIMEOUT
    assert result.status_code is None
    assert time.monotonic() - started < 2  # gave up after the timeout, not after the server's delay


def test_connection_reset_without_an_answer_is_labelled_reset(server):
    result = check(server, "/reset")
    assert result.error == CheckError.CONNECTION_RESET
    assert result.label == "connection reset"


def test_nothing_listening_is_connection_refused(closed_port):
    result = check_url(f"http://127.0.0.1:{closed_port}/", timeout=TIMEOUT)
    assert result.error == CheckError.CONNECTION_REFUSED


def test_https_to_a_plain_http_server_is_a_tls_error(server):
    result = check_url(server.url("/ok").replace("http://", "https://"), timeout=TIMEOUT)
    assert result.error == CheckError.TLS


def test_non_web_url_is_never_requested(server):
    assert check_url("ftp://example.org/file", timeout=TIMEOUT).error == CheckError.INVALID_URL
    assert check_url("javascript:alert(1)", timeout=TIMEOUT).error == CheckError.INVALID_URL
    assert server.state.requests == []


def test_non_ascii_path_is_percent_encoded(server):
    result = check(server, "/caf\u00e9")
    assert result.status_code == 404  # reached the server, which knows no such page
    assert server.state.requests[0].path == "/caf%C3%A9"


@pytest.mark.parametrize(
    ("exc", "label"),
    [
        (socket.gaierror(-2, "Name or service not known"), CheckError.DNS),
        (urllib.error.URLError(socket.gaierror(-2, "Name or service not known")), CheckError.DNS),
        (urllib.error.URLError(TimeoutError("timed out")), CheckError.TIMEOUT),
        (ssl.SSLCertVerificationError("certificate verify failed"), CheckError.TLS),
        (RemoteDisconnected("Remote end closed connection without response"), CheckError.CONNECTION_RESET),
        (ConnectionRefusedError(), CheckError.CONNECTION_REFUSED),
        (OSError("no route to host"), CheckError.OTHER),
    ],
)
def test_network_errors_get_short_labels(exc, label):
    assert classify(exc) == label


# check_sources: many sources, recorded ---------------------------------------------------------


def test_check_sources_records_status_and_time_for_each_source(db, server):
    ok = SourceFactory(url=server.url("/ok"))
    moved = SourceFactory(url=server.url("/moved"))
    missing = SourceFactory(url=server.url("/missing"))
    reset = SourceFactory(url=server.url("/reset"))
    summary = check_sources(Source.objects.all(), concurrency=4, timeout=TIMEOUT)

    assert summary.checked == 4
    assert summary.counts == {"ok": 1, "redirected": 1, "unreachable": 2, "dead": 0}
    for source in (ok, moved, missing, reset):
        source.refresh_from_db()
        assert source.last_checked_at is not None
        assert source.checked_url == source.url
    assert (ok.health, ok.last_status) == (Health.OK, "200")
    assert (moved.health, moved.final_url) == (Health.REDIRECTED, server.url("/final"))
    assert (missing.health, missing.last_status, missing.consecutive_failures) == (
        Health.UNREACHABLE,
        "404",
        1,
    )
    assert (reset.last_status_code, reset.last_status) == (None, "connection reset")


def test_one_failure_does_not_make_a_link_dead_two_in_a_row_do(db, server, settings):
    settings.SOURCE_DEAD_AFTER = 2
    source = SourceFactory(url=server.url("/missing"))
    check_sources([source], timeout=TIMEOUT)
    source.refresh_from_db()
    assert (source.health, source.is_dead) == (Health.UNREACHABLE, False)

    summary = check_sources(Source.objects.all(), timeout=TIMEOUT)
    source.refresh_from_db()
    assert (source.health, source.is_dead, source.consecutive_failures) == (Health.DEAD, True, 2)
    assert [s.pk for s in summary.dead] == [source.pk]
    assert [s.pk for s in summary.newly_dead] == [source.pk]


def test_dead_after_setting_of_three_needs_three_failures(db, server, settings):
    settings.SOURCE_DEAD_AFTER = 3
    source = SourceFactory(url=server.url("/error"))
    for _ in range(2):
        check_sources(Source.objects.all(), timeout=TIMEOUT)
    source.refresh_from_db()
    assert source.health == Health.UNREACHABLE
    check_sources(Source.objects.all(), timeout=TIMEOUT)
    source.refresh_from_db()
    assert source.health == Health.DEAD


def test_a_success_clears_the_failure_count_and_the_dead_flag(db, server, settings):
    settings.SOURCE_DEAD_AFTER = 2
    source = SourceFactory(url=server.url("/switch"))
    server.state.switch_status = 404
    check_sources(Source.objects.all(), timeout=TIMEOUT)
    check_sources(Source.objects.all(), timeout=TIMEOUT)
    source.refresh_from_db()
    assert source.is_dead

    server.state.switch_status = 200
    check_sources(Source.objects.all(), timeout=TIMEOUT)
    source.refresh_from_db()
    assert (source.health, source.consecutive_failures, source.is_dead) == (Health.OK, 0, False)


def test_becoming_dead_bumps_updated_at_so_cached_reader_pages_change(db, server, settings):
    settings.SOURCE_DEAD_AFTER = 1
    source = SourceFactory(url=server.url("/missing"))
    before = source.updated_at
    check_sources(Source.objects.all(), timeout=TIMEOUT)
    source.refresh_from_db()
    assert source.updated_at > before


def test_a_check_that_changes_nothing_for_readers_keeps_updated_at(db, server):
    source = SourceFactory(url=server.url("/ok"))
    check_sources(Source.objects.all(), timeout=TIMEOUT)
    source.refresh_from_db()
    first = source.updated_at
    check_sources(Source.objects.all(), timeout=TIMEOUT)
    source.refresh_from_db()
    assert source.updated_at == first


def test_check_keeps_an_editors_concurrent_change_to_other_fields(db, server):
    source = SourceFactory(url=server.url("/ok"), title="Before")
    stale = list(Source.objects.all())  # read before the editor saves
    Source.objects.filter(pk=source.pk).update(title="After")
    check_sources(stale, timeout=TIMEOUT)
    source.refresh_from_db()
    assert (source.title, source.health) == ("After", Health.OK)


def test_sources_without_a_url_are_skipped(db, server):
    SourceFactory(url="")
    summary = check_sources(Source.objects.all(), timeout=TIMEOUT)
    assert summary.checked == 0
    assert server.state.requests == []


def test_a_url_shared_by_several_sources_is_asked_once(db, server):
    SourceFactory.create_batch(3, url=server.url("/ok"))
    summary = check_sources(Source.objects.all(), timeout=TIMEOUT)
    assert summary.checked == 3
    assert len(server.state.requests) == 1
    assert Source.objects.filter(health=Health.OK).count() == 3


def test_concurrency_is_bounded(db, server):
    for n in range(12):
        SourceFactory(url=server.url(f"/busy?n={n}"))
    summary = check_sources(Source.objects.all(), concurrency=3, timeout=TIMEOUT)
    assert summary.counts["ok"] == 12
    assert server.state.max_in_flight <= 3
    assert server.state.max_in_flight > 1  # and the checks did run side by side


def test_slow_sources_are_checked_in_parallel_within_the_timeout(db, server):
    for n in range(4):
        SourceFactory(url=server.url(f"/slow?n={n}"))
    started = time.monotonic()
    summary = check_sources(Source.objects.all(), concurrency=4, timeout=TIMEOUT)
    assert summary.counts["unreachable"] == 4
    assert time.monotonic() - started < 4 * TIMEOUT


def test_results_are_written_with_one_bulk_update(db, server, django_assert_num_queries):
    for path in ("/ok", "/missing", "/moved"):
        SourceFactory(url=server.url(path))
    sources = list(Source.objects.all())
    with django_assert_num_queries(1):
        check_sources(sources, timeout=TIMEOUT)


def test_links_turning_dead_send_reader_links_changed_after_commit(
    db, server, settings, django_capture_on_commit_callbacks
):
    settings.SOURCE_DEAD_AFTER = 1
    gone = SourceFactory(url=server.url("/missing"))
    SourceFactory(url=server.url("/ok"))
    received = []

    def receiver(sender, sources, **kwargs):
        received.append([source.pk for source in sources])

    reader_links_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            check_sources(Source.objects.all(), timeout=TIMEOUT)
        with django_capture_on_commit_callbacks(execute=True):
            check_sources(Source.objects.all(), timeout=TIMEOUT)  # nothing changes for readers
    finally:
        reader_links_changed.disconnect(receiver)
    assert received == [[gone.pk]]


def test_no_answer_from_any_of_several_hosts_records_nothing(db, closed_port):
    # Five loopback addresses where nothing listens: as if this machine had lost its network.
    hosts = ["127.0.0.1", "localhost", "127.0.0.2", "127.0.0.3", "127.0.0.4"]
    for host in hosts:
        SourceFactory(url=f"http://{host}:{closed_port}/report")
    summary = check_sources(Source.objects.all(), timeout=TIMEOUT)
    assert "None of the 5 URLs answered (5 connection refused)" in summary.outage
    assert summary.checked == 0
    assert not Source.objects.filter(last_checked_at__isnull=False).exists()


def test_one_publishers_domain_failing_for_several_sources_is_still_recorded(db, closed_port):
    for n in range(5):
        SourceFactory(url=f"http://127.0.0.1:{closed_port}/report/{n}")
    summary = check_sources(Source.objects.all(), timeout=TIMEOUT)
    assert summary.outage == ""
    assert summary.counts["unreachable"] == 5
