"""Session reports as Markdown, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from interviewer.storage import StoredSession, attempt_json
from interviewer.timer import format_seconds

FORMATS = ("md", "json", "csv")


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
        "attempts": [
            {**attempt_json(a), "prompt": prompts.get(a.question_id)}
            for a in session.attempts
        ],
    }


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
                a.score,
                a.band,
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
        f"# Interview session {session.id}",
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
        lines.append(
            f"| {a.position} | {a.question_id} | {a.score} ({a.band}) | "
            f"{a.outcome} | {format_seconds(a.time_used)}{allowed} |"
        )
    for a in session.attempts:
        lines += [
            "",
            f"## {a.position}. {prompts.get(a.question_id, a.question_id)}",
            "",
        ]
        lines.append(f"Score {a.score}/100 ({a.band}), {a.outcome}.")
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
