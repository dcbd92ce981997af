"""Practice sessions: what is on offer today, and one session's answers and ratings.

Nothing here imports Textual, so the screens stay thin and these rules are
tested without an app.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from fsrs import Card, Rating

from interviewer.bank import Question
from interviewer.catalog import Catalog
from interviewer.practice import PracticeScheduler
from interviewer.progress import WeakConcept, WeakQuestion, streak_days
from interviewer.progress import weak_concepts as find_weak_concepts
from interviewer.progress import weak_questions as find_weak_questions
from interviewer.scoring import ScoreResult
from interviewer.session import Attempt, Mode, Outcome
from interviewer.storage import Store, rubric_fingerprint

RATING_NAMES = {
    Rating.Again: "Again",
    Rating.Hard: "Hard",
    Rating.Good: "Good",
    Rating.Easy: "Easy",
}


class Source(StrEnum):
    """The reason a question is part of a practice session."""

    REVIEW = "due review"
    NEW = "new question"
    DRILL = "weak spot"


@dataclass(frozen=True, slots=True)
class PracticeOverview:
    """Today's practice counts and the questions on offer, as of one moment."""

    due: list[Question]
    """Reviewed questions due by the end of today, oldest due first."""
    new: list[Question]
    """Questions never reviewed, in bank order."""
    planned: list[Question]
    """Today's practice: due reviews, then new questions, within the daily limit."""
    reviewed_today: int
    streak_days: int
    daily_limit: int
    next_due: datetime | None
    """When the earliest reviewed question is due; None when none was reviewed."""

    @property
    def limit_reached(self) -> bool:
        return self.reviewed_today >= self.daily_limit

    @property
    def beyond_limit(self) -> list[Question]:
        """Questions offered once the daily limit is reached: due first, then new.

        At most one more day's limit of them, so a long backlog still comes
        in portions.
        """
        return (self.due + self.new)[: self.daily_limit]


def practice_overview(
    scheduler: PracticeScheduler, catalog: Catalog, categories: Sequence[str] = ()
) -> PracticeOverview:
    """Count what is due, new and done today within ``categories``."""
    review_days = {
        scheduler.local_date(datetime.fromisoformat(review.reviewed_at))
        for review in scheduler.store.load_reviews()
    }
    return PracticeOverview(
        due=scheduler.due_reviews(catalog, categories=categories),
        new=scheduler.new_questions(catalog, categories=categories),
        planned=scheduler.due_questions(catalog, categories=categories),
        reviewed_today=scheduler.reviewed_today(),
        streak_days=streak_days(review_days, scheduler.today()),
        daily_limit=scheduler.daily_limit,
        next_due=scheduler.next_due(catalog, categories=categories),
    )


def drill_questions(
    store: Store, catalog: Catalog, categories: Sequence[str], limit: int
) -> list[WeakQuestion]:
    """Return up to ``limit`` questions whose concepts were missed most often."""
    ranked = find_weak_questions(store, catalog, limit=len(catalog))
    return [
        weak
        for weak in ranked
        if not categories or weak.question.category in categories
    ][:limit]


def weak_concepts_by_question(
    store: Store, catalog: Catalog
) -> dict[str, list[WeakConcept]]:
    """Return every concept missed at least once, grouped by question id."""
    grouped: dict[str, list[WeakConcept]] = defaultdict(list)
    for concept in find_weak_concepts(store, catalog, limit=sys.maxsize):
        grouped[concept.question_id].append(concept)
    return dict(grouped)


def describe_ratings(ratings: Sequence[Rating]) -> str:
    """Return how many answers got each rating, such as ``1 Again, 2 Good``."""
    counts = Counter(ratings)
    return ", ".join(
        f"{counts[rating]} {name}"
        for rating, name in RATING_NAMES.items()
        if counts[rating]
    )


