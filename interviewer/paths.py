"""Where the built-in bank lives, in a source checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _builtin(name: str) -> Path:
    # The wheel carries the folders inside the package; a source checkout or
    # an editable install has them beside the package at the repository root.
    installed = _PACKAGE / "_builtin" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def builtin_bank_dir() -> Path:
    """Return the folder of the built-in question files."""
    return _builtin("bank")


def builtin_rubrics_dir() -> Path:
    """Return the folder of the built-in rubric files."""
    return _builtin("rubrics")
