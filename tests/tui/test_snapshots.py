"""SVG snapshots of each screen at 80x24, and of the feedback at a wide size.

Regenerate with ``pytest tests/tui --snapshot-update`` only after checking
the differences in the report that a failing run writes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot
from tui_helpers import FakeClock, let_time_pass, paste_text, start_interview

from interviewer.tui.app import InterviewerApp

AppFactory = Callable[..., InterviewerApp]
SnapCompare = Callable[..., bool]

FEEDBACK_ANSWER = (
    "A cold start happens when Lambda has to build a fresh environment. We "
    "rely on provisional concurrency to keep some ready, but we do not use a "
    "small deployment package. Reserved concurrency keeps them warm as well."
)
"""An answer whose feedback shows every status: covered, close, negated and
a misconception."""


def test_start_screen(snap_compare: SnapCompare, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24))


def test_question_screen_warning(
    snap_compare: SnapCompare, make_app: AppFactory, clock: FakeClock
) -> None:
    async def answer_partly(pilot: Pilot[Any]) -> None:
        await start_interview(pilot)
        await paste_text(pilot, "A cold start happens when Lambda must create")
        await let_time_pass(pilot, clock, 65)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=answer_partly)


async def show_feedback(pilot: Pilot[Any], clock: FakeClock) -> None:
    await start_interview(pilot)
    await paste_text(pilot, FEEDBACK_ANSWER)
    await let_time_pass(pilot, clock, 42)
    await pilot.press("ctrl+s")


def test_feedback_screen_narrow(
    snap_compare: SnapCompare, make_app: AppFactory, clock: FakeClock
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await show_feedback(pilot, clock)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_feedback_screen_wide(
    snap_compare: SnapCompare, make_app: AppFactory, clock: FakeClock
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await show_feedback(pilot, clock)

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)


def test_summary_screen(
    snap_compare: SnapCompare, make_app: AppFactory, clock: FakeClock
) -> None:
    async def finish_interview(pilot: Pilot[Any]) -> None:
        await show_feedback(pilot, clock)
        await pilot.press("ctrl+n")
        await let_time_pass(pilot, clock, 20)
        await pilot.press("ctrl+n", "ctrl+n")

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=finish_interview)