@dataclass
class PracticeSession:
    """One practice session: its questions, answers and ratings, and their storage.

    The session is stored when the first answer is, so opening practice and
    quitting leaves no empty session in the history. Each question moves on
    only once its answer is both stored and rated.
    """

    catalog: Catalog
    scheduler: PracticeScheduler
    questions: list[Question]
    sources: dict[str, Source]
    """The reason each question is in the session, by question id."""
    settings: dict[str, Any]
    """The options the session was started with, stored with the session."""
    weak_spots: dict[str, list[WeakConcept]] = field(default_factory=dict)
    """In a drill, the concepts each question's answers missed before."""
    session_id: int | None = None
    attempts: list[Attempt] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.questions:
            message = "a practice session needs at least one question"
            raise ValueError(message)

    @property
    def store(self) -> Store:
        return self.scheduler.store

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def position(self) -> int:
        """1-based number of the question being answered or rated."""
        return min(len(self.ratings) + 1, self.total)

    @property
    def finished(self) -> bool:
        """True once every question is rated."""
        return len(self.ratings) >= self.total

    @property
    def current(self) -> Question:
        if self.finished:
            message = "the practice session is finished; there is no current question"
            raise IndexError(message)
        return self.questions[len(self.ratings)]

    @property
    def pending(self) -> Attempt | None:
        """The stored answer to the current question while it awaits a rating."""
        if len(self.attempts) > len(self.ratings):
            return self.attempts[-1]
        return None

    def score(self, answer: str) -> ScoreResult:
        """Score ``answer`` against the current question's rubric.

        Safe to call from a worker thread: it reads the catalog and nothing else.
        """
        # Imported on first use so that the start screen does not wait for
        # rapidfuzz to load.
        from interviewer.scoring.engine import score_answer

        return score_answer(
            answer,
            self.catalog.rubric(self.current.id),
            known_words=self.catalog.known_words,
            prompt=self.current.prompt,
        )

    def record(self, answer: str, result: ScoreResult, time_used: float) -> Attempt:
        """Store the scored answer to the current question and return it.

        Practice has no time limit, so the attempt's ``time_allowed`` is None.

        Raises:
            StorageError: the session or the answer could not be stored; the
                run is unchanged, so calling again retries.
        """
        if self.pending is not None:
            message = f"the answer to {self.current.id!r} is already stored"
            raise RuntimeError(message)
        question = self.current
        if self.session_id is None:
            self.session_id = self.store.start_session(
                Mode.PRACTICE, self.settings, [q.id for q in self.questions]
            )
        self.store.save_attempt(
            self.session_id,
            len(self.attempts) + 1,
            question_id=question.id,
            answer=answer,
            result=result,
            fingerprint=rubric_fingerprint(self.catalog.rubric(question.id)),
            outcome=Outcome.SUBMITTED,
            time_allowed=None,
            time_used=time_used,
        )
        attempt = Attempt(
            question=question,
            answer=answer,
            result=result,
            outcome=Outcome.SUBMITTED,
            time_allowed=None,
            time_used=time_used,
        )
        self.attempts.append(attempt)
        return attempt

    def preview(self) -> dict[Rating, datetime]:
        """Return when the current question would be due after each rating."""
        return self.scheduler.preview(self.current.id)

    def rate(self, rating: Rating) -> Card:
        """Store the rating of the pending answer and move to the next question.

        Returns:
            The rescheduled card; ``card.due`` is when it is next due.

        Raises:
            RuntimeError: no answer awaits a rating.
            StorageError: the review could not be stored; the run is
                unchanged, so calling again retries.
        """
        attempt = self.pending
        if attempt is None:
            message = "there is no stored answer to rate"
            raise RuntimeError(message)
        card = self.scheduler.review(
            attempt.question.id, rating, attempt.score, self.session_id
        )
        self.ratings.append(rating)
        return card

    def finish(self) -> None:
        """Mark the stored session finished once every question is rated.

        Raises:
            StorageError: the session could not be updated.
        """
        if self.finished and self.session_id is not None:
            self.store.finish_session(self.session_id)

    def abandon(self) -> None:
        """Mark the stored session abandoned when quitting before the end.

        Stored answers and ratings are kept; they count for weak spots and
        scheduling like any others.

        Raises:
            StorageError: the session could not be updated.
        """
        if not self.finished and self.session_id is not None:
            self.store.discard_session(self.session_id)
