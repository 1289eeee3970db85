"""Every path that changes a claim, quotation, citation or verdict, as every role, in every state.

Each case posts what a browser would post and looks at the database afterwards: the change happened or
it did not. What should happen is written out below as the newsroom's rule, independently of
`articles.rights`, so a path that skips the rule (or a rule that drifts) fails here. Each case runs in
its own savepoint and is rolled back.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from articles import revisions
from articles.models import Article, Citation, Claim, Suggestion
from tests.admin_forms import change_form_data
from tests.conftest import _user_in
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, UserFactory

Status = Article.Status
STATES = [Status.DRAFT, Status.FACT_CHECK, Status.READY, Status.PUBLISHED]


@dataclass
class Case:
    article: Article
    claim: Claim
    citation: Citation
    other_source: object
    suggestion: Suggestion
    editor: Client


def _admin_article_payload(case: Case) -> dict:
    response = case.editor.get(reverse("admin:articles_article_change", args=[case.article.pk]))
    assert response.status_code == 200
    return change_form_data(response)


def _claim_rows(data: dict) -> list[str]:
    """The prefixes of the claim inline's rows, saved ones first."""
    return [key[: -len("-id")] for key in data if key.startswith("claims-") and key.endswith("-id")]


def inline_mark(client, case):
    data = _admin_article_payload(case)
    extra = _claim_rows(data)[-1]
    data[f"{extra}-exact"] = "Crime fell by 12 percent"
    client.post(reverse("admin:articles_article_change", args=[case.article.pk]), data)
    return case.article.claims.filter(exact="Crime fell by 12 percent").exists()


def inline_remove(client, case):
    data = _admin_article_payload(case)
    row = next(p for p in _claim_rows(data) if str(data[f"{p}-id"]) == str(case.claim.pk))
    data[f"{row}-DELETE"] = "on"
    data[f"{row}-removal_reason"] = "It repeats the headline."
    client.post(reverse("admin:articles_article_change", args=[case.article.pk]), data)
    return not Claim.objects.filter(pk=case.claim.pk).exists()


def _claim_page_payload(case: Case) -> dict:
    response = case.editor.get(reverse("admin:articles_claim_change", args=[case.claim.pk]))
    assert response.status_code == 200
    return change_form_data(response)


def claim_page_words(client, case):
    data = _claim_page_payload(case)
    data["exact"] = "on Tuesday"
    client.post(reverse("admin:articles_claim_change", args=[case.claim.pk]), data)
    return Claim.objects.get(pk=case.claim.pk).exact == "on Tuesday"


def claim_page_add(client, case):
    data = change_form_data(case.editor.get(reverse("admin:articles_claim_add")))
    data.update(article=case.article.pk, exact="Crime fell by 12 percent", kind="statistic")
    client.post(reverse("admin:articles_claim_add"), data)
    return case.article.claims.filter(exact="Crime fell by 12 percent").exists()


def claim_page_delete(client, case):
    url = reverse("admin:articles_claim_delete", args=[case.claim.pk])
    client.post(url, {"post": "yes", "removal_reason": "It repeats the headline."})
    return not Claim.objects.filter(pk=case.claim.pk).exists()


def claim_page_cite(client, case):
    data = _claim_page_payload(case)
    data["citations-1-source"] = case.other_source.pk
    data["citations-1-claim"] = case.claim.pk
    client.post(reverse("admin:articles_claim_change", args=[case.claim.pk]), data)
    return case.claim.citations.filter(source=case.other_source).exists()


def claim_page_uncite(client, case):
    data = _claim_page_payload(case)
    data["citations-0-DELETE"] = "on"
    client.post(reverse("admin:articles_claim_change", args=[case.claim.pk]), data)
    return not Citation.objects.filter(pk=case.citation.pk).exists()


def desk_cite(client, case):
    url = reverse("desk:attach", kwargs={"kind": "claim", "pk": case.claim.pk})
    client.post(url, {"source": case.other_source.pk})
    return case.claim.citations.filter(source=case.other_source).exists()


def desk_uncite(client, case):
    url = reverse(
        "desk:remove_citation",
        kwargs={"kind": "claim", "pk": case.claim.pk, "citation": case.citation.pk},
    )
    client.post(url)
    return not Citation.objects.filter(pk=case.citation.pk).exists()


def desk_verdict(client, case):
    url = reverse("desk:verdict", kwargs={"kind": "claim", "pk": case.claim.pk})
    client.post(url, {"status": "inconclusive", "reason": "", "note": ""})
    return Claim.objects.get(pk=case.claim.pk).check_status == "inconclusive"


def suggestion_accept(client, case):
    client.post(reverse("admin:articles_suggestion_accept", args=[case.suggestion.pk]))
    return Suggestion.objects.get(pk=case.suggestion.pk).status == Suggestion.Status.ACCEPTED


