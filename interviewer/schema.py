"""Field checks shared by the bank, rubric and plan loaders.

Each check appends a :class:`Problem` naming the file, line and key instead
of raising, so one run reports every mistake in a file.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from interviewer.errors import Problem
from interviewer.linetypes import LineDict, LineList

_YAML_CONVERTED = (bool, int, float, datetime.date)
"""Types YAML gives unquoted scalars such as ``no``, ``3.10`` or ``2024-01-31``."""


def _yaml_type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, datetime.date):
        return "a date"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    return type(value).__name__


class FieldReader:
    """Reads typed fields from one YAML mapping and collects problems."""

    def __init__(
        self, mapping: LineDict, path: Path, problems: list[Problem], where: str = ""
    ) -> None:
        self.mapping = mapping
        self.path = path
        self.problems = problems
        self.where = where

    def _name(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def report(self, key: str | None, message: str) -> None:
        line = self.mapping.line_of(key) if key else self.mapping.line
        self.problems.append(Problem(self.path, line, message))

    def _report_missing(self, key: str) -> None:
        self.report(
            None,
            f"missing required key {self._name(key)!r}; add '{key}: ...' to the "
            "mapping that starts on this line",
        )

    def check_keys(self, allowed: Iterable[str]) -> None:
        """Report every key that is not in ``allowed``, with a close match."""
        allowed = list(allowed)
        for key in self.mapping:
            if key in allowed:
                continue
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"did you mean {close[0]!r}?" if close else "remove or rename it."
            self.report(
                key,
                f"unknown key {self._name(key)!r}; {hint} "
                f"Allowed keys: {', '.join(allowed)}",
            )

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        """Return a non-empty string field."""
        if key not in self.mapping:
            if required:
                self._report_missing(key)
            return default
        value = self.mapping[key]
        if isinstance(value, _YAML_CONVERTED):
            raw = self.mapping.raw.get(key, str(value))
            self.report(
                key,
                f"{self._name(key)!r} must be text, but YAML read {raw!r} as "
                f'{_yaml_type_name(value)}; put it in quotes: {key}: "{raw}"',
            )
            return str(raw)
        if value is None or (isinstance(value, str) and not value.strip()):
            self.report(key, f"{self._name(key)!r} is empty; write some text")
            return default
        if not isinstance(value, str):
            self.report(
                key,
                f"{self._name(key)!r} must be text, not {_yaml_type_name(value)}; "
                "write it on one line, or after '|' for several lines",
            )
            return default
        return value.strip()

    def number(
        self,
        key: str,
        *,
        required: bool = True,
        default: float = 0.0,
        minimum: float | None = None,
        integer: bool = False,
    ) -> float:
        """Return a numeric field, checking its type and lower bound."""
        if key not in self.mapping:
            if required:
                self._report_missing(key)
            return default
        value = self.mapping[key]
        kind = "a whole number" if integer else "a number"
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.report(
                key,
                f"{self._name(key)!r} must be {kind}, not "
                f"{_yaml_type_name(value)} ({value!r}); write digits without quotes",
            )
            return default
        if integer and not isinstance(value, int):
            self.report(key, f"{self._name(key)!r} must be {kind}, not {value!r}")
            return default
        if minimum is not None and value < minimum:
            self.report(
                key, f"{self._name(key)!r} must be at least {minimum:g}, not {value!r}"
            )
            return default
        return float(value)

    def text_list(self, key: str, *, required: bool = True) -> list[tuple[str, int]]:
        """Return a list of non-empty strings with the line of each item.

        A single string is accepted as a list of one.
        """
        if key not in self.mapping:
            if required:
                self._report_missing(key)
            return []
        value = self.mapping[key]
        line = self.mapping.line_of(key)
        if isinstance(value, str):
            return [(value.strip(), line)] if value.strip() else []
        if not isinstance(value, LineList):
            self.report(
                key,
                f"{self._name(key)!r} must be a list of text, not "
                f"{_yaml_type_name(value)}",
            )
            return []
        items: list[tuple[str, int]] = []
        for index, (item, item_line) in enumerate(zip(value, value.lines, strict=True)):
            label = f"{self._name(key)}[{index}]"
            if isinstance(item, _YAML_CONVERTED):
                raw = value.raw[index] or str(item)
                self.problems.append(
                    Problem(
                        self.path,
                        item_line,
                        f"{label!r} must be text, but YAML read {raw!r} as "
                        f'{_yaml_type_name(item)}; put it in quotes: "{raw}"',
                    )
                )
                items.append((raw, item_line))
            elif not isinstance(item, str) or not item.strip():
                self.problems.append(
                    Problem(self.path, item_line, f"{label!r} must be non-empty text")
                )
            else:
                items.append((item.strip(), item_line))
        return items

    def mapping_list(self, key: str, *, required: bool = True) -> list[LineDict]:
        """Return a list of mappings, reporting items of any other type."""
        if key not in self.mapping:
            if required:
                self._report_missing(key)
            return []
        value = self.mapping[key]
        if not isinstance(value, LineList):
            self.report(
                key,
                f"{self._name(key)!r} must be a list, not {_yaml_type_name(value)}",
            )
            return []
        result: list[LineDict] = []
        for index, (item, line) in enumerate(zip(value, value.lines, strict=True)):
            if isinstance(item, LineDict):
                result.append(item)
            else:
                self.problems.append(
                    Problem(
                        self.path,
                        line,
                        f"{self._name(key)}[{index}] must be a mapping of keys, "
                        f"not {_yaml_type_name(item)}",
                    )
                )
        return result
