"""“Needs a source” is defined once (`NEEDS_SOURCE` and `needs_source` on Claim and Quotation), and the
publish gate, the fact-check desk, the admin's lists and the model agree on every case."""

import pytest
from django.urls import reverse

from articles import publishing
from articles.models import Article, CheckStatus, Claim, Quotation, any_of
from desk import queue
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    QuotationFactory,
)

pytestmark = pytest.mark.django_db


def _item(model, *, cited=False, status=CheckStatus.UNSTARTED, orphaned=False, speaker=True):
    factory = ClaimFactory if model is Claim else QuotationFactory
    extra = {} if model is Claim or speaker else {"speaker": None}
    item = factory(article=ArticleFactory(), **extra)
    if cited:
        CitationFactory(**{model.citation_field: item})
    model.objects.filter(pk=item.pk).update(check_status=status, is_orphaned=orphaned)
    return model.objects.get(pk=item.pk)


# (case, model, how the item is, whether it needs a source)
CASES = [
    ("sourced claim", Claim, {"cited": True}, False),
    ("unsourced claim", Claim, {}, True),
    ("not a factual claim", Claim, {"status": CheckStatus.NOT_CLAIM}, False),
    ("orphaned, cited claim", Claim, {"cited": True, "orphaned": True}, False),
    ("disputed, uncited claim", Claim, {"status": CheckStatus.DISPUTED}, True),
    ("disputed, cited claim", Claim, {"cited": True, "status": CheckStatus.DISPUTED}, False),
    ("quotation without speaker, uncited", Quotation, {"speaker": False}, True),
    ("quotation without speaker, cited", Quotation, {"speaker": False, "cited": True}, False),
    # No verdict makes words not said: a quotation needs its source whatever the desk found.
    ("quotation judged not a claim", Quotation, {"status": CheckStatus.NOT_CLAIM}, True),
]


def _answers(client, model, item) -> dict[str, bool]:
    """What each path says about whether `item` needs a source."""
    changelist = reverse(f"admin:articles_{model._meta.model_name}_changelist")
    change = reverse(f"admin:articles_{model._meta.model_name}_change", args=[item.pk])
    article_change = reverse("admin:articles_article_change", args=[item.article_id])
    unsourced_code = f"unsourced_{model._meta.model_name}"
    listed = client.get(changelist, {"sourcing": "unsourced"}).content.decode()
    articles = client.get(reverse("admin:articles_article_changelist"), {"claims": "unsourced"})
    desk = queue.needing_work(model).filter(queue.reasons(model)["unsourced"])
    return {
        "model": item.needs_source,
        "queryset": model.objects.needing_a_source().filter(pk=item.pk).exists(),
        "gate": any(
            b.code == unsourced_code and b.item.pk == item.pk for b in publishing.blockers(item.article)
        ),
        "desk": desk.filter(pk=item.pk).exists(),
        "desk card": "Needs a source" in queue.why(queue.load_one(model._meta.model_name, item.pk)),
        "admin list": change in listed,
        "admin article list": article_change in articles.content.decode(),
        "articles": Article.objects.needing_a_source().filter(pk=item.article_id).exists(),
    }


@pytest.mark.parametrize(("model", "state", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_gate_the_desk_and_the_admin_agree_on_what_needs_a_source(
    editor_client, model, state, expected
):
    item = _item(model, **state)
    answers = _answers(editor_client, model, item)
    assert answers == dict.fromkeys(answers, expected)


@pytest.mark.parametrize(("model", "state", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_stored_desk_state_agrees_with_the_rule(model, state, expected):
    item = _item(model, **state)
    stored = model.objects.filter(pk=item.pk, needs_work=True).exists()
    assert stored == model.objects.filter(pk=item.pk).filter(any_of(model.WORK_REASONS.values())).exists()
    if expected:
        assert stored  # needing a source is one of the reasons to be on the desk
