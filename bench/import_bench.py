"""Benchmark: import 1,000 articles with suggestions, and time suggesting for one typical article.

    .venv/bin/python bench/import_bench.py [--count 1000] [--repeats 21] [--people 2000] [--sources 1000]
    make bench-import BENCH_ARGS="--count 200"

The articles are generated from the annotated development set (tests/data/extraction): people renamed,
numbers changed, paragraphs dropped or borrowed from another story, one in ten saved as an HTML page
with navigation and footers, one in twenty in Windows-1252. They are imported one file per transaction,
as `import_article` does, into a throwaway database: a SQLite file in a temporary folder, or, with
DATABASE_URL pointing at PostgreSQL, a `test_...` database created and dropped like the test suite's.
The newsroom's library is seeded first (--people, --sources), because matching speakers and sources reads
it on every run. Nothing here runs in CI.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = ROOT / "tests" / "data" / "extraction"

FIRST = [
    "Maria",
    "Daniel",
    "Aisha",
    "Tom",
    "Priya",
    "Carlos",
    "Helen",
    "Omar",
    "Grace",
    "Luis",
    "Nadia",
    "Peter",
    "Sofia",
    "Marcus",
    "Irene",
    "Hugo",
    "Claire",
    "Victor",
    "Lucia",
    "Ahmed",
    "Rachel",
    "Kevin",
    "Monica",
    "Ivan",
]
LAST = [
    "Alvarez",
    "Brennan",
    "Choi",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Gallagher",
    "Haddad",
    "Ibarra",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quinlan",
    "Rasmussen",
    "Sandoval",
    "Tanaka",
    "Ueda",
    "Vasquez",
    "Whitfield",
    "Yilmaz",
    "Zimmerman",
]
HTML_TEMPLATE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title} | The Daily Planet</title>
<meta property="og:title" content="{title}"></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
<div class="cookie">We use cookies to improve your experience.
<a href="/privacy">Learn more</a></div></header>
<main><article><h1>{title}</h1><div class="byline">By {byline}</div>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
{body}
</article>
<section class="newsletter"><h2>Sign up for our newsletter</h2>
<p>Get the day's top stories delivered to your inbox every morning.</p></section></main>
<footer><p>&copy; 2024 The Daily Planet. All rights reserved.</p>
<ul><li><a href="/about">About us</a></li><li><a href="/terms">Terms of use</a></li></ul></footer>
</body></html>
"""


# --------------------------------------------------------------------------------------------------
# Generating articles
# --------------------------------------------------------------------------------------------------


def _load_dev_set() -> list[dict]:
    from intake.evaluation import read_article

    stories = []
    for path in sorted(DEV_SET.rglob("*.txt")):
        gold_path = path.with_suffix(".gold.json")
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        first = path.read_text(encoding="utf-8").split("\n", 1)[0].strip()
        paragraphs = read_article(path)
        title = (
            first
            if paragraphs and first != paragraphs[0].strip()
            else path.stem.replace("-", " ").capitalize()
        )
        speakers = {q["speaker"] for q in gold["quotes"] if len(q["speaker"].split()) >= 2}
        speakers = {
            s for s in speakers if s[:1].isupper() and s.split()[0].lower() not in ("the", "a", "an")
        }
        stories.append({"title": title, "paragraphs": paragraphs, "speakers": sorted(speakers)})
    return stories


def _rename(text: str, names: dict[str, str]) -> str:
    for old, new in names.items():
        text = text.replace(old, new)
        old_last, new_last = old.split()[-1], new.split()[-1]
        text = re.sub(rf"\b{re.escape(old_last)}\b", new_last, text)
    return text


def _renumber(text: str, rng: random.Random) -> str:
    def change(match: re.Match[str]) -> str:
        digits = match.group()
        if len(digits) == 4 and digits.startswith(("19", "20")):
            return digits  # a year
        value = int(digits.replace(",", ""))
        value = max(1, round(value * rng.uniform(0.6, 1.6)))
        return f"{value:,}" if "," in digits else str(value)

    return re.sub(r"\d[\d,]*\d|\d", change, text)


