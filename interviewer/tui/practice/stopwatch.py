"""Time spent on a practice question, beside a soft target that is never enforced."""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.reactive import var
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Label

from interviewer import timer
from interviewer.timer import Clock, format_seconds


def format_whole_seconds(seconds: float) -> str:
    """Return ``m:ss`` for the whole seconds in ``seconds``, rounding down."""
    return format_seconds(int(seconds))


class Stopwatch(Widget):
    """Elapsed time on a monotonic clock, and how it compares with a target.

    Past the target the ``-over-target`` class is set and the target label
    shows by how much. Nothing else happens, because practice has no time
    limit. The display refreshes from an interval timer that reads the clock,
    so a busy event loop delays the display and never the measured time.
    """

    DEFAULT_CSS = """
    Stopwatch {
        layout: horizontal;
        height: 1;

        & > .stopwatch--elapsed {
            width: auto;
            text-style: bold;
        }
        & > .stopwatch--target {
            width: auto;
            margin-left: 3;
            color: $text-muted;
        }
        &.-over-target > .stopwatch--elapsed,
        &.-over-target > .stopwatch--target {
            color: $text-warning;
        }
    }
    """

    REFRESH_SECONDS = 0.5
    """Interval between display refreshes; it does not affect the time measured."""

    seconds: var[float] = var(0.0, init=False)
    """Seconds elapsed, as of the last refresh."""
    show_target: var[bool] = var(True, init=False)
    """Whether the target is shown and the display warns past it."""

    def __init__(
        self,
        target: float,
        *,
        clock: Clock = time.monotonic,
        show_target: bool = True,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.target = float(target)
        """Suggested seconds for an answer."""
        # A Countdown to the target measures the elapsed time, pauses
        # included, and tells when the target has passed.
        self._measure = timer.Countdown(target, clock)
        self._refresh_timer: Timer | None = None
        self._stopped = False
        self.set_reactive(Stopwatch.show_target, show_target)

    def compose(self) -> ComposeResult:
        yield Label(self._elapsed_text(0.0), classes="stopwatch--elapsed")
        yield Label(self._target_text(0.0), classes="stopwatch--target")

    def on_mount(self) -> None:
        self._refresh_timer = self.set_interval(
            self.REFRESH_SECONDS, self.refresh_elapsed
        )
        self._show(0.0)

    @property
    def elapsed(self) -> float:
        """Seconds spent so far, excluding time spent paused."""
        return self._measure.elapsed

    @property
    def over_target(self) -> bool:
        return self._measure.expired

    def refresh_elapsed(self) -> None:
        """Read the clock and update the display; does nothing once stopped."""
        if not self._stopped:
            self.seconds = self._measure.elapsed

    def pause(self) -> None:
        """Stop counting, such as while a dialog covers the question."""
        self._measure.pause()

    def resume(self) -> None:
        """Count again after :meth:`pause`, unless stopped for good."""
        if not self._stopped:
            self._measure.resume()
            self.refresh_elapsed()

    def stop(self) -> None:
        """Freeze the time for good, such as once the answer is submitted."""
        self.refresh_elapsed()
        self._stopped = True
        self._measure.pause()
        if self._refresh_timer is not None:
            self._refresh_timer.stop()
            self._refresh_timer = None

    def watch_seconds(self, seconds: float) -> None:
        self._show(seconds)

    def watch_show_target(self) -> None:
        self._show(self.seconds)

    def _show(self, seconds: float) -> None:
        self.query_one(".stopwatch--elapsed", Label).update(self._elapsed_text(seconds))
        target = self.query_one(".stopwatch--target", Label)
        target.display = self.show_target
        target.update(self._target_text(seconds))
        self.set_class(self.show_target and seconds >= self.target, "-over-target")

    @staticmethod
    def _elapsed_text(seconds: float) -> str:
        return f"{format_whole_seconds(seconds)} elapsed"

    def _target_text(self, seconds: float) -> str:
        text = f"target {format_whole_seconds(self.target)}"
        if seconds >= self.target:
            over = format_whole_seconds(seconds - self.target)
            text += f", over by {over}"
        return text
