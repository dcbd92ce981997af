"""Spaced-repetition practice: one FSRS card per question, rescheduled by rating.

The scheduler is py-fsrs (FSRS, the algorithm Anki uses). After an answer is
scored, the user confirms or changes a suggested rating from Again to Easy,
and the question's card is rescheduled. A question rated Again or Hard comes
back after a day or two and one rated Easy after a week or more. Each later
interval grows with how well the question was known before.

Practice happens at most once a day per question, so the scheduler runs with
no learning steps (FSRS's minute-long steps suit drilling one card many times
in a sitting) and with fuzzing off so the same ratings always give the same
dates. Due dates are kept to the second, but a card counts as due for the
whole local day it falls on, as review cards do in Anki.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from fsrs import Card, Rating, Scheduler

from interviewer.bank import Question
from interviewer.catalog import Catalog
from interviewer.config import Config
from interviewer.storage import Store

Clock = Callable[[], datetime]
"""A callable returning the current time as an aware UTC datetime."""

DEFAULT_DAILY_LIMIT = 10
"""Questions per day when neither ``--daily`` nor ``practice_daily`` is set."""

RATING_THRESHOLDS = ((85, Rating.Easy), (65, Rating.Good), (35, Rating.Hard))
"""The lowest automatic score that suggests each rating above Again."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def suggested_rating(score: int) -> Rating:
    """Return the rating suggested for an automatic score from 0 to 100.

    A score of 85 or more suggests Easy, 65 to 84 Good, 35 to 64 Hard and
    below 35 Again. 35 is also where the "partial" score band starts, so a
    weak answer always suggests Again.
    """
    for floor, rating in RATING_THRESHOLDS:
        if score >= floor:
            return rating
    return Rating.Again


def resolve_daily_limit(option: int | None, config: Config) -> int:
    """Return the daily limit: the ``--daily`` option, then the config file."""
    if option is not None:
        return option
    if config.practice_daily is not None:
        return config.practice_daily
    return DEFAULT_DAILY_LIMIT


