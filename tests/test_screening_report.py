"""Screening reports and the validate-plan, screen, review and report commands."""

from __future__ import annotations

import csv
import io
import json
import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from screening_records import (
    GOOD_ANSWERS,
    PLAN_FILE,
    SCREENING_DATA,
    screening_catalog,
    store_screening,
)

from interviewer.catalog import Catalog
from interviewer.cli import main
from interviewer.screening import load_plan
from interviewer.screening_commands import _write_rescue_file
from interviewer.screening_report import (
    plan_rows,
    plan_to_csv,
    screening_json,
    screening_to_markdown,
    write_private,
)
from interviewer.storage import Store

BANK = [
    "--bank",
    str(SCREENING_DATA / "bank"),
    "--rubrics",
    str(SCREENING_DATA / "rubrics"),
]
PLAN_IDS = ("scr-quorum", "scr-backpressure", "scr-idempotency")


@pytest.fixture
def catalog() -> Catalog:
    return screening_catalog()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with Store(data_dir / "interviewer.sqlite3") as opened:
        yield opened


@pytest.fixture
def session_id(store: Store, catalog: Catalog) -> int:
    """A screening with an override, a decision and a paste; question 3 unanswered."""
    answers = {qid: GOOD_ANSWERS[qid] for qid in ("scr-quorum", "scr-backpressure")}
    session_id = store_screening(store, catalog, answers, finished=False)
    store.save_override(session_id, 2, 35, "read it | from notes")
    store.save_decision(session_id, "hold", "compare with the next candidate")
    store.save_paste(session_id, 1, "scr-quorum", "majority quorum\nof replicas", 7)
    return session_id


def run(*args: str) -> int:
    return main([*args, *BANK])


# -- one candidate -------------------------------------------------------------


def test_markdown_report_content(
    store: Store, catalog: Catalog, session_id: int
) -> None:
    record = store.load_screening(session_id)
    text = screening_to_markdown(record, catalog)
    assert text.startswith("# Screening: Platform engineer, first round\n")
    assert "- Candidate: Ada Lovelace" in text
    assert f"- Session: {session_id} (active)" in text
    assert f"- Automatic total: {record.automatic_total}/100" in text
    assert (
        f"- Final total: {record.final_total}/100 (pass mark 50: below the pass mark)"
        in text
    )
    assert "- Decision: hold (compare with the next candidate)" in text
    automatic = record.session.attempts[1].score
    assert (
        f"| 2 | scr-backpressure | {automatic} | 35 | submitted | 0:22 of 1:00 | 0 |"
        in text
    )
    assert "| 3 | scr-idempotency | 0 | 0 | not answered | | |" in text
    assert "- Override note: read it \\| from notes" in text
    assert "- Pastes: 1 paste: 27 characters, 2 lines at 0:07" in text
    assert "## 1. How does a replicated database decide that a write succeeded?" in text
    assert f"> {GOOD_ANSWERS['scr-quorum']}" in text
    assert '- [x] Majority quorum acknowledges: "majority quorum"' in text
    assert "Not answered: the screening stopped before this question." in text


def test_json_report_content(store: Store, catalog: Catalog, session_id: int) -> None:
    record = store.load_screening(session_id)
    data = screening_json(record, catalog)
    assert data["candidate"] == "Ada Lovelace"
    assert data["plan"]["title"] == "Platform engineer, first round"
    assert data["plan"]["pass_mark"] == 50
    assert data["status"] == "active"
    assert (data["automatic_total"], data["final_total"]) == (
        record.automatic_total,
        record.final_total,
    )
    assert data["passed"] is False
    assert data["decision"]["decision"] == "hold"

    first, second, third = data["questions"]
    assert first["answered"] is True
    assert first["time_used"] == 21.0
    assert first["pastes"][0]["chars"] == 27
    assert first["pastes"][0]["lines"] == 2
    assert first["pastes"][0]["seconds_in"] == 7
    assert second["automatic_score"] == record.session.attempts[1].score
    assert second["override"]["score"] == 35
    assert second["final_score"] == 35
    assert third == {
        "position": 3,
        "question_id": "scr-idempotency",
        "prompt": "How do you make a payment API safe to retry?",
        "answered": False,
        "automatic_score": 0,
        "final_score": 0,
        "pastes": [],
    }
    json.dumps(data)


