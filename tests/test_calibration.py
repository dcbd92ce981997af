"""Calibration of rubric scores against human grades."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from interviewer.calibration import (
    GradedAnswer,
    GradedFileError,
    calibrate,
    check_question_ids,
    pearson,
    ranks,
    read_graded,
    spearman,
)
from interviewer.cli import main
from interviewer.scoring import score_answer

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "graded-sample.jsonl"


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def row(question_id="sample-layers", answer="An answer.", score=3, scale=5) -> dict:
    return {
        "question_id": question_id,
        "answer": answer,
        "score": score,
        "scale": scale,
    }


# --- Statistics ---------------------------------------------------------------


def test_pearson_of_linear_series_is_one():
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)


def test_pearson_of_reversed_series_is_minus_one():
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)


def test_pearson_matches_hand_computation():
    # Deviations (-2,-1,0,1,2) and (-1,-2,1,0,2): sum of products 8, sums of
    # squares 10 and 10, so r = 8 / 10.
    assert pearson([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) == pytest.approx(0.8)


def test_pearson_of_constant_series_is_none():
    assert pearson([1, 1, 1], [1, 2, 3]) is None


def test_pearson_of_one_pair_is_none():
    assert pearson([1], [2]) is None


def test_pearson_rejects_unequal_lengths():
    with pytest.raises(ValueError, match="differ in length"):
        pearson([1, 2], [1, 2, 3])


def test_ranks_share_ties():
    assert ranks([10, 20, 20, 30]) == [1.0, 2.5, 2.5, 4.0]


def test_spearman_of_monotonic_series_is_one():
    assert spearman([1, 2, 3, 4], [1, 8, 27, 64]) == pytest.approx(1.0)


def test_spearman_with_ties_matches_hand_computation():
    # Ranks (1, 2.5, 2.5, 4) against (1, 2, 3, 4): deviations (-1.5, 0, 0,
    # 1.5) and (-1.5, -0.5, 0.5, 1.5) give 4.5 / sqrt(4.5 * 5).
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(4.5 / math.sqrt(22.5))


# --- Reading graded files -------------------------------------------------------


def test_read_jsonl_rows(tmp_path):
    path = write_jsonl(tmp_path / "g.jsonl", [row(), row(score=4.5)])
    graded = read_graded(path)
    assert [g.score for g in graded] == [3.0, 4.5]
    assert [g.line for g in graded] == [1, 2]


def test_read_csv_with_multiline_answer(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text(
        "question_id,answer,score,scale\n"
        'sample-layers,"first line\nsecond line",4,5\n'
        "sample-layers,short,1,5\n",
        encoding="utf-8",
    )
    graded = read_graded(path)
    assert graded[0].answer == "first line\nsecond line"
    assert [g.line for g in graded] == [2, 4]


def test_read_csv_without_suffix_by_content(tmp_path):
    path = tmp_path / "grades.txt"
    path.write_text("question_id,answer,score,scale\nq,a,1,5\n", encoding="utf-8")
    assert read_graded(path)[0].question_id == "q"


def test_read_jsonl_without_suffix_by_content(tmp_path):
    path = write_jsonl(tmp_path / "grades.txt", [row()])
    assert read_graded(path)[0].question_id == "sample-layers"


def problems_of(path: Path) -> list[str]:
    with pytest.raises(GradedFileError) as error:
        read_graded(path)
    return [str(problem) for problem in error.value.problems]


def test_missing_csv_column_is_named(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("question_id,answer,grade,scale\nq,a,1,5\n", encoding="utf-8")
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:1: missing column 'score'")


def test_missing_json_key_names_line(tmp_path):
    path = write_jsonl(
        tmp_path / "g.jsonl",
        [row(), {"question_id": "q", "answer": "a", "score": 1}],
    )
    (problem,) = problems_of(path)
    assert problem == f"{path}:2: missing 'scale'"


def test_missing_csv_column_hint_skips_known_columns(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("question_id,answer,score\nq,a,1\n", encoding="utf-8")
    (problem,) = problems_of(path)
    assert "missing column 'scale';" in problem


def test_empty_csv_cell_is_missing(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("question_id,answer,score,scale\nq,,,5\n", encoding="utf-8")
    (problem,) = problems_of(path)
    assert problem == f"{path}:2: missing 'score'"


def test_json_array_is_rejected(tmp_path):
    path = tmp_path / "g.json"
    path.write_text(json.dumps([row()]), encoding="utf-8")
    (problem,) = problems_of(path)
    assert "not a JSON array" in problem


def test_non_numeric_score_is_reported(tmp_path):
    path = write_jsonl(tmp_path / "g.jsonl", [row(score="four")])
    (problem,) = problems_of(path)
    assert problem == f"{path}:1: score 'four' is not a number"


def test_score_above_scale_is_reported(tmp_path):
    path = write_jsonl(tmp_path / "g.jsonl", [row(score=6, scale=5)])
    (problem,) = problems_of(path)
    assert problem == f"{path}:1: score 6 is above the scale maximum 5"


def test_negative_score_is_reported(tmp_path):
    path = write_jsonl(tmp_path / "g.jsonl", [row(score=-1)])
    (problem,) = problems_of(path)
    assert "score -1 is negative" in problem


def test_zero_scale_is_reported(tmp_path):
    path = write_jsonl(tmp_path / "g.jsonl", [row(score=0, scale=0)])
    (problem,) = problems_of(path)
    assert "scale 0 must be positive" in problem


def test_invalid_json_line_is_reported(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(row()) + "\n{not json\n", encoding="utf-8")
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:2: invalid JSON")


def test_every_bad_row_is_reported(tmp_path):
    path = write_jsonl(
        tmp_path / "g.jsonl", [row(score="x"), row(), row(score=9, scale=5)]
    )
    lines = [problem.split(":")[1] for problem in problems_of(path)]
    assert lines == ["1", "3"]


def test_empty_file_is_reported(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text("\n", encoding="utf-8")
    (problem,) = problems_of(path)
    assert "no graded answers" in problem


def test_missing_file_is_reported(tmp_path):
    (problem,) = problems_of(tmp_path / "absent.jsonl")
    assert "file not found" in problem


def test_unknown_question_id_suggests_close_ids(tmp_path, sample_catalog):
    path = tmp_path / "g.jsonl"
    graded = [GradedAnswer("sample-layer", "a", 1, 5, 7)]
    with pytest.raises(GradedFileError) as error:
        check_question_ids(path, graded, sample_catalog)
    assert str(error.value).startswith(
        f"{path}:7: unknown question id 'sample-layer'; did you mean: sample-layers"
    )


# --- Reports ------------------------------------------------------------------


def test_calibrate_tiny_set(sample_catalog):
    model = sample_catalog.get("sample-layers").model_answer
    graded = [
        GradedAnswer("sample-layers", model, 5, 5, 1),
        GradedAnswer("sample-layers", "I have never used Lambda.", 0, 5, 2),
        GradedAnswer("sample-cold-starts", "It is a zip file.", 1, 5, 3),
    ]
    report = calibrate(graded, sample_catalog)
    scores = [a.rubric_score for a in report.answers]
    assert scores[0] == 100
    assert scores[1] == 0
    expected = [
        score_answer(g.answer, sample_catalog.rubric(g.question_id)).score
        for g in graded
    ]
    assert scores == expected
    mae = (abs(scores[2] / 100 * 5 - 1)) / 3
    assert report.mae == pytest.approx(mae)


def test_mapped_score_uses_each_scale(sample_catalog):
    model = sample_catalog.get("sample-layers").model_answer
    report = calibrate([GradedAnswer("sample-layers", model, 7, 10, 1)], sample_catalog)
    (answer,) = report.answers
    assert answer.mapped == pytest.approx(10.0)
    assert answer.difference == pytest.approx(3.0)
    assert report.mae_percent == pytest.approx(30.0)


def test_per_question_agreement_counts(sample_catalog):
    model = sample_catalog.get("sample-layers").model_answer
    graded = [
        GradedAnswer("sample-layers", model, 5, 5, 1),
        GradedAnswer("sample-layers", "Nothing relevant here at all.", 1, 5, 2),
        GradedAnswer("sample-cold-starts", "Nothing.", 0, 5, 3),
    ]
    per_question = calibrate(graded, sample_catalog).per_question()
    assert [(q.question_id, q.count) for q in per_question] == [
        ("sample-layers", 2),
        ("sample-cold-starts", 1),
    ]
    assert per_question[0].pearson == pytest.approx(1.0)
    assert per_question[1].pearson is None


def test_disagreements_are_sorted_largest_first(sample_catalog):
    model = sample_catalog.get("sample-layers").model_answer
    graded = [
        GradedAnswer("sample-layers", model, 4, 5, 1),
        GradedAnswer("sample-layers", model, 0, 5, 2),
        GradedAnswer("sample-layers", model, 5, 5, 3),
    ]
    worst = calibrate(graded, sample_catalog).disagreements(2)
    assert [a.graded.line for a in worst] == [2, 1]


def test_report_json_layout(sample_catalog):
    model = sample_catalog.get("sample-layers").model_answer
    graded = [
        GradedAnswer("sample-layers", model, 5, 5, 1),
        GradedAnswer("sample-layers", "No idea.", 1, 5, 2),
    ]
    data = calibrate(graded, sample_catalog).to_json(top=1)
    assert set(data) == {
        "answers",
        "questions",
        "pearson",
        "spearman",
        "mae",
        "mae_percent",
        "scales",
        "per_question",
        "disagreements",
    }
    assert data["answers"] == 2
    assert len(data["disagreements"]) == 1


# --- Command line ---------------------------------------------------------------


def test_cli_calibrate_tiny_file(tmp_path, capsys):
    path = write_jsonl(
        tmp_path / "g.jsonl",
        [
            row(
                answer="A zip archive of shared libraries under /opt to share "
                "dependencies between functions.",
                score=5,
            ),
            row(answer="No idea, sorry.", score=0),
        ],
    )
    status = main(
        [
            "calibrate",
            str(path),
            "--bank",
            str(DATA / "bank"),
            "--rubrics",
            str(DATA / "rubrics"),
        ]
    )
    output = capsys.readouterr().out
    assert status == 0
    assert "2 graded answers to 1 questions" in output
    assert "Pearson r:" in output
    assert "sample-layers" in output


def test_cli_calibrate_reports_bad_rows(tmp_path, capsys):
    path = write_jsonl(tmp_path / "g.jsonl", [row(question_id="sample-layerz")])
    status = main(
        [
            "calibrate",
            str(path),
            "--bank",
            str(DATA / "bank"),
            "--rubrics",
            str(DATA / "rubrics"),
        ]
    )
    assert status == 2
    error = capsys.readouterr().err
    assert f"{path}:1: unknown question id 'sample-layerz'" in error
    assert "sample-layers" in error


def test_graded_sample_file_is_valid():
    graded = read_graded(SAMPLE)
    assert len(graded) >= 30
    assert {g.scale for g in graded} == {5.0}
    assert min(g.score for g in graded) == 0
    assert max(g.score for g in graded) == 5


def test_cli_calibrate_graded_sample_json(capsys):
    status = main(["calibrate", str(SAMPLE), "--json", "--top", "3"])
    data = json.loads(capsys.readouterr().out)
    assert status == 0
    assert data["answers"] == len(read_graded(SAMPLE))
    assert len(data["disagreements"]) == 3
    # Good, partial and wrong answers per question: the built-in rubrics
    # must at least rank them in the same direction as the human grades.
    assert data["pearson"] > 0.6
    assert data["spearman"] > 0.6


def test_cli_calibrate_graded_sample_text(capsys):
    status = main(["calibrate", str(SAMPLE)])
    output = capsys.readouterr().out
    assert status == 0
    assert "Largest disagreements" in output
    assert "docker-containers-vs-vms" in output


def test_cli_calibrate_help(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["calibrate", "--help"])
    assert exit_info.value.code == 0
    assert "--top" in capsys.readouterr().out


def test_csv_row_with_unquoted_comma_is_rejected(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text(
        "question_id,answer,score,scale\nsample-layers,up to 5, 2,3,5\n",
        encoding="utf-8",
    )
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:2: row has 5 cells but the header has 4")


def test_csv_repeated_column_is_rejected(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("question_id,answer,score,score,scale\n", encoding="utf-8")
    (problem,) = problems_of(path)
    assert "'score' appears more than once" in problem


def test_csv_cell_over_default_limit_is_read(tmp_path):
    path = tmp_path / "g.csv"
    long_answer = "word " * 40_000
    path.write_text(
        f'question_id,answer,score,scale\nsample-layers,"{long_answer}",3,5\n',
        encoding="utf-8",
    )
    (graded,) = read_graded(path)
    assert len(graded.answer) > 131_072
