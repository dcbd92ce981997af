"""Weak spots and practice statistics from stored attempts and reviews.

Weak spots come from every stored attempt, mock interviews and practice
alike: each attempt's result records every rubric concept as covered or not.
Skipped questions are left out, because a skip shows nothing about which
concepts the user knows. Concepts that the current rubric no longer has are
left out too.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from fsrs import Rating, State

from interviewer.bank import Question
from interviewer.catalog import Catalog
from interviewer.practice import PracticeScheduler
from interviewer.storage import Store, StoredAttempt

SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class WeakConcept:
    """A rubric concept and how often answers to its question missed it."""

    question_id: str
    label: str
    missed: int
    seen: int
    """Scored attempts of the question that had this concept in their rubric."""

    @property
    def miss_rate(self) -> float:
        return self.missed / self.seen


@dataclass(frozen=True, slots=True)
class WeakQuestion:
    """A question and how often its concepts were missed, over all attempts."""

    question: Question
    missed: int
    """Missed concepts, summed over attempts."""
    seen: int
    """Concepts scored, summed over attempts."""
    attempts: int

    @property
    def miss_rate(self) -> float:
        return self.missed / self.seen


@dataclass
class _Tally:
    missed: int = 0
    seen: int = 0


def _scored_attempts(store: Store, catalog: Catalog) -> list[StoredAttempt]:
    known = {question.id for question in catalog.questions}
    return [
        attempt
        for attempt in store.all_attempts()
        if attempt.outcome != SKIPPED and attempt.question_id in known
    ]


def _concept_tallies(
    attempts: list[StoredAttempt], catalog: Catalog
) -> dict[tuple[str, str], _Tally]:
    tallies: dict[tuple[str, str], _Tally] = defaultdict(_Tally)
    for attempt in attempts:
        labels = {c.label for c in catalog.rubric(attempt.question_id).concepts}
        for concept in attempt.result.concepts:
            if concept.label not in labels:
                continue
            tally = tallies[(attempt.question_id, concept.label)]
            tally.seen += 1
            if not concept.covered:
                tally.missed += 1
    return tallies


def weak_concepts(
    store: Store, catalog: Catalog, *, limit: int = 10
) -> list[WeakConcept]:
    """Return the concepts missed most often, highest miss rate first.

    Only concepts missed at least once are listed. Ties on the miss rate go
    to the concept missed more times, then to bank order.
    """
    order = {question.id: index for index, question in enumerate(catalog.questions)}
    tallies = _concept_tallies(_scored_attempts(store, catalog), catalog)
    concepts = [
        WeakConcept(question_id, label, tally.missed, tally.seen)
        for (question_id, label), tally in tallies.items()
        if tally.missed
    ]
    concepts.sort(key=lambda c: (-c.miss_rate, -c.missed, order[c.question_id]))
    return concepts[:limit]


def weak_questions(
    store: Store, catalog: Catalog, *, limit: int = 10
) -> list[WeakQuestion]:
    """Return the questions whose concepts were missed most, for a drill.

    The rank is the share of scored concepts that were missed over every
    attempt at the question, then the number missed, then bank order. Only
    questions with at least one missed concept are listed.
    """
    scored = _scored_attempts(store, catalog)
    attempts: dict[str, int] = defaultdict(int)
    for attempt in scored:
        attempts[attempt.question_id] += 1
    totals: dict[str, _Tally] = defaultdict(_Tally)
    for (question_id, _), tally in _concept_tallies(scored, catalog).items():
        totals[question_id].missed += tally.missed
        totals[question_id].seen += tally.seen
    order = {question.id: index for index, question in enumerate(catalog.questions)}
    questions = [
        WeakQuestion(catalog.get(qid), tally.missed, tally.seen, attempts[qid])
        for qid, tally in totals.items()
        if tally.missed
    ]
    questions.sort(key=lambda q: (-q.miss_rate, -q.missed, order[q.question.id]))
    return questions[:limit]


@dataclass(frozen=True, slots=True)
class WeeklyScore:
    """The mean score of one category's attempts in one ISO week."""

    category: str
    week: str
    """ISO 8601 week, such as ``2025-W03``."""
    attempts: int
    average: float