def generate(count: int, folder: Path, seed: int = 5) -> list[Path]:
    """Write `count` varied article files into `folder`; return their paths."""
    rng = random.Random(seed)  # noqa: S311 (test data, not security)
    stories = _load_dev_set()
    paths = []
    for n in range(count):
        story = stories[n % len(stories)]
        names = {old: f"{rng.choice(FIRST)} {rng.choice(LAST)}" for old in story["speakers"]}
        paragraphs = list(story["paragraphs"])
        if rng.random() < 0.3 and len(paragraphs) > 6:  # a shorter cut: drop a non-quote paragraph or two
            for _ in range(rng.randint(1, 2)):
                plain = [i for i, p in enumerate(paragraphs) if '"' not in p and "“" not in p]
                if plain:
                    paragraphs.pop(rng.choice(plain))
        if rng.random() < 0.2:  # a longer story: background borrowed from another one
            other = rng.choice(stories)["paragraphs"]
            paragraphs += [p for p in other if '"' not in p and "“" not in p][:3]
        paragraphs = [_renumber(_rename(p, names), rng) for p in paragraphs]
        title = _renumber(_rename(story["title"], names), rng)
        byline = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        roll = rng.random()
        if roll < 0.1:
            body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
            path = folder / f"article-{n:04d}.html"
            path.write_text(
                HTML_TEMPLATE.format(title=html.escape(title), byline=byline, body=body), "utf-8"
            )
        else:
            text = f"{title}\nByline: {byline}\nPublished: 2024-{1 + n % 12:02d}-{1 + n % 28:02d}\n\n"
            text += "\n\n".join(paragraphs) + "\n"
            path = folder / f"article-{n:04d}.txt"
            encoding = "cp1252" if roll > 0.95 else "utf-8"
            path.write_bytes(text.encode(encoding, errors="replace"))
        paths.append(path)
    return paths


# --------------------------------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------------------------------


def _setup_django(folder: Path):
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django
    from django.conf import settings

    django.setup()
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        database.setdefault("TEST", {})["NAME"] = str(folder / "bench.sqlite3")
    from django.test.utils import setup_databases

    return setup_databases(verbosity=0, interactive=False)


def _seed_library(people: int, sources: int, rng: random.Random) -> None:
    from sources.models import Person, Source

    Person.objects.bulk_create(
        Person(
            name=f"{rng.choice(FIRST)} {rng.choice(LAST)}{'' if i % 3 else '-' + str(i)}", role="Official"
        )
        for i in range(people)
    )
    Source.objects.bulk_create(
        Source(
            title=f"Annual report {i}",
            kind=Source.Kind.REPORT,
            publisher=f"{rng.choice(LAST)} Institute {i % 97}",
            url=f"https://example.org/{i}",
        )
        for i in range(sources)
    )


def _editor():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from articles.roles import ensure_roles

    ensure_roles()
    user = get_user_model().objects.create_user("bench-editor", password=None, is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return get_user_model().objects.get(pk=user.pk)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=21)
    parser.add_argument("--people", type=int, default=2000, help="Person rows in the library first")
    parser.add_argument("--sources", type=int, default=1000, help="Source rows in the library first")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        folder = Path(tmp)
        old_config = _setup_django(folder)
        from django.db import connection
        from django.test.utils import teardown_databases

        from articles.models import Article, Suggestion
        from intake import importing, suggesting

        try:
            rng = random.Random(7)  # noqa: S311 (test data, not security)
            files = folder / "files"
            files.mkdir()
            paths = generate(args.count, files)
            _seed_library(args.people, args.sources, rng)
            user = _editor()
            print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
            print(f"library: {args.people} people, {args.sources} sources; files: {len(paths)} in {files}")

            started = time.perf_counter()
            failed = 0
            for path in paths:
                failed += not importing.import_path(path, user=user).ok
            elapsed = time.perf_counter() - started
            imported = Article.objects.count()
            print(
                f"imported {imported} articles with {Suggestion.objects.count()} suggestions "
                f"({failed} failed) in {elapsed:.1f} s: {imported / elapsed:.1f} articles/second"
            )

            lengths = sorted(Article.objects.values_list("pk", "body"), key=lambda row: len(row[1]))
            pk, body = lengths[len(lengths) // 2]
            article = Article.objects.get(pk=pk)
            words = len(body.split())

            def median_ms(run, before=None) -> float:
                times = []
                for _ in range(args.repeats):
                    if before:
                        before()
                    start = time.perf_counter()
                    run()
                    times.append((time.perf_counter() - start) * 1000)
                return statistics.median(times)

            first = median_ms(
                lambda: suggesting.suggest(article, user=user),
                before=lambda: Suggestion.objects.filter(article=article).delete(),
            )
            again = median_ms(lambda: suggesting.suggest(article, user=user))
            engine = median_ms(lambda: suggesting.find(body))
            print(
                f"typical article: {words} words, {len(body.split(chr(10) * 2))} paragraphs (median length)"
            )
            print(f"  suggest, first run:        {first:6.1f} ms (median of {args.repeats})")
            print(f"  suggest again, no changes: {again:6.1f} ms")
            print(f"  engine alone (no database): {engine:5.1f} ms")
        finally:
            teardown_databases(old_config, verbosity=0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
