"""Containers and errors of the YAML reader that do not need PyYAML.

Kept apart from :mod:`interviewer.yamlsource` so that a start served
entirely from the parse cache never imports PyYAML.
"""

from __future__ import annotations

from typing import Any

from interviewer.errors import Problem


class LineDict(dict[str, Any]):
    """A mapping read from YAML, with the 1-based line of each key."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[str, int] = {}
        self.raw: dict[str, str] = {}
        self.line = 0

    def line_of(self, key: str) -> int:
        """Return the line of ``key``, or of the mapping itself when absent."""
        return self.lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence read from YAML, with the 1-based line of each item."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[int] = []
        self.raw: list[str | None] = []
        """Source text of each scalar item; None for a nested list or mapping."""
        self.line = 0


class YamlReadError(Exception):
    """Raised when a file cannot be read or parsed; carries one problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))
