"""Countdown on a fake clock, and format_seconds."""

from __future__ import annotations

import pytest

from interviewer.timer import Countdown, format_seconds


class FakeClock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_full_time_at_start(clock):
    countdown = Countdown(90, clock)
    assert countdown.remaining == 90
    assert countdown.elapsed == 0
    assert not countdown.expired


def test_remaining_follows_clock(clock):
    countdown = Countdown(90, clock)
    clock.advance(30.5)
    assert countdown.remaining == 59.5
    assert countdown.elapsed == 30.5


def test_fraction_left(clock):
    countdown = Countdown(80, clock)
    clock.advance(20)
    assert countdown.fraction_left == 0.75


def test_expired_at_deadline(clock):
    countdown = Countdown(90, clock)
    clock.advance(89.999)
    assert not countdown.expired
    clock.advance(0.001)
    assert countdown.expired


def test_remaining_never_negative(clock):
    countdown = Countdown(10, clock)
    clock.advance(25)
    assert countdown.remaining == 0
    assert countdown.fraction_left == 0


def test_zero_seconds_expired_at_once(clock):
    countdown = Countdown(0, clock)
    assert countdown.expired
    assert countdown.fraction_left == 0


def test_pause_freezes_time(clock):
    countdown = Countdown(60, clock)
    clock.advance(10)
    countdown.pause()
    clock.advance(100)
    assert countdown.remaining == 50
    assert not countdown.expired


def test_resume_continues_from_pause(clock):
    countdown = Countdown(60, clock)
    clock.advance(10)
    countdown.pause()
    clock.advance(100)
    countdown.resume()
    clock.advance(5)
    assert countdown.remaining == 45


def test_repeated_pause_keeps_first(clock):
    countdown = Countdown(60, clock)
    clock.advance(10)
    countdown.pause()
    clock.advance(5)
    countdown.pause()
    clock.advance(5)
    countdown.resume()
    assert countdown.remaining == 50


def test_resume_without_pause_is_harmless(clock):
    countdown = Countdown(60, clock)
    clock.advance(10)
    countdown.resume()
    assert countdown.remaining == 50


def test_two_pauses_add_up(clock):
    countdown = Countdown(60, clock)
    for _ in range(2):
        clock.advance(10)
        countdown.pause()
        clock.advance(30)
        countdown.resume()
    assert countdown.remaining == 40


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0:00"),
        (0.01, "0:01"),
        (0.999, "0:01"),
        (1, "0:01"),
        (59.2, "1:00"),
        (60, "1:00"),
        (60.5, "1:01"),
        (125, "2:05"),
        (3600, "60:00"),
        (-3, "0:00"),
        (-0.5, "0:00"),
    ],
)
def test_format_seconds(seconds, text):
    assert format_seconds(seconds) == text
