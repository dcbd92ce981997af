"""The dialog that confirms quitting in the middle of an interview."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalGroup
from textual.screen import ModalScreen
from textual.widgets import Button, Label


class ConfirmQuitModal(ModalScreen[bool]):
    """Dialog asking whether to quit; it returns True to quit, False to stay.

    "No" has focus first, so a stray Enter keeps the interview going.
    """

    CSS_PATH = "confirm_quit.tcss"
    AUTO_FOCUS = "#no"

    BINDINGS = [
        Binding("escape", "stay", "Back to the interview", id="stay"),
        Binding("left,right", "switch_button", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalGroup(id="dialog"):
            yield Label("Quit the interview?", id="dialog-title")
            yield Label(
                "Answers from this interview are not saved. Escape goes back "
                "to the interview; the clock is stopped meanwhile.",
                id="dialog-detail",
            )
            with HorizontalGroup(id="dialog-buttons"):
                yield Button("No", id="no", variant="primary")
                yield Button("Yes, quit", id="yes", variant="error")

    def action_stay(self) -> None:
        """Close the dialog and go back to the interview as it was."""
        self.dismiss(False)

    def action_switch_button(self) -> None:
        """Move focus between the two buttons."""
        self.focus_next(Button)

    @on(Button.Pressed, "#no")
    def _no_pressed(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#yes")
    def _yes_pressed(self) -> None:
        self.dismiss(True)
