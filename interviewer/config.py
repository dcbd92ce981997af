"""The optional config file (TOML) with bank folders and the data folder.

Example ``config.toml``::

    bank = ["~/interview-bank/questions"]
    rubrics = ["~/interview-bank/rubrics"]
    data_dir = "~/.local/share/interviewer"
    practice_daily = 15      # questions per day in spaced-repetition practice

Relative paths are taken from the folder holding the config file.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from interviewer.errors import InterviewerError

KEYS = ("bank", "rubrics", "data_dir", "practice_daily")


@dataclass(frozen=True, slots=True)
class Config:
    bank: list[Path] = field(default_factory=list)
    rubrics: list[Path] = field(default_factory=list)
    data_dir: Path | None = None
    practice_daily: int | None = None
    """Questions per day in practice; None leaves the built-in default."""
    path: Path | None = None
    """The file this was read from; None when there was no file."""


def _path_list(value: object, key: str, base: Path, source: Path) -> list[Path]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        message = f"{source}: {key!r} must be a folder path or a list of them"
        raise InterviewerError(message)
    return [base / Path(item).expanduser() for item in value]


def load_config(path: Path) -> Config:
    """Read ``path``; a missing file gives the empty default config.

    Raises:
        InterviewerError: the file is not valid TOML or has a wrong key or type.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config()
    except tomllib.TOMLDecodeError as error:
        message = f"{path}: invalid TOML: {error}"
        raise InterviewerError(message) from None
    except (OSError, UnicodeDecodeError) as error:
        message = f"{path}: cannot read config file: {error}"
        raise InterviewerError(message) from None
    for key in data:
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            message = (
                f"{path}: unknown key {key!r}{hint} Allowed keys: {', '.join(KEYS)}"
            )
            raise InterviewerError(message)
    base = path.parent
    data_dir = data.get("data_dir")
    if data_dir is not None and not isinstance(data_dir, str):
        message = f"{path}: 'data_dir' must be a folder path"
        raise InterviewerError(message)
    practice_daily = data.get("practice_daily")
    # TOML booleans load as bool, which is a subclass of int.
    if practice_daily is not None and (
        isinstance(practice_daily, bool)
        or not isinstance(practice_daily, int)
        or practice_daily < 1
    ):
        message = (
            f"{path}: 'practice_daily' must be a whole number of questions, "
            f"1 or more; got {practice_daily!r}"
        )
        raise InterviewerError(message)
    return Config(
        bank=_path_list(data.get("bank", []), "bank", base, path),
        rubrics=_path_list(data.get("rubrics", []), "rubrics", base, path),
        data_dir=base / Path(data_dir).expanduser() if data_dir else None,
        practice_daily=practice_daily,
        path=path,
    )
