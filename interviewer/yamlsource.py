"""Read YAML with PyYAML's safe loader while keeping the line of every key.

Validation messages must name the line a problem is on, and ``yaml.safe_load``
drops that information, so mappings are built as :class:`LineDict` objects
that remember the line of each key and the source text of scalar values.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from interviewer.errors import Problem

try:  # The C loader is several times faster; it is absent on some builds.
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


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
        self.line = 0


class DuplicateKeyError(yaml.MarkedYAMLError):
    """Raised for a key that appears twice in one mapping."""


class _LineLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader whose mappings and sequences carry line numbers."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    result = LineDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            raise DuplicateKeyError(
                None,
                None,
                f"duplicate key {key!r}; each key may appear once in a mapping",
                key_node.start_mark,
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line + 1
        if isinstance(value_node, yaml.ScalarNode):
            result.raw[key] = value_node.value
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList()
    result.line = node.start_mark.line + 1
    for item in node.value:
        result.append(loader.construct_object(item, deep=True))
        result.lines.append(item.start_mark.line + 1)
    return result


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)
_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence
)


class YamlReadError(Exception):
    """Raised when a file cannot be read or parsed; carries one problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def read_yaml(path: Path) -> Any:
    """Parse ``path`` and return its document with line-aware containers.

    Raises:
        YamlReadError: the file is unreadable, empty, indented with tabs or
            not valid YAML.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise YamlReadError(
            Problem(path, None, f"file is not UTF-8 text ({error.reason}); save it as UTF-8")
        ) from error
    except OSError as error:
        raise YamlReadError(
            Problem(path, None, f"cannot read file: {error.strerror}")
        ) from error
    return parse_yaml(text, path)


def parse_yaml(text: str, path: Path) -> Any:
    """Parse YAML ``text`` that came from ``path``; see :func:`read_yaml`."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            raise YamlReadError(
                Problem(
                    path,
                    number,
                    "line is indented with a tab; YAML allows only spaces, "
                    "so replace the tab with spaces",
                )
            )
    try:
        document = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - safe loader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        detail = error.problem or str(error)
        if error.context:
            detail = f"{error.context}, {detail}"
        raise YamlReadError(Problem(path, line, f"invalid YAML: {detail}")) from error
    except yaml.YAMLError as error:
        raise YamlReadError(Problem(path, None, f"invalid YAML: {error}")) from error
    if document is None:
        raise YamlReadError(
            Problem(path, None, "file is empty; add content or delete the file")
        )
    return document
