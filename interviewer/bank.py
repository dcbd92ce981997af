"""Question bank: the question model and the loader for ``bank/*.yaml``.

A bank file holds one category::

    category: Serverless and AWS Lambda
    time_limit: 240          # default seconds for the questions below
    questions:
      - id: lambda-cold-starts
        prompt: What is a cold start, and how do you reduce it?
        difficulty: mid      # junior, mid or senior
        tags: [lambda, performance]
        time_limit: 300      # optional; overrides the file default
        model_answer: |
          Markdown text.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from interviewer import parsecache
from interviewer.errors import Problem
from interviewer.linetypes import LineDict, YamlReadError
from interviewer.schema import FieldReader

DIFFICULTIES = ("junior", "mid", "senior")
FILE_KEYS = ("category", "time_limit", "questions")
QUESTION_KEYS = ("id", "prompt", "model_answer", "difficulty", "tags", "time_limit")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DEFAULT_TIME_LIMIT = 180
MIN_TIME_LIMIT = 10


@dataclass(frozen=True, slots=True)
class Question:
    """One interview question with its model answer."""

    id: str
    category: str
    prompt: str
    model_answer: str
    time_limit: int
    """Seconds allowed for an answer in a timed interview."""
    difficulty: str
    tags: tuple[str, ...]
    path: Path
    line: int


def bank_files(directory: Path) -> list[Path]:
    """Return the YAML files of a bank or rubric folder in a stable order."""
    return sorted(
        path
        for pattern in ("*.yaml", "*.yml")
        for path in directory.glob(pattern)
        if path.is_file()
    )


def load_question_file(path: Path, problems: list[Problem]) -> list[Question]:
    """Load the questions of one bank file, appending problems as found.

    A file parsed before and unchanged since is read from the parse cache.
    """
    cached = parsecache.load(path, "bank")
    if cached is not None:
        problems.extend(parsecache.problems_from_json(cached["problems"]))
        return [_question_from_json(item) for item in cached["questions"]]
    found: list[Problem] = []
    questions = _parse_question_file(path, found)
    problems.extend(found)
    parsecache.save(
        path,
        "bank",
        {
            "questions": [_question_to_json(q) for q in questions],
            "problems": parsecache.problems_to_json(found),
        },
    )
    return questions


def _question_to_json(question: Question) -> dict[str, Any]:
    data = asdict(question)
    data["path"] = str(question.path)
    return data


def _question_from_json(data: dict[str, Any]) -> Question:
    return Question(**{**data, "tags": tuple(data["tags"]), "path": Path(data["path"])})


def _parse_question_file(path: Path, problems: list[Problem]) -> list[Question]:
    # Imported here so that a start served from the parse cache skips PyYAML.
    from interviewer.yamlsource import read_yaml

    try:
        document = read_yaml(path)
    except YamlReadError as error:
        problems.append(error.problem)
        return []
    if not isinstance(document, LineDict):
        problems.append(
            Problem(
                path, 1, "a bank file must be a mapping with 'category' and 'questions'"
            )
        )
        return []

    before = len(problems)
    header = FieldReader(document, path, problems)
    header.check_keys(FILE_KEYS)
    category = header.text("category")
    default_limit = int(
        header.number(
            "time_limit",
            required=False,
            default=DEFAULT_TIME_LIMIT,
            minimum=MIN_TIME_LIMIT,
            integer=True,
        )
    )
    entries = header.mapping_list("questions")
    if "questions" in document and not entries and len(problems) == before:
        header.report("questions", "'questions' is empty; add at least one question")
    header_ok = len(problems) == before

    questions = []
    for index, entry in enumerate(entries):
        question = _read_question(entry, index, path, category, default_limit, problems)
        if question is not None:
            questions.append(question)
    # A bad category or default time limit would reach every question, so
    # they are still checked for their own problems but none is loaded.
    return questions if header_ok else []


def _read_question(
    entry: LineDict,
    index: int,
    path: Path,
    category: str,
    default_limit: int,
    problems: list[Problem],
) -> Question | None:
    before = len(problems)
    fields = FieldReader(entry, path, problems, where=f"questions[{index}]")
    fields.check_keys(QUESTION_KEYS)
    question_id = fields.text("id")
    if question_id and not ID_PATTERN.match(question_id):
        fields.report(
            "id",
            f"id {question_id!r} is not a slug; use lowercase letters, digits "
            "and single hyphens, such as 'lambda-cold-starts'",
        )
    prompt = fields.text("prompt")
    model_answer = fields.text("model_answer")
    difficulty = fields.text("difficulty")
    if difficulty and difficulty not in DIFFICULTIES:
        fields.report(
            "difficulty",
            f"difficulty {difficulty!r} is not one of {', '.join(DIFFICULTIES)}",
        )
    tags = [tag.lower() for tag, _ in fields.text_list("tags", required=False)]
    time_limit = fields.number(
        "time_limit",
        required=False,
        default=default_limit,
        minimum=MIN_TIME_LIMIT,
        integer=True,
    )
    if len(problems) > before:
        return None
    return Question(
        id=question_id,
        category=category,
        prompt=prompt,
        model_answer=model_answer,
        time_limit=int(time_limit),
        difficulty=difficulty,
        tags=tuple(tags),
        path=path,
        line=entry.line,
    )


def load_questions(directories: list[Path], problems: list[Problem]) -> list[Question]:
    """Load every bank file in ``directories``; ids must be unique across them.

    A question whose id repeats one already loaded is dropped and reported
    with both places.
    """
    seen: dict[str, Question] = {}
    for directory in directories:
        if not directory.is_dir():
            problems.append(
                Problem(directory, None, "bank folder not found; check the path")
            )
            continue
        files = bank_files(directory)
        if not files:
            problems.append(
                Problem(directory, None, "bank folder holds no .yaml files")
            )
        for path in files:
            for question in load_question_file(path, problems):
                first = seen.get(question.id)
                if first is not None:
                    problems.append(
                        Problem(
                            path,
                            question.line,
                            f"duplicate question id {question.id!r}, first defined "
                            f"at {first.path}:{first.line}; give one of them a new id",
                        )
                    )
                    continue
                seen[question.id] = question
    return list(seen.values())
