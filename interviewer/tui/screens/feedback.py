"""The feedback screen: the score of one attempt beside the model answer."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, Markdown, Static

from interviewer.session import Attempt, InterviewSession
from interviewer.tui.widgets.score_card import ScoreCard

WIDE_COLUMNS = 100
"""From this terminal width on, the model answer sits beside the score."""


class FeedbackScreen(Screen[None]):
    """Screen showing why an attempt got its score, beside the model answer.

    Narrow terminals stack the two panes in one scrolling column; wide ones
    put them side by side, each scrolling on its own.
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
    ]

    class Closed(Message):
        """Posted when the candidate moves on from the feedback.

        Handle it with ``on_feedback_screen_closed``.
        """

    def __init__(self, session: InterviewSession, attempt: Attempt) -> None:
        super().__init__()
        self.session = session
        self.attempt = attempt
        self._left = False

    def compose(self) -> ComposeResult:
        attempt = self.attempt
        question = attempt.question
        number = self.session.attempts.index(attempt) + 1
        with Vertical(id="feedback-main"):
            with HorizontalGroup(id="feedback-heading"):
                yield Label(
                    f"Feedback on question {number} of {self.session.total}",
                    id="feedback-number",
                )
                yield Label(question.category, id="feedback-category", markup=False)
            with VerticalScroll(id="feedback-body", can_focus=False):
                with VerticalScroll(id="result-pane"):
                    yield from self._compose_result()
                with VerticalScroll(id="model-pane"):
                    yield Static("Model answer", classes="pane-heading")
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
        yield Button(
            "See summary" if self.session.finished else "Next question",
            id="continue",
            compact=True,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "ask_next_question":
            return not self.session.finished
        if action == "show_summary":
            return self.session.finished
        return True

    def action_ask_next_question(self) -> None:
        """Close the feedback and ask the next question."""
        self._close()

    def action_show_summary(self) -> None:
        """Close the feedback of the last question and show the summary."""
        self._close()

    @on(Button.Pressed, "#continue")
    def _continue_pressed(self) -> None:
        self._close()

    def _close(self) -> None:
        # A repeated key must not skip the screen that replaces this one.
        if not self._left:
            self._left = True
            self.post_message(self.Closed())
