"""A realistic newsroom in PostgreSQL, fast: rows are planned in Python and written with COPY.

At scale 1.0: 10,000 articles of about 1,000 words, 150,000 claims, 30,000 quotations, 200,000
citations, 5,000 sources, 3,000 people, with sections, tags, authors, revisions, corrections, workflow
transitions and the desk's states (unsourced, disputed, needs re-check, added after publication,
assigned, due and overdue). Most articles are published, and their live revision's `content` is exactly
what `articles.revisions.snapshot` would have written for their claims and quotations. Every claim and
quotation is anchored to real words of its article's body (start/end, prefix/suffix as `anchoring` keeps
them). One known article, `bench-article`, has exactly 1,000 words and 30 sourced claims.

`generate(scale)` is used by `bench/generate.py` and by the EXPLAIN tests (tests/performance) at a small
scale. It needs PostgreSQL (COPY) and an empty newsroom (it refuses when `bench-article` exists).
"""

import json
import random
import time
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from articles import richtext
from articles.anchoring import CONTEXT
from articles.models import (
    Article,
    ArticleRevision,
    ArticleSlug,
    CheckStatus,
    Citation,
    Claim,
    Correction,
    Quotation,
    RevisionAuthor,
    Section,
    SourcingEvent,
    Tag,
    Transition,
)
from articles.roles import ensure_roles
from sources.models import Person, Source

from .text import ORGS, article_text

BENCH_SLUG = "bench-article"
BENCH_CLAIMS = 30
BENCH_WORDS = 1000

# At scale 1.0 (the figures).
FULL = {"articles": 10_000, "claims": 150_000, "citations": 200_000, "sources": 5_000, "people": 3_000}
QUOTATIONS_PER_ARTICLE = 3
STATUS_WEIGHTS = {
    Article.Status.PUBLISHED: 80,
    Article.Status.DRAFT: 5,
    Article.Status.IN_REVIEW: 4,
    Article.Status.FACT_CHECK: 4,
    Article.Status.READY: 3,
    Article.Status.UNPUBLISHED: 4,
}
SECTIONS = ["News", "Politics", "Business", "Health", "Education", "Environment", "Courts", "Opinion"]
FIRST = ["Ana", "Ben", "Chloe", "Dev", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jo", "Kemal", "Lena", "Mo"]
LAST = ["Alvarez", "Brooks", "Chen", "Diallo", "Evans", "Fischer", "Garcia", "Haddad", "Ito", "Jensen"]


class DatasetExists(Exception):
    pass


@dataclass
class Item:
    """A claim or quotation being planned, with its citations (source, locator, passage, added_at)."""

    id: int
    kind: str  # "claim" or "quotation"
    row: dict
    citations: list = field(default_factory=list)
    live: bool = False  # in the live revision

    def snapshot(self) -> dict:
        data = {
            "id": self.id,
            "exact": self.row["exact"],
            "start": self.row["start"],
            "end": self.row["end"],
            "orphaned": self.row["is_orphaned"],
            "citations": [{"source": s, "locator": loc, "passage": p} for s, loc, p, _ in self.citations],
        }
        if self.kind == "claim":
            data["kind"] = self.row["kind"]
        else:
            said_on = self.row["said_on"]
            data.update(
                speaker=self.row["speaker_id"],
                obtained=self.row["obtained"],
                said_on=said_on.isoformat() if said_on else None,
            )
        return data


class Ids:
    """Primary keys handed out in Python (so rows can point at each other before they are written)."""

    def __init__(self, cursor):
        self.cursor = cursor
        self.next = {}

    def take(self, model) -> int:
        table = model._meta.db_table
        if table not in self.next:
            self.cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')  # noqa: S608 (a model's table)
            self.next[table] = self.cursor.fetchone()[0] + 1
        value = self.next[table]
        self.next[table] += 1
        return value


def _default(model, f: models.Field, now):
    if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
        return now
    if f.has_default():
        return f.get_default()
    if f.null:
        return None
    if f.empty_strings_allowed:
        return ""
    raise ValueError(f"bench: no value for {model.__name__}.{f.name} (a new required field?)")