def suggestion_accept_selected(client, case):
    data = {"action": "accept_selected", "_selected_action": [case.suggestion.pk], "reason": ""}
    client.post(reverse("admin:articles_suggestion_changelist"), data)
    return Suggestion.objects.get(pk=case.suggestion.pk).status == Suggestion.Status.ACCEPTED


def claims_delete_selected(client, case):
    data = {"action": "delete_selected", "_selected_action": [case.claim.pk], "post": "yes"}
    client.post(reverse("admin:articles_claim_changelist"), data)
    return not Claim.objects.filter(pk=case.claim.pk).exists()


def suggestion_dismiss(client, case):
    url = reverse("admin:articles_suggestion_dismiss", args=[case.suggestion.pk])
    client.post(url, {"reason": "An opinion"})
    return Suggestion.objects.get(pk=case.suggestion.pk).status == Suggestion.Status.DISMISSED


def revision_restore(client, case):
    client.post(reverse("admin:articles_article_restore", args=[case.article.pk, 1]))
    return Article.objects.get(pk=case.article.pk).title == case.article.revisions.get(number=1).title


MARK, REMOVE, CITE, RULE = "mark", "remove", "cite", "rule"
NEVER = "never"  # removing claims in bulk: each removal needs its own reason
PATHS: dict[str, tuple[str, Callable]] = {
    "admin article page, claim inline: mark a claim": (MARK, inline_mark),
    "admin article page, claim inline: delete a claim": (REMOVE, inline_remove),
    "admin claim page: change its words": (MARK, claim_page_words),
    "admin claim add page: mark a claim": (MARK, claim_page_add),
    "admin claim delete page": (REMOVE, claim_page_delete),
    "admin claim page, citation inline: add a citation": (CITE, claim_page_cite),
    "admin claim page, citation inline: delete a citation": (CITE, claim_page_uncite),
    "desk: attach a source": (CITE, desk_cite),
    "desk: remove a citation": (CITE, desk_uncite),
    "desk: give a verdict": (RULE, desk_verdict),
    "admin suggestions: accept": (MARK, suggestion_accept),
    "admin suggestions: dismiss": (MARK, suggestion_dismiss),
    "admin suggestions: accept selected (bulk action)": (MARK, suggestion_accept_selected),
    "admin claims: delete selected (bulk action)": (NEVER, claims_delete_selected),
    "admin revisions: restore": (MARK, revision_restore),
}


def expected(role: str, state: str, change: str, path: str) -> bool:
    """The newsroom's rule, written out: editors do everything; a reporter marks, removes and cites in
    their own drafts only and never uses the desk; fact-checkers cite and rule in every state and never
    mark or remove; nobody else does anything."""
    if change == NEVER:
        return False
    if role == "editor":
        return True
    if role == "author":
        return state == Status.DRAFT and change in (MARK, REMOVE, CITE) and not path.startswith("desk")
    if role == "factchecker":
        return change in (CITE, RULE)
    return False


def _case(editor, author, state) -> Case:
    article = ArticleFactory(created_by=author)
    article.authors.add(author)
    claim = ClaimFactory(article=article)
    source = SourceFactory()
    citation = Citation.objects.create(claim=claim, source=source)
    suggestion = Suggestion.objects.create(
        article=article,
        kind=Suggestion.Kind.CLAIM,
        exact="Crime fell by 12 percent last year",
        start=article.body.index("Crime"),
        end=article.body.index("Crime") + len("Crime fell by 12 percent last year"),
        paragraph=1,
        fingerprint="matrix",
    )
    revisions.save_revision(article, reason="Saved")
    article.title = "A later headline"  # revision 1 is then worth restoring
    article.save()
    if state == Status.PUBLISHED:
        article.live_revision = revisions.save_revision(article, reason="Published")
    article.status = state
    article.save()
    client = Client()
    client.force_login(editor)
    return Case(article, claim, citation, SourceFactory(), suggestion, client)


@pytest.mark.django_db
def test_every_path_that_changes_sourcing_follows_the_rule_for_every_role_and_state():
    editor = _user_in("Editor", username="matrix-editor")
    author = _user_in("Reporter", username="matrix-author")
    users = {
        "editor": editor,
        "author": author,
        "other reporter": _user_in("Reporter", username="matrix-reporter"),
        "factchecker": _user_in("Fact-checker", username="matrix-factchecker"),
        "staff without a role": UserFactory(is_staff=True, username="matrix-nobody"),
    }
    wrong = []
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        for state in STATES:
            for path, (change, act) in PATHS.items():
                with transaction.atomic():
                    case = _case(editor, author, state)
                    done = act(client, case)
                    transaction.set_rollback(True)
                want = expected(role, state, change, path)
                if done != want:
                    wrong.append(f"{role} / {state} / {path}: {'done' if done else 'refused'}")
    covered = "\n  ".join(PATHS)
    assert not wrong, (
        "These changes went against the rule:\n  "
        + "\n  ".join(wrong)
        + f"\nPaths covered ({len(PATHS)}), each as {', '.join(users)} in {', '.join(STATES)}:\n  "
        + covered
    )
