"""The candidate's last screen: hand the keyboard back, and a PIN for the review."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from interviewer.pin import MAX_PIN_CHARS, PinGuard
from interviewer.tui.screening.pin_entry import check_pin_entry

COMPLETE_MESSAGE = (
    "The interview is complete. Please hand the keyboard back to the interviewer."
)


class CompleteScreen(Screen[None]):
    """Screen shown once every question is answered.

    It shows the candidate's total only when the plan allows it; the review
    opens after the interviewer types the PIN.
    """

    CSS_PATH = "complete.tcss"
    AUTO_FOCUS = "#review-pin"

    class ReviewUnlocked(Message):
        """Posted when the right PIN is typed.

        Handle it with ``on_complete_screen_review_unlocked``.
        """

    def __init__(
        self, guard: PinGuard, *, score: int | None, cursor_blink: bool = True
    ) -> None:
        super().__init__()
        self.guard = guard
        self.score = score
        """The automatic total to show the candidate, or None to show none."""
        self.cursor_blink = cursor_blink

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="complete-body"):
            yield Static(COMPLETE_MESSAGE, id="complete-message")
            if self.score is not None:
                yield Static(f"Your score: {self.score}/100", id="candidate-score")
            yield Label(
                "Interviewer: type the PIN and press Enter to open the review.",
                id="pin-label",
            )
            yield Input(password=True, max_length=MAX_PIN_CHARS, id="review-pin")
            yield Label("", id="pin-error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = self.cursor_blink

    @on(Input.Submitted, "#review-pin")
    def _pin_entered(self) -> None:
        entry = self.query_one("#review-pin", Input)
        if check_pin_entry(self.guard, entry, self.query_one("#pin-error", Label)):
            self.post_message(self.ReviewUnlocked())
