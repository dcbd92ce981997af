"""A countdown computed from a deadline on a monotonic clock.

Counting timer ticks drifts when the event loop is busy; reading the clock
on every refresh does not. The clock is injectable so tests can move time.
"""

from __future__ import annotations

import time
from collections.abc import Callable

Clock = Callable[[], float]


class Countdown:
    """Seconds left before a deadline, pausable while the app is away.

    Args:
        seconds: Seconds allowed in total.
        clock: Monotonic clock, in seconds.
        used: Seconds already used, such as by an earlier run of the app.
    """

    def __init__(
        self, seconds: float, clock: Clock = time.monotonic, *, used: float = 0.0
    ) -> None:
        self.clock = clock
        self.allowed = float(seconds)
        self._started = clock() - used
        self._paused_at: float | None = None
        self._paused_total = 0.0

    @property
    def elapsed(self) -> float:
        now = self._paused_at if self._paused_at is not None else self.clock()
        return max(0.0, now - self._started - self._paused_total)

    @property
    def remaining(self) -> float:
        return max(0.0, self.allowed - self.elapsed)

    @property
    def expired(self) -> bool:
        return self.remaining <= 0.0

    @property
    def fraction_left(self) -> float:
        return self.remaining / self.allowed if self.allowed else 0.0

    def pause(self) -> None:
        if self._paused_at is None:
            self._paused_at = self.clock()

    def resume(self) -> None:
        if self._paused_at is not None:
            self._paused_total += self.clock() - self._paused_at
            self._paused_at = None


def format_seconds(seconds: float) -> str:
    """Return ``m:ss`` for a duration, rounding partial seconds up.

    Rounding up means the display reads 0:00 only once time is really out.
    """
    whole = int(-(-seconds // 1))
    minutes, rest = divmod(max(0, whole), 60)
    return f"{minutes}:{rest:02d}"
