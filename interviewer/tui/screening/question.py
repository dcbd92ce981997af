"""The question screen of a screening: no feedback, and pastes are recorded."""

from __future__ import annotations

from pathlib import Path

from textual import events, on
from textual.binding import Binding
from textual.message import Message

from interviewer.tui.screens import question as interview_question
from interviewer.tui.screens.question import QuestionScreen
from interviewer.tui.widgets.answer_editor import AnswerEditor
from interviewer.tui.widgets.countdown import Countdown

QUESTION_CSS = str(Path(interview_question.__file__).with_name("question.tcss"))


class ScreeningQuestionScreen(QuestionScreen):
    """The interview's question screen, with two changes for a screening.

    Each paste into the answer box is posted as :class:`Pasted` for the
    reviewer. The clock also keeps running while the PIN dialog covers the
    question, where the interview's screen would pause it.
    """

    # Textual resolves a relative CSS_PATH beside the subclass's module, so
    # the interview screen's stylesheet is named by its full path.
    CSS_PATH = QUESTION_CSS

    # The same keys as the interview, with tooltips that promise no feedback.
    BINDINGS = [
        Binding(
            "ctrl+s",
            "submit_answer",
            "Submit",
            tooltip="Submit the answer as typed and go on to the next question.",
            id="submit-answer",
        ),
        Binding(
            "ctrl+n",
            "skip_question",
            "Skip",
            tooltip="Skip this question and go on to the next.",
            id="skip-question",
        ),
    ]

    class Pasted(Message):
        """Posted for each paste into the answer box before it is submitted.

        Handle it with ``on_screening_question_screen_pasted``.
        """

        def __init__(
            self, position: int, question_id: str, text: str, seconds_in: float
        ) -> None:
            super().__init__()
            self.position = position
            """1-based number of the question in the screening."""
            self.question_id = question_id
            self.text = text
            self.seconds_in = seconds_in
            """Seconds of the question's clock used when the text was pasted."""

    def on_screen_suspend(self) -> None:
        # The interview's handler pauses the clock after this one runs, so
        # the clock is resumed once that has happened.
        self.call_later(self.query_one(Countdown).resume)

    @on(events.Paste)
    def _record_paste(self, event: events.Paste) -> None:
        editor = self.query_one(AnswerEditor)
        # A locked editor ignores the paste, and other widgets never get one here.
        if not event.text or editor.read_only or self.focused is not editor:
            return
        self.post_message(
            self.Pasted(
                self.session.position,
                self.question.id,
                event.text,
                self.query_one(Countdown).elapsed,
            )
        )
