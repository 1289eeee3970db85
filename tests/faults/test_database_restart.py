"""The database restarted in the middle of traffic: 503s while it is down, pages again once it is back.

A real PostgreSQL (the cluster `scripts/with-postgres` started, which exports NEWSROOM_PG_BIN and
NEWSROOM_PG_DATA) is stopped and started under a running gunicorn with persistent connections
(CONN_MAX_AGE): nothing restarts the app. The cluster is started again before the test ends, with the
options it was started with, and the test waits until it accepts connections, so later tests are unaffected.
"""

import os
import pwd
import shlex
import subprocess
import time
from pathlib import Path

import pytest
from django.db import connection, connections

from tests.reader.conftest import published
from tests.scaleout.servers import get, gunicorn, needs_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


class Cluster:
    """pg_ctl on the test cluster, run as the cluster's owner (PostgreSQL refuses to run as root)."""

    def __init__(self, bin_dir: str, data: str):
        self.pg_ctl = str(Path(bin_dir) / "pg_ctl")
        self.data = data
        # The server's own options (port, socket directory, ...), to start it exactly as it was.
        words = shlex.split(Path(data, "postmaster.opts").read_text())[1:]
        if "-D" in words:
            at = words.index("-D")
            del words[at : at + 2]
        self.options = shlex.join(words)
        owner = pwd.getpwuid(os.stat(data).st_uid).pw_name
        self.prefix = ["runuser", "-u", owner, "--"] if os.geteuid() == 0 and owner != "root" else []

    def _run(self, *args):
        subprocess.run(  # noqa: S603 (pg_ctl of the test cluster)
            [*self.prefix, self.pg_ctl, "-D", self.data, *args],
            cwd="/",
            check=True,
            timeout=60,
            stdout=subprocess.DEVNULL,
        )

    def stop(self):
        self._run("-m", "fast", "-w", "stop")

    def start(self):
        self._run("-w", "-l", str(Path(self.data, "server.log")), "-o", self.options, "start")

    def is_running(self) -> bool:
        return Path(self.data, "postmaster.pid").exists()


@pytest.fixture
def cluster():
    bin_dir, data = os.environ.get("NEWSROOM_PG_BIN"), os.environ.get("NEWSROOM_PG_DATA")
    if not (bin_dir and data):
        pytest.skip(
            "needs the throwaway cluster of scripts/with-postgres (NEWSROOM_PG_BIN, NEWSROOM_PG_DATA)"
        )
    return Cluster(bin_dir, data)


def wait_until_accepting(seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        connections.close_all()
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_requests_fail_cleanly_while_the_database_is_down_and_recover_without_a_restart(cluster):
    needs_postgres()
    article = published(title="Council passes the budget")
    paths = [article.get_absolute_url(), "/", "/search/?q=budget", "/admin/login/"]
    with gunicorn(workers=2, CONN_MAX_AGE=60) as server:
        for _ in range(4):  # both workers hold a persistent connection now
            for path in paths:
                assert get(server.base, path).status == 200, path
        try:
            cluster.stop()
            connections.close_all()
            for path in paths[:3]:
                response = get(server.base, path)
                assert response.status == 503, (path, response.status, response.body[:300])
                assert response.header("retry-after") == "30"
                assert "right back" in response.body and "Traceback" not in response.body
        finally:
            if not cluster.is_running():
                cluster.start()
            wait_until_accepting()

        # Back, with the same app processes: the very first requests succeed (CONN_HEALTH_CHECKS drops
        # the connections that died with the old server).
        for _ in range(4):
            for path in paths:
                response = get(server.base, path)
                assert response.status == 200, (path, response.status, response.body[:300])
        assert "Council passes the budget" in get(server.base, paths[0]).body
        assert "Traceback" not in server.log.read_text()
