"""The Textual application that runs a timed mock interview."""

from __future__ import annotations

import time
from collections.abc import Sequence

from textual import on
from textual.app import App
from textual.binding import Binding

from interviewer.catalog import Catalog
from interviewer.selection import resolve_categories
from interviewer.session import InterviewSession
from interviewer.timer import Clock
from interviewer.tui.screens.confirm_quit import ConfirmQuitModal
from interviewer.tui.screens.feedback import FeedbackScreen
from interviewer.tui.screens.question import QuestionScreen
from interviewer.tui.screens.start import StartChoices, StartScreen
from interviewer.tui.screens.summary import SummaryScreen


class InterviewerApp(App[None]):
    """Terminal app for timed mock interviews, from the start screen to the summary.

    Each question gets a question screen and then a feedback screen.

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
        clock: Clock = time.monotonic,
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.seed = seed
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

    def on_mount(self) -> None:
        # Pushed rather than made the default screen, because switch_screen
        # on the default screen raises IndexError in Textual 8.2.
        self.push_screen(self._start_screen())

    def _start_screen(self) -> StartScreen:
        return StartScreen(
            self.catalog, self.choices, seed=self.seed, cursor_blink=self.cursor_blink
        )

    def _question_screen(self, session: InterviewSession) -> QuestionScreen:
        return QuestionScreen(session, clock=self.clock, cursor_blink=self.cursor_blink)

    @on(StartScreen.Submitted)
    def _start_interview(self, message: StartScreen.Submitted) -> None:
        self.choices = message.choices
        self.session = InterviewSession(
            self.catalog, message.questions, time_limit=message.choices.time_limit
        )
        self.switch_screen(self._question_screen(self.session))

    @on(QuestionScreen.AnswerRecorded)
    def _show_feedback(self, message: QuestionScreen.AnswerRecorded) -> None:
        assert self.session is not None
        self.switch_screen(FeedbackScreen(self.session, message.attempt))

    @on(FeedbackScreen.Closed)
    def _leave_feedback(self) -> None:
        assert self.session is not None
        if self.session.finished:
            self.switch_screen(SummaryScreen(self.session))
        else:
            self.switch_screen(self._question_screen(self.session))

    @on(SummaryScreen.RestartRequested)
    def _start_again(self) -> None:
        self.session = None
        self.switch_screen(self._start_screen())

    async def action_quit(self) -> None:
        """Quit, asking first while a question or its feedback is on screen."""
        if isinstance(self.screen, ConfirmQuitModal):
            # ctrl+q twice in a row means yes.
            self.screen.dismiss(True)
            return
        if not isinstance(self.screen, QuestionScreen | FeedbackScreen):
            self.exit()
            return
        self.push_screen(ConfirmQuitModal(), self._quit_confirmed)

    def _quit_confirmed(self, quit_now: bool | None) -> None:
        if quit_now:
            self.exit()
