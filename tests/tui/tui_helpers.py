"""Helpers for driving the interview app as a candidate would."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.pilot import Pilot

from interviewer.tui.widgets.countdown import Countdown

SEED = 0
"""With this seed the sample bank asks sample-cold-starts, then sample-layers."""

GOOD_ANSWERS = {
    "sample-cold-starts": (
        "A cold start happens when Lambda has to build a new execution "
        "environment before the handler runs. Provisioned concurrency keeps "
        "environments initialised ahead of traffic, and a small deployment "
        "package shortens the init phase."
    ),
    "sample-layers": (
        "A layer is a zip archive of shared libraries that Lambda extracts "
        "under /opt, so several functions share dependencies and each keeps "
        "its own deployment package small."
    ),
}


class FakeClock:
    """A monotonic clock that moves only when a test advances it."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Press one key per character, Enter for each line break."""
    await pilot.press(*("enter" if char == "\n" else char for char in text))


async def paste_text(pilot: Pilot[Any], text: str) -> None:
    """Paste ``text`` as a terminal does: the app forwards it to the focused widget."""
    assert pilot.app.focused is not None, "nothing has focus to paste into"
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def let_time_pass(pilot: Pilot[Any], clock: FakeClock, seconds: float) -> None:
    """Advance the clock, then refresh the countdown as its interval timer would."""
    clock.advance(seconds)
    pilot.app.screen.query_one(Countdown).refresh_remaining()
    await pilot.pause()


async def start_interview(pilot: Pilot[Any]) -> None:
    """Press Enter on the start screen, where the Start button has focus."""
    await pilot.press("enter")
    await pilot.pause()
