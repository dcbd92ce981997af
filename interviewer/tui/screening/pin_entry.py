"""Checking a PIN typed into an input, shared by the dialog and the end screen."""

from __future__ import annotations

import math

from textual.widgets import Input, Label

from interviewer.pin import PinCheck, PinGuard


def check_pin_entry(guard: PinGuard, entry: Input, error: Label) -> bool:
    """Check the PIN in ``entry``, clear it, and explain a refusal in ``error``.

    Returns whether the PIN was accepted.
    """
    outcome = guard.check(entry.value)
    entry.clear()
    if outcome is PinCheck.ACCEPTED:
        error.update("")
        return True
    if outcome is PinCheck.LOCKED:
        seconds = math.ceil(guard.locked_for)
        error.update(f"Too many wrong PINs. Try again in {seconds} seconds.")
    else:
        error.update("Wrong PIN.")
    entry.focus()
    return False
