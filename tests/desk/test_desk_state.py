"""The desk's stored state (`needs_work`, kept by the database: migration 0019) agrees with the rule it
stores (`work_reasons`) read over the article itself, after every kind of write, on PostgreSQL and on
SQLite."""

import datetime

import pytest
from django.db.models import F, Q
from django.utils import timezone

from tests.sqlite import run_on_sqlite

COPIED = {
    "article_status": "article__status",
    "article_published_at": "article__published_at",
    "article_publish_at": "article__publish_at",
}


def over_the_article(condition):
    """`condition` with the copied article fields read from the article row instead (a join)."""
    if isinstance(condition, F):
        return F(COPIED.get(condition.name, condition.name))
    if isinstance(condition, Q):
        rewritten = Q(*(over_the_article(child) for child in condition.children))
        rewritten.connector, rewritten.negated = condition.connector, condition.negated
        return rewritten
    lookup, value = condition  # a (lookup, value) child of a Q
    field, _, rest = lookup.partition("__")
    lookup = COPIED.get(field, field) + (f"__{rest}" if rest else "")
    return (lookup, over_the_article(value) if isinstance(value, F) else value)


def mismatches() -> list[str]:
    """Items whose stored `needs_work` differs from the rule read over their article."""
    from articles.models import Claim, Quotation, any_of

    found = []
    for model in (Claim, Quotation):
        stored = set(model.objects.filter(needs_work=True).values_list("pk", flat=True))
        rule = over_the_article(any_of(model.WORK_REASONS.values()))
        defined = set(model.objects.filter(rule).values_list("pk", flat=True))
        found += [f"{model.__name__} {pk}" for pk in sorted(stored ^ defined)]
    return found


def scenario() -> dict[str, list[str]]:
    """Write articles and items through every kind of path; after each step, what disagrees."""
    from articles.models import Article, CheckStatus, Citation, Claim, Quotation
    from tests.factories import (
        ArticleFactory,
        CitationFactory,
        ClaimFactory,
        PersonFactory,
        QuotationFactory,
    )

    body = "A budget of 4.2 million dollars. Crime fell by 12 percent. We are proud of this work, she said."
    article = ArticleFactory(body=body)
    other = ArticleFactory(body=body)
    results = {}

    def step(name):
        results[name] = mismatches()

    unsourced = ClaimFactory(article=article, exact="Crime fell by 12 percent")
    verified = ClaimFactory(article=article, check_status=CheckStatus.VERIFIED)
    CitationFactory(claim=verified)
    cited = ClaimFactory(article=other)
    CitationFactory(claim=cited)
    QuotationFactory(article=article, speaker=None)
    spoken = QuotationFactory(article=article, speaker=PersonFactory())
    CitationFactory(quotation=spoken)
    step("draft items")

    article.status = Article.Status.IN_REVIEW
    article.save()
    step("article saved into review")
    Article.objects.filter(pk=other.pk).update(status=Article.Status.FACT_CHECK)
    step("article moved by a bulk update")

    now = timezone.now()
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED, published_at=now)
    step("published")
    late = ClaimFactory(article=article, exact="A budget of 4.2 million dollars", check_status="verified")
    CitationFactory(claim=late)
    step("a claim added after publication")
    Claim.objects.filter(pk=late.pk).update(created_at=now - datetime.timedelta(hours=1))
    step("its creation time rewritten")

    Citation.objects.filter(claim=verified).delete()
    step("a citation removed")
    Claim.objects.filter(pk=verified.pk).update(is_orphaned=True)
    step("words orphaned")
    Quotation.objects.filter(pk=spoken.pk).update(speaker=None)
    step("speaker removed")

    Article.objects.filter(pk=article.pk).update(status=Article.Status.UNPUBLISHED)
    step("unpublished")
    Article.objects.filter(pk=other.pk).update(status=Article.Status.READY, publish_at=now)
    step("scheduled")
    Claim.objects.bulk_create([Claim(article=other, exact="Crime", prefix="", suffix="", start=0, end=5)])
    step("bulk-created")
    Claim.objects.filter(pk=unsourced.pk).update(article=other)
    step("moved to another article")
    assert Claim.objects.filter(needs_work=True).exists()  # the scenario leaves work on the desk
    return results


@pytest.mark.django_db
def test_stored_desk_state_follows_the_rule_after_every_write_on_postgres(on_postgres):
    results = scenario()
    assert len(results) == 13
    assert {step: found for step, found in results.items() if found} == {}


SQLITE_SCENARIO = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.desk.test_desk_state import scenario
print(json.dumps(scenario()))
"""


def test_stored_desk_state_follows_the_rule_after_every_write_on_sqlite(tmp_path):
    results = run_on_sqlite(SQLITE_SCENARIO, tmp_path / "desk.sqlite3")
    assert len(results) == 13
    assert {step: found for step, found in results.items() if found} == {}
