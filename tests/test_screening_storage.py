"""Screening storage: schema migration 3, overrides, decisions and pastes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from screening_records import (
    GOOD_ANSWERS,
    PLAN_TITLE,
    screening_catalog,
    store_screening,
)

from interviewer.catalog import Catalog
from interviewer.storage import (
    _MIGRATIONS,
    APPLICATION_ID,
    SCHEMA_VERSION,
    StorageError,
    Store,
)


@pytest.fixture
def catalog() -> Catalog:
    return screening_catalog()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "db.sqlite3") as opened:
        yield opened


# -- migration 3 ---------------------------------------------------------------


def _version_2_database(path: Path) -> None:
    """Write a database as schema 2 left it: one session, attempt, card, review."""
    connection = sqlite3.connect(path)
    connection.executescript(_MIGRATIONS[1])
    connection.executescript(_MIGRATIONS[2])
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute("PRAGMA user_version = 2")
    connection.executescript(
        """
        INSERT INTO sessions (id, mode, settings, question_ids, started_at, status)
        VALUES (4, 'mock', '{}', '["scr-quorum"]', '2025-03-01T09:00:00+00:00',
                'finished');
        INSERT INTO attempts (session_id, position, question_id, answer, score,
            band, result, rubric_fingerprint, outcome, time_allowed, time_used,
            created_at)
        VALUES (4, 1, 'scr-quorum', 'majority quorum', 40, 'partial',
            '{"question_id": "scr-quorum", "score": 40, "band": "partial",
              "concepts": [], "misconceptions": []}',
            'abc', 'submitted', 60, 12.5, '2025-03-01T09:01:00+00:00');
        INSERT INTO cards (question_id, card, due, state, updated_at)
        VALUES ('scr-quorum', '{}', '2025-03-02T09:00:00+00:00', 2,
                '2025-03-01T09:00:00+00:00');
        INSERT INTO review_logs (question_id, session_id, rating, score,
            suggested_rating, previous_state, reviewed_at)
        VALUES ('scr-quorum', 4, 3, 40, 2, 1, '2025-03-01T09:02:00+00:00');
        """
    )
    connection.commit()
    connection.close()


def _user_version(path: Path) -> int:
    connection = sqlite3.connect(path)
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    connection.close()
    return int(version)


def test_schema_version_is_3() -> None:
    assert SCHEMA_VERSION == 3


def test_migration_3_keeps_version_2_data(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    _version_2_database(path)
    with Store(path) as store:
        session = store.load_session(4)
        assert session.status == "finished"
        assert [a.answer for a in session.attempts] == ["majority quorum"]
        assert session.attempts[0].time_used == 12.5
        assert list(store.load_cards()) == ["scr-quorum"]
        assert [r.session_id for r in store.load_reviews()] == [4]
        assert store.notices == []
    assert _user_version(path) == 3


def test_upgraded_database_stores_screenings(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "db.sqlite3"
    _version_2_database(path)
    with Store(path) as store:
        session_id = store_screening(store, catalog, GOOD_ANSWERS)
        store.save_override(session_id, 1, 10, "guessed")
        assert session_id == 5
        assert store.load_screening(session_id).overrides[1].score == 10
        assert store.screening_ids() == [5]


def test_failed_migration_3_rolls_back(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    _version_2_database(path)
    # A table in the way makes migration 3 fail part-way through.
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE paste_events (id INTEGER)")
    connection.commit()
    connection.close()
    with pytest.raises(StorageError, match="cannot prepare the database"):
        Store(path)
    assert _user_version(path) == 2
    connection = sqlite3.connect(path)
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    sessions = connection.execute("SELECT id FROM sessions").fetchall()
    connection.close()
    assert "screenings" not in tables
    assert sessions == [(4,)]


# -- screenings ----------------------------------------------------------------


def test_screening_round_trips(store: Store, catalog: Catalog) -> None:
    session_id = store_screening(store, catalog, GOOD_ANSWERS, candidate="Ada")
    record = store.load_screening(session_id)
    assert record.candidate == "Ada"
    assert record.plan_title == PLAN_TITLE
    assert record.pass_mark == 50
    assert record.candidate_feedback == "none"
    assert record.pin_hash.startswith("scrypt$")
    assert record.session.mode == "screening"
    assert record.session.status == "finished"
    assert record.decision is None
    assert len(record.session.attempts) == 3


def test_override_kept_beside_automatic(store: Store, catalog: Catalog) -> None:
    session_id = store_screening(store, catalog, GOOD_ANSWERS)
    automatic = store.load_screening(session_id).session.attempts[0].score
    store.save_override(session_id, 1, 20, "  read from notes  ")
    store.save_override(session_id, 1, 25, "read from notes, then explained")
    record = store.load_screening(session_id)
    attempt = record.session.attempts[0]
    assert attempt.score == automatic
    assert record.automatic_score(attempt) == automatic
    assert record.final_score(attempt) == 25
    assert record.overrides[1].note == "read from notes, then explained"
    store.clear_override(session_id, 1)
    assert store.load_screening(session_id).overrides == {}


@pytest.mark.parametrize(
    ("position", "score", "note", "message"),
    [
        (1, 101, "too high", "not from 0 to 100"),
        (1, -1, "too low", "not from 0 to 100"),
        (1, 50, "  ", "note is empty"),
        (3, 50, "unanswered", "has no answer to question 3"),
    ],
)
def test_invalid_override_rejected(
    store: Store,
    catalog: Catalog,
    position: int,
    score: int,
    note: str,
    message: str,
) -> None:
    answers = {qid: GOOD_ANSWERS[qid] for qid in ("scr-quorum", "scr-backpressure")}
    session_id = store_screening(store, catalog, answers)
    with pytest.raises(StorageError, match=message):
        store.save_override(session_id, position, score, note)
    assert store.load_screening(session_id).overrides == {}


def test_totals_count_unanswered_as_zero(store: Store, catalog: Catalog) -> None:
    answers = {"scr-quorum": GOOD_ANSWERS["scr-quorum"]}
    session_id = store_screening(store, catalog, answers, finished=False)
    store.save_override(session_id, 1, 90, "follow-up questions went well")
    record = store.load_screening(session_id)
    automatic = record.session.attempts[0].score
    assert record.automatic_total == round(automatic / 3)
    assert record.final_total == 30
    assert record.passed is False
    assert record.attempt_at(2) is None


def test_passed_needs_pass_mark(store: Store, catalog: Catalog) -> None:
    session_id = store_screening(store, catalog, GOOD_ANSWERS, pass_mark=None)
    assert store.load_screening(session_id).passed is None


def test_decision_recorded_and_replaced(store: Store, catalog: Catalog) -> None:
    session_id = store_screening(store, catalog, GOOD_ANSWERS)
    store.save_decision(session_id, "hold", "wait for the second candidate")
    store.save_decision(session_id, "advance", "")
    record = store.load_screening(session_id)
    assert record.decision == "advance"
    assert record.decision_note == ""
    assert record.decided_at is not None


def test_invalid_decision_rejected(store: Store, catalog: Catalog) -> None:
    session_id = store_screening(store, catalog, GOOD_ANSWERS)
    with pytest.raises(StorageError, match="use advance, hold or reject"):
        store.save_decision(session_id, "maybe", "")
    assert store.load_screening(session_id).decision is None


def test_mock_session_is_not_a_screening(store: Store) -> None:
    session_id = store.start_session("mock", {}, ["scr-quorum"])
    with pytest.raises(StorageError, match=f"session {session_id} is not a screening"):
        store.load_screening(session_id)
    with pytest.raises(StorageError, match="is not a screening"):
        store.save_decision(session_id, "hold", "")


def test_pastes_in_order_with_size(store: Store, catalog: Catalog) -> None:
    session_id = store_screening(store, catalog, GOOD_ANSWERS)
    store.save_paste(session_id, 2, "scr-backpressure", "two\nlines", 3.5)
    store.save_paste(session_id, 1, "scr-quorum", "one line", 10.0)
    record = store.load_screening(session_id)
    assert [p.position for p in record.pastes] == [2, 1]
    [paste] = record.pastes_at(2)
    assert (paste.chars, paste.lines, paste.seconds_in) == (9, 2, 3.5)
    assert paste.describe_size() == "9 characters, 2 lines"
    assert record.pastes_at(1)[0].describe_size() == "8 characters, 1 line"


def test_screening_ids_by_plan(store: Store, catalog: Catalog) -> None:
    first = store_screening(store, catalog, GOOD_ANSWERS)
    other = store_screening(store, catalog, GOOD_ANSWERS, plan_title="Other plan")
    second = store_screening(store, catalog, GOOD_ANSWERS)
    assert store.screening_ids() == [second, other, first]
    assert store.screening_ids(plan_title=PLAN_TITLE) == [second, first]


def test_screenings_left_out_of_own_history(store: Store, catalog: Catalog) -> None:
    store_screening(store, catalog, GOOD_ANSWERS, finished=False)
    own = store.start_session("mock", {}, ["scr-quorum"])
    assert store.all_attempts() == []
    assert [s.id for s in store.unfinished_sessions()] == [own]
