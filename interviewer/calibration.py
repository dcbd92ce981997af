"""Compare rubric scores with human grades of the same answers.

Graded answers come as JSON Lines or CSV with the keys (or columns)
``question_id``, ``answer``, ``score`` and ``scale``: the human score and the
maximum of the scale it was given on. Each answer is scored with its
question's rubric, the 0-100 score is mapped linearly onto the human scale,
and the report shows how well the two agree overall and per question, and
which answers they disagree on most.
"""

from __future__ import annotations

import csv
import difflib
import json
import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interviewer.catalog import Catalog
from interviewer.errors import InterviewerError, Problem
from interviewer.scoring import score_answer

REQUIRED_KEYS = ("question_id", "answer", "score", "scale")
SNIPPET_CHARS = 80
MAX_LISTED_PROBLEMS = 20


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Return Pearson's r, or None when there are fewer than two pairs or a
    series is constant."""
    if len(xs) != len(ys):
        raise ValueError(f"series differ in length: {len(xs)} and {len(ys)}")
    n = len(xs)
    if n < 2:
        return None
    mean_x = math.fsum(xs) / n
    mean_y = math.fsum(ys) / n
    sxy = math.fsum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    sxx = math.fsum((x - mean_x) ** 2 for x in xs)
    syy = math.fsum((y - mean_y) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def ranks(values: Sequence[float]) -> list[float]:
    """Return 1-based ranks, tied values sharing the mean of their ranks."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        mean_rank = (start + end) / 2 + 1
        for position in range(start, end + 1):
            result[order[position]] = mean_rank
        start = end + 1
    return result


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Return Spearman's rank correlation: Pearson's r of tie-averaged ranks."""
    if len(xs) != len(ys):
        raise ValueError(f"series differ in length: {len(xs)} and {len(ys)}")
    return pearson(ranks(xs), ranks(ys))


class GradedFileError(InterviewerError):
    """Raised when a graded-answers file has rows that cannot be used."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = [str(problem) for problem in problems[:MAX_LISTED_PROBLEMS]]
        if len(problems) > MAX_LISTED_PROBLEMS:
            lines.append(f"... and {len(problems) - MAX_LISTED_PROBLEMS} more problems")
        super().__init__("\n".join(lines))


@dataclass(frozen=True, slots=True)
class GradedAnswer:
    """One answer with the score a person gave it."""

    question_id: str
    answer: str
    score: float
    scale: float
    """The maximum of the human scale, such as 5 for a 0-5 grade."""
    line: int
    """The line of the file the row starts on."""


def _read_jsonl(
    path: Path, text: str, problems: list[Problem]
) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(Problem(path, number, f"invalid JSON: {error.msg}"))


def _read_csv(
    path: Path, text: str, problems: list[Problem]
) -> Iterator[tuple[int, Any]]:
    # Answers may be long pastes; the csv module's default cell limit is
    # 128 KiB, which would stop the read with an exception.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.DictReader(text.splitlines(keepends=True))
    header = reader.fieldnames or []
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        problems.append(
            Problem(
                path,
                1,
                f"column {', '.join(map(repr, repeated))} appears more than once "
                "in the header; keep one",
            )
        )
        return
    missing = [key for key in REQUIRED_KEYS if key not in header]
    if missing:
        hints = []
        unknown = [name for name in header if name not in REQUIRED_KEYS]
        for key in missing:
            close = difflib.get_close_matches(key, unknown, n=1)
            hints.append(f"{key!r} (found {close[0]!r}?)" if close else repr(key))
        problems.append(
            Problem(
                path,
                1,
                f"missing column {', '.join(hints)}; the header must name "
                f"{', '.join(REQUIRED_KEYS)}",
            )
        )
        return
    start = reader.line_num + 1
    for row in reader:
        # DictReader keeps extra cells under None and fills missing ones
        # with None; either way an unquoted comma has shifted the cells.
        if None in row or None in row.values():
            cells = (
                len(header) + len(row.get(None) or ()) - list(row.values()).count(None)
            )
            problems.append(
                Problem(
                    path,
                    start,
                    f"row has {cells} cells but the header has {len(header)}; "
                    "put an answer that contains commas in double quotes",
                )
            )
        else:
            yield start, row
        start = reader.line_num + 1


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def _parse_row(
    path: Path, line: int, row: Any, problems: list[Problem]
) -> GradedAnswer | None:
    if not isinstance(row, dict):
        problems.append(Problem(path, line, "each line must be a JSON object"))
        return None
    before = len(problems)
    for key in REQUIRED_KEYS:
        value = row.get(key)
        # An empty CSV cell is as missing as an absent key, but an empty
        # answer is a real answer that scores 0.
        blank = isinstance(value, str) and not value.strip() and key != "answer"
        if value is None or blank:
            problems.append(Problem(path, line, f"missing {key!r}"))
    if len(problems) > before:
        return None

    question_id = str(row["question_id"]).strip()
    if not question_id:
        problems.append(Problem(path, line, "'question_id' is empty"))
    answer = row["answer"]
    if not isinstance(answer, str):
        problems.append(Problem(path, line, f"'answer' must be text, not {answer!r}"))
    score = _number(row["score"])
    scale = _number(row["scale"])
    if score is None:
        problems.append(Problem(path, line, f"score {row['score']!r} is not a number"))
    elif score < 0:
        problems.append(Problem(path, line, f"score {score:g} is negative"))
    if scale is None:
        problems.append(Problem(path, line, f"scale {row['scale']!r} is not a number"))
    elif scale <= 0:
        problems.append(
            Problem(path, line, f"scale {scale:g} must be positive: the maximum score")
        )
    if score is not None and scale is not None and 0 < scale < score:
        problems.append(
            Problem(path, line, f"score {score:g} is above the scale maximum {scale:g}")
        )
    if len(problems) > before or score is None or scale is None:
        return None
    return GradedAnswer(question_id, str(answer), score, scale, line)


