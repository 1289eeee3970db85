"""`make bench`: the newsroom at scale, served by gunicorn, driven by wrk, against the stack's ceiling.

Run it through scripts/with-postgres (the Makefile does), which gives it a throwaway PostgreSQL:

    scripts/with-postgres .venv/bin/python bench/run.py [--duration 10] [--page-cache on|off|both]

What it does, all on 127.0.0.1 and bounded in time:
1. migrates two databases and fills them with bench/generate.py: the full newsroom (scale 1.0: 10,000
   articles, 150,000 claims, ...) and the 100-times smaller one (scale 0.01);
2. collects static files, starts gunicorn (DEBUG off, one sync worker per core; --workers) on a free
   port;
3. drives each page with wrk for --duration seconds (2 threads, 8 connections) and reports requests/s and
   p50/p99 latency: the article page (bench-article: 1,000 words, 30 claims), home, search, the
   fact-check desk (logged in as a fact-checker) and the admin article changelist (logged in as an
   editor) — and the ceiling: a view returning as many bytes as the article page without database or
   template (bench/ceiling_urls.py). Each page's requests/s is divided by the ceiling's;
4. does the same for the desk, search and changelist on the small database, and compares their p99;
5. times every page in-process (Django's test Client, no HTTP, no load generator): median and p90.

With the project's PAGE_CACHE setting present, the full database is measured with the page cache off and
on (PAGE_CACHE=off|on in gunicorn's environment); without it, with caching off only (and says so).
Absolute figures depend on the machine and whatever else runs on it: compare ratios within one run.
"""

# ruff: noqa: S603, S607, S310 -- runs this project's own commands, wrk and nproc; fetches 127.0.0.1 only

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
FULL_SCALE, SMALL_SCALE = 1.0, 0.01
HOST = "127.0.0.1"

# (name, path, who is logged in); the ceiling's path is filled in once the article page's size is known.
PAGES = [
    ("article", "/articles/bench-article/", None),
    ("home", "/", None),
    ("search", "/search/?q=council", None),
    ("desk", "/desk/", "factchecker"),
    ("changelist", "/admin/articles/article/", "editor"),
]
SCALED_PAGES = ("search", "desk", "changelist")  # p99 on the full database within 1.5x of the small one
P99_RATIO = 1.5
# The least share of the ceiling a page must reach, by page cache mode.
GOALS = {
    ("article", "off"): 0.25,
    ("article", "on"): 0.9,
    ("home", "off"): 0.10,
    ("search", "off"): 0.05,
    ("desk", "off"): 0.03,
    ("changelist", "off"): 0.05,
}
TARGETS = {
    "article": "≥ 0.25 of ceiling (cache off), ≥ 0.9 (cache on)",
    "home": "≥ 0.10 of ceiling (cache off)",
    "search": "≥ 0.05 of ceiling (cache off), p99 ≤ 1.5× small DB",
    "desk": "≥ 0.03 of ceiling (cache off), p99 ≤ 1.5× small DB",
    "changelist": "≥ 0.05 of ceiling (cache off), p99 ≤ 1.5× small DB",
}


def fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def step(message: str) -> None:
    print(f"\n== {message}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def database_url(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def create_database(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


class Django:
    """Environment for the project's commands and gunicorn against one database."""

    def __init__(self, url: str, static_root: str, secret: str):
        self.env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DEBUG": "false",
            "SECRET_KEY": secret,
            "ALLOWED_HOSTS": HOST,
            # Persistent connections, as a production deployment sets them (README, CONN_MAX_AGE).
            "CONN_MAX_AGE": "600",
            "BENCH_STATIC_ROOT": static_root,
            # Plain HTTP on 127.0.0.1, as behind a TLS-terminating proxy that does the redirect.
            "SECURE_SSL_REDIRECT": "false",
            "PYTHONPATH": str(ROOT),
        }
        self.env.pop("REDIS_URL", None)  # the local-memory cache: this bench measures one server

    def run(self, *args, capture=False, page_cache=None) -> str:
        env = dict(self.env)
        if page_cache:
            env["PAGE_CACHE"] = page_cache
        result = subprocess.run(
            [PYTHON, *args], cwd=ROOT, env=env, text=True, stdout=subprocess.PIPE if capture else None
        )
        if result.returncode != 0:
            fail(f"{' '.join(args)} exited with {result.returncode}")
        return result.stdout if capture else ""

    def probe(self, *args, page_cache=None):
        return json.loads(self.run("-m", "bench.probe", *args, capture=True, page_cache=page_cache))


