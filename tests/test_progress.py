"""Weak spots from stored attempts, practice stats, and the stats and weak commands."""

from __future__ import annotations

import io
import json
import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating

from interviewer import catalog as catalog_module
from interviewer.catalog import Catalog
from interviewer.cli import main
from interviewer.practice import PracticeScheduler
from interviewer.progress import (
    format_stats,
    format_weak_spots,
    practice_stats,
    streak_days,
    weak_concepts,
    weak_questions,
)
from interviewer.rubric import Concept
from interviewer.scoring import score_answer
from interviewer.storage import Store, rubric_fingerprint

DATA = Path(__file__).parent / "data"
SAMPLE = ["--bank", str(DATA / "bank"), "--rubrics", str(DATA / "rubrics")]
START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)

COLD_ONE = "A cold start means Lambda creates a new execution environment for it."
COLD_TWO = (
    "A cold start means a new execution environment; provisioned concurrency "
    "keeps environments ready."
)
LAYERS = "A layer is a zip archive that Lambda extracts under /opt for the function."


class FakeClock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "db.sqlite3") as opened:
        yield opened


def save(
    store: Store,
    catalog: Catalog,
    question_id: str,
    answer: str,
    *,
    outcome: str = "submitted",
    rubric=None,
    created_at: str | None = None,
) -> None:
    """Store one scored attempt in a session of its own."""
    rubric = rubric or catalog.rubric(question_id)
    session_id = store.start_session("mock", {}, [question_id])
    store.save_attempt(
        session_id,
        1,
        question_id=question_id,
        answer=answer,
        result=score_answer(answer, rubric),
        fingerprint=rubric_fingerprint(rubric),
        outcome=outcome,
        time_allowed=90,
        time_used=30.0,
    )
    if created_at is not None:
        connection = sqlite3.connect(store.path)
        connection.execute(
            "UPDATE attempts SET created_at = ? WHERE session_id = ?",
            (created_at, session_id),
        )
        connection.commit()
        connection.close()


@pytest.fixture
def history(store, sample_catalog) -> Store:
    """Attempts whose missed concepts are known; see the weak-spot tests."""
    save(store, sample_catalog, "sample-cold-starts", COLD_ONE)
    save(store, sample_catalog, "sample-cold-starts", COLD_ONE)
    save(store, sample_catalog, "sample-cold-starts", COLD_TWO)
    save(store, sample_catalog, "sample-layers", LAYERS)
    save(store, sample_catalog, "sample-layers", "", outcome="skipped")
    return store


# weak spots


def test_weak_concepts_counts(history, sample_catalog):
    found = {
        c.label: (c.missed, c.seen) for c in weak_concepts(history, sample_catalog)
    }
    assert found == {
        "Small deployment package": (3, 3),
        "Provisioned concurrency": (2, 3),
        "Share dependencies across functions": (1, 1),
    }


def test_weak_concepts_ranked_by_rate_then_count(history, sample_catalog):
    labels = [c.label for c in weak_concepts(history, sample_catalog)]
    assert labels == [
        "Small deployment package",
        "Share dependencies across functions",
        "Provisioned concurrency",
    ]


def test_weak_concepts_name_question(history, sample_catalog):
    first = weak_concepts(history, sample_catalog)[0]
    assert first.question_id == "sample-cold-starts"
    assert first.miss_rate == 1.0


def test_weak_concepts_limit(history, sample_catalog):
    assert len(weak_concepts(history, sample_catalog, limit=2)) == 2


def test_skipped_attempts_ignored(store, sample_catalog):
    save(store, sample_catalog, "sample-layers", "", outcome="skipped")
    assert weak_concepts(store, sample_catalog) == []


def test_timed_out_attempts_count(store, sample_catalog):
    save(store, sample_catalog, "sample-layers", LAYERS, outcome="timed-out")
    assert [c.label for c in weak_concepts(store, sample_catalog)] == [
        "Share dependencies across functions"
    ]


def test_concepts_no_longer_in_rubric_ignored(store, sample_catalog):
    rubric = sample_catalog.rubric("sample-layers")
    old = replace(
        rubric, concepts=(*rubric.concepts, Concept("Old concept", 1, ("zzz",)))
    )
    save(store, sample_catalog, "sample-layers", LAYERS, rubric=old)
    labels = [c.label for c in weak_concepts(store, sample_catalog)]
    assert "Old concept" not in labels
    assert labels == ["Share dependencies across functions"]


