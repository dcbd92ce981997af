"""Choose the questions of a session from a catalog."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from interviewer.bank import Question
from interviewer.errors import InterviewerError


def category_key(name: str) -> str:
    """Return a category's short form: lowercase words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")


def resolve_categories(requested: Sequence[str], available: Sequence[str]) -> list[str]:
    """Map user input (name, hyphenated key or unique prefix) to category names.

    Raises:
        InterviewerError: a value matches no category or more than one.
    """
    resolved = []
    keys = {category_key(name): name for name in available}
    for value in requested:
        key = category_key(value)
        if key in keys:
            resolved.append(keys[key])
            continue
        matches = [
            name
            for short, name in keys.items()
            if short.startswith(key) or key in short.split("-")
        ]
        if len(matches) == 1:
            resolved.append(matches[0])
            continue
        choices = ", ".join(sorted(keys))
        reason = "matches several categories" if matches else "is not a category"
        message = f"{value!r} {reason}; choose from: {choices}"
        raise InterviewerError(message)
    return list(dict.fromkeys(resolved))


def select_questions(
    questions: Sequence[Question],
    *,
    categories: Sequence[str] = (),
    tags: Sequence[str] = (),
    difficulties: Sequence[str] = (),
    count: int | None = None,
    seed: int | None = None,
) -> list[Question]:
    """Return up to ``count`` distinct questions in a shuffled order.

    Filters combine with AND across kinds and OR within a kind. The same
    ``seed`` gives the same order; no seed gives a fresh order each time.
    """
    wanted_tags = {tag.lower() for tag in tags}
    chosen = [
        question
        for question in questions
        if (not categories or question.category in categories)
        and (not wanted_tags or wanted_tags.intersection(question.tags))
        and (not difficulties or question.difficulty in difficulties)
    ]
    random.Random(seed).shuffle(chosen)
    unique = list({question.id: question for question in chosen}.values())
    return unique[:count] if count is not None else unique