def read_graded(path: Path) -> list[GradedAnswer]:
    """Read graded answers from a JSON Lines or CSV file.

    The format follows the suffix (``.csv``, or ``.jsonl``, ``.ndjson`` and
    ``.json`` for JSON Lines); with any other suffix, a file whose first
    character is ``{`` is JSON Lines and anything else CSV.

    Raises:
        GradedFileError: the file cannot be read, or rows are invalid; the
            error lists every problem with its file and line.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise GradedFileError([Problem(path, None, "file not found")]) from None
    except UnicodeDecodeError:
        raise GradedFileError(
            [Problem(path, None, "file is not UTF-8 text; save it as UTF-8")]
        ) from None
    except OSError as error:
        raise GradedFileError(
            [Problem(path, None, f"cannot read file: {error.strerror}")]
        ) from None

    problems: list[Problem] = []
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        is_json = True
    elif suffix == ".csv":
        is_json = False
    else:
        is_json = text.lstrip().startswith("{")
    if is_json and text.lstrip().startswith("["):
        message = (
            "expected JSON Lines (one object per line), not a JSON array; "
            "write each answer as its own line"
        )
        raise GradedFileError([Problem(path, 1, message)])
    rows = (
        _read_jsonl(path, text, problems)
        if is_json
        else _read_csv(path, text, problems)
    )
    graded = []
    for line, row in rows:
        item = _parse_row(path, line, row, problems)
        if item is not None:
            graded.append(item)
    if not graded and not problems:
        problems.append(Problem(path, None, "file holds no graded answers"))
    if problems:
        raise GradedFileError(problems)
    return graded


def check_question_ids(
    path: Path, graded: Sequence[GradedAnswer], catalog: Catalog
) -> None:
    """Raise :class:`GradedFileError` for rows whose question is not in ``catalog``."""
    known = [question.id for question in catalog.questions]
    problems = []
    for item in graded:
        if item.question_id in catalog.rubrics:
            continue
        close = difflib.get_close_matches(item.question_id, known, n=3, cutoff=0.5)
        hint = (
            f"; did you mean: {', '.join(close)}?"
            if close
            else "; run 'interviewer list' to see the ids"
        )
        problems.append(
            Problem(path, item.line, f"unknown question id {item.question_id!r}{hint}")
        )
    if problems:
        raise GradedFileError(problems)


@dataclass(frozen=True, slots=True)
class ScoredAnswer:
    """A graded answer next to its rubric score."""

    graded: GradedAnswer
    rubric_score: int
    """The engine's 0-100 score."""

    @property
    def mapped(self) -> float:
        """The rubric score mapped linearly onto the human scale."""
        return self.rubric_score / 100 * self.graded.scale

    @property
    def difference(self) -> float:
        """Mapped rubric score minus human score, in points of the human scale."""
        return self.mapped - self.graded.score

    @property
    def relative_difference(self) -> float:
        """:attr:`difference` as a share of the scale, -1 to 1."""
        return self.difference / self.graded.scale


@dataclass(frozen=True, slots=True)
class QuestionAgreement:
    question_id: str
    count: int
    pearson: float | None
    """None with fewer than two answers, or when either score is constant."""
    mae: float
    """Mean absolute error in points of the human scale."""


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) <= SNIPPET_CHARS:
        return flat
    return flat[: SNIPPET_CHARS - 3].rstrip() + "..."


def _mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values) if values else 0.0


