"""Recording: saving a session as it goes, and rebuilding it to resume."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from interviewer.catalog import Catalog
from interviewer.recording import (
    DraftAnswer,
    ResumeError,
    SessionRecorder,
    resume_point,
    session_markdown,
)
from interviewer.session import InterviewSession, Outcome
from interviewer.storage import StorageError, Store, rubric_fingerprint
from interviewer.trends import category_trends, unknown_attempts

SETTINGS = {"count": 2, "time_limit": None, "seed": 0}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "db.sqlite3") as opened:
        yield opened


def new_session(catalog: Catalog, time_limit: int | None = None) -> InterviewSession:
    by_id = {question.id: question for question in catalog.questions}
    questions = [by_id["sample-cold-starts"], by_id["sample-layers"]]
    return InterviewSession(catalog, questions, time_limit=time_limit)


def rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(store.path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_sync_stores_session_and_attempt(store, sample_catalog):
    session = new_session(sample_catalog)
    recorder = SessionRecorder(store, session, SETTINGS)
    recorder.sync()
    assert recorder.session_id is not None
    session.record("a new execution environment", Outcome.SUBMITTED, 12.5)
    recorder.sync()

    stored = store.load_session(recorder.session_id)
    assert stored.mode == "mock"
    assert stored.settings == SETTINGS
    assert stored.question_ids == ["sample-cold-starts", "sample-layers"]
    assert stored.status == "active"
    attempt = stored.attempts[0]
    assert attempt.answer == "a new execution environment"
    assert attempt.outcome == "submitted"
    assert attempt.time_used == 12.5
    assert attempt.time_allowed == 90
    rubric = sample_catalog.rubric("sample-cold-starts")
    assert attempt.rubric_fingerprint == rubric_fingerprint(rubric)
    assert not recorder.pending


def test_sync_finishes_last_attempt(store, sample_catalog):
    session = new_session(sample_catalog)
    recorder = SessionRecorder(store, session, SETTINGS)
    session.record("cold start", Outcome.SUBMITTED, 5)
    session.record("", Outcome.SKIPPED, 1)
    recorder.sync()
    assert recorder.session_id is not None
    stored = store.load_session(recorder.session_id)
    assert stored.status == "finished"
    assert stored.ended_at is not None
    assert [a.position for a in stored.attempts] == [1, 2]


def test_failed_sync_saves_backlog_later(store, sample_catalog):
    session = new_session(sample_catalog)
    recorder = SessionRecorder(store, session, SETTINGS)
    recorder.sync()
    # A query-only connection rejects writes as a read-only or full disk does.
    store._connection.execute("PRAGMA query_only = ON")
    session.record("cold start", Outcome.SUBMITTED, 5)
    with pytest.raises(StorageError):
        recorder.sync()
    assert recorder.pending
    store._connection.execute("PRAGMA query_only = OFF")

    recorder.save_draft(DraftAnswer("layers live in /opt", 7.0))
    assert recorder.session_id is not None
    stored = store.load_session(recorder.session_id)
    assert [a.answer for a in stored.attempts] == ["cold start"]
    assert stored.draft is not None
    assert stored.draft.position == 2
    assert stored.draft.text == "layers live in /opt"


def test_unsaved_start_is_retried(store, sample_catalog):
    store._connection.execute("PRAGMA query_only = ON")
    session = new_session(sample_catalog)
    recorder = SessionRecorder(store, session, SETTINGS)
    with pytest.raises(StorageError):
        recorder.sync()
    assert recorder.session_id is None
    store._connection.execute("PRAGMA query_only = OFF")
    recorder.sync()
    assert recorder.session_id is not None
    assert store.session_ids() == [recorder.session_id]


def test_draft_cleared_by_attempt(store, sample_catalog):
    session = new_session(sample_catalog)
    recorder = SessionRecorder(store, session, SETTINGS)
    recorder.save_draft(DraftAnswer("half an answer", 30.0))
    assert rows(store, "SELECT position, text, time_used FROM drafts") == [
        (1, "half an answer", 30.0)
    ]
    session.record("half an answer, finished", Outcome.SUBMITTED, 40)
    recorder.sync()
    assert rows(store, "SELECT * FROM drafts") == []


def test_resume_rebuilds_attempts_and_draft(store, sample_catalog):
    session = new_session(sample_catalog)
    recorder = SessionRecorder(store, session, SETTINGS)
    first = session.record("a new execution environment", Outcome.TIMED_OUT, 90)
    recorder.save_draft(DraftAnswer("shared libraries", 45.5))
    assert recorder.session_id is not None

    point = resume_point(store.load_session(recorder.session_id), sample_catalog)
    resumed = point.session
    assert [q.id for q in resumed.questions] == ["sample-cold-starts", "sample-layers"]
    assert len(resumed.attempts) == 1
    attempt = resumed.attempts[0]
    assert attempt.answer == first.answer
    assert attempt.outcome is Outcome.TIMED_OUT
    assert attempt.result.score == first.result.score
    assert attempt.result.concepts == first.result.concepts
    assert resumed.current.id == "sample-layers"
    assert point.draft == DraftAnswer("shared libraries", 45.5)
    assert point.time_left == pytest.approx(120 - 45.5)


def test_resume_keeps_session_time_limit(store, sample_catalog):
    session = new_session(sample_catalog, time_limit=45)
    recorder = SessionRecorder(store, session, {**SETTINGS, "time_limit": 45})
    recorder.save_draft(DraftAnswer("cold", 40.0))
    assert recorder.session_id is not None
    point = resume_point(store.load_session(recorder.session_id), sample_catalog)
    assert point.session.time_limit == 45
    assert point.time_left == pytest.approx(5)


def test_resume_ignores_stale_draft(store, sample_catalog):
    session = new_session(sample_catalog)
    recorder = SessionRecorder(store, session, SETTINGS)
    recorder.sync()
    assert recorder.session_id is not None
    # A draft for a position other than the next one cannot be continued.
    store.save_draft(recorder.session_id, 2, "sample-layers", "stale", 10.0)
    point = resume_point(store.load_session(recorder.session_id), sample_catalog)
    assert point.draft == DraftAnswer("", 0.0)
    assert point.time_left == 90


def test_resume_caps_used_time(store, sample_catalog):
    session = new_session(sample_catalog)
    recorder = SessionRecorder(store, session, SETTINGS)
    recorder.save_draft(DraftAnswer("cold", 500.0))
    assert recorder.session_id is not None
    point = resume_point(store.load_session(recorder.session_id), sample_catalog)
    assert point.draft.time_used == 90
    assert point.time_left == 0


def test_resume_rejects_missing_question(store, sample_catalog):
    session_id = store.start_session("mock", SETTINGS, ["sample-layers", "gone-id"])
    with pytest.raises(ResumeError, match="'gone-id'.*--bank"):
        resume_point(store.load_session(session_id), sample_catalog)


def test_resume_rejects_other_modes(store, sample_catalog):
    session_id = store.start_session("practice", {}, ["sample-layers"])
    with pytest.raises(ResumeError, match="practice session"):
        resume_point(store.load_session(session_id), sample_catalog)


def test_resume_rejects_bad_time_limit(store, sample_catalog):
    settings = {**SETTINGS, "time_limit": "90"}
    session_id = store.start_session("mock", settings, ["sample-layers"])
    with pytest.raises(ResumeError, match="time limit '90'"):
        resume_point(store.load_session(session_id), sample_catalog)


def test_markdown_has_attempts_and_draft(sample_catalog):
    session = new_session(sample_catalog)
    session.record("a new execution environment", Outcome.SUBMITTED, 30)
    text = session_markdown(
        session,
        session_id=None,
        started_at="2026-01-05T10:00:00+00:00",
        draft=DraftAnswer("Layers share libraries.\n\nUnder /opt.", 61),
    )
    assert text.startswith("# Interview session\n")
    assert "> a new execution environment" in text
    assert "## 2. What are Lambda layers for?" in text
    assert "Not submitted yet; 1:01 used of 2:00." in text
    assert "> Layers share libraries.\n>\n> Under /opt.\n" in text


def test_trends_per_category(store, sample_catalog):
    session = new_session(sample_catalog)
    recorder = SessionRecorder(store, session, SETTINGS)
    session.record("a new execution environment", Outcome.SUBMITTED, 30)
    session.record("a zip archive of shared libraries", Outcome.SKIPPED, 3)
    recorder.sync()
    other = store.start_session("mock", {}, ["gone-id"])
    question = sample_catalog.questions[0]
    store.save_attempt(
        other,
        1,
        question_id="gone-id",
        answer="x",
        result=session.attempts[0].result,
        fingerprint="0",
        outcome="submitted",
        time_allowed=60,
        time_used=1,
    )
    sessions = [store.load_session(i) for i in store.session_ids()]

    trends = category_trends(sessions, sample_catalog)
    assert [t.category for t in trends] == [question.category]
    first_score = session.attempts[0].result.score
    # The skipped answer counts as 0 whatever its text scored.
    assert trends[0].scores == (first_score, 0)
    assert trends[0].latest == 0
    assert trends[0].mean == round(first_score / 2)
    assert unknown_attempts(sessions, sample_catalog) == 1
