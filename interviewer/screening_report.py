"""Screening reports: one candidate as Markdown or JSON, a plan's candidates as a table.

Report files hold candidates' names and answers, so :func:`write_private`
creates them readable by their owner only.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from interviewer.catalog import Catalog
from interviewer.errors import InterviewerError
from interviewer.storage import StoredAttempt, StoredPaste, StoredScreening
from interviewer.timer import format_seconds

SESSION_FORMATS = ("md", "json")
PLAN_FORMATS = ("csv", "md", "json")
PLAN_COLUMNS = (
    "session_id",
    "candidate",
    "started_at",
    "status",
    "answered",
    "questions",
    "automatic_total",
    "final_total",
    "passed",
    "decision",
    "decision_note",
    "same_questions",
)

_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""Spreadsheets run a cell that starts with one of these as a formula."""


# -- one candidate -------------------------------------------------------------


def _paste_json(paste: StoredPaste) -> dict[str, Any]:
    return {
        "chars": paste.chars,
        "lines": paste.lines,
        "seconds_in": round(paste.seconds_in, 1),
        "pasted_at": paste.pasted_at,
        "text": paste.text,
    }


def _answer_json(record: StoredScreening, attempt: StoredAttempt) -> dict[str, Any]:
    override = record.overrides.get(attempt.position)
    result = attempt.result
    return {
        "answered": True,
        "answer": attempt.answer,
        "outcome": attempt.outcome,
        "time_allowed": attempt.time_allowed,
        "time_used": round(attempt.time_used, 1),
        "automatic_score": record.automatic_score(attempt),
        "band": attempt.band,
        "override": (
            {
                "score": override.score,
                "note": override.note,
                "updated_at": override.updated_at,
            }
            if override
            else None
        ),
        "final_score": record.final_score(attempt),
        "concepts": [
            {
                "label": concept.label,
                "status": str(concept.status),
                "evidence": concept.match.evidence if concept.match else None,
            }
            for concept in result.concepts
        ],
        "misconceptions": [
            {"label": wrong.label, "evidence": wrong.match.evidence}
            for wrong in result.misconceptions
        ],
        "flags": [flag.message for flag in result.flags],
    }


def screening_json(record: StoredScreening, catalog: Catalog) -> dict[str, Any]:
    """Return a JSON-ready report of one screening; the layout is stable."""
    session = record.session
    questions = []
    for position, question_id in enumerate(session.question_ids, start=1):
        item: dict[str, Any] = {
            "position": position,
            "question_id": question_id,
            "prompt": _prompt(catalog, question_id),
        }
        attempt = record.attempt_at(position)
        if attempt is None:
            item.update(answered=False, automatic_score=0, final_score=0)
        else:
            item.update(_answer_json(record, attempt))
        item["pastes"] = [_paste_json(p) for p in record.pastes_at(position)]
        questions.append(item)
    return {
        "session_id": record.id,
        "candidate": record.candidate,
        "plan": {
            "title": record.plan_title,
            "path": record.plan_path,
            "pass_mark": record.pass_mark,
            "candidate_feedback": record.candidate_feedback,
            "time_per_question": session.settings.get("time_per_question"),
        },
        "status": session.status,
        "started_at": session.started_at,
        "ended_at": session.ended_at,
        "automatic_total": record.automatic_total,
        "final_total": record.final_total,
        "passed": record.passed,
        "decision": (
            {
                "decision": record.decision,
                "note": record.decision_note,
                "decided_at": record.decided_at,
            }
            if record.decision
            else None
        ),
        "questions": questions,
    }


def screening_to_json(record: StoredScreening, catalog: Catalog) -> str:
    return json.dumps(screening_json(record, catalog), indent=2, ensure_ascii=False)


def _prompt(catalog: Catalog, question_id: str) -> str | None:
    try:
        return catalog.get(question_id).prompt
    except InterviewerError:
        return None


def describe_time(attempt: StoredAttempt) -> str:
    """Return the time an answer took, such as ``1:12 of 2:00``."""
    used = format_seconds(attempt.time_used)
    if attempt.time_allowed is None:
        return used
    return f"{used} of {format_seconds(attempt.time_allowed)}"


def describe_pastes(pastes: list[StoredPaste]) -> str:
    """Return the pastes into one answer on one line, with size and time.

    For example ``1 paste: 340 characters, 2 lines at 0:10``.
    """
    if not pastes:
        return "no pastes"
    noun = "paste" if len(pastes) == 1 else "pastes"
    parts = [f"{p.describe_size()} at {format_seconds(p.seconds_in)}" for p in pastes]
    return f"{len(pastes)} {noun}: " + ", ".join(parts)


def describe_total(record: StoredScreening) -> str:
    """Return the final total with the pass mark verdict, when there is one."""
    text = f"{record.final_total}/100"
    if record.passed is None:
        return text
    verdict = "passed" if record.passed else "below the pass mark"
    return f"{text} (pass mark {record.pass_mark}: {verdict})"


