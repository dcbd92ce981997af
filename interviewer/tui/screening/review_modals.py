"""Dialogs of the review: override one answer's score, record the decision."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalGroup
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from interviewer.screening import DECISIONS
from interviewer.storage import StoredOverride


@dataclass(frozen=True, slots=True)
class OverrideChoice:
    """The interviewer's choice in the override dialog."""

    score: int | None
    """The final score, 0 to 100; None removes the override."""
    note: str


@dataclass(frozen=True, slots=True)
class DecisionChoice:
    """The interviewer's choice in the decision dialog."""

    decision: str
    """One of :data:`interviewer.screening.DECISIONS`."""
    note: str


def parse_score(text: str) -> int:
    """Return the 0-100 score typed in ``text``.

    Raises:
        ValueError: with a message saying what to type instead.
    """
    value = text.strip()
    if not value:
        message = "Type a score from 0 to 100."
        raise ValueError(message)
    try:
        score = int(value)
    except ValueError:
        message = f"{value!r} is not a whole number; type a score from 0 to 100."
        raise ValueError(message) from None
    if not 0 <= score <= 100:
        message = f"{score} is out of range; type a score from 0 to 100."
        raise ValueError(message)
    return score


class OverrideModal(ModalScreen[OverrideChoice | None]):
    """Dialog that sets, changes or removes the final score of one answer."""

    CSS_PATH = "review_modals.tcss"
    AUTO_FOCUS = "#override-score"

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without changes."),
    ]

    def __init__(
        self, position: int, automatic: int, current: StoredOverride | None
    ) -> None:
        super().__init__()
        self.position = position
        self.automatic = automatic
        self.current = current

    def compose(self) -> ComposeResult:
        current = self.current
        with VerticalGroup(id="dialog"):
            yield Label(
                f"Override the score of question {self.position}", id="dialog-title"
            )
            yield Label(
                f"Automatic score: {self.automatic}/100. Both scores are kept; "
                "the final total uses yours.",
                id="dialog-detail",
            )
            yield Label("Final score (0 to 100)", classes="field-label")
            yield Input(
                str(current.score) if current else "",
                type="integer",
                max_length=3,
                id="override-score",
            )
            yield Label("Note (why this score)", classes="field-label")
            yield Input(current.note if current else "", id="override-note")
            yield Label("", id="dialog-error")
            with HorizontalGroup(id="dialog-buttons"):
                if current is not None:
                    yield Button("Remove override", id="remove", variant="warning")
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def action_cancel(self) -> None:
        """Close without changing the score."""
        self.dismiss(None)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#remove")
    def _remove_pressed(self) -> None:
        self.dismiss(OverrideChoice(None, ""))

    @on(Input.Submitted, "#override-score")
    def _score_entered(self) -> None:
        self.query_one("#override-note", Input).focus()

    @on(Input.Submitted, "#override-note")
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        error = self.query_one("#dialog-error", Label)
        try:
            score = parse_score(self.query_one("#override-score", Input).value)
        except ValueError as problem:
            error.update(str(problem))
            self.query_one("#override-score", Input).focus()
            return
        note = self.query_one("#override-note", Input).value.strip()
        if not note:
            error.update("Write a note saying why the score changed.")
            self.query_one("#override-note", Input).focus()
            return
        self.dismiss(OverrideChoice(score, note))


class DecisionModal(ModalScreen[DecisionChoice | None]):
    """Dialog that records advance, hold or reject, with an optional note."""

    CSS_PATH = "review_modals.tcss"
    AUTO_FOCUS = "#decision"

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without changes."),
    ]

    def __init__(self, decision: str | None, note: str) -> None:
        super().__init__()
        self.decision = decision
        self.note = note

    def compose(self) -> ComposeResult:
        with VerticalGroup(id="dialog"):
            yield Label("Decision on this candidate", id="dialog-title")
            with RadioSet(id="decision"):
                for choice in DECISIONS:
                    yield RadioButton(
                        choice.capitalize(),
                        value=choice == self.decision,
                        id=f"decision-{choice}",
                    )
            yield Label("Note (optional)", classes="field-label")
            yield Input(self.note, id="decision-note")
            yield Label("", id="dialog-error")
            with HorizontalGroup(id="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def action_cancel(self) -> None:
        """Close without changing the decision."""
        self.dismiss(None)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#decision-note")
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        pressed = self.query_one("#decision", RadioSet).pressed_button
        if pressed is None or pressed.id is None:
            self.query_one("#dialog-error", Label).update(
                "Choose advance, hold or reject."
            )
            self.query_one("#decision", RadioSet).focus()
            return
        decision = pressed.id.removeprefix("decision-")
        note = self.query_one("#decision-note", Input).value.strip()
        self.dismiss(DecisionChoice(decision, note))
