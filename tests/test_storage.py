"""Storage: sessions, attempts and drafts survive crashes and odd files."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from interviewer.catalog import Catalog
from interviewer.scoring import score_answer
from interviewer.storage import (
    _MIGRATIONS,
    APPLICATION_ID,
    SCHEMA_VERSION,
    StorageError,
    Store,
    rubric_fingerprint,
)


def _save_one(store: Store, catalog: Catalog, answer: str = "cold start") -> int:
    question = catalog.questions[0]
    rubric = catalog.rubric(question.id)
    session_id = store.start_session("mock", {"count": 1}, [question.id])
    store.save_attempt(
        session_id,
        1,
        question_id=question.id,
        answer=answer,
        result=score_answer(answer, rubric),
        fingerprint=rubric_fingerprint(rubric),
        outcome="submitted",
        time_allowed=90,
        time_used=12.5,
    )
    return session_id


def test_attempt_round_trips(tmp_path, sample_catalog):
    with Store(tmp_path / "db.sqlite3") as store:
        session_id = _save_one(store, sample_catalog, "a new execution environment")
        stored = store.load_session(session_id)
    attempt = stored.attempts[0]
    assert attempt.answer == "a new execution environment"
    assert attempt.result.concepts[0].covered
    assert attempt.time_used == 12.5


def test_schema_version_and_application_id(tmp_path, sample_catalog):
    path = tmp_path / "db.sqlite3"
    Store(path).close()
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    connection.close()


def test_reopen_keeps_sessions(tmp_path, sample_catalog):
    path = tmp_path / "db.sqlite3"
    with Store(path) as store:
        first = _save_one(store, sample_catalog)
    with Store(path) as store:
        assert store.session_ids() == [first]


def test_newer_schema_is_rejected(tmp_path):
    path = tmp_path / "db.sqlite3"
    Store(path).close()
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(StorageError, match="newer interviewer"):
        Store(path)


def test_draft_replaced_then_cleared_by_attempt(tmp_path, sample_catalog):
    with Store(tmp_path / "db.sqlite3") as store:
        question = sample_catalog.questions[0]
        session_id = store.start_session("mock", {}, [question.id])
        store.save_draft(session_id, 1, question.id, "first", 1.0)
        store.save_draft(session_id, 1, question.id, "second", 2.0)
        assert store.load_session(session_id).draft.text == "second"
        rubric = sample_catalog.rubric(question.id)
        store.save_attempt(
            session_id,
            1,
            question_id=question.id,
            answer="second",
            result=score_answer("second", rubric),
            fingerprint=rubric_fingerprint(rubric),
            outcome="submitted",
            time_allowed=90,
            time_used=2.0,
        )
        assert store.load_session(session_id).draft is None


def test_unfinished_and_discarded(tmp_path, sample_catalog):
    with Store(tmp_path / "db.sqlite3") as store:
        open_id = store.start_session("mock", {}, ["sample-layers"])
        done_id = store.start_session("mock", {}, ["sample-layers"])
        store.finish_session(done_id)
        assert [s.id for s in store.unfinished_sessions()] == [open_id]
        store.discard_session(open_id)
        assert store.unfinished_sessions() == []
        assert store.load_session(open_id).status == "abandoned"


def test_corrupt_file_is_moved_aside(tmp_path):
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with Store(path) as store:
        assert store.session_ids() == []
        assert "moved to" in store.notices[0]
    aside = [p for p in tmp_path.iterdir() if ".broken-" in p.name]
    assert len(aside) == 1
    assert aside[0].read_bytes().startswith(b"this is not a database")


def test_foreign_database_is_moved_aside(tmp_path):
    path = tmp_path / "db.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE invoices (id INTEGER)")
    connection.execute("INSERT INTO invoices VALUES (42)")
    connection.commit()
    connection.close()
    with Store(path) as store:
        assert "another program" in store.notices[0]
    aside = next(
        p
        for p in tmp_path.iterdir()
        if ".broken-" in p.name and not p.name.endswith(("-wal", "-shm"))
    )
    kept = sqlite3.connect(aside).execute("SELECT id FROM invoices").fetchone()
    assert kept == (42,)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder_gives_clear_error(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(StorageError, match="writable"):
            Store(folder / "db.sqlite3")
    finally:
        folder.chmod(stat.S_IRWXU)


def test_unusable_data_folder_gives_clear_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(StorageError, match="INTERVIEWER_DATA_DIR"):
        Store(blocker / "db.sqlite3")


def test_failed_write_raises_storage_error(tmp_path, sample_catalog):
    store = Store(tmp_path / "db.sqlite3")
    # A query-only connection refuses writes the way a read-only or full
    # disk does, which works even when the tests run as root.
    store._connection.execute("PRAGMA query_only = ON")
    with pytest.raises(StorageError, match="still on screen"):
        store.start_session("mock", {}, ["sample-layers"])
    store._connection.execute("PRAGMA query_only = OFF")
    store.close()


def test_copy_after_close_has_every_session(tmp_path, sample_catalog):
    path = tmp_path / "db.sqlite3"
    with Store(path) as store:
        ids = [_save_one(store, sample_catalog) for _ in range(3)]
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    copy = tmp_path / "copy.sqlite3"
    copy.write_bytes(path.read_bytes())
    with Store(copy) as store:
        assert sorted(store.session_ids()) == sorted(ids)


_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from interviewer.storage import Store

    store = Store(Path(sys.argv[1]))
    print("ready", flush=True)
    sys.stdin.readline()
    for number in range(int(sys.argv[2])):
        session_id = store.start_session("mock", {"writer": sys.argv[3]}, ["q"])
        store.save_draft(session_id, 1, "q", "x" * 5000, float(number))
    print("done", flush=True)
    store.close()
    """
)


