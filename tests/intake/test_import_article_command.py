"""manage.py import_article: the dry-run JSON format, real imports, bad files and the acting user."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Suggestion

from .conftest import STORY

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2] / "tests" / "data" / "extraction" / "gascon-research.txt"


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_article", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def story(tmp_path) -> Path:
    path = tmp_path / "budget.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_dry_run_json_prints_exactly_the_documented_format_and_creates_nothing(story):
    out, _ = run(story, "--dry-run", "--json")
    (line,) = out.splitlines()
    data = json.loads(line)
    assert list(data) == ["title", "paragraphs", "quotes", "claims"]
    assert data["title"] == "City council approves $4.2 million budget"
    assert all(isinstance(p, str) for p in data["paragraphs"])
    for quote in data["quotes"]:
        assert list(quote) == ["speaker", "text", "paragraph"]
        assert quote["text"] in data["paragraphs"][quote["paragraph"]]
        assert not quote["text"].startswith(('"', "“"))
    for claim in data["claims"]:
        assert list(claim) == ["text", "paragraph", "kind", "reason"]
        assert claim["text"] in data["paragraphs"][claim["paragraph"]]
    assert {"speaker": "Jane Doe", "text": "We are proud of this work", "paragraph": 1} in data["quotes"]
    assert Article.objects.count() == 0


def test_dry_run_json_of_the_seed_attributes_miller_and_siddall():
    out, _ = run(
        SEED, "--title", "Gascon's office says policies are based on research", "--dry-run", "--json"
    )
    data = json.loads(out)

    def speaker_of(words):
        (speaker,) = [q["speaker"] for q in data["quotes"] if q["text"].startswith(words)]
        return speaker

    assert speaker_of("I don't believe his policies") == "Patrick Miller"
    assert speaker_of("We expect justice when something happens") == "Patrick Miller"
    assert speaker_of("It would be like someone said") == "Eric Siddall"
    assert speaker_of("The district attorney is not always") == "Eric Siddall"
    assert data["paragraphs"][0].startswith("The office of Los Angeles District Attorney George Gascon")


def test_dry_run_prints_one_object_per_file(story, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text(STORY.replace("City council", "Town council"), encoding="utf-8")
    out, _ = run(story, other, "--dry-run", "--json")
    assert [json.loads(line)["title"][:4] for line in out.splitlines()] == ["City", "Town"]


def test_import_creates_drafts_with_suggestions_as_the_user(story, editor):
    out, _ = run(story, "--user", "editor")
    article = Article.objects.get()
    assert article.created_by == editor
    assert Suggestion.objects.filter(article=article).exists()
    assert "imported" in out


def test_no_suggest_imports_without_suggestions(story):
    run(story, "--no-suggest")
    assert Article.objects.count() == 1
    assert not Suggestion.objects.exists()


def test_json_import_reports_slug_and_counts(story):
    out, _ = run(story, "--json")
    data = json.loads(out)
    assert data["ok"] is True
    assert data["slug"] == Article.objects.get().slug
    assert data["suggestions"]["quotations"] >= 3


def test_bad_files_are_reported_and_the_good_one_still_imports(story, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="2 of 3 file"):
        call_command("import_article", str(empty), str(story), str(binary), stdout=out, stderr=err)
    assert "empty.txt is empty. [empty]" in err.getvalue()
    assert "[binary]" in err.getvalue()
    assert Article.objects.count() == 1


def test_unbalanced_quotes_import_with_a_warning_on_stderr(tmp_path):
    path = tmp_path / "q.txt"
    path.write_text('Headline\n\n"We are proud, said the mayor.\n\nThe council met.\n', encoding="utf-8")
    _, err = run(path)
    assert "[unbalanced_quotes]" in err
    assert Article.objects.count() == 1


def test_a_fact_checker_cannot_import(story, factchecker):
    with pytest.raises(CommandError, match="permission"):
        run(story, "--user", "factchecker")
    assert Article.objects.count() == 0


def test_unknown_user_is_refused(story):
    with pytest.raises(CommandError, match="No user"):
        run(story, "--user", "nobody")