# -- every candidate of a plan -------------------------------------------------


def test_plan_rows_best_first(store: Store, catalog: Catalog) -> None:
    weak = store_screening(store, catalog, {"scr-quorum": "no idea"}, candidate="B")
    strong = store_screening(store, catalog, GOOD_ANSWERS, candidate="A")
    other = store_screening(
        store, catalog, GOOD_ANSWERS, candidate="C", question_ids=["scr-quorum"]
    )
    records = [store.load_screening(i) for i in (weak, strong, other)]
    rows = plan_rows(records, PLAN_IDS)
    expected = sorted(records, key=lambda r: (-r.final_total, r.id))
    assert [row["session_id"] for row in rows] == [r.id for r in expected]
    assert rows[-1]["candidate"] == "B"
    same = {row["candidate"]: row["same_questions"] for row in rows}
    assert same == {"A": True, "B": True, "C": False}


def test_plan_csv_columns_and_formulas(store: Store, catalog: Catalog) -> None:
    store_screening(store, catalog, GOOD_ANSWERS, candidate="=HYPERLINK(1)")
    rows = plan_rows([store.load_screening(1)], PLAN_IDS)
    table = list(csv.DictReader(io.StringIO(plan_to_csv("Plan", rows))))
    [row] = table
    assert row["plan"] == "Plan"
    assert row["candidate"] == "'=HYPERLINK(1)"
    assert row["passed"] == "yes"
    assert row["decision"] == ""
    assert row["same_questions"] == "yes"


# -- files ---------------------------------------------------------------------


