"""Consistency checks between a bank's model answers and its rubrics.

A model answer that misses a concept of its own rubric, scores well on
another question's rubric, or trips a misconception means the rubric and
the answer disagree, so a candidate would be scored unfairly.
Run ``python -m interviewer.checks`` for a report on the built-in bank.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from interviewer.catalog import Catalog, load_catalog
from interviewer.rubric import Concept, Misconception
from interviewer.scoring import score_answer
from interviewer.scoring.matcher import compile_phrase
from interviewer.scoring.normalize import tokenize

OWN_MIN_SCORE = 85
CROSS_MAX_SCORE = 25


@dataclass(frozen=True, slots=True)
class CrossScore:
    answer_id: str
    """The question whose model answer was scored."""
    rubric_id: str
    score: int


@dataclass(slots=True)
class ConsistencyReport:
    """Failures found by :func:`check_consistency`; empty lists mean it passed."""

    own_scores: dict[str, int] = field(default_factory=dict)
    low_own: list[tuple[str, int, list[str]]] = field(default_factory=list)
    """(question id, score, labels of missed concepts) below the minimum."""
    cross: list[CrossScore] = field(default_factory=list)
    """Pairs above the cross maximum, worst first."""
    worst_cross: list[CrossScore] = field(default_factory=list)
    """The highest cross scores overall, for context, worst first."""
    misconceptions: list[tuple[str, str, str, str]] = field(default_factory=list)
    """(answer id, rubric id, misconception label, evidence) that fired."""
    thin_phrases: list[tuple[str, str, str]] = field(default_factory=list)
    """(rubric id, phrase, the one word it keeps): phrases of several words
    that keep a single content word, so they match that word anywhere. A
    note for the author, not a failure."""

    @property
    def passed(self) -> bool:
        return not (self.low_own or self.cross or self.misconceptions)

    def format(self) -> str:
        """Return a readable report of every failure."""
        lines = []
        if self.low_own:
            lines.append(
                f"Model answers scoring under {OWN_MIN_SCORE} or missing a concept "
                "on their own rubric:"
            )
            for question_id, score, missed in self.low_own:
                lines.append(
                    f"  {question_id}: {score}; missed: {', '.join(missed) or '-'}"
                )
        if self.cross:
            lines.append(
                f"Model answers scoring over {CROSS_MAX_SCORE} on another "
                "question's rubric (answer -> rubric: score):"
            )
            lines.extend(
                f"  {pair.answer_id} -> {pair.rubric_id}: {pair.score}"
                for pair in self.cross
            )
        if self.misconceptions:
            lines.append("Misconceptions that fire on a model answer:")
            lines.extend(
                f"  {answer} on {rubric}: {label!r} matched {evidence!r}"
                for answer, rubric, label, evidence in self.misconceptions
            )
        if self.thin_phrases:
            lines.append(
                "Note: phrases that keep one word after stop words, so they match "
                "that word anywhere:"
            )
            lines.extend(
                f"  {rubric}: {phrase!r} keeps only {word!r}"
                for rubric, phrase, word in self.thin_phrases
            )
        if self.worst_cross:
            lines.append("Highest cross scores:")
            lines.extend(
                f"  {pair.answer_id} -> {pair.rubric_id}: {pair.score}"
                for pair in self.worst_cross
            )
        verdict = "passed" if self.passed else "FAILED"
        lines.append(
            f"Consistency {verdict}: {len(self.own_scores)} questions, "
            f"{len(self.low_own)} low own scores, {len(self.cross)} cross-score "
            f"failures, {len(self.misconceptions)} misconceptions on model answers."
        )
        return "\n".join(lines)


def check_consistency(catalog: Catalog, *, worst: int = 10) -> ConsistencyReport:
    """Score every model answer against every rubric of ``catalog``."""
    report = ConsistencyReport()
    all_cross = []
    for question in catalog.questions:
        for rubric_id, rubric in catalog.rubrics.items():
            result = score_answer(
                question.model_answer, rubric, known_words=catalog.known_words
            )
            for wrong in result.misconceptions:
                report.misconceptions.append(
                    (question.id, rubric_id, wrong.label, wrong.match.evidence)
                )
            if rubric_id == question.id:
                report.own_scores[question.id] = result.score
                missed = [c.label for c in result.missed]
                if result.score < OWN_MIN_SCORE or missed:
                    report.low_own.append((question.id, result.score, missed))
            else:
                all_cross.append(CrossScore(question.id, rubric_id, result.score))
    report.thin_phrases = thin_phrases(catalog)
    all_cross.sort(key=lambda pair: -pair.score)
    report.cross = [pair for pair in all_cross if pair.score > CROSS_MAX_SCORE]
    report.worst_cross = all_cross[:worst]
    return report


def thin_phrases(catalog: Catalog) -> list[tuple[str, str, str]]:
    """Return (rubric id, phrase, kept word) for every phrase written as
    several words that keeps only one content word ("how did we get here")."""
    found = []
    for rubric_id, rubric in catalog.rubrics.items():
        entries: tuple[Concept | Misconception, ...] = (
            *rubric.concepts,
            *rubric.misconceptions,
        )
        for entry in entries:
            for phrase in entry.phrases:
                _, surfaces, _, _ = compile_phrase(phrase)
                if len(surfaces) == 1 and len(tokenize(phrase)) > 1:
                    found.append((rubric_id, phrase, surfaces[0]))
    return found


def main() -> int:
    catalog = load_catalog()
    for problem in catalog.problems:
        print(problem, file=sys.stderr)
    report = check_consistency(catalog)
    print(report.format())
    return 0 if report.passed and not catalog.problems else 1


if __name__ == "__main__":
    sys.exit(main())