def copy_rows(cursor, model, rows: list[dict]) -> int:
    """Write `rows` (attname → value) with COPY; fields a row leaves out get their model default.

    Built from the model's fields at run time, so columns other engineers add with a default need no
    change here.
    """
    if not rows:
        return 0
    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if not f.generated]  # the database computes those
    given = rows[0].keys()
    defaults = {f.attname: _default(model, f, now) for f in fields if f.attname not in given}
    json_fields = {f.attname for f in fields if isinstance(f, models.JSONField)}
    names = [f.attname for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            values = []
            for name in names:
                value = row[name] if name in row else defaults[name]
                if name in json_fields and value is not None:
                    value = json.dumps(value)
                values.append(value)
            copy.write_row(values)
    return len(rows)


def _spread(total: int, parts: int, low: int, high: int, rng: random.Random) -> list[int]:
    """`parts` counts between `low` and `high` that add up to `total` (as near as the bounds allow)."""
    counts = [rng.randint(low, high) for _ in range(parts)]
    diff = total - sum(counts)
    step = 1 if diff > 0 else -1
    guard = 0
    while diff and guard < 50 * parts + 1000:
        i = rng.randrange(parts)
        if low <= counts[i] + step <= high:
            counts[i] += step
            diff -= step
        guard += 1
    return counts


class Planner:
    def __init__(self, scale: float, seed: int, cursor, log):
        self.scale = scale
        self.rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
        self.cursor = cursor
        self.ids = Ids(cursor)
        self.log = log
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
        self.rows: dict = {}

    def add(self, model, row: dict) -> dict:
        self.rows.setdefault(model, []).append(row)
        return row

    def count(self, key: str, minimum: int = 1) -> int:
        return max(minimum, round(FULL[key] * self.scale))

    # --- people who use the newsroom ----------------------------------------------------------

    def users(self):
        ensure_roles()
        User = get_user_model()
        password = make_password("bench")  # one hash for everyone: hashing is slow on purpose
        groups = {g.name: g for g in Group.objects.filter(name__in=["Editor", "Reporter", "Fact-checker"])}
        made = {"Editor": [], "Reporter": [], "Fact-checker": []}
        sizes = {"Editor": 4, "Reporter": max(3, round(40 * self.scale**0.5)), "Fact-checker": 8}
        first_names = {
            "Editor": "bench-editor",
            "Reporter": "bench-reporter",
            "Fact-checker": "bench-factchecker",
        }
        for role, size in sizes.items():
            for n in range(size):
                username = first_names[role] if n == 0 else f"{first_names[role]}-{n}"
                user = User.objects.create(
                    username=username,
                    first_name=self.rng.choice(FIRST),
                    last_name=self.rng.choice(LAST),
                    email=f"{username}@example.org",
                    password=password,
                    is_staff=True,
                )
                user.groups.add(groups[role])
                made[role].append(user.pk)
        self.editors, self.reporters, self.checkers = made["Editor"], made["Reporter"], made["Fact-checker"]

    # --- the evidence library -------------------------------------------------------------------

    def library(self):
        rng = self.rng
        self.sections = []
        for position, name in enumerate(SECTIONS):
            pk = self.ids.take(Section)
            self.add(Section, {"id": pk, "name": name, "slug": name.lower(), "position": position})
            self.sections.append(pk)
        self.tags = []
        for n in range(max(10, round(300 * self.scale))):
            pk = self.ids.take(Tag)
            word = rng.choice(["budget", "schools", "housing", "transit", "crime", "health", "climate"])
            self.add(Tag, {"id": pk, "name": f"{word} {n}", "slug": f"{word}-{n}"})
            self.tags.append(pk)
        self.people = []
        for n in range(self.count("people", 10)):
            pk = self.ids.take(Person)
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}-{n}"
            org = rng.choice(ORGS)
            self.add(
                Person,
                {
                    "id": pk,
                    "name": name,
                    "aliases": name.split()[-1] if rng.random() < 0.3 else "",
                    "role": rng.choice(["Spokesperson", "Director", "Councillor", "Analyst", "Resident"]),
                    "organisation": org[4:].title() if org.startswith("the ") else org,
                },
            )
            self.people.append((pk, name))
        self.sources = []
        kinds = [k for k, _ in Source.Kind.choices]
        for n in range(self.count("sources", 20)):
            pk = self.ids.take(Source)
            url = f"https://example.org/{rng.choice(['reports', 'data', 'news', 'records'])}/{n}"
            archived = rng.random() < 0.5
            published_on = self.today - timedelta(days=rng.randint(30, 3000))
            title = rng.choice(["Annual report", "Survey", "Audit", "Minutes", "Dataset"])
            self.add(
                Source,
                {
                    "id": pk,
                    "title": f"{title} {n}",
                    "kind": rng.choice(kinds),
                    "publisher": rng.choice(ORGS).replace("the ", "").title(),
                    "url": url,
                    "archived_url": (
                        f"https://web.archive.org/web/{published_on:%Y%m%d}120000/{url}" if archived else ""
                    ),
                    "published_on": published_on,
                    "accessed_on": published_on + timedelta(days=rng.randint(1, 30)),
                },
            )
            self.sources.append(pk)

    def pick_source(self) -> int:
        # A few sources are cited very often (official statistics), most rarely.
        return self.sources[int(len(self.sources) * self.rng.random() ** 2)]

    # --- articles and what is in them -----------------------------------------------------------

    def articles(self):
        rng = self.rng
        n_articles = self.count("articles", 20)
        others = n_articles - 1
        claim_total = self.count("claims", 15 * n_articles) - BENCH_CLAIMS
        claims_per = _spread(claim_total, others, 5, 25, rng)
        statuses = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()), k=others)
        plans = [(BENCH_SLUG, Article.Status.PUBLISHED, BENCH_CLAIMS, 0)]
        plans += [
            (f"story-{n}", status, count, QUOTATIONS_PER_ARTICLE)
            for n, (status, count) in enumerate(zip(statuses, claims_per, strict=True))
        ]
        self.items: list[Item] = []
        for slug, status, n_claims, n_quotes in plans:
            self.article(slug, status, n_claims, n_quotes)
        self.citations()
        self.revisions_and_history()

    def article(self, slug, status, n_claims, n_quotes):
        rng, now = self.rng, self.now
        speakers = rng.sample(self.people, n_quotes) if n_quotes else []
        body, sentences = article_text(rng, [name for _, name in speakers], quotations=n_quotes)
        pk = self.ids.take(Article)
        created = now - timedelta(days=rng.uniform(2, 730))
        live = status in (Article.Status.PUBLISHED, Article.Status.UNPUBLISHED)
        published_at = created + timedelta(hours=rng.uniform(1, 30)) if live else None
        publish_at = None
        if status == Article.Status.READY or (status == Article.Status.FACT_CHECK and rng.random() < 0.3):
            publish_at = now + timedelta(hours=rng.uniform(1, 240))
        title = f"{rng.choice(ORGS)[4:].capitalize()} and the {rng.choice(['budget', 'vote', 'audit'])}"
        if slug == BENCH_SLUG:
            title = "Council budget: what the figures say (bench article)"
        article = self.add(
            Article,
            {
                "id": pk,
                "title": f"{title} {pk}" if slug != BENCH_SLUG else title,
                "slug": slug,
                "standfirst": "What the numbers show, who said what, and where every figure comes from.",
                "body": body,
                "body_html": richtext.from_plain_text(body),
                "section_id": rng.choice(self.sections),
                "status": status,
                "published_at": published_at,
                "published_by_id": rng.choice(self.editors) if live else None,
                "publish_at": publish_at,
                "created_by_id": rng.choice(self.reporters),
                "created_at": created,
                "updated_at": (published_at or created) + timedelta(minutes=rng.uniform(1, 600)),
                "version": rng.randint(1, 6),
            },
        )
        article["_sentences"] = sentences
        # Kept for its revisions, which carry the byline and tags readers see.
        article["_authors"] = rng.sample(self.reporters, min(len(self.reporters), rng.randint(1, 2)))
        article["_tags"] = rng.sample(self.tags, min(len(self.tags), rng.randint(2, 4)))
        through = Article.authors.through
        for user in article["_authors"]:
            self.add(through, {"id": self.ids.take(through), "article_id": pk, "user_id": user})
        through = Article.tags.through
        for tag in article["_tags"]:
            self.add(through, {"id": self.ids.take(through), "article_id": pk, "tag_id": tag})

        # Claims: whole sentences (claim-like ones first), never overlapping a quotation.
        candidates = [s for s in sentences if s.kind == "claim"]
        rng.shuffle(candidates)
        candidates += [s for s in sentences if s.kind == "plain"]
        after_publication = 0
        if status == Article.Status.PUBLISHED and slug != BENCH_SLUG and rng.random() < 0.1:
            after_publication = rng.randint(1, 2)
        for index, sentence in enumerate(candidates[:n_claims]):
            late = index >= n_claims - after_publication
            self.item(article, "claim", sentence.start, sentence.end, late=late)
        quoted = [s for s in sentences if s.kind == "quotation"]
        for sentence, (speaker, _) in zip(quoted, speakers, strict=False):
            self.item(article, "quotation", *sentence.quote, speaker=speaker)

    def item(self, article, kind, start, end, *, late=False, speaker=None):
        """Plan one claim or quotation of `article`, with its desk state."""
        rng, body, status = self.rng, article["body"], article["status"]
        model = Claim if kind == "claim" else Quotation
        pk = self.ids.take(model)
        published = article["published_at"]
        created = article["created_at"] + timedelta(minutes=rng.uniform(5, 600))
        if published and created >= published:
            created = published - timedelta(minutes=1)
        if late:
            created = published + timedelta(hours=rng.uniform(1, 200))
        live_article = status in (
            Article.Status.PUBLISHED,
            Article.Status.UNPUBLISHED,
            Article.Status.READY,
        )
        orphaned = not live_article and rng.random() < 0.01
        row = {
            "id": pk,
            "article_id": article["id"],
            "exact": body[start:end] + (" (as first drafted)" if orphaned else ""),
            "prefix": body[max(0, start - CONTEXT) : start],
            "suffix": body[end : end + CONTEXT],
            "start": start,
            "end": end,
            "is_orphaned": orphaned,
            "created_by_id": rng.choice(self.reporters),
            "created_at": created,
            "updated_at": created,
            "check_status": CheckStatus.UNSTARTED,
            "checked_by_id": None,
            "checked_at": None,
            "checked_exact": "",
            "verdict_reason": "",
            "assignee_id": None,
            "due_on": None,
        }
        if kind == "claim":
            row["kind"] = rng.choice([k for k, _ in Claim.Kind.choices])
        else:
            row.update(
                speaker_id=speaker,
                obtained=rng.choice([k for k, _ in Quotation.Obtained.choices]),
                said_on=(published or created).date() - timedelta(days=rng.randint(0, 5)),
            )
        # Sourcing and the desk, by where the article stands.
        if late:
            sourced, verdict = False, CheckStatus.UNSTARTED
        elif live_article:
            sourced = True
            verdict = rng.choices(
                [
                    CheckStatus.VERIFIED,
                    CheckStatus.DISPUTED,
                    CheckStatus.NEEDS_RECHECK,
                    CheckStatus.INCONCLUSIVE,
                ],
                weights=[97, 1, 1, 1],
            )[0]
        elif status == Article.Status.FACT_CHECK:
            sourced = rng.random() < 0.6
            verdict = rng.choice([CheckStatus.UNSTARTED, CheckStatus.IN_PROGRESS, CheckStatus.DISPUTED])
            if sourced and rng.random() < 0.5:
                verdict = CheckStatus.VERIFIED
            elif kind == "claim" and rng.random() < 0.05:
                verdict = CheckStatus.NOT_CLAIM
        else:
            sourced = rng.random() < (0.4 if status == Article.Status.IN_REVIEW else 0.2)
            verdict = CheckStatus.UNSTARTED
        if orphaned:
            verdict = CheckStatus.UNSTARTED
        row["check_status"] = verdict
        if verdict != CheckStatus.UNSTARTED:
            checked = created + timedelta(hours=rng.uniform(1, 20))
            row.update(
                checked_by_id=rng.choice(self.checkers),
                checked_at=checked,
                checked_exact=row["exact"],
                updated_at=checked,
            )
            if verdict in (CheckStatus.DISPUTED, CheckStatus.NOT_CLAIM):
                row["verdict_reason"] = "The figure does not match the source's table."
        on_desk = late or verdict not in (CheckStatus.VERIFIED, CheckStatus.NOT_CLAIM) or not sourced
        if on_desk and status != Article.Status.DRAFT and rng.random() < 0.5:
            row["assignee_id"] = rng.choice(self.checkers)
            if rng.random() < 0.4:
                row["due_on"] = self.today + timedelta(days=rng.randint(-10, 14))
        item = Item(pk, kind, row, live=live_article and not late)
        item.sourced = sourced
        item.published = published
        self.add(model, row)
        self.items.append(item)
        article.setdefault("_items", []).append(item)

    def citations(self):
        rng = self.rng
        sourced = [item for item in self.items if item.sourced]
        extra = max(0, self.count("citations", len(sourced)) - len(sourced))
        counts = [1] * len(sourced)
        for _ in range(extra):
            counts[rng.randrange(len(counts))] += 1
        for item, n in zip(sourced, counts, strict=True):
            added = item.row["created_at"]
            cited = set()
            for _ in range(n):
                source = self.pick_source()
                if source in cited:
                    continue
                cited.add(source)
                added = added + timedelta(minutes=rng.uniform(1, 120))
                if item.published and added >= item.published:
                    added = item.published - timedelta(seconds=len(cited))
                locator = f"p. {rng.randint(1, 220)}"
                passage = "Table 3: totals by year." if rng.random() < 0.3 else ""
                item.citations.append((source, locator, passage, added))
                self.add(
                    Citation,
                    {
                        "id": self.ids.take(Citation),
                        "claim_id": item.id if item.kind == "claim" else None,
                        "quotation_id": item.id if item.kind == "quotation" else None,
                        "source_id": source,
                        "locator": locator,
                        "passage": passage,
                        "added_by_id": rng.choice(self.reporters + self.checkers),
                        "added_at": added,
                    },
                )
            # Citations sort by (added_at, pk) in a snapshot, as they were just made.
            item.citations.sort(key=lambda c: c[3])

    def revisions_and_history(self):
        rng = self.rng
        for article in self.rows[Article]:
            items = sorted(article.pop("_items", []), key=lambda i: (i.row["start"], i.id))
            article.pop("_sentences")
            authors, tags = article.pop("_authors"), article.pop("_tags")
            live = article["published_at"] is not None
            kept = [i for i in items if i.live] if live else items
            content = {
                "claims": [i.snapshot() for i in kept if i.kind == "claim"],
                "quotations": [i.snapshot() for i in kept if i.kind == "quotation"],
            }
            numbers = [1, 2] if live and rng.random() < 0.2 else [1]
            for number in numbers:
                pk = self.ids.take(ArticleRevision)
                at = article["published_at"] or article["updated_at"]
                self.add(
                    ArticleRevision,
                    {
                        "id": pk,
                        "article_id": article["id"],
                        "number": number,
                        "title": article["title"],
                        "standfirst": article["standfirst"],
                        "body": article["body"],
                        "body_html": article["body_html"],
                        "content": content,
                        "reason": "" if number == numbers[-1] else "First draft",
                        "created_by_id": article["created_by_id"],
                        "created_at": at - timedelta(hours=len(numbers) - number),
                        "slug": article["slug"],
                        "section_id": article["section_id"],
                    },
                )
                self.revision_byline_and_tags(pk, authors, tags)
            article["live_revision_id"] = pk if live else None
            self.add(
                ArticleSlug,
                {
                    "id": self.ids.take(ArticleSlug),
                    "slug": article["slug"],
                    "article_id": article["id"],
                    "was_live": live,
                },
            )
            for item in items:
                if item.row["check_status"] != CheckStatus.UNSTARTED:
                    item.row["checked_revision_id"] = pk
            if live:
                self.add(
                    Transition,
                    {
                        "id": self.ids.take(Transition),
                        "article_id": article["id"],
                        "from_status": Article.Status.READY,
                        "to_status": Article.Status.PUBLISHED,
                        "actor_id": article["published_by_id"],
                        "comment": "",
                        "at": article["published_at"],
                    },
                )
                if article["status"] == Article.Status.PUBLISHED and rng.random() < 0.03:
                    self.add(
                        Correction,
                        {
                            "id": self.ids.take(Correction),
                            "article_id": article["id"],
                            "text": "An earlier version of this article gave the wrong year for the audit.",
                            "created_by_id": rng.choice(self.editors),
                            "created_at": article["published_at"] + timedelta(days=1),
                        },
                    )
            for item in items:
                self.history(item)
        # Every row of a model must carry the same keys for COPY.
        for model in (Claim, Quotation):
            for row in self.rows.get(model, []):
                row.setdefault("checked_revision_id", None)

    def revision_byline_and_tags(self, revision: int, authors: list[int], tags: list[int]):
        for position, user in enumerate(authors):
            row = {"id": self.ids.take(RevisionAuthor), "revision_id": revision, "user_id": user}
            self.add(RevisionAuthor, {**row, "position": position})
        through = ArticleRevision.tags.through
        for tag in tags:
            self.add(through, {"id": self.ids.take(through), "articlerevision_id": revision, "tag_id": tag})

    def history(self, item: Item):
        row, field_name = item.row, item.kind
        base = {"article_id": row["article_id"], "claim_id": None, "quotation_id": None}
        base[f"{field_name}_id"] = item.id
        if row["check_status"] != CheckStatus.UNSTARTED:
            self.add(
                SourcingEvent,
                {
                    **base,
                    "id": self.ids.take(SourcingEvent),
                    "action": SourcingEvent.Action.STATUS,
                    "before": {"status": CheckStatus.UNSTARTED, "reason": "", "note": ""},
                    "after": {"status": row["check_status"], "reason": row["verdict_reason"], "note": ""},
                    "actor_id": row["checked_by_id"],
                    "at": row["checked_at"],
                },
            )
        if row["assignee_id"]:
            self.add(
                SourcingEvent,
                {
                    **base,
                    "id": self.ids.take(SourcingEvent),
                    "action": SourcingEvent.Action.ASSIGNED,
                    "before": {"assignee": None, "name": None},
                    "after": {"assignee": row["assignee_id"], "name": "a fact-checker"},
                    "actor_id": self.checkers[0],
                    "at": row["created_at"] + timedelta(minutes=30),
                },
            )
        if not item.live:  # the desk shows these items' history; published ones rarely come up
            for source, locator, _, added in item.citations:
                self.add(
                    SourcingEvent,
                    {
                        **base,
                        "id": self.ids.take(SourcingEvent),
                        "action": SourcingEvent.Action.CITATION_ADDED,
                        "before": None,
                        "after": {"source": source, "locator": locator},
                        "actor_id": row["created_by_id"],
                        "at": added,
                    },
                )


