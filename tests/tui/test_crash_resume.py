"""A real crash: the app is killed with SIGKILL while typing, then resumed."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from interviewer.storage import Store
from interviewer.tui.app import InterviewerApp
from interviewer.tui.screens.question import QuestionScreen
from interviewer.tui.screens.resume import ResumeModal
from interviewer.tui.widgets.answer_editor import AnswerEditor
from interviewer.tui.widgets.countdown import Countdown

DATA = Path(__file__).resolve().parent.parent / "data"

TYPED = "A cold start builds a new environment"

POLL_TIMEOUT_SECONDS = 120
"""How long to wait for the app to start and autosave; generous for slow CI."""

# Runs the app headless on a real clock, types an answer through the pilot,
# then waits to be killed. Only the autosave timer can have saved the draft.
TYPIST = textwrap.dedent(
    """
    import asyncio
    import sys
    from pathlib import Path

    from interviewer.catalog import load_catalog
    from interviewer.storage import Store
    from interviewer.tui.app import InterviewerApp

    bank, rubrics, database, typed = sys.argv[1:5]
    catalog = load_catalog([Path(bank)], [Path(rubrics)], include_builtin=False)

    async def type_answer(pilot):
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*typed)
        await asyncio.Event().wait()

    with Store(Path(database)) as store:
        app = InterviewerApp(catalog, seed=0, store=store)
        app.run(headless=True, auto_pilot=type_answer)
    """
)


def saved_draft(database: Path) -> str | None:
    """Return the draft text in the database, or None before there is one."""
    if not database.exists():
        return None
    connection = sqlite3.connect(database, timeout=10)
    try:
        rows = connection.execute("SELECT text FROM drafts").fetchall()
    except sqlite3.OperationalError:
        # The app has not created its tables yet.
        return None
    finally:
        connection.close()
    return rows[0][0] if rows else None


def wait_for_draft(process: subprocess.Popen[str], database: Path) -> None:
    deadline = time.monotonic() + POLL_TIMEOUT_SECONDS
    while saved_draft(database) != TYPED:
        if process.poll() is not None:
            _, errors = process.communicate()
            pytest.fail(f"the app exited with {process.returncode}: {errors}")
        if time.monotonic() > deadline:
            process.kill()
            _, errors = process.communicate()
            pytest.fail(f"no draft {TYPED!r} was saved; the app wrote: {errors}")
        time.sleep(0.05)


async def test_sigkill_then_resume(
    tmp_path: Path, make_app: Callable[..., InterviewerApp]
) -> None:
    database = tmp_path / "data" / "interviewer.sqlite3"
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            TYPIST,
            str(DATA / "bank"),
            str(DATA / "rubrics"),
            str(database),
            TYPED,
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_draft(process, database)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    connection = sqlite3.connect(database)
    used = connection.execute("SELECT time_used FROM drafts").fetchone()[0]
    connection.close()

    with Store(database) as store:
        app = make_app(store=store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ResumeModal)
            await pilot.press("enter")

            screen = app.screen
            assert isinstance(screen, QuestionScreen)
            assert screen.question.id == "sample-cold-starts"
            assert screen.query_one(AnswerEditor).text == TYPED
            # The clock did not run while the app was closed.
            remaining = screen.query_one(Countdown).remaining
            assert remaining == pytest.approx(90 - used)
