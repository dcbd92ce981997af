"""The feedback screen: the score of one attempt beside the model answer."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, Static

from interviewer.session import Attempt, InterviewSession
from interviewer.tui.widgets.score_card import ScoreCard

WIDE_COLUMNS = 100
"""From this terminal width on, the model answer sits beside the score."""


class FeedbackScreen(Screen[None]):
    """Screen showing why an attempt got its score, beside the model answer.

    Narrow terminals stack the two panes in one scrolling column; wide ones
    put them side by side, each scrolling on its own. In review mode it shows
    an attempt of a past session and Escape goes back.
    """

    CSS_PATH = "feedback.tcss"
    AUTO_FOCUS = "#result-pane"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_COLUMNS, "-wide")]

    # Enter is not bound: an Enter typed as time ran out would otherwise
    # skip past this screen before the candidate saw it.
    BINDINGS = [
        Binding(
            "ctrl+n",
            "ask_next_question",
            "Next question",
            tooltip="Go on to the next question; its clock starts at once.",
            id="next-question",
        ),
        Binding(
            "ctrl+n",
            "show_summary",
            "Summary",
            tooltip="See the scores of the whole interview.",
            id="show-summary",
        ),
        Binding(
            "escape",
            "close_review",
            "Back",
            tooltip="Go back to the list of answers in this session.",
            id="close-review",
        ),
    ]

    class Closed(Message):
        """Posted when the candidate moves on from the feedback.

        Handle it with ``on_feedback_screen_closed``.
        """

    def __init__(
        self,
        attempt: Attempt,
        *,
        number: int,
        total: int,
        last: bool,
        review: bool = False,
    ) -> None:
        super().__init__()
        self.attempt = attempt
        self.number = number
        """1-based position of the question in its session."""
        self.total = total
        """Questions in the session."""
        self.last = last
        """True when no question follows, so moving on shows the summary."""
        self.review = review
        """True when showing a past session from the history, read-only."""
        self._left = False

    @classmethod
    def latest(cls, session: InterviewSession) -> FeedbackScreen:
        """Return the screen for the attempt a session recorded last."""
        return cls(
            session.attempts[-1],
            number=len(session.attempts),
            total=session.total,
            last=session.finished,
        )

    def compose(self) -> ComposeResult:
        attempt = self.attempt
        question = attempt.question
        with Vertical(id="feedback-main"):
            with HorizontalGroup(id="feedback-heading"):
                yield Label(
                    f"Feedback on question {self.number} of {self.total}",
                    id="feedback-number",
                )
                yield Label(question.category, id="feedback-category", markup=False)
            with VerticalScroll(id="feedback-body", can_focus=False):
                with VerticalScroll(id="result-pane"):
                    yield from self._compose_result()
                with VerticalScroll(id="model-pane"):
                    yield Static("Model answer", classes="pane-heading")
                    # Imported here: Markdown pulls in markdown-it and pygments,
                    # which would slow the app's first screen.
                    from textual.widgets import Markdown

                    yield Markdown(question.model_answer, id="model-answer")
        yield Footer()

    def _compose_result(self) -> ComposeResult:
        attempt = self.attempt
        yield Static(attempt.question.prompt, id="feedback-prompt", markup=False)
        yield ScoreCard(attempt, id="score-card")
        yield Static("Your answer", classes="pane-heading")
        yield Static(
            attempt.answer if attempt.answer.strip() else "(no answer typed)",
            id="your-answer",
            markup=False,
        )
        if self.review:
            label = "Back"
        else:
            label = "See summary" if self.last else "Next question"
        yield Button(label, id="continue", compact=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "ask_next_question":
            return not self.review and not self.last
        if action == "show_summary":
            return not self.review and self.last
        if action == "close_review":
            return self.review
        return True

    def action_ask_next_question(self) -> None:
        """Close the feedback and ask the next question."""
        self._close()

    def action_show_summary(self) -> None:
        """Close the feedback of the last question and show the summary."""
        self._close()

    def action_close_review(self) -> None:
        """Go back from a past attempt's feedback to its session."""
        self.dismiss()

    @on(Button.Pressed, "#continue")
    def _continue_pressed(self) -> None:
        if self.review:
            self.dismiss()
        else:
            self._close()

    def _close(self) -> None:
        # A repeated key must not skip the screen that replaces this one.
        if not self._left:
            self._left = True
            self.post_message(self.Closed())
