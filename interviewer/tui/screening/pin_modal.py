"""The dialog that requires the interviewer's PIN before a screening stops."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalGroup
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from interviewer.pin import MAX_PIN_CHARS, PinGuard
from interviewer.tui.screening.pin_entry import check_pin_entry


class PinModal(ModalScreen[bool]):
    """Dialog that returns True once the right PIN is typed, False on Back.

    A wrong PIN keeps the dialog open with an error, so the screening goes on
    unless the interviewer types the PIN. The question's clock keeps running
    meanwhile, so opening this dialog cannot buy the candidate time.
    """

    CSS_PATH = "pin_modal.tcss"
    AUTO_FOCUS = "#stop-pin"

    BINDINGS = [
        Binding(
            "escape",
            "go_back",
            "Back",
            tooltip="Close this dialog; the screening goes on.",
            id="go-back",
        ),
    ]

    def __init__(self, guard: PinGuard, *, finished: bool) -> None:
        super().__init__()
        self.guard = guard
        self.finished = finished
        """Whether every question is answered, which changes what stopping means."""

    def compose(self) -> ComposeResult:
        if self.finished:
            title = "Close the screening?"
            detail = "Interviewer: type the PIN to close. Every answer is saved."
        else:
            title = "Stop the screening?"
            detail = (
                "Interviewer: type the PIN to stop. The answers given so far "
                "are kept. The clock keeps running while this is open."
            )
        with VerticalGroup(id="dialog"):
            yield Label(title, id="dialog-title")
            yield Label(detail, id="dialog-detail")
            yield Input(
                password=True,
                max_length=MAX_PIN_CHARS,
                placeholder="PIN",
                id="stop-pin",
            )
            yield Label("", id="pin-error")
            with HorizontalGroup(id="dialog-buttons"):
                yield Button("Back", id="back")
                yield Button(
                    "Stop" if not self.finished else "Close", id="stop", variant="error"
                )

    def action_go_back(self) -> None:
        """Close the dialog without stopping."""
        self.dismiss(False)

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.dismiss(False)

    @on(Input.Submitted, "#stop-pin")
    @on(Button.Pressed, "#stop")
    def _stop_requested(self) -> None:
        entry = self.query_one("#stop-pin", Input)
        if check_pin_entry(self.guard, entry, self.query_one("#pin-error", Label)):
            self.dismiss(True)