@dataclass(frozen=True, slots=True)
class CalibrationReport:
    """Agreement between rubric scores and human scores over a set of answers."""

    answers: tuple[ScoredAnswer, ...]

    @property
    def pearson(self) -> float | None:
        return pearson(*self._pairs())

    @property
    def spearman(self) -> float | None:
        return spearman(*self._pairs())

    def _pairs(self) -> tuple[list[float], list[float]]:
        # Shares of each scale, so answers graded on different scales compare.
        human = [a.graded.score / a.graded.scale for a in self.answers]
        rubric = [a.rubric_score / 100 for a in self.answers]
        return rubric, human

    @property
    def mae(self) -> float:
        """Mean absolute error in points of the human scale."""
        return _mean([abs(a.difference) for a in self.answers])

    @property
    def mae_percent(self) -> float:
        """Mean absolute error as a percentage of each answer's scale."""
        return 100 * _mean([abs(a.relative_difference) for a in self.answers])

    @property
    def scales(self) -> list[float]:
        return sorted({a.graded.scale for a in self.answers})

    def per_question(self) -> list[QuestionAgreement]:
        """Return the agreement for each question, in order of first appearance."""
        groups: dict[str, list[ScoredAnswer]] = defaultdict(list)
        for answer in self.answers:
            groups[answer.graded.question_id].append(answer)
        result = []
        for question_id, group in groups.items():
            sub = CalibrationReport(tuple(group))
            result.append(
                QuestionAgreement(question_id, len(group), sub.pearson, sub.mae)
            )
        return result

    def disagreements(self, count: int) -> list[ScoredAnswer]:
        """Return the ``count`` answers with the largest gap, largest first."""
        ranked = sorted(
            self.answers,
            key=lambda a: (-abs(a.relative_difference), a.graded.line),
        )
        return ranked[:count]

    def to_json(self, top: int) -> dict[str, Any]:
        """Return a JSON-ready dict; the layout is stable for scripts."""

        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 4)

        return {
            "answers": len(self.answers),
            "questions": len(self.per_question()),
            "pearson": rounded(self.pearson),
            "spearman": rounded(self.spearman),
            "mae": rounded(self.mae),
            "mae_percent": rounded(self.mae_percent),
            "scales": self.scales,
            "per_question": [
                {
                    "question_id": q.question_id,
                    "n": q.count,
                    "pearson": rounded(q.pearson),
                    "mae": rounded(q.mae),
                }
                for q in self.per_question()
            ],
            "disagreements": [
                {
                    "question_id": a.graded.question_id,
                    "line": a.graded.line,
                    "human": a.graded.score,
                    "scale": a.graded.scale,
                    "rubric_score": a.rubric_score,
                    "mapped": rounded(a.mapped),
                    "difference": rounded(a.difference),
                    "snippet": _snippet(a.graded.answer),
                }
                for a in self.disagreements(top)
            ],
        }

    def format(self, top: int) -> str:
        """Return the report as aligned plain text."""

        def number(value: float | None) -> str:
            return "n/a" if value is None else f"{value:.3f}"

        scales = self.scales
        unit = (
            f"points of the 0-{scales[0]:g} scale"
            if len(scales) == 1
            else "points of each answer's own scale"
        )
        questions = self.per_question()
        lines = [
            f"{len(self.answers)} graded answers to {len(questions)} questions",
            f"Pearson r:           {number(self.pearson)}",
            f"Spearman rho:        {number(self.spearman)}",
            f"Mean absolute error: {self.mae:.2f} {unit} "
            f"({self.mae_percent:.0f}% of the scale)",
            "",
            "Per question (r is n/a below two answers or when a score is constant):",
        ]
        width = max(len("question"), *(len(q.question_id) for q in questions))
        lines.append(f"  {'question':<{width}}  {'n':>4}  {'r':>6}  {'MAE':>5}")
        for q in questions:
            r = "n/a" if q.pearson is None else f"{q.pearson:.2f}"
            lines.append(
                f"  {q.question_id:<{width}}  {q.count:>4}  {r:>6}  {q.mae:>5.2f}"
            )
        worst = self.disagreements(top)
        if worst:
            lines += [
                "",
                "Largest disagreements (rubric score mapped onto the human scale):",
            ]
            for a in worst:
                graded = a.graded
                direction = "rubric higher" if a.difference > 0 else "rubric lower"
                lines.append(
                    f"  line {graded.line}  {graded.question_id}: human "
                    f"{graded.score:g}/{graded.scale:g}, rubric {a.mapped:.1f}/"
                    f"{graded.scale:g} ({a.rubric_score}/100), {direction}"
                )
                lines.append(f"    {_snippet(graded.answer)!r}")
            lines += [
                "",
                "Where the rubric is lower, the answer may use wording the rubric",
                "lacks: add it as an alias. Where it is higher, a phrase may match",
                "without the idea: make it more specific or add a misconception.",
            ]
        return "\n".join(lines)


def calibrate(graded: Sequence[GradedAnswer], catalog: Catalog) -> CalibrationReport:
    """Score every graded answer with its question's rubric.

    Every question id must be in ``catalog``; see :func:`check_question_ids`.
    """
    scored = []
    for item in graded:
        result = score_answer(
            item.answer,
            catalog.rubric(item.question_id),
            known_words=catalog.known_words,
            prompt=catalog.get(item.question_id).prompt,
        )
        scored.append(ScoredAnswer(item, result.score))
    return CalibrationReport(tuple(scored))
