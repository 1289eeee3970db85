"""A real HTTP server on 127.0.0.1 (port 0, its own thread) for the link checker and the archive adapter.

Every path is a behaviour a source URL can have in the wild; the server counts requests in flight so the
tests can show the checker's concurrency is bounded.
"""

import json
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

# Short enough to keep the suite fast, long enough for a loaded machine to answer 127.0.0.1.
TIMEOUT = 0.5
SLOW_SECONDS = 2.0


@dataclass
class Seen:
    method: str
    path: str
    headers: dict
    body: bytes = b""


@dataclass
class ServerState:
    requests: list = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    switch_status: int = 200
    lock: threading.Lock = field(default_factory=threading.Lock)

    def paths(self, method=None):
        return [seen.path for seen in self.requests if method in (None, seen.method)]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state: ServerState  # set on the subclass the fixture makes

    def log_message(self, format, *args):  # keep the test output clean
        pass

    def _answer(self, status, headers=(), body=b""):
        # No longer in flight once the answer starts: the client may send its next request as soon as it
        # reads this one, before this thread would get round to counting itself out.
        self._leave()
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _reset(self):
        """Close the connection with a TCP reset and no HTTP answer at all."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.rfile.close()
        self.connection.close()
        self.close_connection = True

    def _route(self):
        path = self.path.split("?")[0]
        match path:
            case "/ok" | "/final":
                self._answer(200, body=b"<html>fine</html>")
            case "/moved":
                self._answer(301, [("Location", "/final")])
            case "/hop":
                self._answer(302, [("Location", "/moved")])
            case "/loop":
                self._answer(302, [("Location", "/loop")])
            case "/to-ftp":
                self._answer(302, [("Location", "ftp://files.example.org/report.pdf")])
            case "/missing":
                self._answer(404, body=b"not here")
            case "/error":
                self._answer(500, body=b"oops")
            case "/no-head":
                self._answer(405 if self.command == "HEAD" else 200, [("Allow", "GET")])
            case "/slow":
                time.sleep(SLOW_SECONDS)
                self._answer(200)
            case "/reset":
                self._reset()
            case "/busy":
                time.sleep(0.15)
                self._answer(200)
            case "/switch":
                self._answer(self.state.switch_status)  # a test sets it: a page that comes and goes
            case _ if path.startswith("/archive/save/"):
                page = self.path.removeprefix("/archive/save/")
                self._answer(200, [("Content-Location", f"/web/20260101000000/{page}")])
            case _ if path.startswith("/archive-absolute/save/"):
                self._answer(302, [("Location", "https://archive.example.org/snap/1")])
            case _ if path.startswith("/archive-down/save/"):
                self._answer(
                    503, [("Content-Type", "application/json")], json.dumps({"message": "Busy"}).encode()
                )
            case _ if path.startswith("/archive-silent/save/"):
                self._answer(200, body=b"{}")
            case _ if path.startswith("/archive-bad/save/"):
                self._answer(200, [("Content-Location", "javascript:alert(1)")])
            case _ if path.startswith("/archive-slow/save/"):
                time.sleep(SLOW_SECONDS)
                self._answer(200, [("Content-Location", "/web/late")])
            case _:
                self._answer(404)

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        self._body = self.rfile.read(length) if length else b""
        with self.state.lock:
            self.state.requests.append(Seen(self.command, self.path, dict(self.headers), self._body))
            self.state.in_flight += 1
            self.state.max_in_flight = max(self.state.max_in_flight, self.state.in_flight)
        self._counted = True
        try:
            self._route()
        finally:
            self._leave()

    def _leave(self):
        if getattr(self, "_counted", False):
            self._counted = False
            with self.state.lock:
                self.state.in_flight -= 1

    do_GET = do_HEAD = do_POST = _handle


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True  # a slow handler still sleeping does not hold up the test's end

    def handle_error(self, request, client_address):
        pass  # the client hung up first (a timeout test): expected, not worth a traceback


class LocalServer:
    def __init__(self):
        self.state = ServerState()
        handler = type("BoundHandler", (Handler,), {"state": self.state})
        self.httpd = QuietServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05})
        self.thread.daemon = True

    def url(self, path):
        return f"{self.base}{path}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def server():
    with LocalServer() as running:
        yield running


@pytest.fixture
def closed_port():
    """A port on 127.0.0.1 nothing listens on (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
