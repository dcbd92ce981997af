"""SQLite storage for sessions, attempts, drafts, cards and screenings.

One database file per user. WAL journaling lets two app instances save at
the same moment, and the busy timeout makes a writer wait for the other
instead of failing with "database is locked". The schema version lives in
``PRAGMA user_version`` and ``PRAGMA application_id`` marks the file as ours,
so a foreign or corrupt file is moved aside rather than overwritten.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from interviewer.errors import InterviewerError
from interviewer.rubric import Rubric
from interviewer.scoring.result import ScoreResult, result_from_json

logger = logging.getLogger(__name__)

APPLICATION_ID = 0x496E7476  # "Intv" in ASCII
SCHEMA_VERSION = 3
BUSY_TIMEOUT_MS = 10_000

_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        mode TEXT NOT NULL,
        settings TEXT NOT NULL,
        question_ids TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        status TEXT NOT NULL DEFAULT 'active'
            CHECK (status IN ('active', 'finished', 'abandoned'))
    );
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        question_id TEXT NOT NULL,
        answer TEXT NOT NULL,
        score INTEGER NOT NULL,
        band TEXT NOT NULL,
        result TEXT NOT NULL,
        rubric_fingerprint TEXT NOT NULL,
        outcome TEXT NOT NULL,
        time_allowed REAL,
        time_used REAL NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (session_id, position)
    );
    CREATE TABLE drafts (
        session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        question_id TEXT NOT NULL,
        text TEXT NOT NULL,
        time_used REAL NOT NULL,
        saved_at TEXT NOT NULL
    );
    CREATE INDEX attempts_by_question ON attempts (question_id);
    """,
    2: """
    CREATE TABLE cards (
        question_id TEXT PRIMARY KEY,
        card TEXT NOT NULL,
        due TEXT NOT NULL,
        state INTEGER NOT NULL CHECK (state IN (1, 2, 3)),
        updated_at TEXT NOT NULL
    );
    CREATE INDEX cards_by_due ON cards (due);
    CREATE TABLE review_logs (
        id INTEGER PRIMARY KEY,
        question_id TEXT NOT NULL,
        session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
        rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
        score INTEGER CHECK (score BETWEEN 0 AND 100),
        suggested_rating INTEGER CHECK (suggested_rating BETWEEN 1 AND 4),
        previous_state INTEGER NOT NULL CHECK (previous_state IN (1, 2, 3)),
        reviewed_at TEXT NOT NULL
    );
    CREATE INDEX review_logs_by_time ON review_logs (reviewed_at);
    CREATE INDEX review_logs_by_question ON review_logs (question_id);
    """,
    3: """
    CREATE TABLE screenings (
        session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        candidate TEXT NOT NULL,
        plan_title TEXT NOT NULL,
        plan_path TEXT NOT NULL,
        pass_mark INTEGER CHECK (pass_mark BETWEEN 0 AND 100),
        candidate_feedback TEXT NOT NULL
            CHECK (candidate_feedback IN ('none', 'score')),
        pin_hash TEXT NOT NULL,
        decision TEXT CHECK (decision IN ('advance', 'hold', 'reject')),
        decision_note TEXT NOT NULL DEFAULT '',
        decided_at TEXT
    );
    CREATE INDEX screenings_by_plan ON screenings (plan_title);
    CREATE TABLE score_overrides (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
        note TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (session_id, position)
    );
    CREATE TABLE paste_events (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        question_id TEXT NOT NULL,
        text TEXT NOT NULL,
        seconds_in REAL NOT NULL,
        pasted_at TEXT NOT NULL
    );
    CREATE INDEX paste_events_by_session ON paste_events (session_id, position);
    """,
}
"""Schema changes by the version they lead to; applied in order."""


