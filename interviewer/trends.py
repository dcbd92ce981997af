"""Scores per category over time, for the history screen."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from interviewer.catalog import Catalog
from interviewer.export import counted_score
from interviewer.storage import StoredSession


@dataclass(frozen=True, slots=True)
class CategoryTrend:
    """The scores of every attempt at one category's questions."""

    category: str
    scores: tuple[int, ...]
    """0 to 100, oldest first; a skipped question counts as 0."""

    @property
    def latest(self) -> int:
        return self.scores[-1]

    @property
    def mean(self) -> int:
        return round(sum(self.scores) / len(self.scores))


def category_trends(
    sessions: Iterable[StoredSession], catalog: Catalog
) -> list[CategoryTrend]:
    """Return the scores per category, in the catalog's category order.

    Attempts at questions the catalog does not have are left out, because
    their category is unknown. Categories with no attempts are left out too.
    """
    category_of = {question.id: question.category for question in catalog.questions}
    scores: dict[str, list[int]] = defaultdict(list)
    for session in sorted(sessions, key=lambda s: (s.started_at, s.id)):
        for attempt in session.attempts:
            category = category_of.get(attempt.question_id)
            if category is not None:
                scores[category].append(counted_score(attempt)[0])
    return [
        CategoryTrend(category, tuple(scores[category]))
        for category in catalog.categories
        if scores[category]
    ]


def unknown_attempts(sessions: Iterable[StoredSession], catalog: Catalog) -> int:
    """Return how many attempts are at questions the catalog does not have."""
    known = {question.id for question in catalog.questions}
    return sum(
        1
        for session in sessions
        for attempt in session.attempts
        if attempt.question_id not in known
    )
