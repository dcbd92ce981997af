"""The candidate's first screen: how the screening works, and a start button."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, Static

from interviewer.screening import ScreeningPlan


class WelcomeScreen(Screen[None]):
    """Screen that explains the rules to the candidate before the first question."""

    CSS_PATH = "welcome.tcss"
    AUTO_FOCUS = "#begin"

    class Started(Message):
        """Posted when the candidate starts the first question.

        Handle it with ``on_welcome_screen_started``.
        """

    def __init__(self, plan: ScreeningPlan, candidate: str) -> None:
        super().__init__()
        self.plan = plan
        self.candidate = candidate
        self._started = False

    def compose(self) -> ComposeResult:
        count = len(self.plan.question_ids)
        questions = "1 question" if count == 1 else f"{count} questions"
        if self.plan.time_per_question is None:
            timing = "Each question has its own time limit, shown above the answer box."
        else:
            timing = f"You have {self.plan.describe_timing()}."
        with VerticalScroll(id="welcome-body"):
            yield Label(f"Welcome, {self.candidate}", id="welcome-title", markup=False)
            yield Static(self.plan.title, id="welcome-plan", markup=False)
            yield Static(
                f"This interview has {questions}. {timing}\n\n"
                "Type your answer in the box. ctrl+s submits it and shows the "
                "next question; ctrl+n skips a question. You cannot go back to "
                "an earlier question. When the time runs out, your answer is "
                "submitted as typed.\n\n"
                "Press Enter when you are ready.",
                id="welcome-rules",
            )
            yield Button("Start the interview", id="begin", variant="primary")
        yield Footer()

    @on(Button.Pressed, "#begin")
    def _begin_pressed(self) -> None:
        # A repeated Enter must not skip the first question.
        if not self._started:
            self._started = True
            self.post_message(self.Started())