def test_write_private_mode_0600(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    write_private(path, "text\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text() == "text\n"


def test_write_private_tightens_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text("an older and much longer report\n")
    path.chmod(0o644)
    write_private(path, "new\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text() == "new\n"


# -- commands ------------------------------------------------------------------


def test_validate_plan_ok(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("validate-plan", str(PLAN_FILE)) == 0
    out = capsys.readouterr().out
    assert out == (
        f"OK: {PLAN_FILE}: 'Platform engineer, first round': 3 questions, 1:00 per "
        "question, pass mark 50; the candidate sees no score\n"
    )


def test_validate_plan_problems_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("title: T\nquestions:\n  - scr-quorom\n")
    assert run("validate-plan", str(plan)) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith(f"{plan}:3: unknown question id 'scr-quorom'")
    assert "did you mean: scr-quorum" in captured.out
    assert captured.err == f"1 problem in {plan}\n"


def test_screen_check_validates_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("screen", "--check", str(PLAN_FILE)) == 0
    assert capsys.readouterr().out.startswith(f"OK: {PLAN_FILE}")


def test_screen_needs_candidate(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("screen", str(PLAN_FILE)) == 2
    assert "--candidate NAME is missing" in capsys.readouterr().err


def test_screen_rejects_invalid_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("title: T\nquestions: [scr-quorum]\npass_mark: 200\n")
    assert run("screen", str(plan), "--candidate", "Ada") == 2
    assert f"{plan}:3: 'pass_mark' must be from 0 to 100" in capsys.readouterr().err


def test_review_plan_table(
    session_id: int,
    store: Store,
    catalog: Catalog,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store_screening(store, catalog, GOOD_ANSWERS, candidate="Grace Hopper")
    assert run("review", "--plan", str(PLAN_FILE), "--data-dir", str(data_dir)) == 0
    lines = capsys.readouterr().out.splitlines()
    grace, ada = store.load_screening(2), store.load_screening(session_id)
    assert lines[0] == "Plan: Platform engineer, first round, pass mark 50"
    assert lines[1].split() == [
        "session", "candidate", "answered", "automatic", "final", "pass", "decision"
    ]  # fmt: skip
    assert lines[2].split() == [
        "2", "Grace", "Hopper", "3/3", str(grace.automatic_total),
        str(grace.final_total), "yes", "-",
    ]  # fmt: skip
    assert lines[3].split() == [
        "1", "Ada", "Lovelace", "2/3", str(ada.automatic_total),
        str(ada.final_total), "no", "hold",
    ]  # fmt: skip


def test_review_plan_json(
    session_id: int, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ("review", "--plan", str(PLAN_FILE), "--json", "--data-dir", str(data_dir))
    assert run(*args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["plan"] == "Platform engineer, first round"
    assert [row["session_id"] for row in data["candidates"]] == [session_id]


def test_review_plan_without_screenings(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("review", "--plan", str(PLAN_FILE), "--data-dir", str(data_dir)) == 0
    assert "No screenings of the plan" in capsys.readouterr().out


def test_review_unknown_session_exits_2(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("review", "5", "--data-dir", str(data_dir)) == 2
    assert "no session with id 5" in capsys.readouterr().err


def test_report_to_stdout(
    session_id: int, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("report", str(session_id), "--data-dir", str(data_dir)) == 0
    assert capsys.readouterr().out.startswith("# Screening: Platform engineer")


def test_report_files_mode_0600(
    session_id: int, data_dir: Path, tmp_path: Path
) -> None:
    markdown, report_json = tmp_path / "ada.md", tmp_path / "ada.json"
    table = tmp_path / "all.csv"
    data = ["--data-dir", str(data_dir)]
    assert run("report", str(session_id), "-o", str(markdown), *data) == 0
    assert (
        run(
            "report", str(session_id), "--format", "json", "-o", str(report_json), *data
        )
        == 0
    )
    assert run("report", "--plan", str(PLAN_FILE), "-o", str(table), *data) == 0
    for path in (markdown, report_json, table):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    assert json.loads(report_json.read_text())["session_id"] == session_id
    rows = list(csv.DictReader(table.open()))
    assert [row["candidate"] for row in rows] == ["Ada Lovelace"]
    assert rows[0]["decision_note"] == "compare with the next candidate"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("report",), "SESSION_ID is missing"),
        (("report", "1", "--plan", str(PLAN_FILE)), "not both"),
        (("report", "1", "--format", "csv"), "--format csv is for --plan"),
        (("report", "--plan", str(PLAN_FILE), "--format", "md"), None),
        (("review", "--json"), "--json needs --plan"),
    ],
)
def test_report_argument_errors(
    session_id: int,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    message: str | None,
) -> None:
    code = run(*args, "--data-dir", str(data_dir))
    err = capsys.readouterr().err
    if message is None:
        assert code == 0
    else:
        assert code == 2
        assert message in err


def test_commands_log_no_candidate_name(
    session_id: int,
    data_dir: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    data = ["--data-dir", str(data_dir)]
    run("report", str(session_id), "-o", str(tmp_path / "r.md"), *data)
    run("report", "--plan", str(PLAN_FILE), "-o", str(tmp_path / "r.csv"), *data)
    run("review", "--plan", str(PLAN_FILE), *data)
    assert "Ada Lovelace" in (tmp_path / "r.md").read_text()
    assert "Lovelace" not in caplog.text


def test_rescue_file_private(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    catalog: Catalog,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    plan = load_plan(PLAN_FILE, catalog)
    answers = [{"position": 1, "question_id": "scr-quorum", "answer": "one"}]
    _write_rescue_file(plan, "Ada Lovelace", answers)
    [path] = tmp_path.glob("screening-unsaved-*.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = json.loads(path.read_text())
    assert data == {
        "plan": "Platform engineer, first round",
        "candidate": "Ada Lovelace",
        "answers": answers,
    }
    assert str(path) in capsys.readouterr().err
