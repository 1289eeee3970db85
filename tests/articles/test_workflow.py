import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from articles import publishing, workflow
from articles.models import Article, Transition
from tests.factories import ArticleFactory, sourced_claim

pytestmark = pytest.mark.django_db

S = Article.Status


def at(status, **kwargs):
    return ArticleFactory(status=status, **kwargs)


@pytest.mark.parametrize(
    ("name", "start", "end", "role"),
    [
        ("submit", S.DRAFT, S.IN_REVIEW, "editor"),
        ("send_to_fact_check", S.IN_REVIEW, S.FACT_CHECK, "editor"),
        ("sign_off", S.FACT_CHECK, S.READY, "factchecker"),
        ("sign_off", S.FACT_CHECK, S.READY, "editor"),
        ("request_changes", S.IN_REVIEW, S.DRAFT, "editor"),
        ("request_changes", S.FACT_CHECK, S.DRAFT, "editor"),
        ("request_changes", S.READY, S.DRAFT, "editor"),
        ("unpublish", S.PUBLISHED, S.UNPUBLISHED, "editor"),
        ("back_to_draft", S.UNPUBLISHED, S.DRAFT, "editor"),
    ],
)
def test_allowed_move_changes_status_and_records_a_transition(request, name, start, end, role):
    user = request.getfixturevalue(role)
    article = at(start)

    workflow.move(article, name, user=user, comment="Looks good" if name != "submit" else "")

    article.refresh_from_db()
    assert article.status == end
    transition = Transition.objects.get(article=article)
    assert (transition.from_status, transition.to_status, transition.actor) == (start, end, user)


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("submit", S.IN_REVIEW),
        ("send_to_fact_check", S.DRAFT),
        ("sign_off", S.IN_REVIEW),
        ("request_changes", S.DRAFT),
        ("unpublish", S.DRAFT),
        ("back_to_draft", S.PUBLISHED),
    ],
)
def test_illegal_move_is_refused_with_a_clear_message(editor, name, start):
    article = at(start)
    with pytest.raises(ValidationError) as error:
        workflow.move(article, name, user=editor, comment="because")
    assert error.value.code == "illegal_transition"
    assert "cannot take the step" in error.value.messages[0]
    article.refresh_from_db()
    assert article.status == start and not Transition.objects.exists()


@pytest.mark.parametrize("name", ["request_changes", "unpublish"])
def test_move_that_needs_a_comment_refuses_without_one(editor, name):
    article = at(S.IN_REVIEW if name == "request_changes" else S.PUBLISHED)
    with pytest.raises(ValidationError) as error:
        workflow.move(article, name, user=editor, comment="   ")
    assert error.value.code == "comment_required"


def test_reporter_submits_own_draft_but_not_someone_elses(reporter):
    own = at(S.DRAFT, created_by=reporter)
    workflow.move(own, "submit", user=reporter)
    assert own.status == S.IN_REVIEW
    with pytest.raises(PermissionDenied):
        workflow.move(at(S.DRAFT), "submit", user=reporter)


@pytest.mark.parametrize(
    ("role", "name", "start"),
    [
        ("reporter", "send_to_fact_check", S.IN_REVIEW),
        ("reporter", "sign_off", S.FACT_CHECK),
        ("reporter", "unpublish", S.PUBLISHED),
        ("factchecker", "send_to_fact_check", S.IN_REVIEW),
        ("factchecker", "request_changes", S.READY),
        ("factchecker", "unpublish", S.PUBLISHED),
    ],
)
def test_move_is_refused_to_a_role_without_the_right(request, role, name, start):
    article = at(start)
    with pytest.raises(PermissionDenied):
        workflow.move(article, name, user=request.getfixturevalue(role), comment="x")
    article.refresh_from_db()
    assert article.status == start


def test_available_moves_depend_on_state_and_role(editor, factchecker, reporter):
    article = at(S.FACT_CHECK)
    assert [m.name for m in workflow.available_moves(editor, article)] == ["sign_off", "request_changes"]
    assert [m.name for m in workflow.available_moves(factchecker, article)] == ["sign_off"]
    assert workflow.available_moves(reporter, article) == []


def test_unpublished_article_disappears_for_readers(client, editor):
    article = ArticleFactory()
    sourced_claim(article=article)
    publishing.publish(article, user=editor)
    assert client.get(article.get_absolute_url()).status_code == 200
    workflow.move(article, "unpublish", user=editor, comment="Legal asked us to")
    assert client.get(article.get_absolute_url()).status_code == 404
    assert [t.to_status for t in article.transitions.all()] == [S.PUBLISHED, S.UNPUBLISHED]


def test_publishing_records_its_transition(editor):
    article = at(S.READY)
    sourced_claim(article=article)
    publishing.publish(article, user=editor)
    transition = article.transitions.get()
    assert (transition.from_status, transition.to_status) == (S.READY, S.PUBLISHED)
    assert transition.comment == f"Published revision {article.live_revision.number}"


def test_reporter_edits_only_own_drafts(reporter, editor):
    own = at(S.DRAFT, created_by=reporter)
    assert workflow.can_edit(reporter, own)
    assert not workflow.can_edit(reporter, at(S.DRAFT))
    own.status = S.IN_REVIEW
    assert not workflow.can_edit(reporter, own)
    assert workflow.can_edit(editor, own)


def test_nobody_edits_over_someone_elses_lock(editor, reporter):
    article = at(S.DRAFT, created_by=reporter, locked_by=editor)
    assert not workflow.can_edit(reporter, article)
    assert workflow.can_edit(editor, article)
