"""A countdown shown as m:ss beside a bar that shrinks as time runs out."""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.message import Message
from textual.reactive import var
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Label, ProgressBar

from interviewer import timer
from interviewer.timer import Clock, format_seconds


class Countdown(Widget):
    """Time left for one question, read from a deadline on a monotonic clock.

    The display refreshes from an interval timer, but every refresh reads the
    clock, so a busy event loop delays the display and never the deadline.
    Posts :class:`Countdown.Expired` once when the time is up.
    """

    DEFAULT_CSS = """
    Countdown {
        layout: horizontal;
        height: 1;

        & > .countdown--time {
            width: 7;
            text-style: bold;
        }
        & > ProgressBar {
            width: 1fr;
        }
        & > ProgressBar > Bar {
            width: 1fr;
        }
        & Bar > .bar--bar, & Bar > .bar--complete {
            color: $primary;
        }
        &.-warning > .countdown--time {
            color: $warning;
        }
        &.-warning Bar > .bar--bar {
            color: $warning;
        }
        &.-expired > .countdown--time {
            color: $error;
        }
    }
    """

    WARNING_SECONDS = 30.0
    """The ``-warning`` class is set once this many seconds or fewer are left."""
    REFRESH_SECONDS = 0.2
    """Interval between display refreshes; it does not affect the deadline."""

    remaining: var[float] = var(0.0, init=False)
    """Seconds left, as of the last refresh."""

    class Expired(Message):
        """Posted once when the countdown reaches zero.

        Handle it with ``on_countdown_expired``.
        """

        def __init__(self, countdown: Countdown) -> None:
            super().__init__()
            self.countdown = countdown

        @property
        def control(self) -> Countdown:
            return self.countdown

    def __init__(
        self,
        seconds: float,
        *,
        used: float = 0.0,
        clock: Clock = time.monotonic,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.seconds = float(seconds)
        """Seconds allowed in total."""
        # The deadline starts when the widget is built, which is when the
        # question is shown; the few milliseconds until mount are negligible.
        self._deadline = timer.Countdown(seconds, clock, used=used)
        self._refresh_timer: Timer | None = None
        self._expired_posted = False
        self._frozen = False
        self.set_reactive(Countdown.remaining, self._deadline.remaining)

    def compose(self) -> ComposeResult:
        yield Label(format_seconds(self.remaining), classes="countdown--time")
        yield ProgressBar(total=self.seconds, show_percentage=False, show_eta=False)

    def on_mount(self) -> None:
        self.query_one(ProgressBar).update(progress=self.remaining)
        self._refresh_timer = self.set_interval(
            self.REFRESH_SECONDS, self.refresh_remaining
        )
        self.refresh_remaining()

    @property
    def elapsed(self) -> float:
        """Seconds used so far, excluding time spent paused."""
        return self._deadline.elapsed

    @property
    def expired(self) -> bool:
        """True once no time is left, whether or not the display shows it yet."""
        return self._deadline.expired

    def refresh_remaining(self) -> None:
        """Read the clock, update the display and post ``Expired`` at zero.

        Does nothing once the countdown is stopped.
        """
        if self._frozen:
            return
        self.remaining = self._deadline.remaining
        if self._deadline.expired and not self._expired_posted:
            self._expired_posted = True
            self.stop()
            self.post_message(self.Expired(self))

    def pause(self) -> None:
        """Stop the clock, such as while a dialog covers the question."""
        self._deadline.pause()

    def resume(self) -> None:
        """Start the clock again after :meth:`pause`, unless it was stopped."""
        if self._frozen:
            return
        self._deadline.resume()
        self.refresh_remaining()

    def stop(self) -> None:
        """Freeze the countdown for good, such as once the answer is submitted."""
        self._frozen = True
        self._deadline.pause()
        if self._refresh_timer is not None:
            self._refresh_timer.stop()
            self._refresh_timer = None

    def watch_remaining(self, remaining: float) -> None:
        text = format_seconds(remaining)
        if 0 < remaining <= self.WARNING_SECONDS:
            # A sign as well as the colour, so the warning does not rely on
            # colour alone.
            text = f"⚠ {text}"
        self.query_one(".countdown--time", Label).update(text)
        self.query_one(ProgressBar).update(progress=remaining)
        self.set_class(remaining <= self.WARNING_SECONDS, "-warning")
        self.set_class(remaining <= 0, "-expired")
