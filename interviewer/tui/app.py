"""The Textual application that runs a timed mock interview."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from interviewer.catalog import Catalog
from interviewer.recording import (
    DraftAnswer,
    ResumeError,
    ResumePoint,
    SessionRecorder,
    resume_point,
    session_markdown,
)
from interviewer.selection import resolve_categories
from interviewer.session import InterviewSession, Mode
from interviewer.storage import StorageError, Store, StoredSession
from interviewer.timer import Clock
from interviewer.tui.formatting import NOTICE_SECONDS
from interviewer.tui.screens.start import StartChoices, StartScreen

# Screens after the start screen are imported where first used, and their
# messages are handled by name (on_question_screen_answer_recorded). The
# first screen then draws without loading them.
if TYPE_CHECKING:
    from interviewer.tui.screens.question import QuestionScreen
    from interviewer.tui.screens.resume import ResumeChoice

logger = logging.getLogger(__name__)

PRACTICE = "practice"
"""The app's result when the user leaves for practice mode."""


class InterviewerApp(App[str | None]):
    """Terminal app for timed mock interviews, from the start screen to the summary.

    Each question gets a question screen and then a feedback screen. With a
    store, every session, attempt and draft is saved as it happens, and an
    unfinished session is offered for resuming at the next start.

    Args:
        catalog: The questions and rubrics to draw from.
        categories: Category names, keys or unique prefixes selected at
            first; empty selects every category.
        count: Questions to ask at first, or None for the start screen's
            default. A count over the number available asks them all.
        time_limit: Seconds per question at first, or None for each
            question's own limit.
        seed: Seed for the question order; the same seed gives the same
            questions in the same order.
        tags: Ask only questions with any of these tags; empty allows all.
        difficulties: Ask only questions of these difficulties; empty
            allows all.
        store: The database that sessions are saved to; None saves nothing.
            The caller opens and closes it.
        clock: Monotonic clock the countdowns read, in seconds.

    Raises:
        InterviewerError: a category matches none of the catalog's, or
            several.
    """

    TITLE = "interviewer"
    CSS_PATH = "app.tcss"
    # The footer lists every key. The command palette stays off because the
    # clock stops under any dialog, so the palette would be a free pause.
    ENABLE_COMMAND_PALETTE = False

    BINDINGS = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            tooltip="Quit; during an interview a dialog asks first.",
            priority=True,
            id="quit",
        ),
        # Priority, so it works in the answer box too, where ctrl+e would
        # otherwise move to the end of the line (the End key still does).
        Binding(
            "ctrl+e",
            "export_session",
            "Export",
            tooltip="Write this interview so far, with the answer being typed, "
            "to a Markdown file.",
            priority=True,
            id="export-session",
        ),
    ]

    cursor_blink = True
    """Whether text cursors blink; tests turn it off for stable screenshots."""

    def __init__(
        self,
        catalog: Catalog,
        categories: Sequence[str] = (),
        count: int | None = None,
        time_limit: int | None = None,
        seed: int | None = None,
        *,
        tags: Sequence[str] = (),
        difficulties: Sequence[str] = (),
        store: Store | None = None,
        clock: Clock = time.monotonic,
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.seed = seed
        self.store = store
        self.clock = clock
        selected = resolve_categories(categories, catalog.categories)
        self.choices = StartChoices(
            tuple(selected),
            count,
            time_limit,
            tags=tuple(tags),
            difficulties=tuple(difficulties),
        )
        """Settings the start screen shows, replaced each time an interview starts."""
        self.session: InterviewSession | None = None
        """The interview under way or just finished, or None before the first."""
        self.recorder: SessionRecorder | None = None
        """Saves ``session``; None when there is no store or no session."""
        self._unfinished: list[StoredSession] = []
        """Unfinished sessions still to offer for resuming, newest first."""
        self._started_at = ""
        """When ``session`` started, as ISO 8601 in UTC."""

    def on_mount(self) -> None:
        # Pushed rather than made the default screen, because switch_screen
        # on the default screen raises IndexError in Textual 8.2.
        self.push_screen(self._start_screen())
        if self.store is None:
            return
        for notice in self.store.notices:
            self.notify(
                notice,
                title="Database moved aside",
                severity="warning",
                timeout=NOTICE_SECONDS,
                markup=False,
            )
        self._find_unfinished()
        self._offer_next_unfinished()

    def _start_screen(self) -> StartScreen:
        return StartScreen(
            self.catalog,
            self.choices,
            seed=self.seed,
            history=self.store is not None,
            cursor_blink=self.cursor_blink,
        )

    def _question_screen(
        self, session: InterviewSession, draft: DraftAnswer | None = None
    ) -> QuestionScreen:
        from interviewer.tui.screens.question import QuestionScreen

        return QuestionScreen(
            session,
            recorder=self.recorder,
            draft=draft,
            clock=self.clock,
            cursor_blink=self.cursor_blink,
        )

    def _report_storage_error(self, title: str, error: StorageError) -> None:
        logger.error("%s: %s", title, error)
        self.notify(
            str(error),
            title=title,
            severity="error",
            timeout=NOTICE_SECONDS,
            markup=False,
        )

    # -- starting and resuming ---------------------------------------------------

    @on(StartScreen.Submitted)
    def _start_interview(self, message: StartScreen.Submitted) -> None:
        self.choices = message.choices
        self.session = InterviewSession(
            self.catalog, message.questions, time_limit=message.choices.time_limit
        )
        self._started_at = datetime.now(UTC).isoformat(timespec="seconds")
        self.recorder = None
        if self.store is not None:
            settings = message.choices.to_settings(self.seed)
            self.recorder = SessionRecorder(
                self.store, self.session, settings, started_at=self._started_at
            )
            try:
                self.recorder.sync()
            except StorageError as error:
                # The recorder tries again at every save, so a database
                # that recovers still gets the whole session.
                self._report_storage_error("Interview not saved", error)
        self.switch_screen(self._question_screen(self.session))

    def _find_unfinished(self) -> None:
        assert self.store is not None
        try:
            sessions = self.store.unfinished_sessions()
        except StorageError as error:
            self._report_storage_error("Unfinished interviews not read", error)
            return
        # NOTE: nothing stops a second running copy of the app from offering
        # and resuming the same session; the answers it saves last win.
        self._unfinished = [s for s in sessions if s.mode == Mode.MOCK]

    def _offer_next_unfinished(self) -> None:
        from interviewer.tui.screens.resume import ResumeModal

        if not self._unfinished:
            return
        stored = self._unfinished.pop(0)
        try:
            point = resume_point(stored, self.catalog)
        except ResumeError as error:
            self.push_screen(
                ResumeModal(stored, None, str(error)),
                lambda choice: self._resume_decided(stored, None, choice),
            )
            return
        self.push_screen(
            ResumeModal(stored, point),
            lambda choice: self._resume_decided(stored, point, choice),
        )

    def _resume_decided(
        self,
        stored: StoredSession,
        point: ResumePoint | None,
        choice: ResumeChoice | None,
    ) -> None:
        from interviewer.tui.screens.resume import ResumeChoice

        if choice is ResumeChoice.RESUME and point is not None:
            self._unfinished.clear()
            self._resume(point)
        elif choice is ResumeChoice.DISCARD:
            self._discard(stored)
            self._offer_next_unfinished()
        else:
            self._unfinished.clear()

    def _discard(self, stored: StoredSession) -> None:
        assert self.store is not None
        try:
            self.store.discard_session(stored.id)
        except StorageError as error:
            self._report_storage_error("Interview not discarded", error)
            return
        self.notify(
            f"Session {stored.id} was discarded; its answers stay in the history.",
            title="Discarded",
        )

    def _resume(self, point: ResumePoint) -> None:
        assert self.store is not None
        stored, session = point.stored, point.session
        self.choices = StartChoices.from_settings(stored.settings)
        self.session = session
        self._started_at = stored.started_at
        self.recorder = SessionRecorder(
            self.store,
            session,
            stored.settings,
            session_id=stored.id,
            started_at=stored.started_at,
        )
        if session.finished:
            self._show_summary()
            return
        self.switch_screen(self._question_screen(session, point.draft))

    # -- moving through the interview --------------------------------------------

    def on_question_screen_answer_recorded(self) -> None:
        from interviewer.tui.screens.feedback import FeedbackScreen

        assert self.session is not None
        self.switch_screen(FeedbackScreen.latest(self.session))

    def on_feedback_screen_closed(self) -> None:
        assert self.session is not None
        if self.session.finished:
            self._show_summary()
        else:
            self.switch_screen(self._question_screen(self.session))

    def _show_summary(self) -> None:
        from interviewer.tui.screens.summary import SummaryScreen

        assert self.session is not None
        self.switch_screen(SummaryScreen(self.session, saved_note=self._saved_note()))

    def _saved_note(self) -> str:
        """Retry pending saves and return the summary's note on where they went."""
        recorder = self.recorder
        if recorder is None:
            return ""
        try:
            recorder.sync()
        except StorageError as error:
            self._report_storage_error("Interview not saved", error)
            return (
                "This interview is not fully saved, because the database cannot "
                "be written. Press ctrl+e to export it to a file."
            )
        return (
            f"Saved as session {recorder.session_id}. F2 on the start screen "
            "shows it again."
        )

    def on_summary_screen_restart_requested(self) -> None:
        self.session = None
        self.recorder = None
        self.switch_screen(self._start_screen())

    @on(StartScreen.HistoryRequested)
    def _show_history(self) -> None:
        if self.store is not None:
            # Imported on first use to keep its tables out of start-up.
            from interviewer.tui.screens.history import HistoryScreen

            self.push_screen(HistoryScreen(self.store, self.catalog))

    @on(StartScreen.PracticeRequested)
    def _switch_to_practice(self) -> None:
        # Practice is its own app; the command line starts it on this result.
        self.exit(PRACTICE)

    # -- exporting and quitting --------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export_session":
            return self.session is not None and self._interview_screen() is not None
        return True

    def _interview_screen(self) -> Screen[None] | None:
        """Return the screen of the interview under way, when it is on top."""
        from interviewer.tui.screens.feedback import FeedbackScreen
        from interviewer.tui.screens.question import QuestionScreen
        from interviewer.tui.screens.summary import SummaryScreen

        screen = self.screen
        if isinstance(screen, QuestionScreen | SummaryScreen):
            return screen
        if isinstance(screen, FeedbackScreen) and not screen.review:
            return screen
        return None

    def action_export_session(self) -> None:
        """Ask for a file name and write the interview so far to it as Markdown."""
        from interviewer.tui.screens.export_file import (
            ExportModal,
            default_export_path,
        )
        from interviewer.tui.screens.question import QuestionScreen

        session = self.session
        screen = self._interview_screen()
        if session is None or screen is None:
            return
        draft = None
        detail = "Writes the answers of this interview as Markdown."
        if isinstance(screen, QuestionScreen):
            draft = screen.unrecorded_draft()
            detail = (
                "Writes your answers so far and the one you are typing as "
                "Markdown. The clock is stopped meanwhile."
            )
        if self.recorder is not None:
            text = self.recorder.export_markdown(draft)
        else:
            text = session_markdown(
                session, session_id=None, started_at=self._started_at, draft=draft
            )
        # Save-failure notices would cover the dialog that offers the way out.
        self.clear_notifications()
        dialog = ExportModal(text, default_export_path(), detail=detail)
        self.push_screen(dialog, self._exported)

    def _exported(self, path: Path | None) -> None:
        if path is not None:
            self.notify(f"Exported to {path}", title="Exported", markup=False)

    def _interview_in_progress(self) -> bool:
        from interviewer.tui.screens.feedback import FeedbackScreen
        from interviewer.tui.screens.question import QuestionScreen

        return any(
            isinstance(screen, QuestionScreen)
            or (isinstance(screen, FeedbackScreen) and not screen.review)
            for screen in self.screen_stack
        )

    def _everything_saved(self) -> bool:
        from interviewer.tui.screens.question import QuestionScreen

        if self.recorder is None:
            return False
        if self.recorder.pending:
            return False
        questions = [s for s in self.screen_stack if isinstance(s, QuestionScreen)]
        return not any(screen.saves_failing for screen in questions)

    async def action_quit(self) -> None:
        """Quit, asking first while a question or its feedback is on screen."""
        from interviewer.tui.screens.confirm_quit import ConfirmQuitModal
        from interviewer.tui.screens.question import QuestionScreen

        if isinstance(self.screen, ConfirmQuitModal):
            # ctrl+q twice in a row means yes.
            self.screen.dismiss(True)
            return
        if not self._interview_in_progress():
            self.exit()
            return
        if isinstance(self.screen, QuestionScreen):
            # Saved before the dialog opens, so the dialog can report whether
            # everything is saved.
            self.screen.autosave_draft(force=True)
        dialog = ConfirmQuitModal(saved=self._everything_saved())
        self.push_screen(dialog, self._quit_confirmed)

    def _quit_confirmed(self, quit_now: bool | None) -> None:
        if quit_now:
            self.exit()
