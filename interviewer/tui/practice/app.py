"""The Textual application for spaced-repetition practice and weak-spot drills."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo

from textual import on
from textual.app import App
from textual.binding import Binding

from interviewer.catalog import Catalog
from interviewer.practice import DEFAULT_DAILY_LIMIT, PracticeScheduler, utc_now
from interviewer.selection import resolve_categories
from interviewer.storage import StorageError, Store
from interviewer.timer import Clock
from interviewer.tui.practice.feedback import PracticeFeedbackScreen
from interviewer.tui.practice.question import PracticeQuestionScreen
from interviewer.tui.practice.quit import PracticeQuitModal
from interviewer.tui.practice.rating_bar import days_from_now, format_day
from interviewer.tui.practice.session import (
    RATING_NAMES,
    PracticeSession,
    describe_ratings,
    weak_concepts_by_question,
)
from interviewer.tui.practice.start import PracticeStartScreen

logger = logging.getLogger(__name__)

UNSAVED_ANSWER = (
    "The answer you are typing is not saved. Answers you already rated are. "
    "Escape goes back; the clock is stopped meanwhile."
)
UNRATED_ANSWER = (
    "This answer is saved but not rated, so the question stays due. "
    "Escape goes back to rate it."
)


class PracticeApp(App[None]):
    """Terminal app for self-scored practice with spaced repetition.

    The start screen shows today's counts. Each question then gets a
    question screen without a time limit, and a feedback screen where the
    user rates the answer from Again to Easy. The rating schedules the
    question's next review. Answers and ratings are stored as they are
    made, in a session of mode "practice".

    Args:
        catalog: The questions and rubrics to draw from.
        store: The open database for sessions, cards and review logs.
        daily_limit: Questions per day, due reviews and new ones together.
        categories: Category names, keys or unique prefixes to practise;
            empty practises every category.
        drill: Drill the questions whose concepts were missed most, instead
            of the questions due.
        clock: Monotonic clock for the elapsed time, in seconds.
        utc_clock: Returns the current time as an aware UTC datetime; due
            dates, "today" and streaks follow it.
        zone: The time zone whose midnight starts a new practice day; None
            uses the system's local zone.

    Raises:
        InterviewerError: a category matches none of the catalog's, or several.
        ValueError: ``daily_limit`` is below 1.
    """

    TITLE = "interviewer practice"
    CSS_PATH = "../app.tcss"
    # Every key is shown on screen or in the footer, as in the interview app,
    # so the command palette stays off.
    ENABLE_COMMAND_PALETTE = False

    BINDINGS = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            tooltip="Quit; with an answer typed or unrated a dialog asks first.",
            priority=True,
            id="quit",
        ),
    ]

    cursor_blink = True
    """Whether text cursors blink; tests turn it off for stable screenshots."""

    def __init__(
        self,
        catalog: Catalog,
        store: Store,
        *,
        daily_limit: int = DEFAULT_DAILY_LIMIT,
        categories: Sequence[str] = (),
        drill: bool = False,
        clock: Clock = time.monotonic,
        utc_clock: Callable[[], datetime] = utc_now,
        zone: tzinfo | None = None,
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.store = store
        self.scheduler = PracticeScheduler(
            store, clock=utc_clock, zone=zone, daily_limit=daily_limit
        )
        self.categories = resolve_categories(categories, catalog.categories)
        self.drill = drill
        self.clock = clock
        self.show_target = True
        """Whether question screens show the target time; ctrl+t switches it."""
        self.session: PracticeSession | None = None
        """The practice session under way or just finished; None before the first."""

    def on_mount(self) -> None:
        for notice in self.store.notices:
            self.notify(notice, title="Database replaced", severity="warning")
        # Pushed rather than made the default screen, because switch_screen
        # on the default screen raises IndexError in Textual 8.2.
        self.push_screen(self._start_screen())

    def _start_screen(self, finished_summary: str | None = None) -> PracticeStartScreen:
        return PracticeStartScreen(
            self.catalog,
            self.scheduler,
            categories=self.categories,
            drill=self.drill,
            finished_summary=finished_summary,
        )

    def _question_screen(self, session: PracticeSession) -> PracticeQuestionScreen:
        return PracticeQuestionScreen(
            session,
            clock=self.clock,
            show_target=self.show_target,
            cursor_blink=self.cursor_blink,
        )

    # -- flow ------------------------------------------------------------------

    @on(PracticeStartScreen.Started)
    def _start_session(self, message: PracticeStartScreen.Started) -> None:
        settings = {
            "daily_limit": self.scheduler.daily_limit,
            "categories": list(self.categories),
            "drill": self.drill,
            "beyond_limit": message.beyond_limit,
        }
        weak_spots = (
            weak_concepts_by_question(self.store, self.catalog) if self.drill else {}
        )
        self.session = PracticeSession(
            self.catalog,
            self.scheduler,
            message.questions,
            message.sources,
            settings,
            weak_spots=weak_spots,
        )
        self.switch_screen(self._question_screen(self.session))

    @on(PracticeQuestionScreen.TargetToggled)
    def _remember_target(self, message: PracticeQuestionScreen.TargetToggled) -> None:
        self.show_target = message.shown

    @on(PracticeQuestionScreen.AnswerRecorded)
    def _show_feedback(self, message: PracticeQuestionScreen.AnswerRecorded) -> None:
        assert self.session is not None
        self.switch_screen(
            PracticeFeedbackScreen(
                self.session,
                message.attempt,
                clock=self.clock,
                show_target=self.show_target,
            )
        )

    @on(PracticeFeedbackScreen.Rated)
    def _after_rating(self, message: PracticeFeedbackScreen.Rated) -> None:
        session = self.session
        assert session is not None
        day = self.scheduler.local_date(message.card.due)
        today = self.scheduler.today()
        self.notify(
            f"Next due {format_day(day, today)} ({days_from_now(day, today)}).",
            title=f"Rated {RATING_NAMES[message.rating]}",
            # Gone before the next feedback, where it would cover the ratings.
            timeout=2,
        )
        if not session.finished:
            self.switch_screen(self._question_screen(session))
            return
        try:
            session.finish()
        except StorageError as error:
            # Every answer and rating is stored; only the session's status
            # stays "active", so the history shows it as unfinished.
            logger.error(
                "finishing practice session %s failed: %s", session.session_id, error
            )
            self.notify(
                str(error), title="Saving failed", severity="error", markup=False
            )
        summary = (
            f"Done: you rated {len(session.ratings)} "
            f"{'question' if len(session.ratings) == 1 else 'questions'} "
            f"({describe_ratings(session.ratings)})."
        )
        self.switch_screen(self._start_screen(summary))

    # -- quitting --------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit, asking first while an answer is typed but unsaved, or unrated."""
        if isinstance(self.screen, PracticeQuitModal):
            # ctrl+q twice in a row means yes.
            self.screen.dismiss(True)
            return
        detail = self._unfinished_work()
        if detail is None:
            self._quit()
            return
        self.push_screen(PracticeQuitModal(detail), self._quit_confirmed)

    def _unfinished_work(self) -> str | None:
        """Return what quitting now would leave unsaved or unrated, or None."""
        screen = self.screen
        if isinstance(screen, PracticeQuestionScreen) and screen.answer_text.strip():
            return UNSAVED_ANSWER
        if isinstance(screen, PracticeFeedbackScreen):
            return UNRATED_ANSWER
        return None

    def _quit_confirmed(self, quit_now: bool | None) -> None:
        if quit_now:
            self._quit()

    def _quit(self) -> None:
        if self.session is not None:
            try:
                self.session.abandon()
            except StorageError as error:
                logger.error(
                    "marking practice session %s abandoned failed: %s",
                    self.session.session_id,
                    error,
                )
        self.exit()
