"""A cache of parsed bank and rubric files, so large banks start fast.

Parsing YAML dominates start-up for big banks (PyYAML's C loader takes
seconds for ten thousand questions), so each file's validated result is
kept as JSON in the user cache folder. An entry is used only when the
file's size and modification time match, or, failing that, when its
SHA-256 still matches (a file touched but not changed). Entries also
record the interviewer version and the loader modules' modification
times, so a change to the validation rules never serves a stale result.

Set ``INTERVIEWER_CACHE_DIR`` to move the cache, or to an empty string to
turn it off.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from functools import cache
from pathlib import Path
from typing import Any

import platformdirs

from interviewer import __version__
from interviewer.errors import Problem
from interviewer.paths import APP_NAME

logger = logging.getLogger(__name__)

CACHE_DIR_ENV = "INTERVIEWER_CACHE_DIR"
FORMAT = 1
_LOADER_MODULES = ("bank.py", "rubric.py", "schema.py", "yamlsource.py")


def cache_dir() -> Path | None:
    """Return the cache folder, or None when caching is turned off."""
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured is not None:
        return Path(configured).expanduser() if configured.strip() else None
    return Path(platformdirs.user_cache_dir(APP_NAME)) / "parsed"


@cache
def _code_stamp() -> str:
    package = Path(__file__).resolve().parent
    parts = [__version__, str(FORMAT)]
    for name in (*_LOADER_MODULES, "scoring/normalize.py"):
        try:
            parts.append(str((package / name).stat().st_mtime_ns))
        except OSError:
            parts.append("-")
    return ":".join(parts)


def _entry_path(folder: Path, source: Path, kind: str) -> Path:
    key = hashlib.sha256(f"{kind}:{source.resolve()}".encode()).hexdigest()[:32]
    return folder / f"{key}.json"


def _digest(source: Path) -> str:
    return hashlib.sha256(source.read_bytes()).hexdigest()


def problems_to_json(problems: list[Problem]) -> list[list[Any]]:
    return [[str(p.path), p.line, p.message] for p in problems]


def problems_from_json(rows: list[list[Any]]) -> list[Problem]:
    return [Problem(Path(path), line, message) for path, line, message in rows]


def load(source: Path, kind: str) -> Any | None:
    """Return the cached payload for ``source``, or None when stale or absent."""
    folder = cache_dir()
    if folder is None:
        return None
    entry = _entry_path(folder, source, kind)
    try:
        stat = source.stat()
        data = json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("code") != _code_stamp() or data.get("path") != str(source):
        return None
    if data.get("size") == stat.st_size and data.get("mtime_ns") == stat.st_mtime_ns:
        return data["payload"]
    try:
        if data.get("sha256") != _digest(source):
            return None
    except OSError:
        return None
    # Same content, new timestamp: refresh the entry so the next look-up
    # takes the fast path again.
    save(source, kind, data["payload"])
    return data["payload"]


def save(source: Path, kind: str, payload: Any) -> None:
    """Store ``payload`` for ``source``; failures only cost speed, so log them."""
    folder = cache_dir()
    if folder is None:
        return
    entry = _entry_path(folder, source, kind)
    try:
        stat = source.stat()
        data = {
            "code": _code_stamp(),
            "path": str(source),
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
            "sha256": _digest(source),
            "payload": payload,
        }
        folder.mkdir(parents=True, exist_ok=True)
        # Write then rename, so a reader never sees half an entry.
        temporary = entry.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        temporary.replace(entry)
    except OSError as error:
        logger.warning("could not cache %s in %s: %s", source, folder, error)