class StorageError(InterviewerError):
    """Raised when the database cannot be read or written."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def rubric_fingerprint(rubric: Rubric) -> str:
    """Return a short hash of what a rubric scores, for telling versions apart."""
    content = {
        "concepts": [[c.label, c.weight, list(c.phrases)] for c in rubric.concepts],
        "misconceptions": [
            [m.label, m.penalty, list(m.phrases)] for m in rubric.misconceptions
        ],
    }
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class StoredAttempt:
    position: int
    question_id: str
    answer: str
    score: int
    band: str
    result: ScoreResult
    rubric_fingerprint: str
    outcome: str
    time_allowed: float | None
    time_used: float
    created_at: str


@dataclass(frozen=True, slots=True)
class Draft:
    """The answer being typed when the app last saved."""

    position: int
    question_id: str
    text: str
    time_used: float
    """Seconds of the question's clock used when the draft was saved."""
    saved_at: str


@dataclass(frozen=True, slots=True)
class StoredCard:
    """The spaced-repetition card of one question, as last scheduled."""

    question_id: str
    card: str
    """The fsrs ``Card`` as JSON (``Card.to_json``)."""
    due: str
    """When the card is next due: ISO 8601 in UTC, to the second."""
    state: int
    """The fsrs ``State`` value: 1 learning, 2 review, 3 relearning."""
    updated_at: str


@dataclass(frozen=True, slots=True)
class StoredReview:
    """One review log entry: the rating given to a question on one day."""

    id: int
    question_id: str
    session_id: int | None
    rating: int
    """The fsrs ``Rating`` value, 1 (Again) to 4 (Easy)."""
    score: int | None
    """The automatic score of the answer, 0 to 100; None when not scored."""
    suggested_rating: int | None
    """The rating suggested from ``score``; None when not scored."""
    previous_state: int
    """The card's fsrs ``State`` value before this review."""
    reviewed_at: str
    """ISO 8601 in UTC."""


@dataclass(frozen=True, slots=True)
class StoredSession:
    id: int
    mode: str
    settings: dict[str, Any]
    question_ids: list[str]
    started_at: str
    ended_at: str | None
    status: str
    attempts: list[StoredAttempt]
    draft: Draft | None

    @property
    def overall_score(self) -> int:
        """Mean over every question of the session; unanswered count as 0."""
        if not self.question_ids:
            return 0
        total = sum(a.score for a in self.attempts if a.outcome != "skipped")
        return round(total / len(self.question_ids))


# -- screening records ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoredOverride:
    """A score the interviewer set by hand for one answer, with the reason."""

    position: int
    score: int
    """0 to 100; replaces the automatic score in the final total."""
    note: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class StoredPaste:
    """Text pasted into the answer box during a screening."""

    position: int
    question_id: str
    text: str
    seconds_in: float
    """Seconds of the question's clock used when the paste happened."""
    pasted_at: str

    @property
    def chars(self) -> int:
        return len(self.text)

    @property
    def lines(self) -> int:
        return self.text.count("\n") + 1

    def describe_size(self) -> str:
        """Return the size in words, such as ``132 characters, 1 line``."""
        lines = "1 line" if self.lines == 1 else f"{self.lines} lines"
        return f"{self.chars} characters, {lines}"


