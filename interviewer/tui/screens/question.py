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
from textual.widgets import Footer, Label, Static
from textual.worker import Worker, WorkerState

from interviewer.recording import DraftAnswer, SessionRecorder
from interviewer.scoring import ScoreResult
from interviewer.scoring.normalize import format_word_count
from interviewer.session import Attempt, InterviewSession, Outcome
from interviewer.storage import StorageError
from interviewer.timer import Clock
from interviewer.tui.formatting import NOTICE_SECONDS
from interviewer.tui.widgets.answer_editor import AnswerEditor
from interviewer.tui.widgets.countdown import Countdown

logger = logging.getLogger(__name__)

LONG_ANSWER_CHARS = 20_000
"""Answers longer than this are scored in a thread so the screen stays live."""

TIME_UP_NOTICE = "Time is up - your answer was submitted as typed."

AUTOSAVE_SECONDS = 1.0
"""Interval between draft checks; a draft is written only when it changed."""

DRAFT_CLOCK_SECONDS = 10.0
"""An unchanged draft is written again once its clock has moved this far, so
a crash while the candidate thinks costs at most this much of the clock."""

SAVE_RETRY_SECONDS = 10.0
"""After a failed draft save, autosave waits this long before trying again,
because a locked database makes each try wait for the busy timeout."""