class Gunicorn:
    def __init__(
        self, django: Django, page_cache: str | None, log_dir: str, workers: int, redis_url: str = ""
    ):
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        env = dict(django.env)
        if page_cache:
            env["PAGE_CACHE"] = page_cache
        if redis_url:
            env["REDIS_URL"] = redis_url
        self.log = open(Path(log_dir) / f"gunicorn-{self.port}.log", "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "newsroom.wsgi:application",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],  # fmt: skip
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.close()
                log = Path(self.log.name).read_text()[-3000:]
                fail(f"gunicorn exited with {self.process.returncode}:\n{log}")
            try:
                with urllib.request.urlopen(f"{self.base}/__ceiling__/100/", timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        self.stop()
        fail("gunicorn did not answer within 60 s")

    def fetch(self, path: str, cookie: str | None) -> tuple[int, int]:
        request = urllib.request.Request(self.base + path, headers={"Cookie": cookie} if cookie else {})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.status, len(response.read())
        except urllib.error.HTTPError as error:
            return error.code, 0

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


class Redis:
    """A throwaway redis-server (no persistence) on a free port, as production's shared cache."""

    def __init__(self, log_dir: str):
        self.port = free_port()
        self.url = f"redis://{HOST}:{self.port}/0"
        self.log = open(Path(log_dir) / "redis.log", "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", HOST, "--save", "", "--appendonly", "no"],
            cwd=log_dir,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection((HOST, self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        fail("redis-server did not start within 20 s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.log.close()


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(url: str, cookie: str | None, duration: int) -> dict:
    """Requests/s, p50 and p99 (ms) and errors of `url` under wrk (2 threads, 8 connections)."""
    command = ["wrk", "-t2", "-c8", f"-d{duration}s", "--timeout", "60s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, url], text=True, capture_output=True, timeout=duration + 120).stdout
    found = {"rps": 0.0, "p50": None, "p99": None, "errors": 0}
    if match := re.search(r"Requests/sec:\s+([\d.]+)", output):
        found["rps"] = float(match.group(1))
    for percent, key in (("50", "p50"), ("99", "p99")):
        if match := re.search(rf"^\s+{percent}%\s+(\S+)", output, re.MULTILINE):
            found[key] = _ms(match.group(1))
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        found["errors"] += int(match.group(1))
    if match := re.search(r"Socket errors:.*?timeout (\d+)", output):
        found["errors"] += int(match.group(1))
    if match := re.search(r"(\d+) requests in", output):
        found["requests"] = int(match.group(1))
    if not found.get("requests"):  # nothing finished within the duration: no latency to report
        found["p50"] = found["p99"] = None
    return found


def drive(server: Gunicorn, cookies: dict, duration: int, names, *, ceiling=True) -> dict:
    """wrk each page in `names` (plus the ceiling, sized like the article page); {name: figures}."""
    results = {}
    sizes = {}
    for name, path, who in PAGES:
        if name not in names:
            continue
        status, size = server.fetch(path, cookies.get(who))
        server.fetch(path, cookies.get(who))
        sizes[name] = size
        if status != 200:
            results[name] = {"status": status}
            print(f"  {name:11} HTTP {status}: not measured", flush=True)
            continue
        results[name] = {
            "status": status,
            "bytes": size,
            **wrk(server.base + path, cookies.get(who), duration),
        }
        print(f"  {name:11} {_row(results[name])}", flush=True)
    if ceiling:
        size = sizes.get("article") or 60_000
        path = f"/__ceiling__/{size}/"
        server.fetch(path, None)
        results["ceiling"] = {"status": 200, "bytes": size, **wrk(server.base + path, None, duration)}
        print(f"  {'ceiling':11} {_row(results['ceiling'])}", flush=True)
    return results


def _row(r: dict) -> str:
    if r.get("status") != 200:
        return f"HTTP {r.get('status')}"
    p50 = f"{r['p50']:.1f}" if r["p50"] is not None else "?"
    p99 = f"{r['p99']:.1f}" if r["p99"] is not None else "?"
    errors = f"  ({r['errors']} errors)" if r["errors"] else ""
    return f"{r['rps']:9.1f} req/s   p50 {p50:>8} ms   p99 {p99:>8} ms{errors}"


def report(runs: dict, small: dict, inproc: dict, cache_note: str, workers: int) -> None:
    cores = subprocess.run(["nproc"], text=True, capture_output=True).stdout.strip()
    step(f"Results ({cores} cores, {workers} gunicorn workers; {cache_note})")
    for mode, results in runs.items():
        ceiling = results["ceiling"]["rps"] or float("nan")
        where = f" ({results['cache']})" if results.get("cache") else ""
        print(f"\nFull database, page cache {mode}{where}: ceiling {ceiling:.1f} req/s")
        print(f"  {'page':11} {'req/s':>9} {'ratio':>7} {'p50 ms':>9} {'p99 ms':>9}   target")
        for name, _, _ in PAGES:
            r = results.get(name, {})
            if r.get("status") != 200:
                print(f"  {name:11} HTTP {r.get('status')}: not measured")
                continue
            ratio = r["rps"] / ceiling
            target = TARGETS[name]
            if r["p99"] is None:
                print(f"  {name:11} no request finished within the duration   {target} NOT MET")
                continue
            goal = GOALS.get((name, mode))
            verdict = "" if goal is None else "MET" if ratio >= goal else "NOT MET"
            figures = f"{r['rps']:9.1f} {ratio:7.3f} {r['p50']:9.1f} {r['p99']:9.1f}"
            print(f"  {name:11} {figures}   {target} {verdict}")
    base = runs.get("off") or next(iter(runs.values()))
    print("\np99 on the full database against the 100-times smaller one (page cache off):")
    print(f"  {'page':11} {'full p99':>10} {'small p99':>10} {'ratio':>7}   target")
    for name in SCALED_PAGES:
        full, little = base.get(name, {}), small.get(name, {})
        if full.get("p99") is None or little.get("p99") is None:
            print(
                f"  {name:11} not measured (HTTP {full.get('status')} / {little.get('status')}, "
                "or no request finished within the duration)"
            )
            continue
        ratio = full["p99"] / little["p99"]
        verdict = "MET" if ratio <= P99_RATIO else "NOT MET"
        figures = f"{full['p99']:10.1f} {little['p99']:10.1f} {ratio:7.2f}"
        print(f"  {name:11} {figures}   ≤ {P99_RATIO:.2f} {verdict}")
    print("\nIn-process time per request (Django test Client, no HTTP server or load generator):")
    print(f"  {'page':11} " + "  ".join(f"{label:>22}" for label in inproc))
    for name, _, _ in PAGES:
        cells = []
        for figures in inproc.values():
            r = figures.get(name, {})
            if r.get("status") != 200:
                cells.append(f"{'HTTP ' + str(r.get('status')):>22}")
            else:
                cells.append(f"{r['median_ms']:8.1f} / {r['p90_ms']:7.1f} ms (n={r['n']:>2})")
        print(f"  {name:11} " + "  ".join(cells))
    print("  (median / p90)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page (default 10)")
    parser.add_argument(
        "--page-cache",
        choices=["on", "off", "both"],
        help="measure the full database with PAGE_CACHE on, off or both (default: both when the "
        "project has the setting, else off)",
    )
    parser.add_argument("--scale", type=float, default=FULL_SCALE, help="the full database's scale (1.0)")
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 2,
        help="gunicorn sync workers (default: one per core, so that the ceiling is the machine's)",
    )
    args = parser.parse_args(argv)

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        fail("DATABASE_URL must point at PostgreSQL: run `make bench` (it starts a throwaway cluster)")
    if shutil.which("wrk") is None:
        fail("wrk is not installed: apt-get install -y wrk")
    if subprocess.run([PYTHON, "-c", "import gunicorn"], capture_output=True).returncode:
        fail("gunicorn is not installed in this virtualenv: pip install -r requirements.txt")

    started = time.monotonic()
    work = tempfile.mkdtemp(prefix="newsroom-bench-")
    secret = secrets.token_urlsafe(50)
    small_name = urlsplit(url).path.lstrip("/") + "_small"
    create_database(url, small_name)
    full = Django(url, f"{work}/static", secret)
    small = Django(database_url(url, small_name), f"{work}/static", secret)

    for label, django, scale in (("full", full, args.scale), ("small", small, SMALL_SCALE)):
        step(f"Migrating and generating the {label} newsroom (scale {scale})")
        django.run("manage.py", "migrate", "--noinput", "-v0")
        django.run("bench/generate.py", "--scale", str(scale), "--if-empty")
    step("Collecting static files")
    full.run("manage.py", "collectstatic", "--noinput", "-v0")

    cookies = full.probe("sessions")
    has_setting = cookies.pop("page_cache") is not None
    small_cookies = small.probe("sessions")
    small_cookies.pop("page_cache")
    if has_setting:
        modes = {"both": ["off", "on"], None: ["off", "on"]}.get(args.page_cache, [args.page_cache])
        cache_note = "page cache measured " + " and ".join(modes)
    else:
        modes = ["off"]
        cache_note = "caching off only: the project has no PAGE_CACHE setting yet"

    runs = {}
    try:
        for mode in modes:
            # The page cache is measured as production runs it: shared in Redis (a hit costs no query).
            redis = Redis(work) if mode == "on" and shutil.which("redis-server") else None
            where = (
                " (Redis)"
                if redis
                else " (local memory: redis-server not installed)"
                if mode == "on"
                else ""
            )
            step(f"wrk, full database, page cache {mode}{where}, {args.duration} s per page")
            server = Gunicorn(
                full, mode if has_setting else None, work, args.workers, redis.url if redis else ""
            )
            try:
                runs[mode] = drive(server, cookies, args.duration, [name for name, _, _ in PAGES])
                runs[mode]["cache"] = where.strip(" ()")
            finally:
                server.stop()
                if redis:
                    redis.stop()
        step(f"wrk, small database, page cache off, {args.duration} s per page")
        server = Gunicorn(small, "off" if has_setting else None, work, args.workers)
        try:
            small_results = drive(server, small_cookies, args.duration, SCALED_PAGES, ceiling=False)
        finally:
            server.stop()

        step("In-process timings")
        inproc = {}
        for mode in modes:
            inproc[f"full, cache {mode}"] = full.probe(
                "inprocess", page_cache=mode if has_setting else None
            )
        inproc["small, cache off"] = small.probe("inprocess", page_cache="off" if has_setting else None)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    report(runs, small_results, inproc, cache_note, args.workers)
    print(f"\nTotal time {time.monotonic() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
