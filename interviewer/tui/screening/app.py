"""The apps of a screening: the candidate's sitting, and the interviewer's review."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import on
from textual.app import App
from textual.binding import Binding

from interviewer.catalog import Catalog
from interviewer.pin import PinGuard, hash_pin
from interviewer.screening import ScreeningPlan
from interviewer.session import Attempt, InterviewSession
from interviewer.storage import StorageError, Store, rubric_fingerprint
from interviewer.timer import Clock
from interviewer.tui.screening.complete import CompleteScreen
from interviewer.tui.screening.pin_modal import PinModal
from interviewer.tui.screening.question import ScreeningQuestionScreen
from interviewer.tui.screening.review import ReviewScreen
from interviewer.tui.screening.screenings import ScreeningListScreen
from interviewer.tui.screening.setup import PinSetupScreen
from interviewer.tui.screening.welcome import WelcomeScreen
from interviewer.tui.screens.question import QuestionScreen

logger = logging.getLogger(__name__)

SHARED_CSS = Path(__file__).resolve().parent.parent / "app.tcss"

CANDIDATE_SCREENS = (WelcomeScreen, ScreeningQuestionScreen, CompleteScreen)
"""Screens the candidate sees; leaving any of them needs the PIN."""


class ScreeningApp(App[None]):
    """Terminal app for one candidate's screening, from the PIN to the review.

    The interviewer sets a PIN, then the candidate answers the plan's
    questions with no feedback. Every answer and paste is saved as it
    happens. The review opens only after the PIN.

    Args:
        catalog: The questions and rubrics the plan was validated against.
        plan: The screening plan.
        candidate: The candidate's name, as stored and shown on screen.
        store: The open database the screening is saved to.
        clock: Monotonic clock for the countdowns and the PIN lockout.
    """

    TITLE = "interviewer screening"
    CSS_PATH = [SHARED_CSS]
    # The palette lists commands, and the help panel it opens shows key
    # tooltips; the candidate must reach neither.
    ENABLE_COMMAND_PALETTE = False

    BINDINGS = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            tooltip="Quit; while the candidate has the keyboard, this needs "
            "the interviewer's PIN.",
            priority=True,
            id="quit",
        ),
    ]

    cursor_blink = True
    """Whether text cursors blink; tests turn it off for stable screenshots."""

    def __init__(
        self,
        catalog: Catalog,
        plan: ScreeningPlan,
        candidate: str,
        store: Store,
        *,
        clock: Clock = time.monotonic,
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.plan = plan
        self.candidate = candidate
        self.store = store
        self.clock = clock
        self.session_id: int | None = None
        """The stored session, once the PIN is set."""
        self.session: InterviewSession | None = None
        """The questions and answers so far, once the candidate starts."""
        self.guard: PinGuard | None = None
        self.stopped_early = False
        """Whether the interviewer stopped the screening before the last answer."""
        self._unsaved: list[Callable[[], None]] = []
        """Writes that failed, retried in order before each new one."""
        self._advance_when_closed = False
        """Whether an answer was recorded while the PIN dialog was open."""

    @property
    def unsaved_writes(self) -> int:
        """Writes to the database that failed and are still waiting."""
        return len(self._unsaved)

    def on_mount(self) -> None:
        self.push_screen(
            PinSetupScreen(self.plan, self.candidate, cursor_blink=self.cursor_blink)
        )

    # -- storage ---------------------------------------------------------------

    def _save(self, write: Callable[[], None]) -> None:
        """Run ``write`` after any earlier writes that failed, keeping the order."""
        self._unsaved.append(write)
        while self._unsaved:
            try:
                self._unsaved[0]()
            except StorageError as error:
                # Not shown on screen: the candidate is at the keyboard. The
                # review and the command line report what is still unsaved.
                logger.error(
                    "saving screening session %s failed, %d writes waiting: %s",
                    self.session_id,
                    len(self._unsaved),
                    error,
                )
                return
            self._unsaved.pop(0)

    def unsaved_answers(self) -> list[dict[str, Any]]:
        """Return every answer given so far as JSON-ready dicts, for a rescue file."""
        if self.session is None:
            return []
        return [
            {
                "position": position,
                "question_id": attempt.question.id,
                "answer": attempt.answer,
                "outcome": str(attempt.outcome),
                "automatic_score": attempt.score,
                "time_used": round(attempt.time_used, 1),
            }
            for position, attempt in enumerate(self.session.attempts, 1)
        ]

    # -- the sitting -----------------------------------------------------------

    @on(PinSetupScreen.PinChosen)
    def _start_screening(self, message: PinSetupScreen.PinChosen) -> None:
        plan = self.plan
        pin_hash = hash_pin(message.pin)
        try:
            self.session_id = self.store.start_screening(
                candidate=self.candidate,
                plan_title=plan.title,
                plan_path=str(plan.path.resolve()),
                question_ids=list(plan.question_ids),
                settings={
                    "plan": str(plan.path.resolve()),
                    "time_per_question": plan.time_per_question,
                },
                pass_mark=plan.pass_mark,
                candidate_feedback=plan.candidate_feedback,
                pin_hash=pin_hash,
            )
        except StorageError as error:
            assert isinstance(self.screen, PinSetupScreen)
            self.screen.show_error(f"The screening cannot start: {error}")
            return
        logger.info("screening session %d started from %s", self.session_id, plan.path)
        self.guard = PinGuard(pin_hash, clock=self.clock)
        self.switch_screen(WelcomeScreen(plan, self.candidate))

    @on(WelcomeScreen.Started)
    def _ask_first_question(self) -> None:
        self.session = InterviewSession(
            self.catalog,
            self.plan.questions(self.catalog),
            time_limit=self.plan.time_per_question,
        )
        self._ask_next()

    def _question_screen(self, session: InterviewSession) -> ScreeningQuestionScreen:
        return ScreeningQuestionScreen(
            session, clock=self.clock, cursor_blink=self.cursor_blink
        )

    @on(ScreeningQuestionScreen.Pasted)
    def _save_paste(self, message: ScreeningQuestionScreen.Pasted) -> None:
        session_id = self.session_id
        assert session_id is not None
        self._save(
            lambda: self.store.save_paste(
                session_id,
                message.position,
                message.question_id,
                message.text,
                message.seconds_in,
            )
        )

    @on(QuestionScreen.AnswerRecorded)
    def _save_answer(self, message: QuestionScreen.AnswerRecorded) -> None:
        session, session_id = self.session, self.session_id
        assert session is not None and session_id is not None
        self._save(
            self._attempt_writer(session_id, len(session.attempts), message.attempt)
        )
        if session.finished:
            self._save(lambda: self.store.finish_session(session_id))
            logger.info("screening session %d finished", session_id)
        if isinstance(self.screen, PinModal):
            # Time ran out under the PIN dialog; move on once it closes.
            self._advance_when_closed = True
            return
        self._ask_next()

    def _attempt_writer(
        self, session_id: int, position: int, attempt: Attempt
    ) -> Callable[[], None]:
        rubric = self.catalog.rubric(attempt.question.id)

        def write() -> None:
            self.store.save_attempt(
                session_id,
                position,
                question_id=attempt.question.id,
                answer=attempt.answer,
                result=attempt.result,
                fingerprint=rubric_fingerprint(rubric),
                outcome=str(attempt.outcome),
                time_allowed=attempt.time_allowed,
                time_used=attempt.time_used,
            )

        return write

    def _ask_next(self) -> None:
        session = self.session
        assert session is not None and self.guard is not None
        if not session.finished:
            self.switch_screen(self._question_screen(session))
            return
        score = (
            session.overall_score if self.plan.candidate_feedback == "score" else None
        )
        self.switch_screen(
            CompleteScreen(self.guard, score=score, cursor_blink=self.cursor_blink)
        )

    @on(CompleteScreen.ReviewUnlocked)
    async def _open_review(self) -> None:
        assert self.session_id is not None
        # Awaited so that the notice below lands on the review, not the end screen.
        await self.switch_screen(
            ReviewScreen(self.store, self.catalog, self.session_id)
        )
        if self._unsaved:
            self.notify(
                f"{len(self._unsaved)} writes to {self.store.path} failed and "
                "are shown neither here nor in reports. Quit to write the "
                "answers to a rescue file.",
                title="Answers not saved",
                severity="error",
                timeout=30,
            )

    # -- leaving ---------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit; while the candidate has the keyboard, only with the PIN."""
        if isinstance(self.screen, PinModal):
            return
        if not isinstance(self.screen, CANDIDATE_SCREENS):
            self.exit()
            return
        assert self.guard is not None
        finished = self.session is not None and self.session.finished
        self.push_screen(PinModal(self.guard, finished=finished), self._pin_closed)

    def _pin_closed(self, unlocked: bool | None) -> None:
        if unlocked:
            self._stop()
            return
        if self._advance_when_closed:
            self._advance_when_closed = False
            self._ask_next()

    def _stop(self) -> None:
        session_id = self.session_id
        assert session_id is not None
        if self.session is None or not self.session.finished:
            self.stopped_early = True
            self._save(lambda: self.store.discard_session(session_id))
            logger.info("screening session %d stopped early", session_id)
        self.exit()


class ReviewApp(App[None]):
    """Terminal app for reviewing stored screenings.

    Args:
        store: The open database the screenings are in.
        catalog: Questions and rubrics, for prompts and model answers.
        session_id: The screening to open; None lists every screening first.
    """

    TITLE = "interviewer review"
    CSS_PATH = [SHARED_CSS]
    ENABLE_COMMAND_PALETTE = False

    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
    ]

    def __init__(
        self, store: Store, catalog: Catalog, session_id: int | None = None
    ) -> None:
        super().__init__()
        self.store = store
        self.catalog = catalog
        self.session_id = session_id

    def on_mount(self) -> None:
        if self.session_id is None:
            self.push_screen(ScreeningListScreen(self.store, self.catalog))
        else:
            self.push_screen(ReviewScreen(self.store, self.catalog, self.session_id))