def _spawn_writer(path: Path, count: int, name: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path), str(count), name],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    return process


def test_two_instances_write_at_once(tmp_path):
    path = tmp_path / "db.sqlite3"
    Store(path).close()
    writers = [_spawn_writer(path, 40, name) for name in ("a", "b")]
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        _, errors = writer.communicate(timeout=60)
        assert writer.returncode == 0, errors
        assert "locked" not in errors
    with Store(path) as store:
        sessions = [store.load_session(i) for i in store.session_ids()]
    owners = [s.settings["writer"] for s in sessions]
    assert owners.count("a") == 40
    assert owners.count("b") == 40


def test_kill_during_writes_keeps_database_intact(tmp_path, sample_catalog):
    path = tmp_path / "db.sqlite3"
    with Store(path) as store:
        earlier = _save_one(store, sample_catalog)
    writer = _spawn_writer(path, 100_000, "killed")
    assert writer.stdin is not None
    writer.stdin.write("go\n")
    writer.stdin.flush()
    # Let it get well into its writes, then kill it without warning.
    connection = sqlite3.connect(path, timeout=10)
    while connection.execute("SELECT count(*) FROM sessions").fetchone()[0] < 20:
        pass
    connection.close()
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()
    with Store(path) as store:
        assert store.load_session(earlier).attempts[0].answer == "cold start"


def test_result_json_is_valid(tmp_path, sample_catalog):
    path = tmp_path / "db.sqlite3"
    with Store(path) as store:
        _save_one(store, sample_catalog)
    row = sqlite3.connect(path).execute("SELECT result FROM attempts").fetchone()
    assert json.loads(row[0])["question_id"] == "sample-cold-starts"


# schema migrations


def _version_1_database(path: Path) -> None:
    """Write a database as interviewer with schema 1 left it, with one session."""
    connection = sqlite3.connect(path)
    connection.executescript(_MIGRATIONS[1])
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute("PRAGMA user_version = 1")
    connection.execute(
        "INSERT INTO sessions (id, mode, settings, question_ids, started_at, status) "
        "VALUES (7, 'mock', '{}', '[\"sample-layers\"]', '2025-01-01T10:00:00+00:00', "
        "'finished')"
    )
    connection.commit()
    connection.close()


