"""Fill the database named by DATABASE_URL (PostgreSQL) with a generated newsroom, then ANALYZE.

    .venv/bin/python bench/generate.py --scale 1.0     # 10,000 articles, 150,000 claims, ... (minutes)
    .venv/bin/python bench/generate.py --scale 0.01    # the 100-times smaller newsroom (seconds)

Run `manage.py migrate` first. See bench/dataset.py for what is generated.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 is the issue's newsroom (default)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--if-empty", action="store_true", help="do nothing when the data is already there")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from bench.dataset import DatasetExists, generate

    started = time.monotonic()
    print(f"Generating the newsroom at scale {args.scale} ...", flush=True)
    try:
        written = generate(args.scale, seed=args.seed, log=lambda line: print(line, flush=True))
    except DatasetExists as error:
        if args.if_empty:
            print(f"  skipped: {error}")
            return 0
        print(f"error: {error}", file=sys.stderr)
        return 1
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for table, count in written.items():
        print(f"  {table:32} {count:>9,}")
    print(f"Done in {time.monotonic() - started:.1f} s (including ANALYZE).", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
