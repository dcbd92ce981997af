"""Screening plans: the questions an interviewer puts to every candidate.

A plan file is YAML::

    title: Backend engineer, first round
    questions:               # question ids from the bank, asked in this order
      - lambda-cold-starts
      - docker-layer-caching
    time_per_question: 240   # optional seconds; default: each question's own
    pass_mark: 60            # optional, 0 to 100, compared with the final total
    candidate_feedback: none # none (default) or score

Screenings of the same plan are grouped by its title, so each plan needs a
title of its own.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from interviewer.bank import MIN_TIME_LIMIT, Question
from interviewer.catalog import Catalog
from interviewer.errors import InterviewerError, Problem, UnknownQuestionError
from interviewer.linetypes import LineDict, YamlReadError
from interviewer.schema import FieldReader

PLAN_KEYS = (
    "title",
    "questions",
    "time_per_question",
    "pass_mark",
    "candidate_feedback",
)
CANDIDATE_FEEDBACK = ("none", "score")
"""``none`` shows the candidate no score; ``score`` shows the automatic total
on the end screen. Rubrics and model answers are never shown either way."""
DECISIONS = ("advance", "hold", "reject")
MAX_CANDIDATE_CHARS = 100


@dataclass(frozen=True, slots=True)
class ScreeningPlan:
    """A validated plan; its ids exist in the catalog it was read with, if any."""

    title: str
    question_ids: tuple[str, ...]
    time_per_question: int | None
    """Seconds for every question; None gives each question its own limit."""
    pass_mark: int | None
    """Lowest final total, 0 to 100, that passes; None when the plan sets none."""
    candidate_feedback: str
    path: Path

    def questions(self, catalog: Catalog) -> list[Question]:
        """Return the plan's questions in plan order."""
        return [catalog.get(question_id) for question_id in self.question_ids]

    def describe_timing(self) -> str:
        """Return the time allowed per question in words."""
        if self.time_per_question is None:
            return "each question's own time limit"
        minutes, seconds = divmod(self.time_per_question, 60)
        return f"{minutes}:{seconds:02d} per question"


class PlanError(InterviewerError):
    """Raised when a plan file has problems; each names the file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def load_plan(path: Path, catalog: Catalog | None) -> ScreeningPlan:
    """Read and validate a plan file against the questions of ``catalog``.

    With no catalog the ids are not checked, so reviews and reports still
    work for a plan whose questions have since left the bank.

    Raises:
        PlanError: with every problem found, so one run lists them all.
    """
    from interviewer.yamlsource import read_yaml

    try:
        document = read_yaml(path)
    except YamlReadError as error:
        raise PlanError([error.problem]) from None
    if not isinstance(document, LineDict):
        message = "a plan must be a mapping with 'title' and 'questions'"
        raise PlanError([Problem(path, 1, message)])

    problems: list[Problem] = []
    fields = FieldReader(document, path, problems)
    fields.check_keys(PLAN_KEYS)
    title = fields.text("title")
    question_ids = _read_question_ids(fields, catalog)
    time_per_question = fields.number(
        "time_per_question",
        required=False,
        default=0,
        minimum=MIN_TIME_LIMIT,
        integer=True,
    )
    pass_mark = _read_pass_mark(fields)
    before = len(problems)
    feedback = fields.text("candidate_feedback", required=False, default="none")
    if len(problems) == before and feedback not in CANDIDATE_FEEDBACK:
        fields.report(
            "candidate_feedback",
            f"candidate_feedback {feedback!r} is not one of "
            f"{', '.join(CANDIDATE_FEEDBACK)}; 'none' shows the candidate no "
            "score, 'score' shows the automatic total at the end",
        )
    if problems:
        raise PlanError(sorted(problems, key=lambda problem: problem.line or 0))
    return ScreeningPlan(
        title=title,
        question_ids=tuple(question_ids),
        time_per_question=int(time_per_question) or None,
        pass_mark=pass_mark,
        candidate_feedback=feedback,
        path=path,
    )


def _read_question_ids(fields: FieldReader, catalog: Catalog | None) -> list[str]:
    before = len(fields.problems)
    items = fields.text_list("questions")
    if "questions" in fields.mapping and not items and len(fields.problems) == before:
        fields.report("questions", "'questions' is empty; add at least one id")
    ids: list[str] = []
    first_line: dict[str, int] = {}
    for question_id, line in items:
        if question_id in first_line:
            message = (
                f"question {question_id!r} is listed twice (first on line "
                f"{first_line[question_id]}); remove one of them"
            )
            fields.problems.append(Problem(fields.path, line, message))
            continue
        first_line[question_id] = line
        if catalog is not None:
            try:
                catalog.get(question_id)
            except UnknownQuestionError as error:
                fields.problems.append(Problem(fields.path, line, str(error)))
                continue
        ids.append(question_id)
    return ids


def _read_pass_mark(fields: FieldReader) -> int | None:
    if "pass_mark" not in fields.mapping:
        return None
    before = len(fields.problems)
    value = fields.number("pass_mark", minimum=0, integer=True)
    if len(fields.problems) > before:
        return None
    if value > 100:
        fields.report("pass_mark", f"'pass_mark' must be from 0 to 100, not {value:g}")
        return None
    return int(value)


def check_candidate_name(name: str) -> str:
    """Return the candidate's name trimmed, or raise for an unusable one.

    Raises:
        InterviewerError: the name is empty, too long or contains control
            characters such as a terminal escape code.
    """
    trimmed = " ".join(name.split())
    if not trimmed:
        message = 'the candidate name is empty; pass --candidate "First Last"'
        raise InterviewerError(message)
    if len(trimmed) > MAX_CANDIDATE_CHARS:
        message = (
            f"the candidate name is {len(trimmed)} characters long; use at most "
            f"{MAX_CANDIDATE_CHARS}"
        )
        raise InterviewerError(message)
    if any(unicodedata.category(char).startswith("C") for char in trimmed):
        message = (
            "the candidate name contains control characters such as escape "
            "codes; type it as plain text"
        )
        raise InterviewerError(message)
    return trimmed
