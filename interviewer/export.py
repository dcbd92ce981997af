"""Session reports as Markdown, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from interviewer.scoring.result import band_for
from interviewer.storage import StoredAttempt, StoredSession, attempt_json
from interviewer.timer import format_seconds

FORMATS = ("md", "json", "csv")


def counted_score(attempt: StoredAttempt) -> tuple[int, str]:
    """Return the score and band an attempt counts for in its session.

    A skipped question scores 0, as in the session's overall score, even
    though the text typed before skipping was scored and that result stored.
    """
    if attempt.outcome == "skipped":
        return 0, band_for(0)
    return attempt.score, attempt.band


def session_json(session: StoredSession, prompts: dict[str, str]) -> dict[str, Any]:
    return {
        "id": session.id,
        "mode": session.mode,
        "status": session.status,
        "started_at": session.started_at,
        "ended_at": session.ended_at,
        "settings": session.settings,
        "question_ids": session.question_ids,
        "overall_score": session.overall_score,
        "attempts": [_attempt_report(a, prompts) for a in session.attempts],
    }


def _attempt_report(attempt: StoredAttempt, prompts: dict[str, str]) -> dict[str, Any]:
    score, band = counted_score(attempt)
    report = attempt_json(attempt)
    report.update(score=score, band=band, prompt=prompts.get(attempt.question_id))
    return report


def to_json(session: StoredSession, prompts: dict[str, str]) -> str:
    return json.dumps(session_json(session, prompts), indent=2, ensure_ascii=False)


def to_csv(session: StoredSession, prompts: dict[str, str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "session_id", "position", "question_id", "prompt", "score", "band",
            "outcome", "time_allowed", "time_used", "covered", "missed", "answer",
        ]
    )  # fmt: skip
    for a in session.attempts:
        writer.writerow(
            [
                session.id,
                a.position,
                a.question_id,
                prompts.get(a.question_id, ""),
                *counted_score(a),
                a.outcome,
                "" if a.time_allowed is None else round(a.time_allowed),
                round(a.time_used, 1),
                "; ".join(c.label for c in a.result.concepts if c.covered),
                "; ".join(c.label for c in a.result.concepts if not c.covered),
                a.answer,
            ]
        )
    return buffer.getvalue()


def to_markdown(session: StoredSession, prompts: dict[str, str]) -> str:
    lines = [
        f"# Interview session {session.id}" if session.id else "# Interview session",
        "",
        f"- Mode: {session.mode}",
        f"- Started: {session.started_at}",
        f"- Ended: {session.ended_at or 'not finished'}",
        f"- Overall score: {session.overall_score}/100",
        "",
        "| # | Question | Score | Outcome | Time used |",
        "|---|---|---|---|---|",
    ]
    for a in session.attempts:
        allowed = f" of {format_seconds(a.time_allowed)}" if a.time_allowed else ""
        score, band = counted_score(a)
        lines.append(
            f"| {a.position} | {a.question_id} | {score} ({band}) | "
            f"{a.outcome} | {format_seconds(a.time_used)}{allowed} |"
        )
    for a in session.attempts:
        lines += [
            "",
            f"## {a.position}. {prompts.get(a.question_id, a.question_id)}",
            "",
        ]
        score, band = counted_score(a)
        lines.append(f"Score {score}/100 ({band}), {a.outcome}.")
        lines += ["", "Answer:", ""]
        lines += [f"> {line}" if line else ">" for line in a.answer.splitlines()] or [
            "> (empty)"
        ]
        lines += ["", "Concepts:", ""]
        for concept in a.result.concepts:
            if concept.covered and concept.match is not None:
                lines.append(f'- [x] {concept.label}: "{concept.match.evidence}"')
            else:
                lines.append(f"- [ ] {concept.label} ({concept.status})")
        for wrong in a.result.misconceptions:
            lines.append(
                f"- Misconception (-{wrong.penalty:g}): {wrong.label}: "
                f'"{wrong.match.evidence}"'
            )
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[StoredSession, dict[str, str]], str]] = {
    "md": to_markdown,
    "json": to_json,
    "csv": to_csv,
}