def new_fsrs_scheduler() -> Scheduler:
    """Return the FSRS scheduler practice uses: no learning steps, no fuzzing."""
    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def format_time(moment: datetime) -> str:
    """Return ``moment`` as stored: ISO 8601 in UTC, to the second."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class PracticeScheduler:
    """Schedules questions for practice and stores each review.

    Args:
        store: The open database that contains cards and review logs.
        clock: Returns the current time as an aware datetime in UTC.
        zone: The time zone whose midnight starts a new day for due dates,
            "reviewed today" and streaks; None uses the system's local zone.
        daily_limit: Questions per day, due reviews and new questions together.
        scheduler: The FSRS scheduler; :func:`new_fsrs_scheduler` by default.
    """

    def __init__(
        self,
        store: Store,
        *,
        clock: Clock = utc_now,
        zone: tzinfo | None = None,
        daily_limit: int = DEFAULT_DAILY_LIMIT,
        scheduler: Scheduler | None = None,
    ) -> None:
        if daily_limit < 1:
            message = f"daily limit must be 1 or more, got {daily_limit}"
            raise ValueError(message)
        self.store = store
        self.clock = clock
        self.zone = zone
        self.daily_limit = daily_limit
        self.scheduler = scheduler if scheduler is not None else new_fsrs_scheduler()

    # -- time -----------------------------------------------------------------

    def now(self) -> datetime:
        """Return the clock's time, checked to be aware and converted to UTC."""
        moment = self.clock()
        if moment.tzinfo is None or moment.utcoffset() is None:
            message = f"the practice clock returned a naive datetime: {moment!r}"
            raise ValueError(message)
        return moment.astimezone(UTC)

    def local_date(self, moment: datetime) -> date:
        """Return the calendar date of ``moment`` in the practice time zone."""
        return moment.astimezone(self.zone).date()

    def today(self) -> date:
        return self.local_date(self.now())

    def day_start(self, day: date) -> datetime:
        """Return local midnight at the start of ``day``, in UTC."""
        # A naive datetime passed to astimezone() is taken as system local time.
        midnight = datetime.combine(day, time(0), tzinfo=self.zone)
        return midnight.astimezone(UTC)

    # -- cards ----------------------------------------------------------------

    def card(self, question_id: str) -> Card | None:
        """Return the question's card; None when it was never reviewed."""
        stored = self.store.load_card(question_id)
        return Card.from_json(stored.card) if stored is not None else None

    def _card_or_new(self, question_id: str, now: datetime) -> Card:
        card = self.card(question_id)
        if card is None:
            # Given no card_id, fsrs 6 reads the wall clock and sleeps 1 ms.
            card = Card(card_id=int(now.timestamp() * 1000), due=now)
        return card

    def preview(self, question_id: str) -> dict[Rating, datetime]:
        """Return when the question would next be due after each rating."""
        now = self.now()
        card = self._card_or_new(question_id, now)
        return {
            rating: self.scheduler.review_card(card, rating, now)[0].due
            for rating in Rating
        }

    def review(
        self,
        question_id: str,
        rating: Rating | int,
        score: int | None,
        session_id: int | None,
    ) -> Card:
        """Reschedule a question by ``rating`` and store the card and a review log.

        Args:
            question_id: The question that was answered.
            rating: The user's rating, 1 (Again) to 4 (Easy).
            score: The automatic score from 0 to 100, or None when the answer
                was not scored; the suggested rating is stored from it.
            session_id: The stored session the answer belongs to, or None.

        Returns:
            The rescheduled card; ``card.due`` is when it is next due.

        Raises:
            ValueError: ``rating`` or ``score`` is out of range.
            StorageError: the review could not be stored.
        """
        if rating not in tuple(Rating):
            message = f"rating must be 1 (Again) to 4 (Easy), got {rating!r}"
            raise ValueError(message)
        if score is not None and not 0 <= score <= 100:
            message = f"score must be 0 to 100, got {score!r}"
            raise ValueError(message)
        now = self.now()
        card = self._card_or_new(question_id, now)
        updated, _ = self.scheduler.review_card(card, Rating(rating), now)
        self.store.save_review(
            question_id,
            card=updated.to_json(),
            due=format_time(updated.due),
            state=int(updated.state),
            rating=int(rating),
            score=score,
            suggested_rating=None if score is None else int(suggested_rating(score)),
            previous_state=int(card.state),
            session_id=session_id,
            reviewed_at=format_time(now),
        )
        return updated

    # -- choosing questions ---------------------------------------------------

    def reviewed_today(self) -> int:
        """Return how many reviews were stored since local midnight."""
        since = format_time(self.day_start(self.today()))
        return len(self.store.load_reviews(since=since))

    def _scheduled(
        self, catalog: Catalog, categories: Sequence[str]
    ) -> list[tuple[datetime, Question]]:
        """Return the reviewed questions of ``catalog`` by due time, oldest first.

        Ties keep bank order. Cards of questions that are no longer in
        ``catalog`` are left out.
        """
        order = {question.id: index for index, question in enumerate(catalog.questions)}
        scheduled: list[tuple[datetime, int, Question]] = []
        for question_id, stored in self.store.load_cards().items():
            if question_id not in order:
                continue
            question = catalog.questions[order[question_id]]
            if categories and question.category not in categories:
                continue
            due_at = datetime.fromisoformat(stored.due)
            scheduled.append((due_at, order[question_id], question))
        scheduled.sort(key=lambda item: (item[0], item[1]))
        return [(due_at, question) for due_at, _, question in scheduled]

    def due_reviews(
        self, catalog: Catalog, *, categories: Sequence[str] = ()
    ) -> list[Question]:
        """Return reviewed questions due by the end of today, oldest due first.

        Cards of questions that are no longer in ``catalog`` are left out.
        """
        end_of_today = self.day_start(self.today() + timedelta(days=1))
        return [
            question
            for due_at, question in self._scheduled(catalog, categories)
            if due_at < end_of_today
        ]

    def next_due(
        self, catalog: Catalog, *, categories: Sequence[str] = ()
    ) -> datetime | None:
        """Return when the earliest reviewed question is due, in UTC.

        The time may be in the past, when reviews are overdue. Returns None
        when no question of ``catalog`` in ``categories`` was ever reviewed.
        """
        scheduled = self._scheduled(catalog, categories)
        return scheduled[0][0] if scheduled else None

    def new_questions(
        self, catalog: Catalog, *, categories: Sequence[str] = ()
    ) -> list[Question]:
        """Return questions never reviewed, in bank order."""
        reviewed = self.store.load_cards()
        return [
            question
            for question in catalog.questions
            if question.id not in reviewed
            and (not categories or question.category in categories)
        ]

    def due_questions(
        self,
        catalog: Catalog,
        limit: int | None = None,
        *,
        categories: Sequence[str] = (),
    ) -> list[Question]:
        """Return today's practice: due reviews first, then new questions.

        Due reviews come oldest due first and new questions in bank order.
        Both count against the daily limit, and so does every review already
        stored today, including those from a weak-spot drill.

        Args:
            catalog: The questions to choose from.
            limit: At most this many questions, within the daily limit.
            categories: Only questions of these category names; all when empty.
        """
        remaining = max(0, self.daily_limit - self.reviewed_today())
        count = remaining if limit is None else min(limit, remaining)
        due = self.due_reviews(catalog, categories=categories)[:count]
        new = self.new_questions(catalog, categories=categories)
        return due + new[: count - len(due)]
