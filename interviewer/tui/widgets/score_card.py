"""The score of one attempt with its concept checklist, penalties and flags."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.containers import VerticalGroup
from textual.widgets import Static

from interviewer.scoring import (
    ConceptResult,
    ConceptStatus,
    Flag,
    Match,
    MatchKind,
    MisconceptionResult,
    band_for,
)
from interviewer.session import Attempt, Outcome
from interviewer.timer import format_seconds

EVIDENCE_CHARS = 80
"""Quoted answer text longer than this is cut with an ellipsis."""

STATUS_MARKS = {
    ConceptStatus.COVERED: "✓ covered",
    ConceptStatus.MISSED: "✗ missed",
    ConceptStatus.NEGATED: "✗ negated",
}
"""Symbol and word for each status, so the checklist reads without colour."""

FLAG_NAMES = {
    "keyword-list": "keyword list",
    "short": "short answer",
    "empty": "empty answer",
    "question-echo": "repeats the question",
}


def quote(text: str, limit: int = EVIDENCE_CHARS) -> str:
    """Return answer text on one line in single quotes, cut to ``limit``."""
    flat = re.sub(r"\s+", " ", text).strip()
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return f"'{flat}'"


def describe_match(match: Match) -> str:
    """Return how a phrase was found: exact, alias, or fuzzy with similarity."""
    if match.kind is MatchKind.FUZZY:
        return f"fuzzy {match.similarity:.0f}% for {quote(match.phrase)}"
    if match.kind is MatchKind.ALIAS:
        if " ".join(match.evidence.lower().split()) == match.phrase.lower():
            # The evidence already shows the alias word for word.
            return "alias"
        return f"alias {quote(match.phrase)}"
    return "exact"


def format_weight(weight: float) -> str:
    return f"{weight:g}"


def concept_detail(concept: ConceptResult) -> str | None:
    """Return the evidence line under a concept, or None when there is none."""
    match = concept.match
    if concept.status is ConceptStatus.COVERED and match is not None:
        return f"{quote(match.evidence)} - {describe_match(match)}"
    if concept.status is ConceptStatus.NEGATED and match is not None:
        return f"mentioned only as negated: {quote(match.evidence)}"
    if concept.close:
        near = f", near {quote(concept.close_phrase)}" if concept.close_phrase else ""
        return f"close: you wrote {quote(concept.close)}{near}"
    return None


def outcome_text(attempt: Attempt) -> str:
    """Return how the attempt ended and the time it used."""
    used = format_seconds(attempt.time_used)
    allowed = (
        format_seconds(attempt.time_allowed)
        if attempt.time_allowed is not None
        else None
    )
    of_allowed = f" of {allowed}" if allowed else ""
    if attempt.outcome is Outcome.TIMED_OUT:
        return f"Timed out after {used}; the answer was submitted as typed."
    if attempt.outcome is Outcome.SKIPPED:
        return f"Skipped after {used}{of_allowed}; a skipped question scores 0."
    return f"Submitted after {used}{of_allowed}."


class ConceptItem(VerticalGroup):
    """One rubric concept: its status, label and weight, then the evidence."""

    def __init__(self, concept: ConceptResult) -> None:
        super().__init__(classes=f"concept -{concept.status}")
        self.concept = concept

    @property
    def summary(self) -> str:
        """The status line, such as ``✓ covered  Label (weight 2)``."""
        concept = self.concept
        return (
            f"{STATUS_MARKS[concept.status]}  {concept.label} "
            f"(weight {format_weight(concept.weight)})"
        )

    @property
    def detail(self) -> str | None:
        """The evidence line, or None when there is nothing to show."""
        return concept_detail(self.concept)

    def compose(self) -> ComposeResult:
        yield Static(self.summary, markup=False, classes="concept--summary")
        if self.detail is not None:
            yield Static(self.detail, markup=False, classes="concept--detail")


class ScoreCard(VerticalGroup):
    """The score of an attempt and everything that decided it.

    A skipped attempt scores 0 whatever was typed, so its card lists the
    concepts a strong answer covers instead of marking the typed text.
    """

    DEFAULT_CSS = """
    ScoreCard {
        height: auto;

        & > .score-card--score {
            text-style: bold;
        }
        & > .score-card--heading {
            margin-top: 1;
            text-style: bold underline;
        }
        & .concept--detail, & .score-card--evidence {
            padding-left: 4;
        }
        & > .concept.-covered {
            color: $text-success;
        }
        & > .concept.-missed {
            color: $text-error;
        }
        & > .concept.-negated, & > .score-card--penalty {
            color: $text-warning;
        }
    }
    """

    def __init__(
        self,
        attempt: Attempt,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.attempt = attempt

    def compose(self) -> ComposeResult:
        attempt = self.attempt
        result = attempt.result
        yield Static(
            f"Score {attempt.score}/100 · {band_for(attempt.score)}",
            classes="score-card--score",
        )
        yield Static(outcome_text(attempt), classes="score-card--outcome")
        if attempt.outcome is Outcome.SKIPPED:
            yield from self._compose_expected()
            return
        if round(result.coverage) != result.score:
            yield Static(
                f"Concepts covered {result.coverage:.0f}% before penalties and caps.",
                classes="score-card--coverage",
            )
        yield Static("Concepts", classes="score-card--heading")
        for concept in result.concepts:
            yield ConceptItem(concept)
        if result.misconceptions:
            yield Static("Misconceptions", classes="score-card--heading")
            for misconception in result.misconceptions:
                yield from self._misconception(misconception)
        if result.flags:
            yield Static("Flags", classes="score-card--heading")
            for flag in result.flags:
                yield self._flag(flag)

    def _compose_expected(self) -> ComposeResult:
        yield Static("A strong answer covers", classes="score-card--heading")
        for concept in self.attempt.result.concepts:
            yield Static(
                f"• {concept.label} (weight {format_weight(concept.weight)})",
                markup=False,
                classes="concept -expected",
            )

    @staticmethod
    def _misconception(misconception: MisconceptionResult) -> ComposeResult:
        yield Static(
            f"! misconception  {misconception.label} "
            f"(-{format_weight(misconception.penalty)} points)",
            markup=False,
            classes="score-card--penalty",
        )
        yield Static(
            f"you wrote {quote(misconception.match.evidence)}",
            markup=False,
            classes="score-card--penalty score-card--evidence",
        )

    @staticmethod
    def _flag(flag: Flag) -> Static:
        name = FLAG_NAMES.get(flag.code, flag.code)
        return Static(
            f"! {name}: {flag.message}", markup=False, classes="score-card--penalty"
        )
