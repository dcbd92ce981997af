"""PIN hashing and the lockout after repeated wrong PINs."""

from __future__ import annotations

import pytest

from interviewer.pin import PinCheck, PinGuard, hash_pin, pin_problem, verify_pin


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_hash_verifies_right_pin() -> None:
    assert verify_pin("4711", hash_pin("4711"))


def test_hash_rejects_wrong_pin() -> None:
    assert not verify_pin("4712", hash_pin("4711"))


def test_hash_is_salted_and_hides_pin() -> None:
    first, second = hash_pin("4711"), hash_pin("4711")
    assert first != second
    assert "4711" not in first
    assert first.startswith("scrypt$16384$8$1$")


@pytest.mark.parametrize(
    ("pin", "problem"),
    [("123", "too short"), ("x" * 65, "too long"), ("    ", "only spaces")],
)
def test_unusable_pins(pin: str, problem: str) -> None:
    message = pin_problem(pin)
    assert message is not None
    assert problem in message
    with pytest.raises(ValueError, match=problem):
        hash_pin(pin)


def test_malformed_hash_raises() -> None:
    with pytest.raises(ValueError, match="scrypt"):
        verify_pin("4711", "plain:4711")


def test_guard_accepts_and_rejects() -> None:
    guard = PinGuard(hash_pin("4711"), clock=FakeClock())
    assert guard.check("0000") is PinCheck.REJECTED
    assert guard.check("4711") is PinCheck.ACCEPTED


def test_guard_locks_after_max_failures() -> None:
    clock = FakeClock()
    guard = PinGuard(hash_pin("4711"), clock=clock)
    for _ in range(PinGuard.MAX_FAILURES):
        assert guard.check("0000") is PinCheck.REJECTED
    assert guard.check("4711") is PinCheck.LOCKED
    assert guard.locked_for == PinGuard.LOCKOUT_SECONDS
    clock.now += PinGuard.LOCKOUT_SECONDS
    assert guard.locked_for == 0
    assert guard.check("4711") is PinCheck.ACCEPTED


def test_guard_success_resets_failures() -> None:
    guard = PinGuard(hash_pin("4711"), clock=FakeClock())
    for _ in range(PinGuard.MAX_FAILURES - 1):
        guard.check("0000")
    assert guard.check("4711") is PinCheck.ACCEPTED
    assert guard.check("0000") is PinCheck.REJECTED
    assert guard.locked_for == 0
