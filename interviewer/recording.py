"""Save an interview to the database as it goes, and rebuild one to resume."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from interviewer.bank import Question
from interviewer.catalog import Catalog
from interviewer.errors import InterviewerError
from interviewer.export import to_markdown
from interviewer.session import Attempt, InterviewSession, Mode, Outcome
from interviewer.storage import (
    Store,
    StoredAttempt,
    StoredSession,
    rubric_fingerprint,
)
from interviewer.timer import format_seconds


class ResumeError(InterviewerError):
    """Raised when a stored session cannot be rebuilt against the loaded bank."""


@dataclass(frozen=True, slots=True)
class DraftAnswer:
    """The answer being typed to the current question."""

    text: str
    time_used: float
    """Seconds of the question's clock used so far."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SessionRecorder:
    """Saves one interview session, its attempts and its draft to a store.

    Every method that writes raises :class:`StorageError` when the write
    fails. Whatever was not saved stays pending, and the next call saves it
    first, so a failed write loses nothing while the app keeps running.

    Args:
        store: The open database.
        session: The session to save; attempts are read from it.
        settings: The start screen's choices, stored with the session.
        session_id: The stored session's id when resuming one.
        started_at: When the session started, as ISO 8601 in UTC.
    """

    def __init__(
        self,
        store: Store,
        session: InterviewSession,
        settings: dict[str, Any],
        *,
        session_id: int | None = None,
        started_at: str | None = None,
    ) -> None:
        self.store = store
        self.session = session
        self.settings = settings
        self.session_id = session_id
        self.started_at = started_at or _now()
        # A resumed session was stored up to its last attempt.
        self.saved_attempts = len(session.attempts) if session_id is not None else 0
        self._finish_saved = False

    @property
    def pending(self) -> bool:
        """True while part of the session is not yet in the database."""
        return (
            self.session_id is None
            or self.saved_attempts < len(self.session.attempts)
            or (self.session.finished and not self._finish_saved)
        )

    def sync(self) -> None:
        """Store the session, every attempt not yet stored, and the finish.

        Raises:
            StorageError: a write failed; what was saved before it stays.
        """
        session = self.session
        if self.session_id is None:
            question_ids = [question.id for question in session.questions]
            self.session_id = self.store.start_session(
                str(session.mode), self.settings, question_ids
            )
        while self.saved_attempts < len(session.attempts):
            position = self.saved_attempts + 1
            self._save_attempt(position, session.attempts[position - 1])
            self.saved_attempts = position
        if session.finished and not self._finish_saved:
            self.store.finish_session(self.session_id)
            self._finish_saved = True

    def _save_attempt(self, position: int, attempt: Attempt) -> None:
        assert self.session_id is not None
        question_id = attempt.question.id
        rubric = self.session.catalog.rubric(question_id)
        self.store.save_attempt(
            self.session_id,
            position,
            question_id=question_id,
            answer=attempt.answer,
            result=attempt.result,
            fingerprint=rubric_fingerprint(rubric),
            outcome=str(attempt.outcome),
            time_allowed=attempt.time_allowed,
            time_used=attempt.time_used,
        )

    def save_draft(self, draft: DraftAnswer) -> None:
        """Store the answer being typed to the current question.

        Pending attempts are saved first, so the draft never gets ahead of
        the attempts before it.

        Raises:
            StorageError: a write failed.
        """
        self.sync()
        if self.session.finished:
            return
        assert self.session_id is not None
        self.store.save_draft(
            self.session_id,
            self.session.position,
            self.session.current.id,
            draft.text,
            draft.time_used,
        )

    def export_markdown(self, draft: DraftAnswer | None) -> str:
        """Return the session so far as Markdown, with the draft at the end."""
        return session_markdown(
            self.session,
            session_id=self.session_id,
            started_at=self.started_at,
            draft=draft,
        )


def session_markdown(
    session: InterviewSession,
    *,
    session_id: int | None,
    started_at: str,
    draft: DraftAnswer | None,
) -> str:
    """Return an in-progress session as the Markdown of ``interviewer export``.

    The answer being typed, which the database report would not include, is
    added as a last section.
    """
    stored = StoredSession(
        id=session_id or 0,
        mode=str(session.mode),
        settings={},
        question_ids=[question.id for question in session.questions],
        started_at=started_at,
        ended_at=None,
        status="active",
        attempts=[
            _stored_attempt(session, position, attempt)
            for position, attempt in enumerate(session.attempts, start=1)
        ],
        draft=None,
    )
    prompts = {question.id: question.prompt for question in session.questions}
    text = to_markdown(stored, prompts)
    if draft is None or session.finished:
        return text
    question = session.current
    allowed = format_seconds(session.time_allowed(question))
    lines = [
        "",
        f"## {session.position}. {question.prompt}",
        "",
        f"Not submitted yet; {format_seconds(draft.time_used)} used of {allowed}.",
        "",
        "Answer so far:",
        "",
    ]
    lines += [f"> {line}" if line else ">" for line in draft.text.splitlines()] or [
        "> (empty)"
    ]
    return text + "\n".join(lines) + "\n"


