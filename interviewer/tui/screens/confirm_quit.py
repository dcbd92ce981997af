"""The dialog that confirms quitting in the middle of an interview."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalGroup
from textual.screen import ModalScreen
from textual.widgets import Button, Label

SAVED_DETAIL = (
    "Your answers so far and the answer you are typing are saved. Next time, "
    "interviewer offers to resume this interview with the time that was left. "
    "Escape goes back to the interview; the clock is stopped meanwhile."
)
UNSAVED_DETAIL = (
    "Part of this interview is not saved, because the database cannot be "
    "written. Press Escape, then ctrl+e to export it to a file before you quit."
)


class ConfirmQuitModal(ModalScreen[bool]):
    """Dialog asking whether to quit; it returns True to quit, False to stay.

    "No" has focus first, so a stray Enter keeps the interview going.

    Args:
        saved: Whether everything typed so far is in the database; the
            dialog warns when it is not.
    """

    CSS_PATH = "confirm_quit.tcss"
    AUTO_FOCUS = "#no"

    BINDINGS = [
        Binding("escape", "stay", "Back to the interview", id="stay"),
        Binding("left,right", "switch_button", show=False),
    ]

    def __init__(self, *, saved: bool) -> None:
        super().__init__()
        self.saved = saved

    def compose(self) -> ComposeResult:
        with VerticalGroup(id="dialog"):
            yield Label("Quit the interview?", id="dialog-title")
            yield Label(
                SAVED_DETAIL if self.saved else UNSAVED_DETAIL,
                id="dialog-detail",
                classes="" if self.saved else "-unsaved",
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