@dataclass(frozen=True, slots=True)
class StoredScreening:
    """A screening session with its candidate, plan, overrides and decision."""

    session: StoredSession
    candidate: str
    plan_title: str
    plan_path: str
    pass_mark: int | None
    candidate_feedback: str
    pin_hash: str
    decision: str | None
    """``advance``, ``hold`` or ``reject``; None until the interviewer decides."""
    decision_note: str
    decided_at: str | None
    overrides: dict[int, StoredOverride]
    """Overrides by the position of the answer they replace."""
    pastes: list[StoredPaste]

    @property
    def id(self) -> int:
        return self.session.id

    def attempt_at(self, position: int) -> StoredAttempt | None:
        """Return the answer to the question at ``position`` (1-based), if any."""
        for attempt in self.session.attempts:
            if attempt.position == position:
                return attempt
        return None

    def pastes_at(self, position: int) -> list[StoredPaste]:
        return [paste for paste in self.pastes if paste.position == position]

    @staticmethod
    def automatic_score(attempt: StoredAttempt) -> int:
        """Return the rubric's score of an answer; a skipped question scores 0."""
        return 0 if attempt.outcome == "skipped" else attempt.score

    def final_score(self, attempt: StoredAttempt) -> int:
        """Return the overridden score of an answer, or else its automatic one."""
        override = self.overrides.get(attempt.position)
        return override.score if override else self.automatic_score(attempt)

    @property
    def automatic_total(self) -> int:
        """Mean automatic score over every planned question; unanswered count 0."""
        return self._mean(self.automatic_score)

    @property
    def final_total(self) -> int:
        """Mean final score over every planned question; unanswered count 0."""
        return self._mean(self.final_score)

    @property
    def passed(self) -> bool | None:
        """Whether the final total reaches the pass mark; None without one."""
        if self.pass_mark is None:
            return None
        return self.final_total >= self.pass_mark

    def _mean(self, score: Callable[[StoredAttempt], int]) -> int:
        planned = len(self.session.question_ids)
        if not planned:
            return 0
        return round(sum(score(a) for a in self.session.attempts) / planned)


