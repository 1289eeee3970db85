"""manage.py evaluate_extraction: precision, recall and F1 against a tiny hand-made gold file."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

ARTICLE = """Council approves budget

The council approved a budget of $4.2 million on Tuesday, according to the clerk.

"We are proud of this work," said Mayor Jane Doe. "It is only the start."

The weather was pleasant and the room was full.
"""

GOLD = {
    "quotes": [
        {"speaker": "Jane Doe", "text": "We are proud of this work", "paragraph": 1},
        {"speaker": "Jane Doe", "text": "It is only the start.", "paragraph": 1},
        # Not something the rules can find: a quote with no quotation marks at all.
        {"speaker": "Tom Becker", "text": "The weather was pleasant", "paragraph": 2},
    ],
    "claims": [
        {
            "text": "The council approved a budget of $4.2 million on Tuesday, according to the clerk.",
            "paragraph": 0,
            "kind": "statistic",
        }
    ],
}


def evaluate(directory, *args) -> str:
    out = StringIO()
    call_command("evaluate_extraction", str(directory), *args, stdout=out)
    return out.getvalue()


def row(output: str, label: str) -> list[str]:
    line = next(line for line in output.splitlines() if line.startswith(label))
    return line.split()


def test_scores_quotes_speakers_and_claims_per_article_and_total(tmp_path):
    (tmp_path / "budget.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "budget.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    output = evaluate(tmp_path)
    assert "quotes P R F1" in output and "speakers P R F1" in output and "claims P R F1" in output
    cells = row(output, "budget")
    # quotes: 2 found, both right, 3 in gold -> P 1.00, R 0.67, F1 0.80; speakers the same
    assert cells[1:5] == ["1.00", "0.67", "0.80", "(2/2/3)"]
    assert cells[6:10] == ["1.00", "0.67", "0.80", "(2/2/3)"]
    # claims: the one gold claim found, nothing else suggested
    assert cells[11:15] == ["1.00", "1.00", "1.00", "(1/1/1)"]
    assert row(output, "TOTAL")[1:5] == ["1.00", "0.67", "0.80", "(2/2/3)"]


def test_misses_lists_what_was_not_found(tmp_path):
    (tmp_path / "budget.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "budget.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    assert "missed quote  p2 [Tom Becker]" in evaluate(tmp_path, "--misses")


def test_subfolders_get_their_own_table(tmp_path):
    held = tmp_path / "heldout"
    held.mkdir()
    for folder in (tmp_path, held):
        (folder / "budget.txt").write_text(ARTICLE, encoding="utf-8")
        (folder / "budget.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    output = evaluate(tmp_path)
    assert output.count("TOTAL") == 2
    assert f"== {held}" in output


def test_folder_without_annotations_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="No annotated articles"):
        evaluate(tmp_path)
