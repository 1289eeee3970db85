"""Migration 0020 gives every existing body its structure (one <p> per paragraph) and moves no anchor.

Run on PostgreSQL and on SQLite (where the migration lifts and restores the desk's triggers), over the
demo article and bodies from the bench generator, each with a claim on every sentence.
"""

import random
import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles import anchoring, richtext
from articles.body import normalize_body
from articles.demo import SEED
from bench.text import article_text
from tests.sqlite import run_on_sqlite

BEFORE = [("articles", "0019_desk_state")]
AFTER = [("articles", "0020_structured_body")]


def _bodies() -> list[str]:
    rng = random.Random(20)  # noqa: S311 (reproducible text, not secrets)
    generated = [article_text(rng, ["Ana Ruiz", "Bo Chen"], words=300, quotations=2)[0] for _ in range(3)]
    return [normalize_body(SEED.read_text(encoding="utf-8")), *generated, "Fees rose from 5 < 7 & “more”."]


def migrate_old_bodies() -> dict:
    """Write plain bodies and claims as migration 0019 knew them, migrate, and report what moved."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    OldArticle, OldClaim = old.get_model("articles", "Article"), old.get_model("articles", "Claim")  # noqa: N806
    OldRevision = old.get_model("articles", "ArticleRevision")  # noqa: N806
    anchors = []
    for number, body in enumerate(_bodies()):
        article = OldArticle.objects.create(title=f"Old {number}", slug=f"old-{number}", body=body)
        OldRevision.objects.create(article=article, number=1, title=article.title, body=body, content={})
        for match in re.finditer(r"[^.\n ][^.\n]*[^.\n ]", body):  # each sentence, more or less
            sentence, start, end = match.group(), match.start(), match.end()
            OldClaim.objects.create(article=article, exact=sentence, start=start, end=end)
            anchors.append((article.pk, start, end, sentence))
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    from articles.models import Article, ArticleRevision, Claim

    articles = {a.pk: a for a in Article.objects.all()}
    return {
        "articles": len(articles),
        "not_paragraphs": [
            a.pk for a in articles.values() if a.body_html != richtext.from_plain_text(a.body)
        ],
        "text_changed": [a.pk for a in articles.values() if richtext.projection(a.body_html) != a.body],
        "revisions_changed": [
            r.pk for r in ArticleRevision.objects.all() if richtext.projection(r.body_html) != r.body
        ],
        "anchors": len(anchors),
        # Anchored again in the text readers now read (the projection of the new body_html), as the
        # next save would: each claim is found exactly where it was.
        "found_elsewhere": [
            claim.pk
            for claim in Claim.objects.all()
            if (found := anchoring.refind(richtext.projection(articles[claim.article_id].body_html), claim))
            is None
            or (found.start, found.end) != (claim.start, claim.end)
        ],
        "moved": [
            [pk, start, end]
            for pk, start, end, words in anchors
            if articles[pk].body[start:end] != words
            or not Claim.objects.filter(article_id=pk, start=start, end=end, exact=words).exists()
        ],
    }


def _check(result: dict) -> None:
    assert result["articles"] == 5
    assert result["anchors"] > 40
    assert result["not_paragraphs"] == []
    assert result["text_changed"] == []
    assert result["revisions_changed"] == []
    assert result["moved"] == []
    assert result["found_elsewhere"] == []


@pytest.mark.django_db(transaction=True)
def test_existing_bodies_become_paragraphs_with_every_anchor_in_place_on_postgres(on_postgres):
    try:
        _check(migrate_old_bodies())
    finally:
        MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


SQLITE = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.articles.test_structured_body_migration import migrate_old_bodies
print(json.dumps(migrate_old_bodies()))
"""


def test_existing_bodies_become_paragraphs_with_every_anchor_in_place_on_sqlite(tmp_path):
    _check(run_on_sqlite(SQLITE, tmp_path / "bodies.sqlite3"))
