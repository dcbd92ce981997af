"""The history and export commands on sessions saved the way the TUI saves them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from interviewer.catalog import Catalog
from interviewer.cli import main
from interviewer.recording import DraftAnswer, SessionRecorder
from interviewer.session import InterviewSession, Outcome
from interviewer.storage import Store

DATA = Path(__file__).parent / "data"
SAMPLE = ["--bank", str(DATA / "bank"), "--rubrics", str(DATA / "rubrics")]

COLD_START_ANSWER = (
    "A cold start happens when Lambda has to build a new execution environment "
    "before the handler runs. Provisioned concurrency keeps environments "
    "initialised ahead of traffic, and a small deployment package shortens the "
    "init phase."
)
SKIPPED_TEXT = "A layer is a zip archive of shared libraries under /opt."


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def record(
    data_dir: Path,
    catalog: Catalog,
    answers: list[tuple[str, Outcome]],
    draft: DraftAnswer | None = None,
) -> int:
    """Save a session through the recorder the TUI uses; return its id."""
    by_id = {question.id: question for question in catalog.questions}
    questions = [by_id["sample-cold-starts"], by_id["sample-layers"]]
    session = InterviewSession(catalog, questions)
    with Store(data_dir / "interviewer.sqlite3") as store:
        recorder = SessionRecorder(store, session, {"count": 2, "seed": 0})
        for answer, outcome in answers:
            session.record(answer, outcome, 30.0)
        recorder.sync()
        if draft is not None:
            recorder.save_draft(draft)
    assert recorder.session_id is not None
    return recorder.session_id


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    return status, capsys.readouterr().out


def test_history_json_lists_tui_sessions(capsys, data_dir, sample_catalog):
    finished = record(
        data_dir,
        sample_catalog,
        [(COLD_START_ANSWER, Outcome.SUBMITTED), (SKIPPED_TEXT, Outcome.SKIPPED)],
    )
    unfinished = record(data_dir, sample_catalog, [], draft=DraftAnswer("cold", 5.0))
    status, out = run(capsys, "history", "--json", "--data-dir", str(data_dir))
    assert status == 0
    rows = json.loads(out)
    assert [row["id"] for row in rows] == [unfinished, finished]
    newest, oldest = rows
    assert newest["status"] == "active"
    assert newest["answered"] == 0
    assert newest["questions"] == 2
    assert oldest["status"] == "finished"
    assert oldest["mode"] == "mock"
    assert oldest["answered"] == 2
    assert oldest["ended_at"] is not None
    with Store(data_dir / "interviewer.sqlite3") as store:
        cold_score = store.load_session(finished).attempts[0].score
    # The skipped question counts 0 although its text would score well.
    assert oldest["overall_score"] == round(cold_score / 2)


def test_history_text_lists_sessions(capsys, data_dir, sample_catalog):
    record(data_dir, sample_catalog, [(COLD_START_ANSWER, Outcome.SUBMITTED)])
    status, out = run(capsys, "history", "--data-dir", str(data_dir))
    assert status == 0
    header, row = out.splitlines()
    assert header.split() == [
        "id", "started", "(UTC)", "mode", "answered", "score", "status"
    ]  # fmt: skip
    fields = row.split()
    assert fields[0] == "1"
    assert fields[2:4] == ["mock", "1/2"]
    assert fields[-1] == "active"


def test_history_json_empty(capsys, data_dir):
    status, out = run(capsys, "history", "--json", "--data-dir", str(data_dir))
    assert status == 0
    assert json.loads(out) == []


def test_export_json_scores_skipped_as_zero(capsys, data_dir, sample_catalog):
    session_id = record(
        data_dir,
        sample_catalog,
        [(COLD_START_ANSWER, Outcome.SUBMITTED), (SKIPPED_TEXT, Outcome.SKIPPED)],
    )
    status, out = run(
        capsys, "export", str(session_id), "--format", "json",
        "--data-dir", str(data_dir), *SAMPLE,
    )  # fmt: skip
    assert status == 0
    report = json.loads(out)
    assert report["status"] == "finished"
    assert report["settings"] == {"count": 2, "seed": 0}
    first, skipped = report["attempts"]
    assert first["prompt"].startswith("What is a Lambda cold start")
    assert first["score"] >= 80
    assert first["outcome"] == "submitted"
    assert skipped["outcome"] == "skipped"
    assert skipped["score"] == 0
    assert skipped["band"] == "weak"
    # The result keeps what the typed text itself scored.
    assert skipped["result"]["score"] > 0
    assert report["overall_score"] == round(first["score"] / 2)


def test_export_markdown_of_tui_session(capsys, data_dir, sample_catalog):
    session_id = record(
        data_dir,
        sample_catalog,
        [(COLD_START_ANSWER, Outcome.TIMED_OUT), (SKIPPED_TEXT, Outcome.SKIPPED)],
    )
    status, out = run(
        capsys, "export", str(session_id), "--data-dir", str(data_dir), *SAMPLE
    )
    assert status == 0
    assert out.startswith(f"# Interview session {session_id}\n")
    assert "| 2 | sample-layers | 0 (weak) | skipped | 0:30 of 2:00 |" in out
    assert "## 1. What is a Lambda cold start, and how do you reduce it?" in out
    assert "Score 0/100 (weak), skipped." in out
    assert f"> {SKIPPED_TEXT}" in out


def test_export_csv_to_file(capsys, data_dir, sample_catalog, tmp_path):
    session_id = record(
        data_dir,
        sample_catalog,
        [(COLD_START_ANSWER, Outcome.SUBMITTED), (SKIPPED_TEXT, Outcome.SKIPPED)],
    )
    target = tmp_path / "report.csv"
    status = main(
        ["export", str(session_id), "--format", "csv", "-o", str(target),
         "--data-dir", str(data_dir), *SAMPLE]
    )  # fmt: skip
    assert status == 0
    assert capsys.readouterr().err == f"wrote {target}\n"
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [row["outcome"] for row in rows] == ["submitted", "skipped"]
    assert rows[1]["score"] == "0"
    assert rows[0]["time_allowed"] == "90"
    assert rows[1]["answer"] == SKIPPED_TEXT


def test_export_unknown_session_exits_2(capsys, data_dir):
    status = main(["export", "42", "--data-dir", str(data_dir), *SAMPLE])
    assert status == 2
    assert "no session with id 42" in capsys.readouterr().err


def test_run_passes_store_to_app(monkeypatch, data_dir):
    from interviewer.tui.app import InterviewerApp

    seen: list[Path] = []

    def fake_run(app: InterviewerApp, **options: object) -> None:
        assert app.store is not None
        seen.append(app.store.path)

    monkeypatch.setattr(InterviewerApp, "run", fake_run)
    assert main(["run", "--data-dir", str(data_dir), *SAMPLE]) == 0
    assert seen == [data_dir / "interviewer.sqlite3"]


def test_run_with_unusable_data_dir_exits_2(capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the data folder should be")
    status = main(["run", "--data-dir", str(blocker / "data"), *SAMPLE])
    assert status == 2
    assert "INTERVIEWER_DATA_DIR" in capsys.readouterr().err


def test_export_refuses_screening_session(capsys, data_dir):
    with Store(data_dir / "interviewer.sqlite3") as store:
        session_id = store.start_session("screening", {}, ["sample-layers"])
    status = main(["export", str(session_id), "--data-dir", str(data_dir)])
    err = capsys.readouterr().err
    assert status == 2
    assert f"interviewer report {session_id}" in err