class QuestionScreen(Screen[None]):
    """Screen that asks the current question of a session and records one attempt.

    Submitting, skipping and the countdown reaching zero all end in
    :meth:`_finish`, which acts on the first of them only, so a key pressed
    as time runs out cannot record a second attempt.

    With a recorder, the draft is saved while the candidate types and the
    attempt is saved before the feedback is shown. When that save fails, the
    locked answer stays on screen until the candidate retries or goes on.

    Args:
        session: The session whose current question to ask.
        recorder: Saves the draft and the attempt; None saves nothing.
        draft: The answer typed before the app last closed, with the clock
            it used; None starts empty with the full time.
        clock: Monotonic clock the countdown reads, in seconds.
        cursor_blink: Whether the text cursor blinks.
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
        Binding(
            "ctrl+s",
            "retry_save",
            "Retry save",
            tooltip="Try again to save the answer to the database.",
            id="retry-save",
        ),
        Binding(
            "ctrl+n",
            "continue_unsaved",
            "Go on unsaved",
            tooltip="See the feedback and go on. The answer is kept in memory "
            "and saved once the database can be written again.",
            id="continue-unsaved",
        ),
    ]

    class AnswerRecorded(Message):
        """Posted once the attempt is recorded in the session and saved, or
        once the candidate chose to go on after a failed save.

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
        recorder: SessionRecorder | None = None,
        draft: DraftAnswer | None = None,
        clock: Clock = time.monotonic,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.session = session
        self.question = session.current
        self.recorder = recorder
        self.clock = clock
        self.cursor_blink = cursor_blink
        self._initial = draft or DraftAnswer("", 0.0)
        self._submission: tuple[str, Outcome, float] | None = None
        """The locked answer, how it ended and the seconds used, once finished."""
        self._scoring_failed = False
        self._attempt: Attempt | None = None
        """The attempt once recorded in the session, saved or not."""
        self._attempt_unsaved = False
        self._announced = False
        self._saved_draft = self._initial
        """The draft as last written to the database."""
        self.draft_failing = False
        """True from a failed draft save until the next one succeeds."""
        self._retry_at = 0.0

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
                session.time_allowed(question),
                used=self._initial.time_used,
                clock=self.clock,
                id="countdown",
            )
            yield AnswerEditor(self._initial.text, id="answer")
            with HorizontalGroup(id="answer-status"):
                yield Label("0 words", id="word-count")
                yield Label("", id="scoring-status")
        yield Footer()

    def on_mount(self) -> None:
        editor = self.query_one(AnswerEditor)
        editor.cursor_blink = self.cursor_blink
        editor.move_cursor(editor.document.end)
        if self.recorder is not None:
            self.set_interval(AUTOSAVE_SECONDS, self.autosave_draft)

    @on(AnswerEditor.Counted, "#answer")
    def _words_counted(self, event: AnswerEditor.Counted) -> None:
        self.query_one("#word-count", Label).update(format_word_count(event.words))

    def on_screen_suspend(self) -> None:
        # A dialog on top, such as the quit confirmation, stops the clock so
        # the candidate loses no time to it. The draft is saved now because
        # the dialog may end the app.
        self.query_one(Countdown).pause()
        self.autosave_draft(force=True)

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
        if action in ("retry_save", "continue_unsaved"):
            return self._attempt_unsaved and not self._announced
        if self._attempt is not None:
            return action not in ("submit_answer", "skip_question")
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
        self._attempt = self.session.record(answer, outcome, time_used, result=result)
        self._save_attempt()

    # -- saving ------------------------------------------------------------------

    @property
    def draft(self) -> DraftAnswer:
        """The answer as typed now and the clock it has used."""
        text = self.query_one(AnswerEditor).text
        return DraftAnswer(text, self.query_one(Countdown).elapsed)

    def unrecorded_draft(self) -> DraftAnswer | None:
        """Return the draft while no attempt is recorded, else None."""
        return self.draft if self._attempt is None else None

    @property
    def saves_failing(self) -> bool:
        """True while the draft or the recorded attempt is not in the database."""
        return self.draft_failing or self._attempt_unsaved

    def autosave_draft(self, *, force: bool = False) -> None:
        """Write the draft when it changed, or always when ``force`` is set.

        Runs from an interval timer. After a failed write it waits
        ``SAVE_RETRY_SECONDS`` before trying again, unless forced.
        """
        if self.recorder is None or self._attempt is not None:
            return
        draft = self.draft
        if not force:
            saved = self._saved_draft
            unchanged = draft.text == saved.text and (
                draft.time_used - saved.time_used < DRAFT_CLOCK_SECONDS
            )
            if unchanged or self.clock() < self._retry_at:
                return
        try:
            self.recorder.save_draft(draft)
        except StorageError as error:
            self._report_draft_error(error)
            return
        self._saved_draft = draft
        if self.draft_failing:
            self.draft_failing = False
            self._set_save_status("")
            self.notify("Your answer is being saved again.", title="Saving works")

    def _report_draft_error(self, error: StorageError) -> None:
        self._retry_at = self.clock() + SAVE_RETRY_SECONDS
        if self.draft_failing:
            return
        logger.error("saving the draft of %s failed: %s", self.question.id, error)
        self.draft_failing = True
        self._set_save_status("Autosave failed - ctrl+e exports your answer")
        self.notify(
            f"{error}. Autosave keeps trying every {SAVE_RETRY_SECONDS:g} "
            "seconds; ctrl+e exports your answer now.",
            title="Autosave failed",
            severity="error",
            timeout=NOTICE_SECONDS,
            markup=False,
        )

    def _save_attempt(self) -> None:
        """Save the recorded attempt, then announce it; on failure, stay here."""
        if self.recorder is not None:
            try:
                self.recorder.sync()
            except StorageError as error:
                self._report_save_error(error)
                return
        self._attempt_unsaved = False
        self._announce()

    def _report_save_error(self, error: StorageError) -> None:
        logger.error("saving the answer to %s failed: %s", self.question.id, error)
        first = not self._attempt_unsaved
        self._attempt_unsaved = True
        self.refresh_bindings()
        self._set_save_status("Not saved: ctrl+s retries, ctrl+n goes on")
        self.notify(
            f"{error}. ctrl+s retries the save and ctrl+e exports the answer."
            if first
            else f"Still not saved: {error}",
            title="Answer not saved",
            severity="error",
            timeout=NOTICE_SECONDS,
            markup=False,
        )

    def _set_save_status(self, text: str) -> None:
        self.query_one("#scoring-status", Label).update(text)

    def action_retry_save(self) -> None:
        """Try again to save an answer whose save failed."""
        self._save_attempt()

    def action_continue_unsaved(self) -> None:
        """Show the feedback although the answer is only in memory."""
        self._announce()

    def _announce(self) -> None:
        # A repeated key must not post the attempt twice.
        if self._announced or self._attempt is None:
            return
        self._announced = True
        self.refresh_bindings()
        self.post_message(self.AnswerRecorded(self._attempt))
