"""Tests for the extraction scorer (articles/evaluation.py). No database needed."""

import json

import pytest

from intake.evaluation import aggregate, main, overlap, read_article, score

GOLD = {
    "quotes": [
        {
            "speaker": "George Gascon",
            "text": "Enhancements are the primary driver of mass incarceration",
            "paragraph": 1,
        },
        {"speaker": "Patrick Miller", "text": "We expect justice when something happens.", "paragraph": 2},
    ],
    "claims": [
        {
            "text": "Upon taking office in December 2020, Gascon issued directives.",
            "paragraph": 0,
            "kind": "event",
        },
        {
            "text": "Defendants are less likely to re-offend within two years.",
            "paragraph": 0,
            "kind": "comparison",
        },
        {"text": "The office cited studies on cash bail.", "paragraph": 3, "kind": "study"},
    ],
}


def test_overlap_ignores_quote_style_case_and_whitespace():
    assert overlap("“We expect  justice,”", '"we expect justice,"') == 1.0
    assert overlap("", "anything") == 0.0
    assert overlap("The cat sat on the mat.", "Completely different words here.") < 0.5


def test_perfect_prediction_scores_one_everywhere():
    result = score(GOLD, GOLD)
    for section in ("quotes", "speakers", "claims"):
        assert result[section]["precision"] == result[section]["recall"] == result[section]["f1"] == 1.0
    assert result["claims"]["kinds_agree"] == 3


def test_quote_text_overlapping_half_of_the_shorter_counts_with_a_surname_speaker():
    predicted = {
        "quotes": [
            {"speaker": "Gascon", "text": "“Enhancements are the primary driver", "paragraph": 1},
            {"speaker": "Patrick Miller", "text": "We expect justice", "paragraph": 2},
        ],
        "claims": [],
    }
    result = score(predicted, GOLD)
    assert result["quotes"]["true_positives"] == 2
    assert result["speakers"]["true_positives"] == 2


def test_right_text_with_wrong_speaker_counts_for_quotes_but_not_speakers():
    predicted = {
        "quotes": [{"speaker": "Eric Siddall", "text": "We expect justice", "paragraph": 2}],
        "claims": [],
    }
    result = score(predicted, GOLD)
    assert result["quotes"]["true_positives"] == 1
    assert result["speakers"]["true_positives"] == 0
    assert result["speakers"]["precision"] == 0.0
    assert result["quotes"]["recall"] == 0.5


def test_a_quote_in_another_paragraph_does_not_match():
    predicted = {
        "quotes": [{"speaker": "Patrick Miller", "text": "We expect justice", "paragraph": 3}],
        "claims": [],
    }
    assert score(predicted, GOLD)["quotes"]["true_positives"] == 0


def test_each_gold_item_matches_at_most_one_prediction():
    duplicate = {"text": "Upon taking office in December 2020, Gascon issued directives.", "paragraph": 0}
    predicted = {"quotes": [], "claims": [duplicate, dict(duplicate)]}
    result = score(predicted, GOLD)
    assert result["claims"]["true_positives"] == 1
    assert result["claims"]["precision"] == 0.5
    assert result["claims"]["recall"] == pytest.approx(1 / 3)


def test_claim_with_different_boundaries_still_matches():
    predicted = {
        "quotes": [],
        "claims": [{"text": "Gascon issued directives.", "paragraph": 0, "kind": "statistic"}],
    }
    result = score(predicted, GOLD)
    assert result["claims"]["true_positives"] == 1
    assert result["claims"]["kinds_agree"] == 0


def test_empty_prediction_and_empty_gold():
    assert score({}, {})["quotes"]["f1"] == 1.0
    empty = score({"quotes": [], "claims": []}, GOLD)
    assert empty["quotes"]["recall"] == 0.0 and empty["quotes"]["precision"] == 0.0
    assert empty["claims"]["f1"] == 0.0


def test_aggregate_is_micro_averaged_over_articles():
    perfect = score(GOLD, GOLD)
    nothing = score({"quotes": [], "claims": []}, GOLD)
    total = aggregate([perfect, nothing])
    assert total["quotes"]["true_positives"] == 2
    assert total["quotes"]["gold"] == 4
    assert total["quotes"]["recall"] == 0.5
    assert total["quotes"]["precision"] == 1.0
    assert total["claims"]["f1"] == pytest.approx(2 * 1.0 * 0.5 / 1.5)


def test_read_article_drops_headline_and_header_lines(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(
        "A headline\nByline: Jo Doe\nPublished: 2024-01-02\n\nFirst.\n\nSecond.\n", encoding="utf-8"
    )
    assert read_article(path) == ["First.", "Second."]


def test_read_article_without_headline_keeps_the_first_paragraph(tmp_path):
    path = tmp_path / "seed.txt"
    path.write_text(
        "The office said its policies are based on research data. \n\nSecond.\n", encoding="utf-8"
    )
    assert read_article(path) == ["The office said its policies are based on research data.", "Second."]


def test_main_prints_per_article_and_total_figures(tmp_path, capsys):
    (tmp_path / "tiny.txt").write_text(
        'Tiny story\n\n"We will rebuild the bridge by spring," Mayor Ellen Park said.\n\n'
        "The bridge cost $4 million to build.\n",
        encoding="utf-8",
    )
    gold = {
        "quotes": [
            {"speaker": "Ellen Park", "text": "We will rebuild the bridge by spring", "paragraph": 0}
        ],
        "claims": [{"text": "The bridge cost $4 million to build.", "paragraph": 1, "kind": "statistic"}],
    }
    (tmp_path / "tiny.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    assert main([str(tmp_path)]) == 0
    output = capsys.readouterr().out
    assert "tiny" in output
    total = next(line for line in output.splitlines() if line.startswith("TOTAL"))
    assert total.count("1.00  1.00  1.00") == 3


def test_main_reports_a_folder_without_gold_files(tmp_path, capsys):
    assert main([str(tmp_path)]) == 1