@dataclass(frozen=True, slots=True)
class PracticeStats:
    """Today's practice counts, review history and scores over time."""

    today: date
    due_today: int
    """Reviewed questions due by the end of today."""
    new_available: int
    """Questions never reviewed."""
    planned_today: int
    """Questions today's practice would hold now, within the daily limit."""
    daily_limit: int
    reviewed_today: int
    streak_days: int
    """Consecutive days with at least one review, ending today or yesterday."""
    total_reviews: int
    retention: float | None
    """Share of reviews of cards in the review state not rated Again, 0 to 1;
    None when there were no such reviews."""
    weekly_scores: list[WeeklyScore] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict; the layout is stable for scripts."""
        return {
            "today": self.today.isoformat(),
            "due_today": self.due_today,
            "new_available": self.new_available,
            "planned_today": self.planned_today,
            "daily_limit": self.daily_limit,
            "reviewed_today": self.reviewed_today,
            "streak_days": self.streak_days,
            "total_reviews": self.total_reviews,
            "retention": None if self.retention is None else round(self.retention, 3),
            "weekly_scores": [
                {
                    "category": w.category,
                    "week": w.week,
                    "attempts": w.attempts,
                    "average": round(w.average, 1),
                }
                for w in self.weekly_scores
            ],
        }


def streak_days(review_days: set[date], today: date) -> int:
    """Count consecutive days with reviews, ending today.

    A day without reviews yet does not break the streak until it is over,
    so when today has none the count ends yesterday.
    """
    day = today if today in review_days else today - timedelta(days=1)
    count = 0
    while day in review_days:
        count += 1
        day -= timedelta(days=1)
    return count


def _weekly_scores(practice: PracticeScheduler, catalog: Catalog) -> list[WeeklyScore]:
    order = {name: index for index, name in enumerate(catalog.categories)}
    scores: dict[tuple[str, str], list[int]] = defaultdict(list)
    for attempt in _scored_attempts(practice.store, catalog):
        created = practice.local_date(datetime.fromisoformat(attempt.created_at))
        year, week, _ = created.isocalendar()
        category = catalog.get(attempt.question_id).category
        scores[(f"{year}-W{week:02d}", category)].append(attempt.score)
    return [
        WeeklyScore(category, week, len(values), sum(values) / len(values))
        for (week, category), values in sorted(
            scores.items(), key=lambda item: (item[0][0], order[item[0][1]])
        )
    ]


def practice_stats(practice: PracticeScheduler, catalog: Catalog) -> PracticeStats:
    """Compute the practice statistics for today from ``practice``'s store."""
    today = practice.today()
    reviews = practice.store.load_reviews()
    review_days = {
        practice.local_date(datetime.fromisoformat(r.reviewed_at)) for r in reviews
    }
    mature = [r for r in reviews if r.previous_state == State.Review]
    recalled = [r for r in mature if r.rating != Rating.Again]
    return PracticeStats(
        today=today,
        due_today=len(practice.due_reviews(catalog)),
        new_available=len(practice.new_questions(catalog)),
        planned_today=len(practice.due_questions(catalog)),
        daily_limit=practice.daily_limit,
        reviewed_today=practice.reviewed_today(),
        streak_days=streak_days(review_days, today),
        total_reviews=len(reviews),
        retention=len(recalled) / len(mature) if mature else None,
        weekly_scores=_weekly_scores(practice, catalog),
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def format_stats(stats: PracticeStats) -> str:
    """Return a plain-text report of the stats, as ``interviewer stats`` prints."""
    retention = (
        "no reviews of known questions yet"
        if stats.retention is None
        else f"{stats.retention:.0%} of reviews of known questions not rated Again"
    )
    lines = [
        f"Today ({stats.today.isoformat()}):",
        f"  due reviews:      {stats.due_today}",
        f"  new questions:    {stats.new_available}",
        f"  planned today:    {stats.planned_today} (daily limit {stats.daily_limit})",
        f"  reviewed today:   {stats.reviewed_today}",
        f"Streak:             {_count(stats.streak_days, 'day')}",
        f"Reviews in total:   {stats.total_reviews}",
        f"Retention:          {retention}",
    ]
    if stats.weekly_scores:
        lines += ["", "Average score by week:"]
        width = max(len(w.category) for w in stats.weekly_scores)
        for w in stats.weekly_scores:
            lines.append(
                f"  {w.week}  {w.category:<{width}}  {w.average:5.1f}  "
                f"({_count(w.attempts, 'answer')})"
            )
    return "\n".join(lines)


def format_weak_spots(
    concepts: list[WeakConcept], questions: list[WeakQuestion]
) -> str:
    """Return a plain-text report of weak spots, as ``interviewer weak`` prints."""
    if not concepts:
        return "No missed concepts yet: answer some questions first."
    lines = ["Concepts missed most often:"]
    for concept in concepts:
        lines.append(
            f"  {concept.missed}/{concept.seen} missed  {concept.label}  "
            f"({concept.question_id})"
        )
    lines += ["", "Questions to drill:"]
    for question in questions:
        lines.append(
            f"  {question.miss_rate:4.0%} of concepts missed over "
            f"{_count(question.attempts, 'answer')}  {question.question.id}: "
            f"{question.question.prompt}"
        )
    return "\n".join(lines)


def weak_spots_json(
    concepts: list[WeakConcept], questions: list[WeakQuestion]
) -> dict[str, Any]:
    """Return a JSON-ready dict of weak spots; the layout is stable for scripts."""
    return {
        "concepts": [
            {
                "question_id": c.question_id,
                "label": c.label,
                "missed": c.missed,
                "seen": c.seen,
            }
            for c in concepts
        ],
        "questions": [
            {
                "question_id": q.question.id,
                "prompt": q.question.prompt,
                "category": q.question.category,
                "missed": q.missed,
                "seen": q.seen,
                "attempts": q.attempts,
            }
            for q in questions
        ],
    }
