"""Benchmarks: a generated newsroom at scale, gunicorn driven by wrk, in-process timings (`make bench`)."""
