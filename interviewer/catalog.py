"""A loaded bank: questions with their rubrics, checked against each other."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from interviewer.bank import Question, bank_files, load_questions
from interviewer.errors import Problem, UnknownQuestionError
from interviewer.paths import builtin_bank_dir, builtin_rubrics_dir
from interviewer.rubric import Rubric, load_rubrics
from interviewer.scoring.normalize import STOP_WORDS, stem

_PLAIN_WORD = re.compile(r"[a-z]+")


@dataclass
class Catalog:
    """Questions in bank order and the rubric of each, by question id."""

    questions: list[Question]
    rubrics: dict[str, Rubric]
    problems: list[Problem] = field(default_factory=list)
    """Problems found while loading; the questions they hit are left out."""
    notices: list[str] = field(default_factory=list)
    """User questions that replaced built-in ones, to be shown once."""

    def __post_init__(self) -> None:
        self._by_id = {question.id: question for question in self.questions}

    def __len__(self) -> int:
        return len(self.questions)

    def get(self, question_id: str) -> Question:
        """Return a question by id, suggesting close ids when unknown."""
        try:
            return self._by_id[question_id]
        except KeyError:
            close = difflib.get_close_matches(
                question_id, list(self._by_id), n=3, cutoff=0.5
            )
            if not close:
                close = [qid for qid in self._by_id if question_id in qid][:3]
            raise UnknownQuestionError(question_id, close) from None

    def rubric(self, question_id: str) -> Rubric:
        return self.rubrics[question_id]

    @property
    def categories(self) -> list[str]:
        """Category names in bank order."""
        return list(dict.fromkeys(question.category for question in self.questions))

    @cached_property
    def known_words(self) -> frozenset[str]:
        """Stems of every word in the bank's prompts and model answers.

        The scorer never treats one of these as a typo of a rubric word.
        Only plain lower-case words matter here, so a regular expression
        over the whole text is enough; it is about ten times faster than
        full tokenising, which counts for banks of thousands of questions.
        """
        words: set[str] = set()
        for question in self.questions:
            words.update(_PLAIN_WORD.findall(question.prompt.lower()))
            words.update(_PLAIN_WORD.findall(question.model_answer.lower()))
        return frozenset(stem(word) for word in words if word not in STOP_WORDS)


def _merge_layers(
    builtin: list[Question], user: list[Question], notices: list[str]
) -> list[Question]:
    by_id = {question.id: question for question in builtin}
    for question in user:
        if question.id in by_id:
            notices.append(
                f"{question.path}:{question.line}: question {question.id!r} "
                "replaces the built-in question with the same id"
            )
        by_id[question.id] = question
    return list(by_id.values())


def _no_rubric_message(question: Question, rubric_problems: list[Problem]) -> str:
    # A rubric with errors is left out, so the question looks as if it had
    # none; pointing at those errors keeps the author from writing it again.
    own = [p for p in rubric_problems if f"'{question.id}" in p.message]
    unreadable = [p for p in rubric_problems if question.id not in p.message]
    if own:
        return (
            f"question {question.id!r} cannot be scored because its rubric at "
            f"{own[0].path}:{own[0].line} has errors; fix the errors listed for it"
        )
    if unreadable:
        files = ", ".join(sorted({str(p.path) for p in unreadable}))
        return (
            f"question {question.id!r} has no rubric that could be read; if it "
            f"is in {files}, fix the errors listed for that file first"
        )
    folder = question.path.parent
    bank = "" if folder == builtin_bank_dir() else f" --bank {folder}"
    return (
        f"question {question.id!r} has no rubric, so it cannot be scored; write "
        "one in a rubrics folder, keyed by this id, or run 'interviewer "
        f"draft-rubric {question.id}{bank}' for a draft to edit"
    )


def load_catalog(
    bank_dirs: Iterable[Path] = (),
    rubric_dirs: Iterable[Path] = (),
    *,
    include_builtin: bool = True,
) -> Catalog:
    """Load questions and rubrics, keeping what is valid and listing problems.

    The built-in bank comes first unless ``include_builtin`` is false; the
    folders given add to it, and a question or rubric there with a built-in
    id replaces the built-in one. A question without a rubric and a rubric
    for an unknown question are both problems, and such a question is left
    out because it could not be scored.
    """
    problems: list[Problem] = []
    notices: list[str] = []
    builtin_questions: list[Question] = []
    builtin_rubrics: list[Rubric] = []
    if include_builtin:
        builtin_questions = load_questions([builtin_bank_dir()], problems)
        builtin_rubrics = load_rubrics([builtin_rubrics_dir()], problems)
    bank_list, rubric_list = list(bank_dirs), list(rubric_dirs)
    user_questions = load_questions(bank_list, problems) if bank_list else []
    user_rubrics = load_rubrics(rubric_list, problems) if rubric_list else []
    rubric_files = (
        {
            path
            for folder in rubric_list + [builtin_rubrics_dir()]
            for path in bank_files(folder)
        }
        if include_builtin or rubric_list
        else set()
    )
    rubric_problems = [p for p in problems if p.path in rubric_files]

    questions = _merge_layers(builtin_questions, user_questions, notices)
    rubrics = {r.question_id: r for r in builtin_rubrics}
    rubrics.update((r.question_id, r) for r in user_rubrics)
    question_ids = {question.id for question in questions}

    for rubric in rubrics.values():
        if rubric.question_id not in question_ids:
            close = difflib.get_close_matches(rubric.question_id, question_ids, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(
                Problem(
                    rubric.path,
                    rubric.line,
                    f"rubric names unknown question {rubric.question_id!r}{hint}",
                )
            )
    usable = []
    for question in questions:
        if question.id in rubrics:
            usable.append(question)
        else:
            problems.append(
                Problem(
                    question.path,
                    question.line,
                    _no_rubric_message(question, rubric_problems),
                )
            )
    return Catalog(
        usable,
        {qid: rubric for qid, rubric in rubrics.items() if qid in question_ids},
        problems,
        notices,
    )
