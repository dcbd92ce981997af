"""InterviewSession: moving through questions and totalling scores."""

from __future__ import annotations

import pytest

from interviewer.session import InterviewSession, Outcome

ANSWER = (
    "A layer is a zip archive of shared libraries that Lambda extracts under /opt, "
    "so several functions can share dependencies and keep their own deployment "
    "packages small."
)


@pytest.fixture
def session(sample_catalog) -> InterviewSession:
    layers = sample_catalog.get("sample-layers")
    cold = sample_catalog.get("sample-cold-starts")
    return InterviewSession(sample_catalog, [layers, cold])


def test_empty_session_rejected(sample_catalog):
    with pytest.raises(ValueError, match="at least one question"):
        InterviewSession(sample_catalog, [])


def test_starts_at_first_question(session):
    assert session.position == 1
    assert session.total == 2
    assert session.current.id == "sample-layers"


def test_record_scores_and_advances(session):
    attempt = session.record(ANSWER, Outcome.SUBMITTED, 42.0)
    assert attempt.question.id == "sample-layers"
    assert attempt.score == 100
    assert session.current.id == "sample-cold-starts"


def test_restated_question_earns_nothing(sample_catalog):
    cold = sample_catalog.get("sample-cold-starts")
    session = InterviewSession(sample_catalog, [cold])
    answer = f"I am not sure. {cold.prompt} I have not worked with it."
    attempt = session.record(answer, Outcome.SUBMITTED, 5.0)
    assert attempt.score == 0
    assert "question-echo" in [flag.code for flag in attempt.result.flags]


def test_question_time_limit_used(session):
    attempt = session.record(ANSWER, Outcome.SUBMITTED, 1.0)
    assert attempt.time_allowed == 120
    assert session.time_allowed(session.current) == 90


def test_session_time_limit_overrides(sample_catalog):
    session = InterviewSession(
        sample_catalog, [sample_catalog.get("sample-layers")], time_limit=30
    )
    assert session.record(ANSWER, Outcome.SUBMITTED, 1.0).time_allowed == 30


def test_skipped_attempt_scores_zero(session):
    attempt = session.record(ANSWER, Outcome.SKIPPED, 3.0)
    assert attempt.result.score == 100
    assert attempt.score == 0


def test_overall_counts_unanswered_as_zero(session):
    session.record(ANSWER, Outcome.SUBMITTED, 1.0)
    assert session.overall_score == 50


def test_overall_before_any_attempt(session):
    assert session.overall_score == 0


def test_finished_session_has_no_current(session):
    session.record(ANSWER, Outcome.SUBMITTED, 1.0)
    session.record("", Outcome.TIMED_OUT, 90.0)
    assert session.finished
    with pytest.raises(IndexError):
        _ = session.current
