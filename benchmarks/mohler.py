"""Correlation of drafted rubrics with human grades on short-answer data.

Reads graded answers in the format of the Mohler, Bunescu and Mihalcea
(ACL 2011) short-answer grading data: one JSON object per line with
``question_id``, ``question``, ``reference_answer``, ``answer`` and
``score_avg`` (the mean of two human grades, 0 to 5). Every rubric is drafted
from the question and its reference answer alone, with the reference answers
of all questions in the file as the bank, and each answer is scored on its
own: no rubric is written by hand, nothing is fitted to the grades, and no
answer sees another student's answer.

Two baselines are computed in the same run:

- ``content_word_recall``: the share of the reference answer's distinct
  content words (stems, stop words left out) that the answer contains.
- ``token_set_ratio``: rapidfuzz's ``fuzz.token_set_ratio`` of the answer
  against the reference answer, both lower-cased.

Usage::

    python benchmarks/mohler.py PATH [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, utils

from interviewer.bank import DEFAULT_TIME_LIMIT, Question
from interviewer.calibration import pearson, spearman
from interviewer.drafting import (
    BankProfile,
    content_stems,
    draft_rubric,
    short_answer_words,
)
from interviewer.scoring import score_answer

REQUIRED_KEYS = ("question_id", "question", "reference_answer", "answer", "score_avg")
MAX_GRADE = 5
"""The data's grades run from 0 to 5 (exam marks out of 10 are halved)."""


@dataclass(frozen=True, slots=True)
class GradedRow:
    question_id: str
    question: str
    reference: str
    answer: str
    human: float
    line: int


class DataError(Exception):
    """Raised for a line of the data file that cannot be used."""


def read_rows(path: Path) -> list[GradedRow]:
    """Read the data file, raising :class:`DataError` with file:line on a bad row."""
    rows = []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataError(
            f"{path}: not UTF-8 text ({error.reason} at byte {error.start}); "
            "save it as UTF-8"
        ) from None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise DataError(f"{path}:{number}: invalid JSON: {error.msg}") from None
        if not isinstance(item, dict):
            raise DataError(f"{path}:{number}: expected a JSON object")
        missing = [key for key in REQUIRED_KEYS if key not in item]
        if missing:
            raise DataError(f"{path}:{number}: missing {', '.join(missing)}")
        human = item["score_avg"]
        if (
            isinstance(human, bool)
            or not isinstance(human, int | float)
            or not 0 <= human <= MAX_GRADE
        ):
            raise DataError(
                f"{path}:{number}: score_avg {item['score_avg']!r} is not a "
                f"number from 0 to {MAX_GRADE}"
            )
        if not isinstance(item["answer"], str):
            raise DataError(f"{path}:{number}: answer must be text")
        rows.append(
            GradedRow(
                str(item["question_id"]),
                str(item["question"]),
                str(item["reference_answer"]),
                str(item["answer"]),
                human,
                number,
            )
        )
    if not rows:
        raise DataError(f"{path}: no graded answers")
    return rows


def build_bank(path: Path, rows: list[GradedRow]) -> list[Question]:
    """Return one question per question id, from its first row."""
    questions: dict[str, Question] = {}
    for row in rows:
        if row.question_id not in questions:
            questions[row.question_id] = Question(
                id=row.question_id,
                category="Short-answer data",
                prompt=row.question,
                model_answer=row.reference,
                time_limit=DEFAULT_TIME_LIMIT,
                difficulty="mid",
                tags=(),
                path=path,
                line=row.line,
            )
    return list(questions.values())


def content_word_recall(answer: str, reference: str) -> float:
    """Return the share of the reference's distinct content stems in the answer."""
    wanted = set(content_stems(reference))
    if not wanted:
        return 0.0
    return len(wanted & set(content_stems(answer))) / len(wanted)


def token_set_ratio(answer: str, reference: str) -> float:
    return fuzz.token_set_ratio(answer, reference, processor=utils.default_process)


def run(path: Path) -> dict[str, object]:
    """Draft, score and correlate; return the figures of one run."""
    rows = read_rows(path)
    questions = build_bank(path, rows)
    profile = BankProfile.from_questions(questions)
    rubrics = {q.id: draft_rubric(q, profile).rubric() for q in questions}
    # The engine's short-answer cap assumes a paragraph-long model answer,
    # so a fixed function of the reference length adapts it to one-liners.
    short_limits = {q.id: short_answer_words(q.model_answer) for q in questions}

    human, ours, recall, set_ratio = [], [], [], []
    for row in rows:
        result = score_answer(
            row.answer,
            rubrics[row.question_id],
            known_words=profile.known_words,
            short_answer_words=short_limits[row.question_id],
        )
        human.append(row.human)
        ours.append(result.score)
        recall.append(content_word_recall(row.answer, row.reference))
        set_ratio.append(token_set_ratio(row.answer, row.reference))

    def figures(scores: list[float]) -> dict[str, float | None]:
        return {
            "pearson": _round(pearson(scores, human)),
            "spearman": _round(spearman(scores, human)),
        }

    return {
        "answers": len(rows),
        "questions": len(questions),
        **figures(ours),
        "baselines": {
            "content_word_recall": figures(recall),
            "token_set_ratio": figures(set_ratio),
        },
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _format(value: object) -> str:
    """Return a correlation with three decimals, or n/a when undefined."""
    return "n/a" if value is None else f"{value:.3f}"


def format_table(result: dict[str, object], seconds: float) -> str:
    baselines = result["baselines"]
    assert isinstance(baselines, dict)
    rows = [
        ("drafted rubrics (interviewer)", result),
        ("content_word_recall", baselines["content_word_recall"]),
        ("token_set_ratio", baselines["token_set_ratio"]),
    ]
    lines = [
        f"{result['answers']} answers to {result['questions']} questions, "
        f"scored in {seconds:.1f} s",
        f"{'method':<30}  {'Pearson':>8}  {'Spearman':>8}",
    ]
    for name, values in rows:
        assert isinstance(values, dict)
        pearson_text = _format(values["pearson"])
        spearman_text = _format(values["spearman"])
        lines.append(f"{name:<30}  {pearson_text:>8}  {spearman_text:>8}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Correlate drafted-rubric scores with human grades "
        "(JSON Lines with question_id, question, reference_answer, answer, "
        "score_avg), next to two simple baselines.",
    )
    parser.add_argument("path", type=Path, metavar="PATH", help="JSON Lines data file")
    parser.add_argument(
        "--json", action="store_true", help="print exactly one JSON object"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        result = run(args.path)
    except FileNotFoundError:
        print(f"mohler: error: {args.path}: file not found", file=sys.stderr)
        return 2
    except (OSError, DataError) as error:
        print(f"mohler: error: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result))
    else:
        print(format_table(result, time.perf_counter() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
