"""Session state: the questions asked, the attempts made and the totals."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from interviewer.bank import Question
from interviewer.catalog import Catalog
from interviewer.scoring import ScoreResult


class Mode(StrEnum):
    MOCK = "mock"
    """Timed: a countdown per question, auto-submit when it runs out."""
    PRACTICE = "practice"
    """Spaced repetition: untimed, and each answer is rated Again to Easy."""


class Outcome(StrEnum):
    SUBMITTED = "submitted"
    TIMED_OUT = "timed-out"
    """Submitted automatically, exactly as typed, when time ran out."""
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class Attempt:
    """One answered (or skipped) question."""

    question: Question
    answer: str
    result: ScoreResult
    outcome: Outcome
    time_allowed: float | None
    """Seconds allowed; None when the question was untimed."""
    time_used: float

    @property
    def score(self) -> int:
        return 0 if self.outcome is Outcome.SKIPPED else self.result.score


@dataclass
class InterviewSession:
    """The questions of one sitting and the attempts made so far."""

    catalog: Catalog
    questions: list[Question]
    time_limit: int | None = None
    """Seconds per question for every question; None uses each one's own."""
    mode: Mode = Mode.MOCK
    attempts: list[Attempt] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.questions:
            message = "a session needs at least one question"
            raise ValueError(message)

    @property
    def position(self) -> int:
        """1-based number of the current question."""
        return len(self.attempts) + 1

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def finished(self) -> bool:
        return len(self.attempts) >= len(self.questions)

    @property
    def current(self) -> Question:
        if self.finished:
            message = "the session is finished; there is no current question"
            raise IndexError(message)
        return self.questions[len(self.attempts)]

    def time_allowed(self, question: Question) -> int:
        return self.time_limit if self.time_limit is not None else question.time_limit

    def score(self, question: Question, answer: str) -> ScoreResult:
        # Imported on first use so that showing the start screen does not
        # wait for rapidfuzz to load.
        from interviewer.scoring.engine import score_answer

        return score_answer(
            answer,
            self.catalog.rubric(question.id),
            known_words=self.catalog.known_words,
            prompt=question.prompt,
        )

    def record(
        self,
        answer: str,
        outcome: Outcome,
        time_used: float,
        *,
        result: ScoreResult | None = None,
    ) -> Attempt:
        """Score ``answer`` for the current question and move to the next.

        Pass ``result`` when the answer was already scored, such as in a
        worker thread, to skip scoring it again.
        """
        question = self.current
        attempt = Attempt(
            question=question,
            answer=answer,
            result=result if result is not None else self.score(question, answer),
            outcome=outcome,
            time_allowed=self.time_allowed(question),
            time_used=time_used,
        )
        self.attempts.append(attempt)
        return attempt

    @property
    def overall_score(self) -> int:
        """Mean score over all questions of the session, 0 for unanswered."""
        if not self.attempts:
            return 0
        return round(sum(a.score for a in self.attempts) / len(self.questions))
