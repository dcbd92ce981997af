"""SVG snapshots of the screening screens at 80x24, and of the review at 160x50.

Regenerate with ``pytest tests/tui --snapshot-update`` only after checking
the differences in the report that a failing run writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from screening_helpers import fill_pin, write_answer
from screening_records import (
    GOOD_ANSWERS,
    PLAN_FILE,
    screening_catalog,
    store_screening,
)
from textual.pilot import Pilot
from tui_helpers import FakeClock, let_time_pass

from interviewer.catalog import Catalog
from interviewer.screening import load_plan
from interviewer.storage import Store
from interviewer.tui.screening.app import ReviewApp, ScreeningApp

SnapCompare = Callable[..., bool]
STARTED = "2025-05-06T09:30:00+00:00"


@pytest.fixture
def catalog() -> Catalog:
    return screening_catalog()


@pytest.fixture
def screening_app(catalog: Catalog, clock: FakeClock, tmp_path: Path) -> ScreeningApp:
    store = Store(tmp_path / "db.sqlite3")
    app = ScreeningApp(
        catalog, load_plan(PLAN_FILE, catalog), "Ada Lovelace", store, clock=clock
    )
    app.cursor_blink = False
    return app


@pytest.fixture
def review_store(catalog: Catalog, tmp_path: Path) -> Store:
    """A store with two screenings, one overridden and decided, at fixed times."""
    path = tmp_path / "review.sqlite3"
    with Store(path) as store:
        answers = {q: GOOD_ANSWERS[q] for q in ("scr-quorum", "scr-backpressure")}
        first = store_screening(store, catalog, answers)
        store.save_override(first, 2, 40, "read the answer from notes")
        store.save_decision(first, "hold", "compare with Grace")
        store.save_paste(first, 2, "scr-backpressure", "bounded queue", 4.0)
        store_screening(store, catalog, GOOD_ANSWERS, candidate="Grace Hopper")
    connection = sqlite3.connect(path)
    connection.execute("UPDATE sessions SET started_at = ?", (STARTED,))
    connection.commit()
    connection.close()
    return Store(path)


async def hand_over(pilot: Pilot[Any]) -> None:
    await fill_pin(pilot)
    await fill_pin(pilot)


def test_setup_screen(snap_compare: SnapCompare, screening_app: ScreeningApp) -> None:
    async def mismatch(pilot: Pilot[Any]) -> None:
        await fill_pin(pilot, "4711")
        await fill_pin(pilot, "4712")

    assert snap_compare(screening_app, terminal_size=(80, 24), run_before=mismatch)


def test_welcome_screen(snap_compare: SnapCompare, screening_app: ScreeningApp) -> None:
    assert snap_compare(screening_app, terminal_size=(80, 24), run_before=hand_over)


def test_pin_dialog_over_question(
    snap_compare: SnapCompare, screening_app: ScreeningApp, clock: FakeClock
) -> None:
    async def open_dialog(pilot: Pilot[Any]) -> None:
        await hand_over(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await write_answer(pilot, "The write counts once enough nodes answer.")
        await let_time_pass(pilot, clock, 12)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await fill_pin(pilot, "0000")

    assert snap_compare(screening_app, terminal_size=(80, 24), run_before=open_dialog)


def test_complete_screen(
    snap_compare: SnapCompare, screening_app: ScreeningApp
) -> None:
    async def skip_all(pilot: Pilot[Any]) -> None:
        await hand_over(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        await pilot.pause()

    assert snap_compare(screening_app, terminal_size=(80, 24), run_before=skip_all)


def test_review_screen_narrow(
    snap_compare: SnapCompare, review_store: Store, catalog: Catalog
) -> None:
    async def second_question(pilot: Pilot[Any]) -> None:
        await pilot.press("down")
        await pilot.pause()

    app = ReviewApp(review_store, catalog, 1)
    assert snap_compare(app, terminal_size=(80, 24), run_before=second_question)


def test_review_screen_wide(
    snap_compare: SnapCompare, review_store: Store, catalog: Catalog
) -> None:
    app = ReviewApp(review_store, catalog, 1)
    assert snap_compare(app, terminal_size=(160, 50))


def test_screening_list(
    snap_compare: SnapCompare, review_store: Store, catalog: Catalog
) -> None:
    app = ReviewApp(review_store, catalog)
    assert snap_compare(app, terminal_size=(80, 24))