def test_questions_not_in_bank_ignored(store, sample_catalog):
    rubric = sample_catalog.rubric("sample-layers")
    session_id = store.start_session("mock", {}, ["removed-question"])
    store.save_attempt(
        session_id,
        1,
        question_id="removed-question",
        answer="",
        result=score_answer("", rubric),
        fingerprint=rubric_fingerprint(rubric),
        outcome="submitted",
        time_allowed=90,
        time_used=1.0,
    )
    assert weak_concepts(store, sample_catalog) == []
    assert weak_questions(store, sample_catalog) == []


def test_weak_questions_ranked(history, sample_catalog):
    ranked = weak_questions(history, sample_catalog)
    assert [q.question.id for q in ranked] == ["sample-cold-starts", "sample-layers"]


def test_weak_questions_counts(history, sample_catalog):
    cold, layers = weak_questions(history, sample_catalog)
    assert (cold.missed, cold.seen, cold.attempts) == (5, 9, 3)
    assert (layers.missed, layers.seen, layers.attempts) == (1, 3, 1)


def test_weak_questions_skip_fully_covered(store, sample_catalog):
    full = (
        "A layer is a zip archive of shared libraries under /opt, so functions "
        "share dependencies."
    )
    save(store, sample_catalog, "sample-layers", full)
    assert weak_questions(store, sample_catalog) == []


def test_weak_report_lists_both(history, sample_catalog):
    text = format_weak_spots(
        weak_concepts(history, sample_catalog), weak_questions(history, sample_catalog)
    )
    assert "3/3 missed  Small deployment package  (sample-cold-starts)" in text
    assert "Questions to drill:" in text


def test_weak_report_when_empty():
    assert "No missed concepts yet" in format_weak_spots([], [])


# stats


def test_streak_counts_back_from_today():
    today = date(2025, 3, 10)
    days = {today, today - timedelta(days=1), today - timedelta(days=2)}
    assert streak_days(days, today) == 3


def test_streak_stops_at_gap():
    today = date(2025, 3, 10)
    days = {today, today - timedelta(days=1), today - timedelta(days=3)}
    assert streak_days(days, today) == 2


def test_streak_kept_until_today_ends():
    today = date(2025, 3, 10)
    days = {today - timedelta(days=1), today - timedelta(days=2)}
    assert streak_days(days, today) == 2


def test_streak_broken_by_missed_day():
    today = date(2025, 3, 10)
    assert streak_days({today - timedelta(days=2)}, today) == 0


def practise_on_days(store: Store, clock: FakeClock, days: list[int]) -> None:
    practice = PracticeScheduler(store, clock=clock, zone=UTC)
    for day in days:
        clock.now = START + timedelta(days=day)
        practice.review(f"q-day-{day}", Rating.Good, 70, None)


def test_stats_streak_with_gap(store, sample_catalog):
    clock = FakeClock()
    practise_on_days(store, clock, [0, 1, 2, 4, 5])
    practice = PracticeScheduler(store, clock=clock, zone=UTC)
    assert practice_stats(practice, sample_catalog).streak_days == 2
    clock.now = START + timedelta(days=6)
    assert practice_stats(practice, sample_catalog).streak_days == 2
    clock.now = START + timedelta(days=7)
    assert practice_stats(practice, sample_catalog).streak_days == 0


def test_stats_reviewed_today(store, sample_catalog):
    clock = FakeClock()
    practice = PracticeScheduler(store, clock=clock, zone=UTC)
    practice.review("a", Rating.Good, 70, None)
    clock.now = START + timedelta(days=1)
    for question_id in ("b", "c", "d"):
        practice.review(question_id, Rating.Good, 70, None)
    stats = practice_stats(practice, sample_catalog)
    assert stats.reviewed_today == 3
    assert stats.total_reviews == 4


def test_stats_retention(store, sample_catalog):
    clock = FakeClock()
    practice = PracticeScheduler(store, clock=clock, zone=UTC)
    for question_id in ("a", "b", "c", "d"):
        practice.review(question_id, Rating.Again, 10, None)
    clock.now = START + timedelta(days=1)
    practice.review("a", Rating.Again, 10, None)
    practice.review("b", Rating.Hard, 40, None)
    practice.review("c", Rating.Good, 70, None)
    practice.review("d", Rating.Easy, 90, None)
    assert practice_stats(practice, sample_catalog).retention == 0.75


def test_stats_retention_none_without_known_cards(store, sample_catalog):
    practice = PracticeScheduler(store, clock=FakeClock(), zone=UTC)
    practice.review("a", Rating.Again, 10, None)
    assert practice_stats(practice, sample_catalog).retention is None


