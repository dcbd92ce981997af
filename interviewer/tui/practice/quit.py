"""The dialog that confirms quitting practice while an answer is unfinished."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalGroup
from textual.screen import ModalScreen
from textual.widgets import Button, Label


class PracticeQuitModal(ModalScreen[bool]):
    """Dialog asking whether to quit practice; returns True to quit, False to stay.

    "No" has focus first, so a stray Enter keeps the practice going.

    Args:
        detail: What quitting now would leave unsaved or unrated.
    """

    CSS_PATH = "quit.tcss"
    AUTO_FOCUS = "#no"

    BINDINGS = [
        Binding("escape", "stay", "Back to practice", id="stay"),
        Binding("left,right", "switch_button", show=False),
    ]

    def __init__(self, detail: str) -> None:
        super().__init__()
        self.detail = detail

    def compose(self) -> ComposeResult:
        with VerticalGroup(id="dialog"):
            yield Label("Quit practice?", id="dialog-title")
            yield Label(self.detail, id="dialog-detail", markup=False)
            with HorizontalGroup(id="dialog-buttons"):
                yield Button("No", id="no", variant="primary")
                yield Button("Yes, quit", id="yes", variant="error")

    def action_stay(self) -> None:
        """Close the dialog and go back to practice as it was."""
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
