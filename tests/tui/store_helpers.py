"""Helpers for tests of what the interview app saves: queries, notices, sessions."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.app import App

from interviewer.catalog import Catalog
from interviewer.recording import DraftAnswer, SessionRecorder
from interviewer.session import InterviewSession, Outcome
from interviewer.storage import Store

SAMPLE_ORDER = ("sample-cold-starts", "sample-layers")
"""The sample bank's questions in the order a seed of 0 asks them."""


def query(path: Path, sql: str, parameters: tuple[Any, ...] = ()) -> list[Any]:
    """Return the rows of ``sql`` read through a connection of its own."""
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, parameters).fetchall()
    finally:
        connection.close()


@dataclass(frozen=True)
class Notice:
    title: str
    message: str
    severity: str


def record_notices(app: App[Any]) -> list[Notice]:
    """Record every notification the app shows, and still show it."""
    notices: list[Notice] = []
    notify = app.notify

    def recording_notify(message: str, **options: Any) -> None:
        notices.append(
            Notice(
                str(options.get("title", "")),
                message,
                str(options.get("severity", "information")),
            )
        )
        notify(message, **options)

    app.notify = recording_notify  # type: ignore[method-assign]
    return notices


def save_session(
    store: Store,
    catalog: Catalog,
    answers: Sequence[tuple[str, Outcome]] = (),
    *,
    draft: DraftAnswer | None = None,
    question_ids: Sequence[str] = SAMPLE_ORDER,
) -> int:
    """Store a mock session with these answers, as the app would, and return its id.

    A session with an answer to every question is stored as finished.
    """
    by_id = {question.id: question for question in catalog.questions}
    session = InterviewSession(catalog, [by_id[qid] for qid in question_ids])
    recorder = SessionRecorder(store, session, {"count": len(question_ids)})
    for index, (answer, outcome) in enumerate(answers):
        session.record(answer, outcome, 10.0 * (index + 1))
    recorder.sync()
    if draft is not None:
        recorder.save_draft(draft)
    assert recorder.session_id is not None
    return recorder.session_id


def pin_times(path: Path, started_at: str = "2026-03-02T09:15:00+00:00") -> None:
    """Give every session the same start and end, for stable screenshots."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute(
                "UPDATE sessions SET started_at = ?, "
                "ended_at = CASE WHEN ended_at IS NULL THEN NULL ELSE ? END",
                (started_at, started_at),
            )
    finally:
        connection.close()
