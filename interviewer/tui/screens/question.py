"""The question screen: the prompt, a countdown and the answer box."""

from __future__ import annotations

import logging
import time

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Label, Static, TextArea
from textual.worker import Worker, WorkerState

from interviewer.scoring import ScoreResult
from interviewer.session import Attempt, InterviewSession, Outcome
from interviewer.timer import Clock
from interviewer.tui.widgets.answer_editor import AnswerEditor
from interviewer.tui.widgets.countdown import Countdown

logger = logging.getLogger(__name__)

LONG_ANSWER_CHARS = 20_000
"""Answers longer than this are scored in a thread so the screen stays live."""

TIME_UP_NOTICE = "Time is up - your answer was submitted as typed."


class QuestionScreen(Screen[None]):
    """Screen that asks the current question of a session and records one attempt.

    Submitting, skipping and the countdown reaching zero all end in
    :meth:`_finish`, which acts on the first of them only, so a key pressed
    as time runs out cannot record a second attempt.
    """

    CSS_PATH = "question.tcss"
    AUTO_FOCUS = "#answer"

    # Only ctrl and function keys: anything else could be part of an answer.
    BINDINGS = [
        Binding(
            "ctrl+s",
            "submit_answer",
            "Submit",
            tooltip="Submit the answer as typed and see the feedback.",
            id="submit-answer",
        ),
        Binding(
            "ctrl+n",
            "skip_question",
            "Skip",
            tooltip="Skip this question; it scores 0.",
            id="skip-question",
        ),
    ]

    class AnswerRecorded(Message):
        """Posted once the attempt is stored in the session.

        Handle it with ``on_question_screen_answer_recorded``.
        """

        def __init__(self, attempt: Attempt) -> None:
            super().__init__()
            self.attempt = attempt

    class AnswerScored(Message):
        """Posted by the scoring worker thread with the result of a long answer."""

        def __init__(self, result: ScoreResult) -> None:
            super().__init__()
            self.result = result

    def __init__(
        self,
        session: InterviewSession,
        *,
        clock: Clock = time.monotonic,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.session = session
        self.question = session.current
        self.clock = clock
        self.cursor_blink = cursor_blink
        self._submission: tuple[str, Outcome, float] | None = None
        """The locked answer, how it ended and the seconds used, once finished."""
        self._scoring_failed = False

    def compose(self) -> ComposeResult:
        session, question = self.session, self.question
        with Vertical(id="question-body"):
            with HorizontalGroup(id="question-heading"):
                yield Label(
                    f"Question {session.position} of {session.total}",
                    id="question-number",
                )
                yield Label(
                    f"{question.category} · {question.difficulty}",
                    id="question-category",
                    markup=False,
                )
            yield Static(question.prompt, id="prompt", markup=False)
            yield Countdown(
                session.time_allowed(question), clock=self.clock, id="countdown"
            )
            yield AnswerEditor(id="answer")
            with HorizontalGroup(id="answer-status"):
                yield Label("0 words", id="word-count")
                yield Label("", id="scoring-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(AnswerEditor).cursor_blink = self.cursor_blink

    @on(TextArea.Changed, "#answer")
    def _answer_changed(self) -> None:
        words = self.query_one(AnswerEditor).word_count
        self.query_one("#word-count", Label).update(
            f"{words} word" if words == 1 else f"{words} words"
        )

    def on_screen_suspend(self) -> None:
        # A dialog on top, such as the quit confirmation, stops the clock so
        # the candidate loses no time to it.
        self.query_one(Countdown).pause()

    def on_screen_resume(self) -> None:
        self.query_one(Countdown).resume()

    @on(Countdown.Expired)
    def _time_up(self) -> None:
        self._finish(Outcome.TIMED_OUT)

    def action_submit_answer(self) -> None:
        """Submit the answer as typed; after the deadline it counts as timed out.

        After a scoring failure the same key scores the locked answer again.
        """
        if self._submission is not None:
            if self._scoring_failed:
                self._score_submission()
            return
        expired = self.query_one(Countdown).expired
        self._finish(Outcome.TIMED_OUT if expired else Outcome.SUBMITTED)

    def action_skip_question(self) -> None:
        """Record the question as skipped, with a score of 0."""
        self._finish(Outcome.SKIPPED)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._submission is None:
            return True
        if action == "submit_answer" and self._scoring_failed:
            return True
        # Shown dimmed while a long answer is being scored.
        return None if action in ("submit_answer", "skip_question") else True

    def _finish(self, outcome: Outcome) -> None:
        """Lock the answer and score it; only the first call has any effect."""
        if self._submission is not None:
            return
        countdown = self.query_one(Countdown)
        countdown.stop()
        editor = self.query_one(AnswerEditor)
        editor.lock_answer()
        time_used = min(countdown.elapsed, countdown.seconds)
        self._submission = (editor.text, outcome, time_used)
        self.refresh_bindings()
        if outcome is Outcome.TIMED_OUT:
            self.notify(TIME_UP_NOTICE, title="Time is up", severity="warning")
        self._score_submission()

    def _score_submission(self) -> None:
        assert self._submission is not None
        answer = self._submission[0]
        self._scoring_failed = False
        self.refresh_bindings()
        if len(answer) > LONG_ANSWER_CHARS:
            self.query_one("#scoring-status", Label).update("Scoring a long answer...")
            self._score_in_thread(answer)
            return
        try:
            result = self.session.score(self.question, answer)
        except Exception as error:
            # Crashing here would lose the typed answer; a retry may succeed.
            self._report_scoring_error(error)
            return
        self._record(result)

    @work(thread=True, exclusive=True, exit_on_error=False, group="scoring")
    def _score_in_thread(self, answer: str) -> None:
        # Only posts a message: a thread worker must not touch widgets.
        result = self.session.score(self.question, answer)
        self.post_message(self.AnswerScored(result))

    @on(AnswerScored)
    def _answer_scored(self, message: AnswerScored) -> None:
        self._record(message.result)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "scoring" and event.state is WorkerState.ERROR:
            error = event.worker.error
            assert error is not None
            self._report_scoring_error(error)

    def _report_scoring_error(self, error: BaseException) -> None:
        """Keep the answer locked and unrecorded, and offer a retry with ctrl+s."""
        logger.error(
            "scoring the answer to %s failed: %r",
            self.question.id,
            error,
            exc_info=error,
        )
        self._scoring_failed = True
        self.refresh_bindings()
        self.query_one("#scoring-status", Label).update(
            "Scoring failed; press ctrl+s to try again."
        )
        self.notify(
            f"Scoring failed: {error}",
            title="Scoring failed",
            severity="error",
            markup=False,
        )

    def _record(self, result: ScoreResult) -> None:
        assert self._submission is not None
        answer, outcome, time_used = self._submission
        attempt = self.session.record(answer, outcome, time_used, result=result)
        self.post_message(self.AnswerRecorded(attempt))
