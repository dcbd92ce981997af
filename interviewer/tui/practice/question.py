"""The practice question screen: the prompt, the elapsed time and the answer box."""

from __future__ import annotations

import logging
import time

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Label, Static
from textual.worker import Worker, WorkerState

from interviewer.scoring import ScoreResult
from interviewer.scoring.normalize import format_word_count
from interviewer.session import Attempt
from interviewer.storage import StorageError
from interviewer.timer import Clock
from interviewer.tui.practice.session import PracticeSession
from interviewer.tui.practice.stopwatch import Stopwatch
from interviewer.tui.widgets.answer_editor import AnswerEditor

logger = logging.getLogger(__name__)

SCORING_GROUP = "practice-scoring"


class PracticeQuestionScreen(Screen[None]):
    """Screen that asks the current question of a practice session, untimed.

    The question's time limit is shown as a soft target: past it the elapsed
    time turns to a warning style, and nothing is submitted until ctrl+s.
    The answer is scored in a worker thread, then stored; when either step
    fails the answer stays on screen, locked, and ctrl+s tries again.
    """

    CSS_PATH = "question.tcss"
    AUTO_FOCUS = "#answer"

    # Only ctrl keys: anything else could be part of an answer.
    BINDINGS = [
        Binding(
            "ctrl+s",
            "submit_answer",
            "Submit",
            tooltip="Submit the answer as typed and see the feedback.",
            id="submit-answer",
        ),
        Binding(
            "ctrl+t",
            "toggle_target",
            "Target on/off",
            tooltip="Show or hide the target time; it is never enforced.",
            id="toggle-target",
        ),
    ]

    class AnswerRecorded(Message):
        """Posted once the scored answer is stored.

        Handle it with ``on_practice_question_screen_answer_recorded``.
        """

        def __init__(self, attempt: Attempt) -> None:
            super().__init__()
            self.attempt = attempt

    class AnswerScored(Message):
        """Posted by the scoring worker thread with the result."""

        def __init__(self, result: ScoreResult) -> None:
            super().__init__()
            self.result = result

    class TargetToggled(Message):
        """Posted when the target time is shown or hidden.

        Handle it with ``on_practice_question_screen_target_toggled``.
        """

        def __init__(self, shown: bool) -> None:
            super().__init__()
            self.shown = shown

    def __init__(
        self,
        session: PracticeSession,
        *,
        clock: Clock = time.monotonic,
        show_target: bool = True,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.session = session
        self.question = session.current
        self.clock = clock
        self.show_target = show_target
        self.cursor_blink = cursor_blink
        self._submission: tuple[str, float] | None = None
        """The locked answer and the seconds spent on it, once submitted."""
        self._result: ScoreResult | None = None
        self._failed = False

    def compose(self) -> ComposeResult:
        session, question = self.session, self.question
        source = session.sources[question.id]
        with Vertical(id="question-body"):
            with HorizontalGroup(id="question-heading"):
                yield Label(
                    f"Question {session.position} of {session.total}",
                    id="question-number",
                )
                yield Label(
                    f"{source} · {question.category} · {question.difficulty}",
                    id="question-category",
                    markup=False,
                )
            yield Static(question.prompt, id="prompt", markup=False)
            yield Stopwatch(
                question.time_limit,
                clock=self.clock,
                show_target=self.show_target,
                id="stopwatch",
            )
            yield AnswerEditor(id="answer")
            with HorizontalGroup(id="answer-status"):
                yield Label("0 words", id="word-count")
                yield Label("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(AnswerEditor).cursor_blink = self.cursor_blink

    @property
    def answer_text(self) -> str:
        """The answer as typed so far."""
        return self.query_one(AnswerEditor).text

    @on(AnswerEditor.Counted, "#answer")
    def _words_counted(self, event: AnswerEditor.Counted) -> None:
        self.query_one("#word-count", Label).update(format_word_count(event.words))

    def on_screen_suspend(self) -> None:
        # Time under a dialog, such as the quit confirmation, is not counted.
        self.query_one(Stopwatch).pause()

    def on_screen_resume(self) -> None:
        self.query_one(Stopwatch).resume()

    # -- actions ---------------------------------------------------------------

    def action_submit_answer(self) -> None:
        """Submit the answer as typed; after a failure, try the failed step again."""
        if self._submission is None:
            stopwatch = self.query_one(Stopwatch)
            stopwatch.stop()
            editor = self.query_one(AnswerEditor)
            editor.lock_answer()
            self._submission = (editor.text, stopwatch.elapsed)
        elif not self._failed:
            return
        self._failed = False
        self.refresh_bindings()
        if self._result is None:
            self._set_status("Scoring...")
            self._score_in_thread(self._submission[0])
        else:
            self._store()

    def action_toggle_target(self) -> None:
        """Show or hide the target time."""
        stopwatch = self.query_one(Stopwatch)
        stopwatch.show_target = not stopwatch.show_target
        self.post_message(self.TargetToggled(stopwatch.show_target))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "submit_answer" and self._submission is not None:
            # Shown dimmed while the answer is being scored and stored.
            return True if self._failed else None
        return True

    # -- scoring and storing ---------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group=SCORING_GROUP)
    def _score_in_thread(self, answer: str) -> None:
        # Only posts a message: a thread worker must not touch widgets.
        result = self.session.score(answer)
        self.post_message(self.AnswerScored(result))

    @on(AnswerScored)
    def _answer_scored(self, message: AnswerScored) -> None:
        self._result = message.result
        self._store()

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == SCORING_GROUP and event.state is WorkerState.ERROR:
            error = event.worker.error
            assert error is not None
            logger.error(
                "scoring the answer to %s failed: %r",
                self.question.id,
                error,
                exc_info=error,
            )
            self._report_failure("Scoring failed", error)

    def _store(self) -> None:
        assert self._submission is not None and self._result is not None
        answer, time_used = self._submission
        try:
            attempt = self.session.record(answer, self._result, time_used)
        except StorageError as error:
            logger.error("storing the answer to %s failed: %s", self.question.id, error)
            self._report_failure("Saving failed", error)
            return
        self.post_message(self.AnswerRecorded(attempt))

    def _report_failure(self, title: str, error: BaseException) -> None:
        """Keep the answer locked on screen and offer a retry with ctrl+s."""
        self._failed = True
        self.refresh_bindings()
        self._set_status(f"{title}; press ctrl+s to try again.")
        self.notify(str(error), title=title, severity="error", markup=False)

    def _set_status(self, text: str) -> None:
        self.query_one("#status", Label).update(text)