def test_stats_due_and_planned(store, sample_catalog):
    clock = FakeClock()
    practice = PracticeScheduler(store, clock=clock, zone=UTC, daily_limit=1)
    practice.review("sample-layers", Rating.Again, 10, None)
    clock.now = START + timedelta(days=1)
    stats = practice_stats(practice, sample_catalog)
    assert stats.due_today == 1
    assert stats.new_available == 1
    assert stats.planned_today == 1
    assert stats.daily_limit == 1


def test_stats_weekly_scores(store, sample_catalog):
    save(
        store,
        sample_catalog,
        "sample-layers",
        LAYERS,
        created_at="2025-03-03T10:00:00+00:00",
    )
    save(
        store,
        sample_catalog,
        "sample-cold-starts",
        COLD_ONE,
        created_at="2025-03-09T23:00:00+00:00",
    )
    save(
        store,
        sample_catalog,
        "sample-cold-starts",
        COLD_TWO,
        created_at="2025-03-10T08:00:00+00:00",
    )
    save(
        store,
        sample_catalog,
        "sample-layers",
        "",
        outcome="skipped",
        created_at="2025-03-10T09:00:00+00:00",
    )
    practice = PracticeScheduler(store, clock=FakeClock(), zone=UTC)
    weeks = practice_stats(practice, sample_catalog).weekly_scores
    assert [(w.week, w.category, w.attempts, w.average) for w in weeks] == [
        ("2025-W10", "Sample Serverless", 2, 45.0),
        ("2025-W11", "Sample Serverless", 1, 50.0),
    ]


def test_stats_json_layout(store, sample_catalog):
    practice = PracticeScheduler(store, clock=FakeClock(), zone=UTC)
    data = practice_stats(practice, sample_catalog).to_json()
    assert data["today"] == "2025-03-03"
    assert data["retention"] is None
    assert set(data) == {
        "today",
        "due_today",
        "new_available",
        "planned_today",
        "daily_limit",
        "reviewed_today",
        "streak_days",
        "total_reviews",
        "retention",
        "weekly_scores",
    }


def test_stats_report_text(store, sample_catalog):
    save(store, sample_catalog, "sample-layers", LAYERS)
    practice = PracticeScheduler(store, clock=FakeClock(), zone=UTC)
    text = format_stats(practice_stats(practice, sample_catalog))
    assert "planned today:    2 (daily limit 10)" in text
    assert "Average score by week:" in text


# commands


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """An empty built-in bank, no config file and a data folder in tmp_path."""
    empty = tmp_path / "builtin-empty"
    empty.mkdir()
    monkeypatch.setattr(catalog_module, "builtin_bank_dir", lambda: empty)
    monkeypatch.setattr(catalog_module, "builtin_rubrics_dir", lambda: empty)
    monkeypatch.setenv("INTERVIEWER_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INTERVIEWER_CACHE_DIR", "")
    return tmp_path / "data" / "interviewer.sqlite3"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv), stdin=io.StringIO(""))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_stats_command_json(capsys, isolated):
    code, out, _ = run(capsys, "stats", "--json", "--daily", "1", *SAMPLE)
    data = json.loads(out)
    assert code == 0
    assert data["planned_today"] == 1
    assert data["new_available"] == 2


def test_stats_command_reads_config_daily(capsys, isolated, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text("practice_daily = 1\n")
    monkeypatch.setenv("INTERVIEWER_CONFIG", str(config))
    _, out, _ = run(capsys, "stats", "--json", *SAMPLE)
    assert json.loads(out)["daily_limit"] == 1


def test_stats_command_text(capsys, isolated):
    code, out, _ = run(capsys, "stats", *SAMPLE)
    assert code == 0
    assert out.startswith("Today (")


def test_weak_command_json(capsys, isolated, sample_catalog):
    with Store(isolated) as store:
        save(store, sample_catalog, "sample-layers", LAYERS)
    code, out, _ = run(capsys, "weak", "--json", "--limit", "1", *SAMPLE)
    data = json.loads(out)
    assert code == 0
    assert [c["label"] for c in data["concepts"]] == [
        "Share dependencies across functions"
    ]
    assert data["questions"][0]["question_id"] == "sample-layers"


def test_weak_command_zero_limit_exits_2(capsys, isolated):
    with pytest.raises(SystemExit) as exit_info:
        run(capsys, "weak", "--limit", "0", *SAMPLE)
    assert exit_info.value.code == 2


@pytest.mark.parametrize("command", ["stats", "weak", "anki-export", "import"])
def test_command_help(capsys, command):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0
    assert f"usage: interviewer {command}" in out