class Store:
    """An open interviewer database.

    Args:
        path: The database file; created with its folder when missing.
        on_notice: Called with a message when the file had to be moved aside.
    """

    def __init__(
        self, path: Path, *, on_notice: Callable[[str], None] | None = None
    ) -> None:
        self.path = path
        self.notices: list[str] = []
        self._notify = on_notice
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            message = (
                f"cannot create the data folder {path.parent}: {error.strerror}; "
                "set --data-dir or INTERVIEWER_DATA_DIR to a writable folder"
            )
            raise StorageError(message) from error
        self._connection = self._open_checked()

    # -- opening and migrating -------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
        )
        connection.row_factory = sqlite3.Row
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA foreign_keys = ON")
        return connection

    def _open_checked(self) -> sqlite3.Connection:
        try:
            connection = self._connect()
            self._check_identity(connection)
        except _ForeignDatabase as problem:
            connection.close()
            self._move_aside(str(problem))
            connection = self._connect()
        except sqlite3.DatabaseError as error:
            if "locked" in str(error) or "readonly" in str(error):
                message = f"cannot open the database {self.path}: {error}"
                raise StorageError(message) from error
            self._move_aside(f"it is not a readable SQLite database ({error})")
            connection = self._connect()
        try:
            self._migrate(connection)
        except sqlite3.OperationalError as error:
            message = (
                f"cannot prepare the database {self.path}: {error}; check that "
                "the folder is writable and the disk is not full"
            )
            raise StorageError(message) from error
        return connection

    def _check_identity(self, connection: sqlite3.Connection) -> None:
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        tables = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        ).fetchone()[0]
        if application_id not in (0, APPLICATION_ID) or (
            application_id == 0 and tables
        ):
            reason = "it belongs to another program"
            raise _ForeignDatabase(reason)
        connection.execute("PRAGMA quick_check").fetchone()

    def _move_aside(self, reason: str) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        target = self.path.with_name(f"{self.path.name}.broken-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            source = Path(f"{self.path}{suffix}")
            if source.exists():
                source.rename(Path(f"{target}{suffix}"))
        message = (
            f"The database {self.path} could not be used because {reason}. "
            f"It was moved to {target} and a new database was started."
        )
        logger.warning(message)
        self.notices.append(message)
        if self._notify is not None:
            self._notify(message)

    def _migrate(self, connection: sqlite3.Connection) -> None:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            message = (
                f"the database {self.path} was written by a newer interviewer "
                f"(schema {version}, this one knows {SCHEMA_VERSION}); upgrade "
                "interviewer or use another --data-dir"
            )
            raise StorageError(message)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        for target in range(version + 1, SCHEMA_VERSION + 1):
            connection.execute("BEGIN IMMEDIATE")
            try:
                for statement in _split_sql(_MIGRATIONS[target]):
                    connection.execute(statement)
                connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                connection.execute(f"PRAGMA user_version = {target}")
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise

    # -- writing -----------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """Run statements in one immediate transaction, mapping errors."""
        connection = self._connection
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        except sqlite3.OperationalError as error:
            message = (
                f"could not save to {self.path}: {error}. Your answer is still "
                "on screen; export it to a file, or free disk space and retry"
            )
            raise StorageError(message) from error

    def start_session(
        self, mode: str, settings: dict[str, Any], question_ids: list[str]
    ) -> int:
        """Record a new session and return its id."""
        with self._write() as connection:
            cursor = connection.execute(
                "INSERT INTO sessions (mode, settings, question_ids, started_at) "
                "VALUES (?, ?, ?, ?)",
                (mode, json.dumps(settings), json.dumps(question_ids), _now()),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def save_attempt(
        self,
        session_id: int,
        position: int,
        *,
        question_id: str,
        answer: str,
        result: ScoreResult,
        fingerprint: str,
        outcome: str,
        time_allowed: float | None,
        time_used: float,
    ) -> None:
        """Store a scored attempt and drop the draft it came from, atomically."""
        with self._write() as connection:
            connection.execute(
                "INSERT OR REPLACE INTO attempts (session_id, position, question_id, "
                "answer, score, band, result, rubric_fingerprint, outcome, "
                "time_allowed, time_used, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    position,
                    question_id,
                    answer,
                    result.score,
                    result.band,
                    json.dumps(result.to_json(), ensure_ascii=False),
                    fingerprint,
                    outcome,
                    time_allowed,
                    time_used,
                    _now(),
                ),
            )
            connection.execute("DELETE FROM drafts WHERE session_id = ?", (session_id,))

    def save_draft(
        self,
        session_id: int,
        position: int,
        question_id: str,
        text: str,
        time_used: float,
    ) -> None:
        """Store the answer being typed, replacing the previous draft."""
        with self._write() as connection:
            connection.execute(
                "INSERT OR REPLACE INTO drafts (session_id, position, question_id, "
                "text, time_used, saved_at) VALUES (?, ?, ?, ?, ?, ?)",
                (session_id, position, question_id, text, time_used, _now()),
            )

    def finish_session(self, session_id: int) -> None:
        with self._write() as connection:
            connection.execute(
                "UPDATE sessions SET status = 'finished', ended_at = ? WHERE id = ?",
                (_now(), session_id),
            )
            connection.execute("DELETE FROM drafts WHERE session_id = ?", (session_id,))

    def discard_session(self, session_id: int) -> None:
        """Mark an unfinished session as abandoned; its attempts are kept."""
        with self._write() as connection:
            connection.execute(
                "UPDATE sessions SET status = 'abandoned', ended_at = ? "
                "WHERE id = ? AND status = 'active'",
                (_now(), session_id),
            )

    def save_review(
        self,
        question_id: str,
        *,
        card: str,
        due: str,
        state: int,
        rating: int,
        score: int | None,
        suggested_rating: int | None,
        previous_state: int,
        session_id: int | None,
        reviewed_at: str,
    ) -> int:
        """Store a question's rescheduled card and its review log, atomically.

        Returns the id of the review log entry.

        Raises:
            StorageError: the write failed, ``session_id`` names no session, or
                a value is out of range (rating 1-4, score 0-100, state 1-3).
        """
        try:
            with self._write() as connection:
                connection.execute(
                    "INSERT OR REPLACE INTO cards (question_id, card, due, state, "
                    "updated_at) VALUES (?, ?, ?, ?, ?)",
                    (question_id, card, due, state, reviewed_at),
                )
                cursor = connection.execute(
                    "INSERT INTO review_logs (question_id, session_id, rating, "
                    "score, suggested_rating, previous_state, reviewed_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        question_id,
                        session_id,
                        rating,
                        score,
                        suggested_rating,
                        previous_state,
                        reviewed_at,
                    ),
                )
        except sqlite3.IntegrityError as error:
            message = (
                f"could not save the review of {question_id!r} to {self.path}: "
                f"{error} (session {session_id}, rating {rating}, score {score}); "
                "pass the id of a stored session and values in range"
            )
            raise StorageError(message) from error
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    # -- reading -----------------------------------------------------------------

    def _read(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        try:
            return self._connection.execute(sql, parameters).fetchall()
        except sqlite3.DatabaseError as error:
            message = f"could not read {self.path}: {error}"
            raise StorageError(message) from error

    def session_ids(self, *, status: str | None = None) -> list[int]:
        """Return session ids, newest first, optionally of one status."""
        if status is None:
            rows = self._read("SELECT id FROM sessions ORDER BY id DESC")
        else:
            rows = self._read(
                "SELECT id FROM sessions WHERE status = ? ORDER BY id DESC", (status,)
            )
        return [row["id"] for row in rows]

    def unfinished_sessions(self) -> list[StoredSession]:
        """Return sessions that were neither finished nor discarded.

        Screenings are left out: a candidate's sitting is never resumed as
        the user's own interview.
        """
        sessions = [self.load_session(i) for i in self.session_ids(status="active")]
        return [session for session in sessions if session.mode != "screening"]

    def load_session(self, session_id: int) -> StoredSession:
        """Return one session with its attempts and draft.

        Raises:
            StorageError: no session has this id.
        """
        rows = self._read("SELECT * FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            message = (
                f"no session with id {session_id}; run 'interviewer history' "
                "to see the ids"
            )
            raise StorageError(message)
        row = rows[0]
        attempts = [
            _attempt_from_row(a)
            for a in self._read(
                "SELECT * FROM attempts WHERE session_id = ? ORDER BY position",
                (session_id,),
            )
        ]
        drafts = self._read("SELECT * FROM drafts WHERE session_id = ?", (session_id,))
        draft = (
            Draft(
                position=drafts[0]["position"],
                question_id=drafts[0]["question_id"],
                text=drafts[0]["text"],
                time_used=drafts[0]["time_used"],
                saved_at=drafts[0]["saved_at"],
            )
            if drafts
            else None
        )
        return StoredSession(
            id=row["id"],
            mode=row["mode"],
            settings=json.loads(row["settings"]),
            question_ids=json.loads(row["question_ids"]),
            started_at=row["started_at"],
            ended_at=row["ended_at"],
            status=row["status"],
            attempts=attempts,
            draft=draft,
        )

    def all_attempts(self) -> list[StoredAttempt]:
        """Return the attempts of every session but screenings, oldest first.

        Candidates' answers in screenings would skew the user's own weak spots.
        """
        return [
            _attempt_from_row(row)
            for row in self._read(
                "SELECT attempts.* FROM attempts JOIN sessions "
                "ON sessions.id = attempts.session_id "
                "WHERE sessions.mode != 'screening' "
                "ORDER BY attempts.created_at, attempts.id"
            )
        ]

    def load_card(self, question_id: str) -> StoredCard | None:
        """Return the card of one question; None when it was never reviewed."""
        rows = self._read("SELECT * FROM cards WHERE question_id = ?", (question_id,))
        return _card_from_row(rows[0]) if rows else None

    def load_cards(self) -> dict[str, StoredCard]:
        """Return every stored card by question id."""
        rows = self._read("SELECT * FROM cards ORDER BY due, question_id")
        return {row["question_id"]: _card_from_row(row) for row in rows}

    def load_reviews(self, *, since: str | None = None) -> list[StoredReview]:
        """Return review log entries, oldest first.

        Args:
            since: An ISO 8601 UTC time; only entries at or after it are returned.
        """
        if since is None:
            rows = self._read("SELECT * FROM review_logs ORDER BY reviewed_at, id")
        else:
            rows = self._read(
                "SELECT * FROM review_logs WHERE reviewed_at >= ? "
                "ORDER BY reviewed_at, id",
                (since,),
            )
        return [
            StoredReview(
                id=row["id"],
                question_id=row["question_id"],
                session_id=row["session_id"],
                rating=row["rating"],
                score=row["score"],
                suggested_rating=row["suggested_rating"],
                previous_state=row["previous_state"],
                reviewed_at=row["reviewed_at"],
            )
            for row in rows
        ]

    def close(self) -> None:
        """Checkpoint the WAL into the main file and close.

        After this, copying the database file alone carries every session.
        """
        try:
            self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.DatabaseError as error:
            logger.warning("WAL checkpoint of %s failed: %s", self.path, error)
        self._connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- screening sessions ------------------------------------------------------
    # A screening is a session of mode "screening" plus one row of
    # ``screenings``. Overrides and paste events refer to the same session id.

    def start_screening(
        self,
        *,
        candidate: str,
        plan_title: str,
        plan_path: str,
        question_ids: list[str],
        settings: dict[str, Any],
        pass_mark: int | None,
        candidate_feedback: str,
        pin_hash: str,
    ) -> int:
        """Record a new screening session and return its id."""
        with self._write() as connection:
            cursor = connection.execute(
                "INSERT INTO sessions (mode, settings, question_ids, started_at) "
                "VALUES ('screening', ?, ?, ?)",
                (json.dumps(settings), json.dumps(question_ids), _now()),
            )
            session_id = cursor.lastrowid
            connection.execute(
                "INSERT INTO screenings (session_id, candidate, plan_title, "
                "plan_path, pass_mark, candidate_feedback, pin_hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    candidate,
                    plan_title,
                    plan_path,
                    pass_mark,
                    candidate_feedback,
                    pin_hash,
                ),
            )
        assert session_id is not None
        return session_id

    def save_paste(
        self,
        session_id: int,
        position: int,
        question_id: str,
        text: str,
        seconds_in: float,
    ) -> None:
        """Record text pasted into the answer to the question at ``position``."""
        with self._write() as connection:
            connection.execute(
                "INSERT INTO paste_events (session_id, position, question_id, text, "
                "seconds_in, pasted_at) VALUES (?, ?, ?, ?, ?, ?)",
                (session_id, position, question_id, text, seconds_in, _now()),
            )

    def save_override(
        self, session_id: int, position: int, score: int, note: str
    ) -> None:
        """Set the final score of one answer; the automatic score is kept.

        Raises:
            StorageError: the session has no answer at ``position``, the
                score is not 0 to 100, the note is empty, or the write failed.
        """
        problem = None
        if not 0 <= score <= 100:
            problem = f"the score {score} is not from 0 to 100"
        elif not note.strip():
            problem = "the note is empty; say why the score was changed"
        elif not self._read(
            "SELECT 1 FROM attempts WHERE session_id = ? AND position = ?",
            (session_id, position),
        ):
            problem = f"session {session_id} has no answer to question {position}"
        if problem is not None:
            message = f"cannot override the score: {problem}"
            raise StorageError(message)
        with self._write() as connection:
            connection.execute(
                "INSERT OR REPLACE INTO score_overrides (session_id, position, "
                "score, note, updated_at) VALUES (?, ?, ?, ?, ?)",
                (session_id, position, score, note.strip(), _now()),
            )

    def clear_override(self, session_id: int, position: int) -> None:
        """Remove an override, so the automatic score counts again."""
        with self._write() as connection:
            connection.execute(
                "DELETE FROM score_overrides WHERE session_id = ? AND position = ?",
                (session_id, position),
            )

    def save_decision(self, session_id: int, decision: str, note: str) -> None:
        """Record the interviewer's decision on a screening, replacing any before.

        Raises:
            StorageError: ``decision`` is not advance, hold or reject, the
                session is not a screening, or the write failed.
        """
        try:
            with self._write() as connection:
                cursor = connection.execute(
                    "UPDATE screenings SET decision = ?, decision_note = ?, "
                    "decided_at = ? WHERE session_id = ?",
                    (decision, note.strip(), _now(), session_id),
                )
        except sqlite3.IntegrityError:
            message = (
                f"cannot record the decision {decision!r}; use advance, hold or reject"
            )
            raise StorageError(message) from None
        if cursor.rowcount == 0:
            raise StorageError(_not_a_screening(session_id))

    def screening_ids(self, *, plan_title: str | None = None) -> list[int]:
        """Return screening session ids, newest first, optionally of one plan."""
        if plan_title is None:
            rows = self._read("SELECT session_id FROM screenings ORDER BY 1 DESC")
        else:
            rows = self._read(
                "SELECT session_id FROM screenings WHERE plan_title = ? "
                "ORDER BY 1 DESC",
                (plan_title,),
            )
        return [row["session_id"] for row in rows]

    def load_screening(self, session_id: int) -> StoredScreening:
        """Return one screening with its answers, overrides and paste events.

        Raises:
            StorageError: no session has this id, or it is not a screening.
        """
        session = self.load_session(session_id)
        rows = self._read(
            "SELECT * FROM screenings WHERE session_id = ?", (session_id,)
        )
        if not rows:
            raise StorageError(_not_a_screening(session_id))
        row = rows[0]
        overrides = {
            o["position"]: StoredOverride(
                position=o["position"],
                score=o["score"],
                note=o["note"],
                updated_at=o["updated_at"],
            )
            for o in self._read(
                "SELECT * FROM score_overrides WHERE session_id = ?", (session_id,)
            )
        }
        pastes = [
            StoredPaste(
                position=p["position"],
                question_id=p["question_id"],
                text=p["text"],
                seconds_in=p["seconds_in"],
                pasted_at=p["pasted_at"],
            )
            for p in self._read(
                "SELECT * FROM paste_events WHERE session_id = ? ORDER BY id",
                (session_id,),
            )
        ]
        return StoredScreening(
            session=session,
            candidate=row["candidate"],
            plan_title=row["plan_title"],
            plan_path=row["plan_path"],
            pass_mark=row["pass_mark"],
            candidate_feedback=row["candidate_feedback"],
            pin_hash=row["pin_hash"],
            decision=row["decision"],
            decision_note=row["decision_note"],
            decided_at=row["decided_at"],
            overrides=overrides,
            pastes=pastes,
        )


