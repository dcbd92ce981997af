"""The built-in bank: 50 questions whose rubrics agree with their model answers.

A model answer must earn at least 85 on its own rubric and cover every
concept of it, score at most 25 on every other question's rubric, and
trigger no misconception anywhere; otherwise a rubric and its answer
disagree and candidates would be scored unfairly.
"""

from __future__ import annotations

import pytest

from interviewer.catalog import Catalog, load_catalog
from interviewer.checks import CROSS_MAX_SCORE, OWN_MIN_SCORE, check_consistency

EXPECTED_CATEGORIES = {
    "Serverless and AWS Lambda": 8,
    "AWS API Gateway": 6,
    "Amazon S3": 6,
    "Docker": 12,
    "Microservices": 10,
    "Azure Entra ID": 8,
}


@pytest.fixture(scope="module")
def builtin() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def report(builtin):
    return check_consistency(builtin, worst=15)


def test_builtin_bank_has_no_problems(builtin):
    assert [str(p) for p in builtin.problems] == []


def test_builtin_bank_categories(builtin):
    counts = {name: 0 for name in builtin.categories}
    for question in builtin.questions:
        counts[question.category] += 1
    assert counts == EXPECTED_CATEGORIES


def test_model_answers_score_high_on_own_rubric(report):
    assert report.low_own == [], report.format()
    assert min(report.own_scores.values()) >= OWN_MIN_SCORE


def test_model_answers_score_low_on_other_rubrics(report):
    assert report.cross == [], report.format()
    assert report.worst_cross[0].score <= CROSS_MAX_SCORE


def test_no_misconception_fires_on_model_answers(report):
    assert report.misconceptions == [], report.format()


@pytest.mark.parametrize("field", ["prompt", "model_answer"])
def test_questions_have_text(builtin, field):
    empty = [q.id for q in builtin.questions if not getattr(q, field).strip()]
    assert empty == []


def test_model_answers_are_120_to_250_words(builtin):
    lengths = {q.id: len(q.model_answer.split()) for q in builtin.questions}
    outside = {qid: n for qid, n in lengths.items() if not 120 <= n <= 250}
    assert outside == {}


def test_every_difficulty_is_used(builtin):
    assert {q.difficulty for q in builtin.questions} == {"junior", "mid", "senior"}
