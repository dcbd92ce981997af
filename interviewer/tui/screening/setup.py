"""The setup screen where the interviewer sets the PIN before the candidate sits."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import HorizontalGroup, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Static

from interviewer.pin import MAX_PIN_CHARS, MIN_PIN_CHARS, pin_problem
from interviewer.screening import ScreeningPlan


class PinSetupScreen(Screen[None]):
    """Screen that takes the PIN twice, masked, and posts it once both match."""

    CSS_PATH = "setup.tcss"
    AUTO_FOCUS = "#pin"

    class PinChosen(Message):
        """Posted with the PIN once it is typed the same way twice.

        Handle it with ``on_pin_setup_screen_pin_chosen``.
        """

        def __init__(self, pin: str) -> None:
            super().__init__()
            self.pin = pin

    def __init__(
        self, plan: ScreeningPlan, candidate: str, *, cursor_blink: bool = True
    ) -> None:
        super().__init__()
        self.plan = plan
        self.candidate = candidate
        self.cursor_blink = cursor_blink

    def compose(self) -> ComposeResult:
        plan = self.plan
        count = len(plan.question_ids)
        questions = "1 question" if count == 1 else f"{count} questions"
        with VerticalScroll(id="setup-body"):
            yield Label("Screening setup", id="setup-title")
            yield Static(
                f"Plan: {plan.title}\nCandidate: {self.candidate}\n"
                f"{questions}, {plan.describe_timing()}",
                id="setup-plan",
                markup=False,
            )
            yield Static(
                "Set a PIN for this screening. It is needed to stop the "
                "screening early and to open the review on the end screen, so "
                f"keep it from the candidate. Use {MIN_PIN_CHARS} to "
                f"{MAX_PIN_CHARS} characters.",
                id="setup-help",
            )
            with HorizontalGroup(classes="pin-row"):
                yield Label("PIN", classes="field-label")
                yield Input(password=True, max_length=MAX_PIN_CHARS, id="pin")
            with HorizontalGroup(classes="pin-row"):
                yield Label("PIN again", classes="field-label")
                yield Input(password=True, max_length=MAX_PIN_CHARS, id="pin-again")
            yield Label("", id="setup-error")
            yield Button(
                "Hand over to the candidate", id="hand-over", variant="primary"
            )
        yield Footer()

    def on_mount(self) -> None:
        for entry in self.query(Input):
            entry.cursor_blink = self.cursor_blink

    @on(Input.Submitted, "#pin")
    def _first_entered(self) -> None:
        self.query_one("#pin-again", Input).focus()

    @on(Input.Submitted, "#pin-again")
    @on(Button.Pressed, "#hand-over")
    def _submit(self) -> None:
        first = self.query_one("#pin", Input)
        second = self.query_one("#pin-again", Input)
        problem = pin_problem(first.value)
        if problem is None and first.value != second.value:
            problem = "the two PINs differ; type the PIN twice again"
        if problem is not None:
            first.clear()
            second.clear()
            first.focus()
            self.show_error(problem[0].upper() + problem[1:] + ".")
            return
        self.post_message(self.PinChosen(first.value))

    def show_error(self, message: str) -> None:
        """Show why the screening cannot start yet."""
        self.query_one("#setup-error", Label).update(message)