def _not_a_screening(session_id: int) -> str:
    return (
        f"session {session_id} is not a screening; run 'interviewer review' "
        "to list the screenings"
    )


class _ForeignDatabase(Exception):
    """The file is a valid SQLite database that another program owns."""


def _attempt_from_row(row: sqlite3.Row) -> StoredAttempt:
    return StoredAttempt(
        position=row["position"],
        question_id=row["question_id"],
        answer=row["answer"],
        score=row["score"],
        band=row["band"],
        result=result_from_json(json.loads(row["result"])),
        rubric_fingerprint=row["rubric_fingerprint"],
        outcome=row["outcome"],
        time_allowed=row["time_allowed"],
        time_used=row["time_used"],
        created_at=row["created_at"],
    )


def _card_from_row(row: sqlite3.Row) -> StoredCard:
    return StoredCard(
        question_id=row["question_id"],
        card=row["card"],
        due=row["due"],
        state=row["state"],
        updated_at=row["updated_at"],
    )


def _split_sql(script: str) -> list[str]:
    return [statement.strip() for statement in script.split(";") if statement.strip()]


def attempt_json(attempt: StoredAttempt) -> dict[str, Any]:
    """Return a JSON-ready dict of a stored attempt, for exports."""
    data = asdict(attempt)
    data["result"] = attempt.result.to_json()
    return data