def _tables(path: Path) -> set[str]:
    connection = sqlite3.connect(path)
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    names = {row[0] for row in rows}
    connection.close()
    return names


def test_upgrade_from_version_1_keeps_sessions(tmp_path):
    path = tmp_path / "db.sqlite3"
    _version_1_database(path)
    with Store(path) as store:
        assert store.session_ids() == [7]
        assert store.load_session(7).status == "finished"
        assert store.notices == []


def test_upgrade_from_version_1_adds_tables(tmp_path):
    path = tmp_path / "db.sqlite3"
    _version_1_database(path)
    Store(path).close()
    assert {"cards", "review_logs"} <= _tables(path)
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    connection.close()


def test_upgraded_database_stores_reviews(tmp_path):
    path = tmp_path / "db.sqlite3"
    _version_1_database(path)
    with Store(path) as store:
        store.save_review(
            "sample-layers",
            card='{"card_id": 1}',
            due="2025-01-02T10:00:00+00:00",
            state=2,
            rating=3,
            score=70,
            suggested_rating=3,
            previous_state=1,
            session_id=7,
            reviewed_at="2025-01-01T10:00:00+00:00",
        )
        assert store.load_reviews()[0].session_id == 7


def test_failed_upgrade_rolls_back(tmp_path):
    path = tmp_path / "db.sqlite3"
    _version_1_database(path)
    # A table in the way makes migration 2 fail part-way through.
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE review_logs (id INTEGER)")
    connection.commit()
    connection.close()
    with pytest.raises(StorageError, match="cannot prepare the database"):
        Store(path)
    assert "cards" not in _tables(path)
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 1
    assert connection.execute("SELECT id FROM sessions").fetchall() == [(7,)]
    connection.close()


def _review(store: Store, question_id: str, when: str, **changes: object) -> int:
    values: dict[str, object] = {
        "card": "{}",
        "due": when,
        "state": 2,
        "rating": 3,
        "score": 70,
        "suggested_rating": 3,
        "previous_state": 1,
        "session_id": None,
        "reviewed_at": when,
    }
    values.update(changes)
    return store.save_review(question_id, **values)  # type: ignore[arg-type]


def test_review_replaces_card_and_appends_log(tmp_path):
    with Store(tmp_path / "db.sqlite3") as store:
        _review(store, "q", "2025-01-01T10:00:00+00:00", card='{"n": 1}')
        _review(store, "q", "2025-01-02T10:00:00+00:00", card='{"n": 2}')
        card = store.load_card("q")
        assert card is not None
        assert card.card == '{"n": 2}'
        assert card.updated_at == "2025-01-02T10:00:00+00:00"
        assert len(store.load_reviews()) == 2


def test_missing_card_is_none(tmp_path):
    with Store(tmp_path / "db.sqlite3") as store:
        assert store.load_card("never-reviewed") is None


def test_load_reviews_since(tmp_path):
    with Store(tmp_path / "db.sqlite3") as store:
        _review(store, "a", "2025-01-01T10:00:00+00:00")
        second = _review(store, "b", "2025-01-02T10:00:00+00:00")
        since = store.load_reviews(since="2025-01-02T00:00:00+00:00")
        assert [r.id for r in since] == [second]


@pytest.mark.parametrize(
    "changes",
    [{"rating": 5}, {"score": 101}, {"state": 4}, {"session_id": 42}],
)
def test_invalid_review_rejected(tmp_path, changes):
    with Store(tmp_path / "db.sqlite3") as store:
        with pytest.raises(StorageError, match="could not save the review"):
            _review(store, "q", "2025-01-01T10:00:00+00:00", **changes)
        assert store.load_card("q") is None


def test_all_attempts_across_sessions(tmp_path, sample_catalog):
    with Store(tmp_path / "db.sqlite3") as store:
        _save_one(store, sample_catalog, "first")
        _save_one(store, sample_catalog, "second")
        answers = [a.answer for a in store.all_attempts()]
    assert answers == ["first", "second"]
