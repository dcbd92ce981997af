"""The list, score and validate commands, run through cli.main."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from interviewer import __version__
from interviewer import catalog as catalog_module
from interviewer.cli import main
from interviewer.scoring import BANDS

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
SAMPLE = ["--bank", str(DATA / "bank"), "--rubrics", str(DATA / "rubrics")]

COLD_START_ANSWER = (
    "A cold start happens when Lambda has to create a new execution environment "
    "before it runs the handler. Provisioned concurrency keeps environments "
    "initialised ahead of traffic, and a small deployment package shortens the "
    "init phase. Reserved concurrency keeps warm environments around too."
)

# A one-question built-in bank on a topic far from the sample bank, so that
# `validate --strict` on both together has no cross-score failures.
BUILTIN_BANK = """\
category: Built-in HTTP
questions:
  - id: http-not-found
    prompt: What does the HTTP status 404 mean?
    difficulty: junior
    model_answer: >-
      The 404 status code means the server has no resource at the requested
      URL. The client sent a well-formed request, so retrying the same URL
      will not help until someone publishes a resource there.
"""
BUILTIN_RUBRICS = """\
http-not-found:
  concepts:
    - label: No resource at the URL
      phrases: [no resource at the requested url, resource not found]
    - label: Well-formed request
      phrases: [well-formed request]