def _stored_attempt(
    session: InterviewSession, position: int, attempt: Attempt
) -> StoredAttempt:
    rubric = session.catalog.rubric(attempt.question.id)
    return StoredAttempt(
        position=position,
        question_id=attempt.question.id,
        answer=attempt.answer,
        score=attempt.result.score,
        band=attempt.result.band,
        result=attempt.result,
        rubric_fingerprint=rubric_fingerprint(rubric),
        outcome=str(attempt.outcome),
        time_allowed=attempt.time_allowed,
        time_used=attempt.time_used,
        created_at="",
    )


def attempt_from_stored(stored: StoredAttempt, question: Question) -> Attempt:
    """Rebuild a session attempt from its database row.

    Raises:
        ResumeError: the row's outcome is not one a mock interview records.
    """
    try:
        outcome = Outcome(stored.outcome)
    except ValueError:
        message = (
            f"attempt {stored.position} at {stored.question_id!r} has the "
            f"outcome {stored.outcome!r}, which a mock interview does not record"
        )
        raise ResumeError(message) from None
    return Attempt(
        question=question,
        answer=stored.answer,
        result=stored.result,
        outcome=outcome,
        time_allowed=stored.time_allowed,
        time_used=stored.time_used,
    )


@dataclass(frozen=True, slots=True)
class ResumePoint:
    """An unfinished session rebuilt, ready to carry on where it stopped."""

    stored: StoredSession
    session: InterviewSession
    draft: DraftAnswer
    """The answer typed to the current question; empty when none was saved."""

    @property
    def time_left(self) -> float:
        """Seconds left on the current question; 0 when every one is answered."""
        if self.session.finished:
            return 0.0
        allowed = self.session.time_allowed(self.session.current)
        return max(0.0, allowed - self.draft.time_used)


def resume_point(stored: StoredSession, catalog: Catalog) -> ResumePoint:
    """Rebuild an unfinished session with its attempts and draft.

    The clock does not run while the app is closed, so the current question
    keeps the time it had left at the last save.

    Raises:
        ResumeError: a question of the session is not in ``catalog``, the
            stored settings or attempts do not fit the session, or it was not
            a mock interview.
    """
    if stored.mode != Mode.MOCK:
        message = (
            f"session {stored.id} is a {stored.mode} session; only mock "
            "interviews can be resumed here"
        )
        raise ResumeError(message)
    known = {question.id: question for question in catalog.questions}
    missing = [qid for qid in stored.question_ids if qid not in known]
    if missing:
        message = (
            f"session {stored.id} asks {', '.join(map(repr, missing))}, which "
            "the loaded bank does not have; start interviewer with the same "
            "--bank and --rubrics options as before"
        )
        raise ResumeError(message)
    time_limit = stored.settings.get("time_limit")
    if time_limit is not None and (
        not isinstance(time_limit, int) or isinstance(time_limit, bool)
    ):
        message = (
            f"session {stored.id} has the time limit {time_limit!r}, which is "
            "not a whole number of seconds"
        )
        raise ResumeError(message)
    questions = [known[qid] for qid in stored.question_ids]
    attempts = []
    for index, row in enumerate(stored.attempts):
        if row.position != index + 1 or index >= len(questions):
            message = (
                f"session {stored.id} has an attempt at position {row.position} "
                f"but {index} before it; it cannot be resumed"
            )
            raise ResumeError(message)
        if row.question_id != questions[index].id:
            message = (
                f"session {stored.id} answered {row.question_id!r} at position "
                f"{row.position}, where it asked {questions[index].id!r}"
            )
            raise ResumeError(message)
        attempts.append(attempt_from_stored(row, questions[index]))
    session = InterviewSession(
        catalog, questions, time_limit=time_limit, attempts=attempts
    )
    return ResumePoint(stored, session, _resumed_draft(stored, session))


def _resumed_draft(stored: StoredSession, session: InterviewSession) -> DraftAnswer:
    draft = stored.draft
    if (
        draft is None
        or session.finished
        or draft.position != session.position
        or draft.question_id != session.current.id
    ):
        return DraftAnswer("", 0.0)
    allowed = session.time_allowed(session.current)
    return DraftAnswer(draft.text, min(max(0.0, draft.time_used), float(allowed)))
