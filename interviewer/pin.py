"""The interviewer's PIN for a screening: salted scrypt hashes and a lockout.

Only the hash is stored. The PIN guards the way out of the candidate view,
so :class:`PinGuard` also slows down a candidate who guesses at the keyboard.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import time
from enum import StrEnum

from interviewer.timer import Clock

MIN_PIN_CHARS = 4
MAX_PIN_CHARS = 64

# Each check needs 128 * n * r bytes (16 MiB here), which makes an offline
# search of a stolen hash costly while one check stays well under a second.
_SCRYPT_N = 2**14
_SCRYPT_R = 8
_SCRYPT_P = 1
_SALT_BYTES = 16
_KEY_BYTES = 32


def pin_problem(pin: str) -> str | None:
    """Return why ``pin`` cannot be used, or None when it can."""
    if len(pin) < MIN_PIN_CHARS:
        return f"the PIN is too short; use at least {MIN_PIN_CHARS} characters"
    if len(pin) > MAX_PIN_CHARS:
        return f"the PIN is too long; use at most {MAX_PIN_CHARS} characters"
    if not pin.strip():
        return "the PIN is only spaces; use digits, letters or both"
    return None


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=_KEY_BYTES
    )


def hash_pin(pin: str) -> str:
    """Return a salted scrypt hash of ``pin`` as ``scrypt$n$r$p$salt$key``.

    Raises:
        ValueError: the PIN breaks a rule of :func:`pin_problem`.
    """
    problem = pin_problem(pin)
    if problem is not None:
        raise ValueError(problem)
    salt = os.urandom(_SALT_BYTES)
    key = _derive(pin, salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${key.hex()}"


def verify_pin(pin: str, pin_hash: str) -> bool:
    """Return whether ``pin`` matches a hash made by :func:`hash_pin`.

    Raises:
        ValueError: ``pin_hash`` is not in the format :func:`hash_pin` writes.
    """
    parts = pin_hash.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        message = "the stored PIN hash is not in the scrypt$n$r$p$salt$key format"
        raise ValueError(message)
    n, r, p = (int(part) for part in parts[1:4])
    salt, expected = bytes.fromhex(parts[4]), bytes.fromhex(parts[5])
    return hmac.compare_digest(_derive(pin, salt, n, r, p), expected)


class PinCheck(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    LOCKED = "locked"
    """Too many wrong PINs in a row; no PIN is checked until the lockout ends."""


class PinGuard:
    """Checks PIN entries against one hash and locks out repeated guesses.

    After :attr:`MAX_FAILURES` wrong PINs in a row, every entry is refused
    for :attr:`LOCKOUT_SECONDS`, so guessing a 4-digit PIN takes days.
    """

    MAX_FAILURES = 5
    LOCKOUT_SECONDS = 60.0

    def __init__(self, pin_hash: str, *, clock: Clock = time.monotonic) -> None:
        self.pin_hash = pin_hash
        self.clock = clock
        self._failures = 0
        self._locked_until: float | None = None

    @property
    def locked_for(self) -> float:
        """Seconds until PINs are checked again; 0 when not locked."""
        if self._locked_until is None:
            return 0.0
        return max(0.0, self._locked_until - self.clock())

    def check(self, pin: str) -> PinCheck:
        """Check one entry, counting it towards the lockout when wrong."""
        if self.locked_for > 0:
            return PinCheck.LOCKED
        if verify_pin(pin, self.pin_hash):
            self._failures = 0
            return PinCheck.ACCEPTED
        self._failures += 1
        if self._failures >= self.MAX_FAILURES:
            self._failures = 0
            self._locked_until = self.clock() + self.LOCKOUT_SECONDS
        return PinCheck.REJECTED
