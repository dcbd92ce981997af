"""The scoring engine: rapidfuzz phrase matching with no AI model.

Nothing in this package imports Textual, so it runs in scripts and tests.
"""

from interviewer.scoring.engine import score_answer
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
