"""desk.queue: what is on the desk, in which order, what the filters and counts say."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, CheckStatus, Claim, Quotation
from desk import queue
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    QuotationFactory,
    sourced_claim,
    sourced_quotation,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def keys(filters=None, *, user=None) -> list[tuple[str, int]]:
    return [(kind, pk) for kind, pk, *_ in queue.rows(filters or queue.Filters(), user=user)]


def key(item) -> tuple[str, int]:
    return (item._meta.model_name, item.pk)


def set_status(item, status):
    type(item).objects.filter(pk=item.pk).update(check_status=status)


def published_article(**kwargs):
    return ArticleFactory(
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - datetime.timedelta(days=2),
        **kwargs,
    )


# --- what is on the desk --------------------------------------------------------------------------


def test_unsourced_claims_are_on_the_desk_and_sourced_draft_claims_are_not():
    unsourced = ClaimFactory()
    sourced_claim(article=unsourced.article)
    assert keys() == [key(unsourced)]


def test_a_claim_ruled_not_a_claim_leaves_the_desk_even_without_a_source():
    claim = ClaimFactory()
    set_status(claim, CheckStatus.NOT_CLAIM)
    assert keys() == []


@pytest.mark.parametrize("status", [CheckStatus.DISPUTED, CheckStatus.NEEDS_RECHECK])
def test_disputed_and_needs_recheck_items_stay_on_the_desk_though_sourced(status):
    claim = sourced_claim()
    set_status(claim, status)
    assert keys() == [key(claim)]


def test_orphaned_items_are_on_the_desk():
    claim = sourced_claim()
    Claim.objects.filter(pk=claim.pk).update(is_orphaned=True)
    assert keys() == [key(claim)]


@pytest.mark.parametrize(
    "article_status",
    [
        Article.Status.IN_REVIEW,
        Article.Status.FACT_CHECK,
        Article.Status.READY,
        Article.Status.PUBLISHED,
    ],
)
def test_unchecked_items_of_articles_on_their_way_to_readers_are_on_the_desk(article_status):
    article = ArticleFactory(status=article_status)
    unstarted = sourced_claim(article=article)
    in_progress = sourced_quotation(article=article)
    set_status(in_progress, CheckStatus.IN_PROGRESS)
    verified = sourced_claim(article=article)
    set_status(verified, CheckStatus.VERIFIED)
    assert sorted(keys()) == sorted([key(unstarted), key(in_progress)])


def test_unchecked_sourced_items_of_drafts_are_not_on_the_desk():
    sourced_claim(article=ArticleFactory(status=Article.Status.DRAFT))
    assert keys() == []


def test_claims_added_after_publication_are_on_the_desk_until_verified():
    article = published_article()
    before = sourced_claim(article=article)
    Claim.objects.filter(pk=before.pk).update(
        created_at=article.published_at - datetime.timedelta(hours=1), check_status=CheckStatus.VERIFIED
    )
    added = sourced_claim(article=article)  # created now, after publication
    set_status(added, CheckStatus.INCONCLUSIVE)
    assert keys() == [key(added)]

    set_status(added, CheckStatus.VERIFIED)
    assert keys() == []


def test_quotations_without_a_speaker_or_a_source_are_on_the_desk():
    no_source = QuotationFactory()
    no_speaker = sourced_quotation(speaker=None)
    sourced_quotation()
    assert sorted(keys()) == sorted([key(no_source), key(no_speaker)])


# --- order ----------------------------------------------------------------------------------------


def test_queue_puts_overdue_first_then_live_and_soonest_scheduled_then_oldest():
    now = timezone.now()
    oldest_draft = ClaimFactory()
    newer_draft = ClaimFactory()
    scheduled_later = ClaimFactory(article=ArticleFactory(publish_at=now + datetime.timedelta(days=5)))
    scheduled_soon = ClaimFactory(article=ArticleFactory(publish_at=now + datetime.timedelta(hours=3)))
    live = ClaimFactory(article=published_article())
    overdue_long = ClaimFactory()
    overdue_lately = QuotationFactory()
    due_later = ClaimFactory()
    Claim.objects.filter(pk=oldest_draft.pk).update(created_at=now - datetime.timedelta(days=9))
    Claim.objects.filter(pk=newer_draft.pk).update(created_at=now - datetime.timedelta(days=1))
    Claim.objects.filter(pk=overdue_long.pk).update(due_on=TODAY - datetime.timedelta(days=4))
    Quotation.objects.filter(pk=overdue_lately.pk).update(due_on=TODAY - datetime.timedelta(days=1))
    Claim.objects.filter(pk=due_later.pk).update(
        due_on=TODAY + datetime.timedelta(days=2), created_at=now - datetime.timedelta(days=3)
    )

    assert keys() == [
        key(overdue_long),
        key(overdue_lately),
        key(live),
        key(scheduled_soon),
        key(scheduled_later),
        key(oldest_draft),
        key(due_later),
        key(newer_draft),
    ]


def test_every_slice_of_the_queue_is_that_slice_of_the_whole_queue_in_order():
    # Claims and quotations, overdue or not, needing a source or not, of live, scheduled and draft
    # articles: every page, including those across the end of the overdue part, is read in two parts
    # and two kinds (`Queue`) and must be the same as the whole queue cut there.
    now = timezone.now()
    articles = [
        published_article(),
        ArticleFactory(publish_at=now + datetime.timedelta(days=1)),
        ArticleFactory(status=Article.Status.IN_REVIEW),
    ]
    items = []
    for n in range(20):
        article = articles[n % 3]
        item = ClaimFactory(article=article) if n % 2 else QuotationFactory(article=article)
        if n % 3 == 1:
            CitationFactory(**{item.citation_field: item})
        model = type(item)
        model.objects.filter(pk=item.pk).update(
            due_on=TODAY + datetime.timedelta(days=(n % 5) - 3) if n % 4 else None,
            created_at=now - datetime.timedelta(hours=n * 7 % 11),
        )
        items.append(item)
    whole = queue_in_order(now)
    assert keys() == whole and len(whole) >= 10
    assert any(due and due < TODAY for due in Claim.objects.values_list("due_on", flat=True))
    for start in range(len(whole)):
        for stop in range(start, len(whole) + 2):
            page = queue.rows(queue.Filters(), user=None)[start:stop]
            assert [row[:2] for row in page] == whole[start:stop], (start, stop)


def queue_in_order(now) -> list[tuple[str, int]]:
    """The queue's order worked out here from each item's stored keys: overdue first, longest overdue
    first, then needing a source, then live or going live soonest (unscheduled last), then oldest."""
    found = []
    for name, model in queue.MODELS.items():
        columns = ("pk", "due_on", "source_first", "goes_live", "created_at")
        for pk, due, source_first, goes_live, created in model.objects.filter(needs_work=True).values_list(
            *columns
        ):
            part = (0, due) if due and due < TODAY else (1, datetime.date.min)
            found.append((part, source_first, (goes_live is None, goes_live or now), created, name, pk))
    return [(name, pk) for *_, name, pk in sorted(found)]


def test_queue_puts_items_needing_a_source_before_those_only_awaiting_a_check():
    live = published_article()
    disputed_but_sourced = sourced_claim(article=live)
    Claim.objects.filter(pk=disputed_but_sourced.pk).update(check_status=CheckStatus.DISPUTED)
    unsourced_in_a_draft = ClaimFactory()
    Claim.objects.filter(pk=unsourced_in_a_draft.pk).update(
        created_at=timezone.now() + datetime.timedelta(days=1)
    )
    assert keys() == [key(unsourced_in_a_draft), key(disputed_but_sourced)]


# --- filters --------------------------------------------------------------------------------------


def test_filter_by_article():
    claim = ClaimFactory()
    ClaimFactory()
    assert keys(queue.Filters(article=claim.article_id)) == [key(claim)]


def test_filter_by_status():
    unsourced = ClaimFactory()
    disputed = sourced_claim()
    set_status(disputed, CheckStatus.DISPUTED)
    orphaned = sourced_claim()
    Claim.objects.filter(pk=orphaned.pk).update(is_orphaned=True)
    assert keys(queue.Filters(status="unsourced")) == [key(unsourced)]
    assert keys(queue.Filters(status="disputed")) == [key(disputed)]
    assert keys(queue.Filters(status="orphaned")) == [key(orphaned)]
    assert keys(queue.Filters(status="unstarted")) == [key(unsourced), key(orphaned)]


def test_filter_by_kind():
    statistic = ClaimFactory(kind=Claim.Kind.STATISTIC)
    event = ClaimFactory(kind=Claim.Kind.EVENT)
    quotation = QuotationFactory()
    assert keys(queue.Filters(kind="quotation")) == [key(quotation)]
    assert keys(queue.Filters(kind="claim")) == [key(statistic), key(event)]
    assert keys(queue.Filters(kind="event")) == [key(event)]


def test_filter_by_assignee_mine_and_nobody(factchecker, editor):
    mine = ClaimFactory()
    theirs = QuotationFactory()
    nobodys = ClaimFactory()
    Claim.objects.filter(pk=mine.pk).update(assignee=factchecker)
    Quotation.objects.filter(pk=theirs.pk).update(assignee=editor)
    assert keys(queue.Filters(assignee="me"), user=factchecker) == [key(mine)]
    assert keys(queue.Filters(assignee=str(editor.pk)), user=factchecker) == [key(theirs)]
    assert keys(queue.Filters(assignee="none"), user=factchecker) == [key(nobodys)]


def test_filter_overdue():
    overdue = ClaimFactory()
    ClaimFactory()
    Claim.objects.filter(pk=overdue.pk).update(due_on=TODAY - datetime.timedelta(days=1))
    assert keys(queue.Filters(overdue=True)) == [key(overdue)]


def test_search_matches_every_word_in_the_words_or_the_article_title():
    budget = ClaimFactory(article__title="Council passes budget")
    crime = ClaimFactory(article__title="Police report", exact="Crime fell by 12 percent")
    assert keys(queue.Filters(search="12 percent")) == [key(crime)]
    assert keys(queue.Filters(search="council")) == [key(budget)]
    assert keys(queue.Filters(search="police crime")) == [key(crime)]
    assert keys(queue.Filters(search="council crime")) == []


def test_search_finds_quotations_by_speaker():
    quotation = QuotationFactory(speaker__name="Jane Doe")
    ClaimFactory()
    assert keys(queue.Filters(search="doe")) == [key(quotation)]


@pytest.mark.parametrize(
    "words, found",
    [
        ("12 percent", {"crime"}),
        ("COUNCIL", {"budget"}),
        ("police crime", {"crime"}),
        ("council crime", set()),
        ("doe", {"quoted"}),
        ("jane budget", {"quoted"}),
        ('"crime fell"', {"crime"}),
        ('"fell crime"', set()),
        ("'passes budget' council", {"budget"}),
        ("", {"budget", "crime", "quoted"}),
    ],
)
def test_the_desk_and_the_admin_lists_search_alike(rf, editor, words, found):
    """One search (`matching`): the desk's queue and the admin's claim and quotation lists."""
    from django.contrib.admin.sites import site

    items = {
        "budget": ClaimFactory(article__title="Council passes budget"),
        "crime": ClaimFactory(article__title="Police report", exact="Crime fell by 12 percent"),
        "quoted": QuotationFactory(speaker__name="Jane Doe", article__title="The budget debate"),
    }
    expected = {key(items[name]) for name in found}
    assert set(keys(queue.Filters(search=words))) == expected
    request = rf.get("/", {"q": words})
    request.user = editor
    in_admin = set()
    for model in (Claim, Quotation):
        matched, _ = site._registry[model].get_search_results(request, model.objects.all(), words)
        in_admin |= {key(item) for item in matched}
    assert in_admin == expected


# --- counts ---------------------------------------------------------------------------------------


def test_counts_add_up_claims_and_quotations(factchecker):
    ClaimFactory()
    unsourced_quotation = QuotationFactory()
    orphaned = sourced_claim()
    Claim.objects.filter(pk=orphaned.pk).update(is_orphaned=True)
    disputed = sourced_quotation()
    set_status(disputed, CheckStatus.DISPUTED)
    recheck = sourced_claim()
    set_status(recheck, CheckStatus.NEEDS_RECHECK)
    Quotation.objects.filter(pk=unsourced_quotation.pk).update(
        assignee=factchecker, due_on=TODAY - datetime.timedelta(days=1)
    )
    sourced_claim()  # not on the desk, not counted

    assert queue.counts(user=factchecker) == {
        "total": 5,
        "unsourced": 2,
        "orphaned": 1,
        "disputed": 1,
        "needs_recheck": 1,
        "mine": 1,
        "overdue": 1,
    }


# --- loading a page -------------------------------------------------------------------------------


def test_load_returns_items_in_queue_order_with_their_citations(django_assert_num_queries):
    claim = ClaimFactory()
    quotation = QuotationFactory(article=claim.article, speaker=None)  # on the desk: no speaker
    CitationFactory(quotation=quotation)
    rows = list(queue.rows(queue.Filters(), user=None))
    with django_assert_num_queries(6):  # per kind: items, citations, history
        items = queue.load(rows)
        assert [key(i) for i in items] == [key(claim), key(quotation)]
        assert [len(i.citations.all()) for i in items] == [0, 1]


def test_why_says_why_an_item_is_on_the_desk():
    article = published_article()
    claim = ClaimFactory(article=article)
    quotation = sourced_quotation(article=article, speaker=None)
    Quotation.objects.filter(pk=quotation.pk).update(is_orphaned=True)
    rows = list(queue.rows(queue.Filters(), user=None))
    reasons = {key(i): queue.why(i) for i in queue.load(rows)}
    assert reasons[key(claim)] == ["Needs a source", "Added after publication"]
    assert reasons[key(quotation)] == ["Orphaned", "No speaker", "Added after publication"]


def test_desk_users_are_factcheckers_editors_and_superusers(factchecker, editor, reporter, superuser):
    assert set(queue.desk_users()) == {factchecker, editor, superuser}


def test_search_sources_matches_every_word_in_title_publisher_or_address():
    from tests.factories import SourceFactory

    report = SourceFactory(title="Annual crime report", publisher="Police", url="https://police.example/r")
    SourceFactory(title="Budget", publisher="Council")
    assert list(queue.search_sources("crime police")) == [report]
    assert list(queue.search_sources("police.example")) == [report]


def test_loading_gives_each_item_its_own_citations_and_latest_history_whatever_its_kind():
    from articles.models import SourcingEvent

    article = ArticleFactory()
    claim, quotation = ClaimFactory(article=article), QuotationFactory(article=article)
    if claim.pk != quotation.pk:  # a claim and a quotation with the same id are told apart
        Quotation.objects.filter(pk=quotation.pk).update(id=claim.pk)
        quotation = Quotation.objects.get(pk=claim.pk)
    claim_citations = [CitationFactory(claim=claim) for _ in range(2)]
    quotation_citation = CitationFactory(quotation=quotation)
    notes = {"claim": [], "quotation": []}
    for n in range(queue.EVENTS_SHOWN + 3):
        for kind, item in (("claim", claim), ("quotation", quotation)):
            event = SourcingEvent.objects.create(
                article=article, action=SourcingEvent.Action.NOTE, after={"n": n}, **{kind: item}
            )
            notes[kind].append(event.pk)

    loaded_claim, loaded_quotation = queue.load([("claim", claim.pk), ("quotation", quotation.pk)])

    assert [c.pk for c in loaded_claim.cited] == [c.pk for c in claim_citations]
    assert [c.pk for c in loaded_quotation.cited] == [quotation_citation.pk]
    assert [e.pk for e in loaded_claim.latest_events] == notes["claim"][::-1][: queue.EVENTS_SHOWN]
    assert [e.pk for e in loaded_quotation.latest_events] == notes["quotation"][::-1][: queue.EVENTS_SHOWN]
    assert queue.load_one("quotation", quotation.pk).cited[0].source == quotation_citation.source
