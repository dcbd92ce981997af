"""Screening plans: loading, and errors that name the file, line and fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from screening_records import PLAN_FILE, screening_catalog

from interviewer.catalog import Catalog
from interviewer.errors import InterviewerError
from interviewer.screening import PlanError, check_candidate_name, load_plan


@pytest.fixture
def catalog() -> Catalog:
    return screening_catalog()


def write_plan(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(text)
    return path


def problems_of(path: Path, catalog: Catalog | None) -> list[str]:
    with pytest.raises(PlanError) as raised:
        load_plan(path, catalog)
    return [str(problem) for problem in raised.value.problems]


def test_plan_loads(catalog: Catalog) -> None:
    plan = load_plan(PLAN_FILE, catalog)
    assert plan.title == "Platform engineer, first round"
    assert plan.question_ids == ("scr-quorum", "scr-backpressure", "scr-idempotency")
    assert plan.time_per_question == 60
    assert plan.pass_mark == 50
    assert plan.candidate_feedback == "none"
    assert plan.describe_timing() == "1:00 per question"


def test_plan_defaults(catalog: Catalog, tmp_path: Path) -> None:
    path = write_plan(tmp_path, "title: Short\nquestions: [scr-quorum]\n")
    plan = load_plan(path, catalog)
    assert plan.time_per_question is None
    assert plan.pass_mark is None
    assert plan.candidate_feedback == "none"
    assert plan.describe_timing() == "each question's own time limit"
    assert [q.time_limit for q in plan.questions(catalog)] == [120]


def test_unknown_id_suggests_close_one(catalog: Catalog, tmp_path: Path) -> None:
    path = write_plan(
        tmp_path, "title: T\nquestions:\n  - scr-quorum\n  - scr-idempotence\n"
    )
    [problem] = problems_of(path, catalog)
    assert problem.startswith(f"{path}:4: unknown question id 'scr-idempotence'")
    assert "did you mean: scr-idempotency" in problem


def test_unknown_id_points_to_list(catalog: Catalog, tmp_path: Path) -> None:
    path = write_plan(tmp_path, "title: T\nquestions: [zzz]\n")
    [problem] = problems_of(path, catalog)
    assert problem.startswith(f"{path}:2: unknown question id 'zzz'")
    assert "run 'interviewer list'" in problem


def test_every_problem_reported_in_line_order(catalog: Catalog, tmp_path: Path) -> None:
    path = write_plan(
        tmp_path,
        "titel: T\n"
        "questions:\n"
        "  - scr-quorum\n"
        "  - scr-quorum\n"
        "time_per_question: 5\n"
        "pass_mark: 101\n"
        "candidate_feedback: full\n",
    )
    problems = problems_of(path, catalog)
    assert problems == [
        f"{path}:1: unknown key 'titel'; did you mean 'title'? Allowed keys: "
        "title, questions, time_per_question, pass_mark, candidate_feedback",
        f"{path}:1: missing required key 'title'; add 'title: ...' to the "
        "mapping that starts on this line",
        f"{path}:4: question 'scr-quorum' is listed twice (first on line 3); "
        "remove one of them",
        f"{path}:5: 'time_per_question' must be at least 10, not 5",
        f"{path}:6: 'pass_mark' must be from 0 to 100, not 101",
        f"{path}:7: candidate_feedback 'full' is not one of none, score; 'none' "
        "shows the candidate no score, 'score' shows the automatic total at the "
        "end",
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("title: T\nquestions: []\n", 2, "'questions' is empty"),
        ("title: T\n", 1, "missing required key 'questions'"),
        ("title: T\nquestions: [scr-quorum]\npass_mark: '50'\n", 3, "whole number"),
        ("title: T\nquestions: [scr-quorum]\npass_mark: 50.5\n", 3, "whole number"),
        ("title: T\nquestions: [scr-quorum]\ncandidate_feedback: no\n", 3, "quotes"),
        ("title: T\nquestions: scr-quorum: x\n", 2, "invalid YAML"),
        ("- scr-quorum\n", 1, "a plan must be a mapping"),
    ],
)
def test_plan_problem_lines(
    catalog: Catalog, tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = write_plan(tmp_path, text)
    [problem] = problems_of(path, catalog)
    assert problem.startswith(f"{path}:{line}: ")
    assert message in problem


def test_missing_plan_file(catalog: Catalog, tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path / "absent.yaml", catalog)
    assert "cannot read file" in problem


def test_plan_without_catalog_skips_ids(tmp_path: Path) -> None:
    path = write_plan(tmp_path, "title: Old plan\nquestions: [gone-question]\n")
    assert load_plan(path, None).question_ids == ("gone-question",)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("  Ada   Lovelace ", "Ada Lovelace"), ("Zoë O'Brien", "Zoë O'Brien")],
)
def test_candidate_name_trimmed(name: str, expected: str) -> None:
    assert check_candidate_name(name) == expected


@pytest.mark.parametrize(
    ("name", "message"),
    [("   ", "empty"), ("x" * 101, "at most 100"), ("Ada\x1b[31m", "control")],
)
def test_candidate_name_rejected(name: str, message: str) -> None:
    with pytest.raises(InterviewerError, match=message):
        check_candidate_name(name)