ORDER = [
    Section,
    Tag,
    Person,
    Source,
    Article,
    Article.authors.through,
    Article.tags.through,
    ArticleSlug,
    ArticleRevision,
    RevisionAuthor,
    ArticleRevision.tags.through,
    Claim,
    Quotation,
    Citation,
    SourcingEvent,
    Transition,
    Correction,
]


def generate(scale: float = 1.0, *, seed: int = 2024, analyze: bool = True, log=print) -> dict[str, int]:
    """Fill the database (PostgreSQL) with a newsroom at `scale`; return the rows written per table."""
    if connection.vendor != "postgresql":
        raise RuntimeError("bench data needs PostgreSQL (COPY)")
    if Article.objects.filter(slug=BENCH_SLUG).exists():
        raise DatasetExists(f"this database already holds the bench data ({BENCH_SLUG} exists)")
    started = time.monotonic()
    written = {}
    with transaction.atomic(), connection.cursor() as wrapper:
        cursor = wrapper.cursor  # psycopg's own cursor, for COPY
        # Plans this session cached while the tables were small (the citation-count triggers' among them)
        # would go on scanning whole tables as COPY fills them.
        cursor.execute("DISCARD PLANS")
        planner = Planner(scale, seed, cursor, log)
        planner.users()
        planner.library()
        planner.articles()
        log(f"  planned in {time.monotonic() - started:.1f} s")
        for model in ORDER:
            rows = planner.rows.get(model, [])
            written[model._meta.db_table] = copy_rows(cursor, model, rows)
        for sql in connection.ops.sequence_reset_sql(no_style(), ORDER):
            cursor.execute(sql)
    log(f"  written in {time.monotonic() - started:.1f} s")
    if analyze:
        tables = [model._meta.db_table for model in ORDER]
        if connection.in_atomic_block:  # the tests': VACUUM cannot run inside a transaction
            with connection.cursor() as cursor:
                for table in tables:
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
        else:
            vacuum(tables, log)
    return written


def vacuum(tables: list[str], log=print, attempts: int = 20) -> None:
    """VACUUM ANALYZE `tables` until their pages are all-visible, as autovacuum leaves a live database, so
    that index-only scans need not visit the table. VACUUM marks no page of the load while a snapshot
    older than the load's end is open (an autovacuum worker's, begun during the load): it is run again."""
    with connection.cursor() as cursor:
        for _ in range(attempts):
            for table in tables:
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")
            cursor.execute(
                "SELECT relname FROM pg_class WHERE relname = ANY(%s) AND relallvisible < relpages",
                [tables],
            )
            tables = [name for (name,) in cursor.fetchall()]
            if not tables:
                return
            time.sleep(0.5)
    log(f"  warning: pages left not all-visible in {', '.join(tables)}")
