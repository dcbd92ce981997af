"""Pilot tests and snapshots of the history: past sessions and their feedback."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from store_helpers import pin_times, record_notices, save_session
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Static, TabbedContent
from tui_helpers import GOOD_ANSWERS, paste_text, start_interview

from interviewer.catalog import Catalog
from interviewer.recording import DraftAnswer
from interviewer.scoring import band_for
from interviewer.session import Outcome
from interviewer.storage import Store
from interviewer.tui.app import InterviewerApp
from interviewer.tui.screens.feedback import FeedbackScreen
from interviewer.tui.screens.history import HistoryScreen
from interviewer.tui.screens.session_review import SessionReviewScreen
from interviewer.tui.screens.start import StartScreen
from interviewer.tui.screens.summary import SummaryScreen
from interviewer.tui.widgets.score_card import ScoreCard
from interviewer.tui.widgets.score_trend import ScoreTrend, bar_for

AppFactory = Callable[..., InterviewerApp]
SnapCompare = Callable[..., bool]

WEAK_LAYERS = "Layers are zip files."


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "data" / "interviewer.sqlite3") as opened:
        yield opened


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Show stored times in UTC, whatever the machine's time zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def cells(table: DataTable[Any], row: int) -> list[str]:
    return [
        cell.plain if isinstance(cell, Text) else str(cell)
        for cell in table.get_row_at(row)
    ]


def text_of(widget: object) -> str:
    assert isinstance(widget, Static)
    return str(widget.content)


def save_history(store: Store, catalog: Catalog) -> tuple[int, int]:
    """Store a finished session and a discarded one; return their ids."""
    finished = save_session(
        store,
        catalog,
        [
            (GOOD_ANSWERS["sample-cold-starts"], Outcome.SUBMITTED),
            (WEAK_LAYERS, Outcome.SKIPPED),
        ],
    )
    discarded = save_session(
        store,
        catalog,
        [(GOOD_ANSWERS["sample-cold-starts"], Outcome.TIMED_OUT)],
        draft=DraftAnswer("half", 3.0),
    )
    store.discard_session(discarded)
    # A screening contains a candidate's answers, not the user's own.
    store.start_session("screening", {}, ["sample-layers"])
    return finished, discarded


async def open_history(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.press("f2")
    await pilot.pause()


async def test_history_lists_sessions(
    make_app: AppFactory, store: Store, sample_catalog: Catalog, utc: None
) -> None:
    finished, discarded = save_history(store, sample_catalog)
    pin_times(store.path)
    cold_score = store.load_session(finished).attempts[0].score
    half = round(cold_score / 2)
    app = make_app(store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == 2
        assert cells(table, 0) == [
            str(discarded),
            "2026-03-02 09:15",
            "mock",
            "1/2",
            f"{half} {band_for(half)}",
            "discarded",
        ]
        # The skipped answer counts 0 however its text scored.
        assert cells(table, 1) == [
            str(finished),
            "2026-03-02 09:15",
            "mock",
            "2/2",
            f"{half} {band_for(half)}",
            "finished",
        ]

        await pilot.press("escape")
        assert isinstance(app.screen, StartScreen)


async def test_session_shows_feedback_again(
    make_app: AppFactory, store: Store, sample_catalog: Catalog
) -> None:
    finished, _ = save_history(store, sample_catalog)
    stored = store.load_session(finished)
    app = make_app(store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        await pilot.press("down", "enter")

        review = app.screen
        assert isinstance(review, SessionReviewScreen)
        title = text_of(review.query_one("#review-title"))
        assert title == f"Session {finished} · mock · finished"
        table = review.query_one("#review-attempts", DataTable)
        assert table.row_count == 2
        first = cells(table, 0)
        assert first[0] == "1"
        assert first[1].startswith("What is a Lambda cold start")
        assert first[2] == str(stored.attempts[0].score)
        assert first[4] == "submitted"
        assert first[5] == "0:10 of 1:30"
        assert cells(table, 1)[2:5] == ["0", "weak", "skipped"]

        await pilot.press("enter")
        feedback = app.screen
        assert isinstance(feedback, FeedbackScreen)
        assert feedback.review
        heading = str(feedback.query_one("#feedback-number", Static).content)
        assert heading == "Feedback on question 1 of 2"
        card = feedback.query_one(ScoreCard)
        assert card.attempt.answer == GOOD_ANSWERS["sample-cold-starts"]
        assert str(feedback.query_one("#continue", Button).label) == "Back"
        # Keys that move an interview on do nothing in a past session.
        await pilot.press("ctrl+n", "ctrl+e")
        assert app.screen is feedback

        await pilot.press("escape")
        assert app.screen is review
        await pilot.press("down", "enter")
        skipped = app.screen
        assert isinstance(skipped, FeedbackScreen)
        score = text_of(skipped.query_one(".score-card--score"))
        assert score == "Score 0/100 · weak"
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, HistoryScreen)


async def test_categories_tab_shows_trends(
    make_app: AppFactory, store: Store, sample_catalog: Catalog
) -> None:
    finished, discarded = save_history(store, sample_catalog)
    scores = [
        attempt.score if attempt.outcome != "skipped" else 0
        for session_id in (finished, discarded)
        for attempt in store.load_session(session_id).attempts
    ]
    app = make_app(store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        await pilot.press("c")
        screen = app.screen
        assert screen.query_one(TabbedContent).active == "categories-tab"

        trend = screen.query_one(ScoreTrend)
        assert trend.scores == tuple(scores)
        stats = str(screen.query_one(".trend--stats", Static).content)
        mean = round(sum(scores) / 3)
        assert stats == f"3 answers · latest {scores[-1]} · mean {mean}"
        bars = trend.render().plain
        assert bars == "".join(bar_for(score) for score in scores)

        await pilot.press("s")
        assert screen.query_one(TabbedContent).active == "sessions-tab"


async def test_bar_heights_fixed_scale() -> None:
    assert bar_for(0) == "▁"
    assert bar_for(50) == "▄"
    assert bar_for(100) == "█"


async def test_unknown_question_has_no_feedback(
    make_app: AppFactory, store: Store, sample_catalog: Catalog
) -> None:
    session_id = save_session(
        store, sample_catalog, [("cold start", Outcome.SUBMITTED)]
    )
    store._connection.execute(
        "UPDATE attempts SET question_id = 'gone-id' WHERE session_id = ?",
        (session_id,),
    )
    store.discard_session(session_id)
    app = make_app(store=store)
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        await pilot.press("enter")
        review = app.screen
        assert isinstance(review, SessionReviewScreen)
        table = review.query_one("#review-attempts", DataTable)
        assert cells(table, 0)[1] == "(gone-id)"
        await pilot.press("enter")
        assert app.screen is review

        await pilot.press("escape", "c")
        note = app.screen.query(".history-hint").last()
        assert "1 answer is left out" in str(note.content)

    assert [n.title for n in notices] == ["No feedback"]
    assert "'gone-id' is not in the loaded bank" in notices[0].message


async def test_empty_history_says_so(make_app: AppFactory, store: Store) -> None:
    app = make_app(store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert not screen.query("#sessions")
        empty = str(screen.query_one(".history-empty", Static).content)
        assert empty.startswith("No sessions yet.")


async def test_new_session_appears_in_history(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(store=store, count=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        await paste_text(pilot, GOOD_ANSWERS["sample-cold-starts"])
        await pilot.press("ctrl+s", "ctrl+n")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("ctrl+r")
        await open_history(pilot)

        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == 1
        assert app.session is None
        row = cells(table, 0)
        assert row[3] == "1/1"
        assert row[5] == "finished"


async def show_history(pilot: Pilot[Any]) -> None:
    await open_history(pilot)


async def show_categories(pilot: Pilot[Any]) -> None:
    await open_history(pilot)
    await pilot.press("c")


async def show_review(pilot: Pilot[Any]) -> None:
    await open_history(pilot)
    await pilot.press("down", "enter")


@pytest.mark.parametrize(
    ("run_before", "size"),
    [
        (show_history, (80, 24)),
        (show_categories, (80, 24)),
        (show_review, (80, 24)),
        (show_categories, (160, 50)),
    ],
    ids=["sessions", "categories", "review", "categories-wide"],
)
def test_history_snapshots(
    snap_compare: SnapCompare,
    make_app: AppFactory,
    store: Store,
    sample_catalog: Catalog,
    utc: None,
    run_before: Callable[[Pilot[Any]], Any],
    size: tuple[int, int],
) -> None:
    save_history(store, sample_catalog)
    pin_times(store.path)
    app = make_app(store=store)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_resume_offer_snapshot(
    snap_compare: SnapCompare,
    make_app: AppFactory,
    store: Store,
    sample_catalog: Catalog,
    utc: None,
) -> None:
    save_session(
        store,
        sample_catalog,
        [("cold start", Outcome.SUBMITTED)],
        draft=DraftAnswer("Layers hold shared libraries", 25.0),
    )
    pin_times(store.path)
    app = make_app(store=store)
    assert snap_compare(app, terminal_size=(80, 24))
