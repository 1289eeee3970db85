"""The Django side of the benchmark, run by bench/run.py in a child process (one per database).

    python -m bench.probe sessions           # {"factchecker": cookie, "editor": cookie, "page_cache": ...}
    python -m bench.probe inprocess [--budget 8] [--iterations 40]

`inprocess` times each page with Django's test Client in this process (no HTTP server, no load
generator): the full middleware stack and view, N times, median and p90. Steadier than requests per second
on a shared machine. `profile URL` prints a pyinstrument profile of one page (requirements-dev.txt).
`instructions URL` counts the CPU instructions Python executes per request of one page, under valgrind
(`apt-get install valgrind`): the same code gives the same count to within about 1%, where timings here
move by 20-30%. It runs the page 2 and 2 + N times under cachegrind and divides the difference by N, so
start-up and warm-up cancel out. The database server's work is not counted.
"""

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import time

import django

PAGES = [
    # (name, URL, who is logged in)
    ("article", "/articles/bench-article/", None),
    ("home", "/", None),
    ("search", "/search/?q=council", None),
    ("desk", "/desk/", "factchecker"),
    ("changelist", "/admin/articles/article/", "editor"),
]
USERS = {"factchecker": "bench-factchecker", "editor": "bench-editor"}


def _client(who=None):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    if who:
        client.force_login(get_user_model().objects.get(username=USERS[who]))
    return client


def page_cache_setting():
    """ "on"/"off" as the project's settings.PAGE_CACHE says, or None where the setting does not exist."""
    from django.conf import settings

    if not hasattr(settings, "PAGE_CACHE"):
        return None
    return "on" if settings.PAGE_CACHE else "off"


def sessions() -> dict:
    """A session cookie for the bench fact-checker and the bench editor (stored in the database)."""
    from django.conf import settings

    found = {"page_cache": page_cache_setting()}
    for who in USERS:
        found[who] = (
            f"{settings.SESSION_COOKIE_NAME}={_client(who).cookies[settings.SESSION_COOKIE_NAME].value}"
        )
    return found


def _percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def inprocess(budget: float, iterations: int) -> dict:
    """{page: {median_ms, p90_ms, n, status, bytes}}: at most `iterations` requests or `budget` seconds."""
    results = {}
    for name, url, who in PAGES:
        client = _client(who)
        response = client.get(url)  # warm: connections, templates, caches
        if response.status_code != 200:
            results[name] = {"status": response.status_code}
            continue
        client.get(url)
        times = []
        deadline = time.monotonic() + budget
        while len(times) < iterations and (len(times) < 5 or time.monotonic() < deadline):
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        results[name] = {
            "status": response.status_code,
            "bytes": len(response.content),
            "n": len(times),
            "median_ms": statistics.median(times) * 1000,
            "p90_ms": _percentile(times, 0.9) * 1000,
        }
    return results


def profile(url: str, who: str | None, n: int) -> None:
    from pyinstrument import Profiler

    client = _client(who)
    for _ in range(3):
        client.get(url)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(n):
        client.get(url)
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False))


def requests(url: str, who: str | None, n: int) -> None:
    client = _client(who)
    for _ in range(n):
        client.get(url)


def instructions(url: str, who: str | None, n: int) -> int:
    """Instructions per request of `url`: cachegrind's count for 2 + n requests less that for 2, over n."""
    if not shutil.which("valgrind"):
        sys.exit("instructions needs valgrind (apt-get install valgrind)")

    def count(requests_made: int) -> int:
        command = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
        command += [sys.executable, "-m", "bench.probe", "requests", url, "-n", str(requests_made)]
        if who:
            command += ["--as", who]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stderr  # noqa: S603
        return int(re.search(r"I\s+refs:\s+([\d,]+)", output).group(1).replace(",", ""))

    return (count(2 + n) - count(2)) // n


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("sessions")
    timing = sub.add_parser("inprocess")
    timing.add_argument("--budget", type=float, default=8.0, help="seconds per page at most (default 8)")
    timing.add_argument("--iterations", type=int, default=40)
    prof = sub.add_parser("profile")
    prof.add_argument("url")
    prof.add_argument("--as", dest="who", choices=list(USERS))
    prof.add_argument("-n", type=int, default=20)
    for name, default in (("instructions", 20), ("requests", 2)):
        command = sub.add_parser(name)
        command.add_argument("url")
        command.add_argument("--as", dest="who", choices=list(USERS))
        command.add_argument("-n", type=int, default=default)
    args = parser.parse_args(argv)
    django.setup()
    if args.command == "sessions":
        print(json.dumps(sessions()))
    elif args.command == "inprocess":
        print(json.dumps(inprocess(args.budget, args.iterations)))
    elif args.command == "requests":
        requests(args.url, args.who, args.n)
    elif args.command == "instructions":
        print(f"{instructions(args.url, args.who, args.n):,} instructions per request of {args.url}")
    else:
        profile(args.url, args.who, args.n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
