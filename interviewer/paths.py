"""Where interviewer reads and writes: built-in bank, data and config.

Precedence for the data folder: the ``--data-dir`` option, then the
``INTERVIEWER_DATA_DIR`` environment variable, then ``data_dir`` in the
config file, then the platform's user data folder (platformdirs).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "interviewer"
DATA_DIR_ENV = "INTERVIEWER_DATA_DIR"
CONFIG_FILE_ENV = "INTERVIEWER_CONFIG"
DATABASE_NAME = "interviewer.sqlite3"

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


def config_file() -> Path:
    """Return the config file path: ``INTERVIEWER_CONFIG`` or the platform's."""
    override = os.environ.get(CONFIG_FILE_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def data_dir(option: Path | None = None, configured: Path | None = None) -> Path:
    """Return the data folder by the precedence in the module docstring."""
    if option is not None:
        return option.expanduser()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    if configured is not None:
        return configured.expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME))


def database_path(folder: Path) -> Path:
    return folder / DATABASE_NAME
