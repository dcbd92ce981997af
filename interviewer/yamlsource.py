"""Read YAML with PyYAML's safe loader while keeping the line of every key.

Validation messages must name the line a problem is on, and ``yaml.safe_load``
drops that information, so mappings are built as :class:`LineDict` objects
that remember the line of each key and the source text of scalar values.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from interviewer.errors import Problem
from interviewer.linetypes import LineDict, LineList, YamlReadError

__all__ = ["LineDict", "LineList", "YamlReadError", "parse_yaml", "read_yaml"]

try:  # The C loader is several times faster; it is absent on some builds.
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


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
        result.raw.append(item.value if isinstance(item, yaml.ScalarNode) else None)
    return result


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)
_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence
)


_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
"""The line breaks YAML counts, so line numbers agree with the parser's."""


def _indented_with_tab(text: str, line: int) -> bool:
    lines = _LINE_BREAK.split(text)
    return 1 <= line <= len(lines) and lines[line - 1].lstrip(" ").startswith("\t")


def read_yaml(path: Path) -> Any:
    """Parse ``path`` and return its document with line-aware containers.

    Raises:
        YamlReadError: the file is unreadable, empty, indented with tabs or
            not valid YAML.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise YamlReadError(
            Problem(path, None, f"cannot read file: {error.strerror}")
        ) from error
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        message = f"file is not UTF-8 text ({error.reason}); save it as UTF-8"
        raise YamlReadError(Problem(path, line, message)) from error
    return parse_yaml(text, path)


def parse_yaml(text: str, path: Path) -> Any:
    """Parse YAML ``text`` that came from ``path``; see :func:`read_yaml`."""
    try:
        document = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - safe loader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        # A tab is valid inside a block scalar, such as code in a model answer,
        # so tabs are reported only where the parser failed on them.
        if line is not None and _indented_with_tab(text, line):
            message = (
                "line is indented with a tab; YAML allows only spaces, "
                "so replace the tab with spaces"
            )
            raise YamlReadError(Problem(path, line, message)) from error
        detail = error.problem or str(error)
        if error.context:
            detail = f"{error.context}, {detail}"
        if "mapping values are not allowed" in detail:
            # The usual cause is an unquoted value such as "prompt: A: or B?".
            detail += "; put a value that contains ': ' in quotes"
        raise YamlReadError(Problem(path, line, f"invalid YAML: {detail}")) from error
    except yaml.YAMLError as error:
        raise YamlReadError(Problem(path, None, f"invalid YAML: {error}")) from error
    if document is None:
        raise YamlReadError(
            Problem(path, None, "file is empty; add content or delete the file")
        )
    return document
