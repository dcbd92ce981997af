"""Rubric model and the loader for ``rubrics/*.yaml``.

A rubric file maps question ids to rubrics::

    lambda-cold-starts:
      concepts:
        - label: Provisioned concurrency
          weight: 3
          phrases: [provisioned concurrency, PC, pre-warmed environments]
      misconceptions:
        - label: Reserved concurrency keeps environments warm
          phrases: [reserved concurrency keeps them warm]
          penalty: 15

The first phrase of a concept is its canonical term; the rest are aliases.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interviewer import parsecache
from interviewer.bank import bank_files
from interviewer.errors import Problem
from interviewer.linetypes import LineDict, YamlReadError
from interviewer.schema import FieldReader
from interviewer.scoring.normalize import phrase_problem

RUBRIC_KEYS = ("concepts", "misconceptions")
CONCEPT_KEYS = ("label", "weight", "phrases")
MISCONCEPTION_KEYS = ("label", "phrases", "penalty")
DEFAULT_PENALTY = 15.0


@dataclass(frozen=True, slots=True)
class Concept:
    """A point a strong answer makes, recognised by any of its phrases."""

    label: str
    weight: float
    phrases: tuple[str, ...]
    """The canonical term first, then aliases and abbreviations."""


@dataclass(frozen=True, slots=True)
class Misconception:
    """A wrong belief; stating it costs ``penalty`` points."""

    label: str
    phrases: tuple[str, ...]
    penalty: float


@dataclass(frozen=True, slots=True)
class Rubric:
    """The concepts and misconceptions an answer to one question is scored on."""

    question_id: str
    concepts: tuple[Concept, ...]
    misconceptions: tuple[Misconception, ...]
    path: Path
    line: int
    """The line of the question id that keys this rubric."""

    @property
    def total_weight(self) -> float:
        return sum(concept.weight for concept in self.concepts)


def _read_phrases(fields: FieldReader, problems: list[Problem]) -> tuple[str, ...]:
    before = len(problems)
    phrases = []
    for phrase, line in fields.text_list("phrases"):
        problem = phrase_problem(phrase)
        if problem:
            message = f"'{fields.where}.phrases': phrase {phrase!r} {problem}"
            problems.append(Problem(fields.path, line, message))
            continue
        phrases.append(phrase)
    if "phrases" in fields.mapping and not phrases and len(problems) == before:
        fields.report("phrases", f"{fields.where}.phrases is empty; add a phrase")
    return tuple(phrases)


def _read_rubric(
    question_id: str, entry: LineDict, path: Path, line: int, problems: list[Problem]
) -> Rubric | None:
    before = len(problems)
    fields = FieldReader(entry, path, problems, where=question_id)
    fields.check_keys(RUBRIC_KEYS)

    concepts = []
    for index, item in enumerate(fields.mapping_list("concepts")):
        concept = FieldReader(
            item, path, problems, where=f"{question_id}.concepts[{index}]"
        )
        concept.check_keys(CONCEPT_KEYS)
        label = concept.text("label")
        weight = concept.number("weight", required=False, default=1.0)
        if "weight" in item and weight <= 0:
            concept.report(
                "weight",
                f"'{concept.where}.weight' must be positive, not {item['weight']!r}",
            )
        phrases = _read_phrases(concept, problems)
        concepts.append(Concept(label, weight, phrases))
    if "concepts" in entry and not concepts and len(problems) == before:
        fields.report("concepts", f"rubric {question_id!r} has no concepts; add one")

    misconceptions = []
    for index, item in enumerate(fields.mapping_list("misconceptions", required=False)):
        wrong = FieldReader(
            item, path, problems, where=f"{question_id}.misconceptions[{index}]"
        )
        wrong.check_keys(MISCONCEPTION_KEYS)
        label = wrong.text("label")
        penalty = wrong.number(
            "penalty", required=False, default=DEFAULT_PENALTY, minimum=0
        )
        phrases = _read_phrases(wrong, problems)
        misconceptions.append(Misconception(label, phrases, penalty))

    if len(problems) > before:
        return None
    return Rubric(question_id, tuple(concepts), tuple(misconceptions), path, line)


def load_rubric_file(path: Path, problems: list[Problem]) -> list[Rubric]:
    """Load the rubrics of one file, appending problems as found.

    A file parsed before and unchanged since is read from the parse cache.
    """
    cached = parsecache.load(path, "rubrics")
    if cached is not None:
        problems.extend(parsecache.problems_from_json(cached["problems"]))
        return [_rubric_from_json(item, path) for item in cached["rubrics"]]
    found: list[Problem] = []
    rubrics = _parse_rubric_file(path, found)
    problems.extend(found)
    parsecache.save(
        path,
        "rubrics",
        {
            "rubrics": [_rubric_to_json(r) for r in rubrics],
            "problems": parsecache.problems_to_json(found),
        },
    )
    return rubrics


def _rubric_to_json(rubric: Rubric) -> dict[str, Any]:
    return {
        "question_id": rubric.question_id,
        "line": rubric.line,
        "concepts": [[c.label, c.weight, list(c.phrases)] for c in rubric.concepts],
        "misconceptions": [
            [m.label, list(m.phrases), m.penalty] for m in rubric.misconceptions
        ],
    }


def _rubric_from_json(data: dict[str, Any], path: Path) -> Rubric:
    return Rubric(
        question_id=data["question_id"],
        concepts=tuple(
            Concept(label, weight, tuple(phrases))
            for label, weight, phrases in data["concepts"]
        ),
        misconceptions=tuple(
            Misconception(label, tuple(phrases), penalty)
            for label, phrases, penalty in data["misconceptions"]
        ),
        path=path,
        line=data["line"],
    )


def _parse_rubric_file(path: Path, problems: list[Problem]) -> list[Rubric]:
    # Imported here so that a start served from the parse cache skips PyYAML.
    from interviewer.yamlsource import read_yaml

    try:
        document = read_yaml(path)
    except YamlReadError as error:
        problems.append(error.problem)
        return []
    if not isinstance(document, LineDict):
        problems.append(
            Problem(path, 1, "a rubric file must map question ids to rubrics")
        )
        return []
    rubrics = []
    for question_id, entry in document.items():
        if not isinstance(entry, LineDict):
            problems.append(
                Problem(
                    path,
                    document.line_of(question_id),
                    f"rubric {question_id!r} must be a mapping with 'concepts'",
                )
            )
            continue
        line = document.line_of(question_id)
        rubric = _read_rubric(question_id, entry, path, line, problems)
        if rubric is not None:
            rubrics.append(rubric)
    return rubrics


def load_rubrics(directories: list[Path], problems: list[Problem]) -> list[Rubric]:
    """Load every rubric file in ``directories``; a question gets one rubric."""
    seen: dict[str, Rubric] = {}
    for directory in directories:
        if not directory.is_dir():
            problems.append(
                Problem(directory, None, "rubric folder not found; check the path")
            )
            continue
        for path in bank_files(directory):
            for rubric in load_rubric_file(path, problems):
                first = seen.get(rubric.question_id)
                if first is not None:
                    problems.append(
                        Problem(
                            path,
                            rubric.line,
                            f"second rubric for {rubric.question_id!r}, first at "
                            f"{first.path}:{first.line}; keep one of them",
                        )
                    )
                    continue
                seen[rubric.question_id] = rubric
    return list(seen.values())