def _cell(text: str) -> str:
    """Return text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _quoted(text: str) -> list[str]:
    return [f"> {line}" if line else ">" for line in text.splitlines()] or [
        "> (no answer typed)"
    ]


def _markdown_answer(
    record: StoredScreening, position: int, attempt: StoredAttempt | None
) -> list[str]:
    if attempt is None:
        return ["Not answered: the screening stopped before this question."]
    automatic = record.automatic_score(attempt)
    lines = [
        f"- Automatic score: {automatic}/100 ({attempt.band})",
    ]
    override = record.overrides.get(position)
    if override is not None:
        lines.append(f"- Final score: {override.score}/100, set by the interviewer")
        lines.append(f"- Override note: {_cell(override.note)}")
    else:
        lines.append(f"- Final score: {automatic}/100")
    lines += [
        f"- Outcome: {attempt.outcome} after {describe_time(attempt)}",
        f"- Pastes: {describe_pastes(record.pastes_at(position))}",
        "",
        "Answer:",
        "",
        *_quoted(attempt.answer),
        "",
        "Concepts:",
        "",
    ]
    for concept in attempt.result.concepts:
        if concept.covered and concept.match is not None:
            lines.append(f'- [x] {concept.label}: "{concept.match.evidence}"')
        else:
            lines.append(f"- [ ] {concept.label} ({concept.status})")
    for wrong in attempt.result.misconceptions:
        lines.append(f'- Misconception: {wrong.label}: "{wrong.match.evidence}"')
    return lines


def screening_to_markdown(record: StoredScreening, catalog: Catalog) -> str:
    """Return a Markdown report of one screening for the hiring team."""
    session = record.session
    decision = "not decided yet"
    if record.decision:
        decision = record.decision
        if record.decision_note:
            decision += f" ({_cell(record.decision_note)})"
    lines = [
        f"# Screening: {record.plan_title}",
        "",
        f"- Candidate: {record.candidate}",
        f"- Session: {record.id} ({session.status})",
        f"- Started: {session.started_at}",
        f"- Ended: {session.ended_at or 'not finished'}",
        f"- Automatic total: {record.automatic_total}/100",
        f"- Final total: {describe_total(record)}",
        f"- Decision: {decision}",
        "",
        "| # | Question | Automatic | Final | Outcome | Time used | Pastes |",
        "|---|---|---|---|---|---|---|",
    ]
    for position, question_id in enumerate(session.question_ids, start=1):
        attempt = record.attempt_at(position)
        if attempt is None:
            lines.append(f"| {position} | {question_id} | 0 | 0 | not answered | | |")
            continue
        pastes = record.pastes_at(position)
        lines.append(
            f"| {position} | {question_id} | {record.automatic_score(attempt)} | "
            f"{record.final_score(attempt)} | {attempt.outcome} | "
            f"{describe_time(attempt)} | {len(pastes)} |"
        )
    for position, question_id in enumerate(session.question_ids, start=1):
        prompt = _prompt(catalog, question_id) or question_id
        lines += ["", f"## {position}. {_cell(prompt)}", ""]
        lines += _markdown_answer(record, position, record.attempt_at(position))
    return "\n".join(lines) + "\n"


SESSION_RENDERERS: dict[str, Callable[[StoredScreening, Catalog], str]] = {
    "md": screening_to_markdown,
    "json": screening_to_json,
}


# -- every candidate of a plan -------------------------------------------------


def plan_rows(
    records: list[StoredScreening], question_ids: tuple[str, ...]
) -> list[dict[str, Any]]:
    """Return one row per screening, best final total first.

    ``same_questions`` is false for a screening that asked other questions
    than ``question_ids``, such as one held before the plan was edited.
    """
    rows: list[dict[str, Any]] = [
        {
            "session_id": record.id,
            "candidate": record.candidate,
            "started_at": record.session.started_at,
            "status": record.session.status,
            "answered": len(record.session.attempts),
            "questions": len(record.session.question_ids),
            "automatic_total": record.automatic_total,
            "final_total": record.final_total,
            "passed": record.passed,
            "decision": record.decision or "",
            "decision_note": record.decision_note,
            "same_questions": tuple(record.session.question_ids) == question_ids,
        }
        for record in records
    ]
    rows.sort(key=lambda row: (-row["final_total"], row["session_id"]))
    return rows


def _spreadsheet_safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else value


def plan_to_csv(title: str, rows: list[dict[str, Any]]) -> str:
    """Return the rows as CSV with a header; text cells cannot run as formulas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["plan", *PLAN_COLUMNS])
    for row in rows:
        cells = [title, *(row[column] for column in PLAN_COLUMNS)]
        writer.writerow([_spreadsheet_safe(cell) for cell in cells])
    return buffer.getvalue()


def plan_to_json(title: str, rows: list[dict[str, Any]]) -> str:
    return json.dumps({"plan": title, "candidates": rows}, indent=2, ensure_ascii=False)


def plan_to_markdown(title: str, rows: list[dict[str, Any]]) -> str:
    lines = [
        f"# Screening: {title}",
        "",
        "| Session | Candidate | Answered | Automatic | Final | Pass | Decision |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        passed = {True: "yes", False: "no", None: ""}[row["passed"]]
        mark = "" if row["same_questions"] else " *"
        lines.append(
            f"| {row['session_id']}{mark} | {_cell(row['candidate'])} | "
            f"{row['answered']}/{row['questions']} | {row['automatic_total']} | "
            f"{row['final_total']} | {passed} | {_cell(row['decision'])} |"
        )
    if not all(row["same_questions"] for row in rows):
        lines += ["", "\\* asked other questions than the plan lists now."]
    return "\n".join(lines) + "\n"


PLAN_RENDERERS: dict[str, Callable[[str, list[dict[str, Any]]], str]] = {
    "csv": plan_to_csv,
    "md": plan_to_markdown,
    "json": plan_to_json,
}


# -- files ---------------------------------------------------------------------


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` with mode 0600, also when the file exists.

    Raises:
        InterviewerError: the file cannot be written.
    """
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as error:
        message = f"cannot write {path}: {error.strerror}"
        raise InterviewerError(message) from None
    try:
        # os.open applies the mode only to a file it creates.
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as file:
            descriptor = -1
            file.write(text)
    except OSError as error:
        message = f"cannot write {path}: {error.strerror}"
        raise InterviewerError(message) from None
    finally:
        if descriptor != -1:
            os.close(descriptor)
