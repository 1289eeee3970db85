"""Real servers for the scale-out and fault tests: a throwaway Redis, gunicorn, and an HTTP client.

Everything listens on 127.0.0.1 on ports chosen at run time. The app servers run the project's settings
(DEBUG off) against the test database the test itself uses, which must be committed data
(`django_db(transaction=True)`) for another process to see it.
"""

import contextlib
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
SERVER_SETTINGS = "tests.scaleout.server_settings"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (make test starts one when its server binaries are installed)")


def database_url() -> str:
    """The test database, as a DATABASE_URL for another process."""
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "", safe="")
    password = urllib.parse.quote(db["PASSWORD"] or "", safe="")
    auth = f"{user}:{password}@" if password else f"{user}@"
    return f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _wait_for_port(port: int, process: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited early:\n{log.read_text()[-4000:]}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise RuntimeError(f"server on port {port} did not start:\n{log.read_text()[-4000:]}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@contextlib.contextmanager
def redis_server():
    """A throwaway redis-server (no persistence) in a temporary directory; yields its URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip(
            "needs redis-server: apt-get install -y redis-server (CI: add it to .ci/run's apt list)"
        )
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="newsroom-redis-") as tmp:
        log = Path(tmp) / "redis.log"
        with log.open("w") as out:
            process = subprocess.Popen(  # noqa: S603 (redis-server from PATH, fixed arguments)
                [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                cwd=tmp,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        try:
            _wait_for_port(port, process, log)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            _stop(process)


@contextlib.contextmanager
def gunicorn(*, workers: int = 2, threads: int = 1, **env):
    """The project under gunicorn on a free port, DEBUG off, on the test database; yields its base URL.

    Keyword arguments become environment variables (REDIS_URL, PAGE_CACHE, CONN_MAX_AGE...).
    """
    port = free_port()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SERVER_SETTINGS,
        "DATABASE_URL": database_url(),
        "DEBUG": "false",
        "SECRET_KEY": "scale-out-tests-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "REDIS_URL": "",
        "PYTHONUNBUFFERED": "1",
        **{key: str(value) for key, value in env.items()},
    }
    with tempfile.TemporaryDirectory(prefix="newsroom-gunicorn-") as tmp:
        log = Path(tmp) / "gunicorn.log"
        with log.open("w") as out:
            process = subprocess.Popen(  # noqa: S603 (our own interpreter and gunicorn)
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "newsroom.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(workers),
                    "--threads",
                    str(threads),
                    "--timeout",
                    "60",
                    "--graceful-timeout",
                    "5",
                    "--log-level",
                    "warning",
                ],
                cwd=ROOT,
                env=environment,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        try:
            _wait_for_port(port, process, log)
            base = f"http://127.0.0.1:{port}"
            get(base, "/robots.txt")  # the first request loads the app
            yield Server(base=base, log=log)
        finally:
            _stop(process)


@dataclass
class Server:
    base: str
    log: Path


@dataclass
class Response:
    status: int
    headers: dict
    body: str

    def header(self, name: str, default: str = "") -> str:
        return self.headers.get(name.lower(), default)


def request(base: str, method: str, path: str, *, body=None, headers=None, timeout: float = 30) -> Response:
    """One HTTP request on its own connection (as many clients do); never follows redirects."""
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        answer = conn.getresponse()
        data = answer.read().decode("utf-8", "replace")
        headers = {}
        for name, value in answer.getheaders():
            name = name.lower()
            headers[name] = f"{headers[name]}\n{value}" if name in headers else value
        return Response(answer.status, headers, data)
    finally:
        conn.close()


def get(base: str, path: str, **kwargs) -> Response:
    return request(base, "GET", path, **kwargs)


class _FormParser(HTMLParser):
    """The fields of one form (by id), as a browser would submit them unchanged."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            # HTML drops one newline right after <textarea>; the browser sends the rest.
            self.fields.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_fields(html: str, form_id: str) -> list[tuple[str, str]]:
    parser = _FormParser(form_id)
    parser.feed(html)
    return parser.fields


@dataclass
class Browser:
    """A logged-in staff member talking to one server: cookies, CSRF token, forms."""

    base: str
    cookies: dict = field(default_factory=dict)

    def _headers(self, extra=None) -> dict:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        return {**headers, **(extra or {})}

    def _remember(self, response: Response) -> Response:
        for line in response.header("set-cookie").splitlines():
            name, _, rest = line.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response

    def get(self, path: str) -> Response:
        return self._remember(get(self.base, path, headers=self._headers()))

    def post(self, path: str, fields: list[tuple[str, str]]) -> Response:
        body = urllib.parse.urlencode(fields)
        headers = self._headers({"Content-Type": "application/x-www-form-urlencoded"})
        return self._remember(request(self.base, "POST", path, body=body, headers=headers))

    def login(self, username: str, password: str, admin: str = "/admin/") -> None:
        page = self.get(f"{admin}login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body).group(1)
        answer = self.post(
            f"{admin}login/",
            [
                ("csrfmiddlewaretoken", token),
                ("username", username),
                ("password", password),
                ("next", admin),
            ],
        )
        assert answer.status == 302, f"login failed: {answer.status} {answer.body[:500]}"


def eventually(condition, timeout: float) -> bool:
    """Whether `condition()` comes true within `timeout` seconds (a message crosses a socket)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.005)
    return True


def wait_for_subscriber(client, channel: str, timeout: float = 5.0) -> None:
    """Wait until Redis counts a subscriber to `channel`: it has then sent the subscription's
    confirmation, which the subscriber reads on its next poll."""
    if not eventually(lambda: client.pubsub_numsub(channel)[0][1] >= 1, timeout):
        raise AssertionError(f"no subscriber to {channel} within {timeout} s")