"""


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Replace the built-in bank and ignore any user config file."""
    bank, rubrics = tmp_path / "builtin-bank", tmp_path / "builtin-rubrics"
    bank.mkdir()
    rubrics.mkdir()
    (bank / "http.yaml").write_text(BUILTIN_BANK)
    (rubrics / "http.yaml").write_text(BUILTIN_RUBRICS)
    monkeypatch.setattr(catalog_module, "builtin_bank_dir", lambda: bank)
    monkeypatch.setattr(catalog_module, "builtin_rubrics_dir", lambda: rubrics)
    monkeypatch.setenv("INTERVIEWER_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(tmp_path / "data"))


def run(capsys, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    code = main(list(argv), stdin=io.StringIO(stdin))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write_answer(tmp_path: Path, text: str = COLD_START_ANSWER) -> Path:
    path = tmp_path / "answer.md"
    path.write_text(text, encoding="utf-8")
    return path


def broken_bank(tmp_path: Path) -> tuple[Path, Path]:
    bank, rubrics = tmp_path / "broken-bank", tmp_path / "broken-rubrics"
    bank.mkdir()
    rubrics.mkdir()
    (bank / "bad.yaml").write_text(
        "category: Broken\nquestions:\n  - id: Bad_Id\n    prompt: no\n"
    )
    (rubrics / "bad.yaml").write_text("")
    return bank, rubrics


# list


def test_list_exits_0(capsys):
    code, _, _ = run(capsys, "list", *SAMPLE)
    assert code == 0


def test_list_groups_by_category(capsys):
    _, out, _ = run(capsys, "list", *SAMPLE)
    lines = out.splitlines()
    sample = lines.index("Sample Serverless:")
    assert lines[sample + 1].split()[:2] == ["sample-cold-starts", "mid"]
    assert lines[sample + 2].split()[:2] == ["sample-layers", "junior"]


def test_list_counts_questions(capsys):
    _, out, _ = run(capsys, "list", *SAMPLE)
    assert out.splitlines()[-1] == "3 questions in 2 categories"


def test_list_json_is_array_of_objects(capsys):
    code, out, _ = run(capsys, "list", "--json", *SAMPLE)
    rows = json.loads(out)
    assert code == 0
    assert isinstance(rows, list)
    assert [row["id"] for row in rows] == [
        "http-not-found",
        "sample-cold-starts",
        "sample-layers",
    ]


def test_list_json_row_fields(capsys):
    _, out, _ = run(capsys, "list", "--json", *SAMPLE)
    row = next(r for r in json.loads(out) if r["id"] == "sample-cold-starts")
    assert row["category"] == "Sample Serverless"
    assert row["prompt"] == "What is a Lambda cold start, and how do you reduce it?"
    assert row["difficulty"] == "mid"
    assert row["tags"] == ["lambda", "performance"]


def test_list_json_clean_despite_problems(capsys, tmp_path):
    bank, rubrics = broken_bank(tmp_path)
    code, out, _ = run(
        capsys, "list", "--json", "--bank", str(bank), "--rubrics", str(rubrics)
    )
    assert code == 0
    assert [row["id"] for row in json.loads(out)] == ["http-not-found"]


def test_list_warns_about_problems_on_stderr(capsys, tmp_path):
    bank, rubrics = broken_bank(tmp_path)
    _, _, err = run(capsys, "list", "--bank", str(bank), "--rubrics", str(rubrics))
    assert f"warning: {bank / 'bad.yaml'}:3: " in err


def test_options_before_command_kept(capsys):
    _, out, _ = run(capsys, *SAMPLE, "list", "--json")
    assert "sample-layers" in [row["id"] for row in json.loads(out)]


def test_list_json_on_builtin_bank(capsys, monkeypatch):
    monkeypatch.undo()
    monkeypatch.setenv("INTERVIEWER_CONFIG", "/nonexistent/interviewer/config.toml")
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0
    assert isinstance(json.loads(out), list)


# score


def test_score_from_file(capsys, tmp_path):
    answer = write_answer(tmp_path)
    code, out, _ = run(capsys, "score", "sample-cold-starts", str(answer), *SAMPLE)
    assert code == 0
    assert out.startswith("Score: 79/100 (solid)")


def test_score_text_lists_concepts(capsys, tmp_path):
    answer = write_answer(tmp_path)
    _, out, _ = run(capsys, "score", "sample-cold-starts", str(answer), *SAMPLE)
    assert (
        "[x] covered  Provisioned concurrency (2): 'Provisioned concurrency' (exact)"
        in out
    )
    assert "Misconception -20: Reserved concurrency keeps environments warm" in out


def test_score_from_stdin(capsys):
    code, out, _ = run(
        capsys, "score", "sample-cold-starts", *SAMPLE, stdin=COLD_START_ANSWER
    )
    assert code == 0
    assert out.startswith("Score: 79/100")


def test_score_dash_reads_stdin(capsys):
    _, out, _ = run(
        capsys, "score", "sample-cold-starts", "-", *SAMPLE, stdin=COLD_START_ANSWER
    )
    assert out.startswith("Score: 79/100")


def test_score_empty_stdin_scores_zero(capsys):
    code, out, _ = run(capsys, "score", "sample-layers", *SAMPLE, stdin="")
    assert code == 0
    assert out.startswith("Score: 0/100 (weak)")


def test_score_json_top_level_keys(capsys):
    _, out, _ = run(
        capsys,
        "score",
        "sample-cold-starts",
        "--json",
        *SAMPLE,
        stdin=COLD_START_ANSWER,
    )
    data = json.loads(out)
    assert {"question_id", "score", "band", "concepts", "misconceptions"} <= set(data)


def test_score_json_values(capsys):
    _, out, _ = run(
        capsys,
        "score",
        "sample-cold-starts",
        "--json",
        *SAMPLE,
        stdin=COLD_START_ANSWER,
    )
    data = json.loads(out)
    assert data["question_id"] == "sample-cold-starts"
    assert data["score"] == 79
    assert data["band"] == "solid"
    assert data["band"] in [name for name, _ in BANDS]


def test_score_json_concepts(capsys):
    _, out, _ = run(
        capsys,
        "score",
        "sample-cold-starts",
        "--json",
        *SAMPLE,
        stdin=COLD_START_ANSWER,
    )
    concept = json.loads(out)["concepts"][1]
    assert {"label", "weight", "covered", "evidence"} <= set(concept)
    assert concept["label"] == "Provisioned concurrency"
    assert concept["weight"] == 2
    assert concept["covered"] is True
    assert concept["evidence"] == "Provisioned concurrency"


def test_score_json_missed_evidence_null(capsys):
    _, out, _ = run(
        capsys, "score", "sample-layers", "--json", *SAMPLE, stdin="Layers are great."
    )
    concept = json.loads(out)["concepts"][0]
    assert concept["covered"] is False
    assert concept["evidence"] is None


def test_score_json_misconceptions(capsys):
    _, out, _ = run(
        capsys,
        "score",
        "sample-cold-starts",
        "--json",
        *SAMPLE,
        stdin=COLD_START_ANSWER,
    )
    (wrong,) = json.loads(out)["misconceptions"]
    assert {"label", "penalty", "evidence"} <= set(wrong)
    assert wrong["label"] == "Reserved concurrency keeps environments warm"
    assert wrong["penalty"] == 20
    assert wrong["evidence"] == "Reserved concurrency keeps warm"


def test_score_unknown_id_exits_2(capsys):
    code, out, err = run(capsys, "score", "sample-cold-start", *SAMPLE, stdin="x")
    assert code == 2
    assert out == ""
    assert "unknown question id 'sample-cold-start'" in err
    assert "did you mean: sample-cold-starts" in err


def test_score_missing_answer_file_exits_2(capsys, tmp_path):
    missing = tmp_path / "nowhere.md"
    code, _, err = run(capsys, "score", "sample-layers", str(missing), *SAMPLE)
    assert code == 2
    assert f"interviewer: error: answer file not found: {missing}" in err


def test_score_non_utf8_answer_exits_2(capsys, tmp_path):
    answer = tmp_path / "answer.md"
    answer.write_bytes("Caf\xe9".encode("latin-1"))
    code, _, err = run(capsys, "score", "sample-layers", str(answer), *SAMPLE)
    assert code == 2
    assert "is not UTF-8 text" in err


# validate


def test_validate_valid_bank_exits_0(capsys):
    code, out, _ = run(capsys, "validate", *SAMPLE)
    assert code == 0
    assert out.strip() == "OK: 3 questions in 2 categories, each with a valid rubric"


def test_validate_broken_bank_exits_1(capsys, tmp_path):
    bank, rubrics = broken_bank(tmp_path)
    code, _, _ = run(capsys, "validate", "--bank", str(bank), "--rubrics", str(rubrics))
    assert code == 1


def test_validate_prints_file_line_message(capsys, tmp_path):
    bank, rubrics = broken_bank(tmp_path)
    _, out, _ = run(capsys, "validate", "--bank", str(bank), "--rubrics", str(rubrics))
    bad = re.escape(str(bank / "bad.yaml"))
    lines = out.splitlines()
    assert any(
        re.fullmatch(rf"{bad}:3: id 'Bad_Id' is not a slug.*", line) for line in lines
    )
    assert any(
        re.fullmatch(rf"{bad}:4: .*YAML read 'no' as a boolean.*", line)
        for line in lines
    )
    assert (
        f"{rubrics / 'bad.yaml'}: file is empty; add content or delete the file"
        in lines
    )


def test_validate_broken_bank_prints_no_ok(capsys, tmp_path):
    bank, rubrics = broken_bank(tmp_path)
    _, out, _ = run(capsys, "validate", "--bank", str(bank), "--rubrics", str(rubrics))
    assert "OK:" not in out


def test_validate_strict_passes_sample(capsys):
    code, out, _ = run(capsys, "validate", "--strict", *SAMPLE)
    assert code == 0
    assert "Consistency passed: 3 questions" in out


def test_validate_strict_fails_inconsistent_bank(capsys, tmp_path):
    bank, rubrics = tmp_path / "strict-bank", tmp_path / "strict-rubrics"
    bank.mkdir()
    rubrics.mkdir()
    (bank / "queues.yaml").write_text(
        "category: Queues\nquestions:\n  - id: dlq-purpose\n"
        "    prompt: What is a dead-letter queue for?\n    difficulty: junior\n"
        "    model_answer: >-\n"
        "      A dead-letter queue keeps the messages that failed processing\n"
        "      several times, so that an operator can inspect them later.\n"
    )
    # The model answer never says "redrive policy".
    (rubrics / "queues.yaml").write_text(
        "dlq-purpose:\n  concepts:\n    - label: Redrive policy\n"
        "      phrases: [redrive policy]\n"
    )
    code, out, _ = run(
        capsys, "validate", "--strict", "--bank", str(bank), "--rubrics", str(rubrics)
    )
    assert code == 1
    assert "  dlq-purpose: 0; missed: Redrive policy" in out
    assert "Consistency FAILED" in out


def test_validate_strict_notes_phrase_that_keeps_one_word(capsys, tmp_path):
    bank, rubrics = tmp_path / "thin-bank", tmp_path / "thin-rubrics"
    bank.mkdir()
    rubrics.mkdir()
    (bank / "queues.yaml").write_text(
        "category: Queues\nquestions:\n  - id: dlq-purpose\n"
        "    prompt: What is a dead-letter queue for?\n    difficulty: junior\n"
        "    model_answer: >-\n"
        "      A dead-letter queue keeps the messages that failed processing\n"
        "      several times, so that an operator can inspect them by hand.\n"
    )
    (rubrics / "queues.yaml").write_text(
        "dlq-purpose:\n  concepts:\n    - label: Failed messages are kept\n"
        "      phrases: [dead-letter queue, what it is for the messages]\n"
    )
    code, out, _ = run(
        capsys, "validate", "--strict", "--bank", str(bank), "--rubrics", str(rubrics)
    )
    assert code == 0
    assert "  dlq-purpose: 'what it is for the messages' keeps only 'messages'" in out


def test_validate_missing_folder_exits_1(capsys, tmp_path):
    missing = tmp_path / "nowhere"
    code, out, _ = run(capsys, "validate", "--bank", str(missing))
    assert code == 1
    assert f"{missing}: bank folder not found; check the path" in out


def test_validate_reports_replaced_builtin(capsys, tmp_path):
    bank = tmp_path / "mine"
    bank.mkdir()
    (bank / "http.yaml").write_text(BUILTIN_BANK.replace("Built-in HTTP", "Mine"))
    code, out, _ = run(capsys, "validate", "--bank", str(bank))
    assert code == 0
    assert "note: " in out
    assert "replaces the built-in question" in out


# usage errors and version


@pytest.mark.parametrize("argv", [["--count", "0"], ["run", "--count", "0"]])
def test_count_zero_exits_2(capsys, argv):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "0 is too small; use 1 or more" in capsys.readouterr().err


def test_count_text_exits_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--count", "many"])
    assert caught.value.code == 2
    assert "'many' is not a whole number" in capsys.readouterr().err


def test_short_time_limit_exits_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--time-limit", "5"])
    assert caught.value.code == 2
    assert "5 seconds is too short" in capsys.readouterr().err


def test_score_without_id_exits_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["score"])
    assert caught.value.code == 2


def test_version_in_subprocess(tmp_path):
    env = {**os.environ, "INTERVIEWER_CONFIG": str(tmp_path / "no-config.toml")}
    completed = subprocess.run(
        [sys.executable, "-m", "interviewer", "--version"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0
    assert completed.stdout.startswith(f"interviewer {__version__} (textual ")
