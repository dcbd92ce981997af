"""Score results: what was covered, missed or flagged, and why."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class MatchKind(StrEnum):
    """How a phrase was found in the answer."""

    EXACT = "exact"
    """The concept's canonical term, as written (up to case and inflection)."""
    ALIAS = "alias"
    """One of the concept's other phrases, as written."""
    FUZZY = "fuzzy"
    """A phrase found with a typo or spelling variant."""


class ConceptStatus(StrEnum):
    COVERED = "covered"
    MISSED = "missed"
    NEGATED = "negated"
    """Mentioned only in a negated clause, such as "we do not use X"."""


@dataclass(frozen=True, slots=True)
class Match:
    """Where a phrase occurs in an answer."""

    phrase: str
    kind: MatchKind
    similarity: float
    """0 to 100; 100 unless ``kind`` is fuzzy."""
    start: int
    end: int
    evidence: str
    """The answer text from ``start`` to ``end``, as the candidate typed it."""
    negated: bool


@dataclass(frozen=True, slots=True)
class ConceptResult:
    label: str
    weight: float
    status: ConceptStatus
    match: Match | None
    """The match that decided the status; None when missed."""
    close: str | None = None
    """For a missed concept, answer text that came near a phrase."""
    close_phrase: str | None = None
    """The rubric phrase that ``close`` came near."""

    @property
    def covered(self) -> bool:
        return self.status is ConceptStatus.COVERED


@dataclass(frozen=True, slots=True)
class MisconceptionResult:
    label: str
    penalty: float
    match: Match


@dataclass(frozen=True, slots=True)
class Flag:
    """A property of the whole answer that limited its score."""

    code: str
    """``keyword-list`` or ``short``."""
    message: str
    cap: int
    """The score was capped at this value."""


@dataclass(frozen=True, slots=True)
class ScoreResult:
    """The score of one answer against one rubric."""

    question_id: str
    score: int
    """0 to 100 after penalties and caps."""
    band: str
    concepts: tuple[ConceptResult, ...]
    misconceptions: tuple[MisconceptionResult, ...]
    """Only the misconceptions that the answer states."""
    flags: tuple[Flag, ...]
    coverage: float
    """Covered weight over total weight, 0 to 100, before penalties and caps."""
    word_count: int

    @property
    def covered(self) -> tuple[ConceptResult, ...]:
        return tuple(c for c in self.concepts if c.covered)

    @property
    def missed(self) -> tuple[ConceptResult, ...]:
        return tuple(c for c in self.concepts if not c.covered)

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict; the layout is stable for scripts."""

        def match_json(match: Match | None) -> dict[str, Any] | None:
            if match is None:
                return None
            data = asdict(match)
            data["kind"] = str(match.kind)
            return data

        return {
            "question_id": self.question_id,
            "score": self.score,
            "band": self.band,
            "coverage": round(self.coverage, 1),
            "word_count": self.word_count,
            "concepts": [
                {
                    "label": c.label,
                    "weight": c.weight,
                    "covered": c.covered,
                    "status": str(c.status),
                    "evidence": c.match.evidence if c.match else None,
                    "match": match_json(c.match),
                    "close": c.close,
                    "close_phrase": c.close_phrase,
                }
                for c in self.concepts
            ],
            "misconceptions": [
                {
                    "label": m.label,
                    "penalty": m.penalty,
                    "evidence": m.match.evidence,
                    "match": match_json(m.match),
                }
                for m in self.misconceptions
            ],
            "flags": [
                {"code": f.code, "message": f.message, "cap": f.cap} for f in self.flags
            ],
        }


BANDS = (("strong", 80), ("solid", 60), ("partial", 35), ("weak", 0))
"""Band names with the lowest score of each, best first."""


def band_for(score: float) -> str:
    """Return the band name for a 0-100 score."""
    for name, floor in BANDS:
        if score >= floor:
            return name
    return BANDS[-1][0]


def _match_from_json(data: dict[str, Any] | None) -> Match | None:
    if data is None:
        return None
    return Match(
        phrase=data["phrase"],
        kind=MatchKind(data["kind"]),
        similarity=float(data["similarity"]),
        start=int(data["start"]),
        end=int(data["end"]),
        evidence=data["evidence"],
        negated=bool(data["negated"]),
    )


def result_from_json(data: dict[str, Any]) -> ScoreResult:
    """Rebuild a :class:`ScoreResult` from :meth:`ScoreResult.to_json` output.

    Stored results are read back this way, so history shows the score an
    answer got at the time even when its rubric has changed since.
    """
    concepts = tuple(
        ConceptResult(
            label=item["label"],
            weight=float(item["weight"]),
            status=ConceptStatus(item["status"]),
            match=_match_from_json(item.get("match")),
            close=item.get("close"),
            close_phrase=item.get("close_phrase"),
        )
        for item in data["concepts"]
    )
    misconceptions = tuple(
        MisconceptionResult(
            label=item["label"],
            penalty=float(item["penalty"]),
            match=_match_from_json(item["match"]) or _missing_match(item),
        )
        for item in data["misconceptions"]
    )
    flags = tuple(
        Flag(item["code"], item["message"], int(item["cap"]))
        for item in data.get("flags", ())
    )
    return ScoreResult(
        question_id=data["question_id"],
        score=int(data["score"]),
        band=data["band"],
        concepts=concepts,
        misconceptions=misconceptions,
        flags=flags,
        coverage=float(data.get("coverage", 0.0)),
        word_count=int(data.get("word_count", 0)),
    )


def _missing_match(item: dict[str, Any]) -> Match:
    return Match("", MatchKind.EXACT, 100.0, 0, 0, item.get("evidence", ""), False)
