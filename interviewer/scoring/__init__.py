"""The scoring engine: rapidfuzz phrase matching with no AI model.

Nothing in this package imports Textual, so it runs in scripts and tests.
``score_answer`` is imported on first use, because the rubric loader needs
only the normaliser and start-up should not pay for loading rapidfuzz.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from interviewer.scoring.result import (
    BANDS,
    ConceptResult,
    ConceptStatus,
    Flag,
    Match,
    MatchKind,
    MisconceptionResult,
    ScoreResult,
    band_for,
)

if TYPE_CHECKING:
    from interviewer.scoring.engine import score_answer

__all__ = [
    "BANDS",
    "ConceptResult",
    "ConceptStatus",
    "Flag",
    "Match",
    "MatchKind",
    "MisconceptionResult",
    "ScoreResult",
    "band_for",
    "score_answer",
]


def __getattr__(name: str) -> Any:
    if name == "score_answer":
        from interviewer.scoring.engine import score_answer

        return score_answer
    message = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(message)
