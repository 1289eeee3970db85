"""The project's settings, plus the benchmark's ceiling view (bench/ceiling_urls.py).

Only `make bench` uses this module: the project's own URLs never contain the ceiling view.
BENCH_STATIC_ROOT lets the runner collect static files into a temporary directory.
"""

import os

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.ceiling_urls"

if os.environ.get("BENCH_STATIC_ROOT"):
    STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
