"""Error types shared by the loaders, the scoring engine and the command line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file, with where it was found."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


class InterviewerError(Exception):
    """Base class for errors that are shown to the user as they are."""


class BankError(InterviewerError):
    """Raised when a bank or rubric folder cannot be used at all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class UnknownQuestionError(InterviewerError):
    """Raised when a question id is not in the bank."""

    def __init__(self, question_id: str, suggestions: list[str]) -> None:
        self.question_id = question_id
        self.suggestions = suggestions
        hint = (
            "did you mean: " + ", ".join(suggestions) + "?"
            if suggestions
            else "run 'interviewer list' to see the ids"
        )
        super().__init__(f"unknown question id {question_id!r}; {hint}")
