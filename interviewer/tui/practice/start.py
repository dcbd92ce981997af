"""The practice start screen: today's counts and what there is to practise."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, Static

from interviewer.bank import Question
from interviewer.catalog import Catalog
from interviewer.practice import PracticeScheduler
from interviewer.progress import WeakQuestion
from interviewer.tui.practice.rating_bar import days_from_now, format_day
from interviewer.tui.practice.session import (
    PracticeOverview,
    Source,
    drill_questions,
    practice_overview,
)


def plural(count: int, noun: str) -> str:
    """Return ``count`` with ``noun``, adding an s unless the count is 1."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def describe_plan(overview: PracticeOverview) -> str:
    """Return a sentence on today's practice: how many due reviews and new ones."""
    due_ids = {question.id for question in overview.due}
    due = sum(question.id in due_ids for question in overview.planned)
    new = len(overview.planned) - due
    if due and new:
        return (
            f"Today's practice: {plural(due, 'due review')}, then "
            f"{plural(new, 'new question')}."
        )
    if due:
        return f"Today's practice: {plural(due, 'due review')}."
    return f"Start with {plural(new, 'new question')}?"


def describe_next_due(scheduler: PracticeScheduler, next_due: datetime | None) -> str:
    """Return a sentence on when the next review is due."""
    if next_due is None:
        return "No question has been reviewed yet."
    today = scheduler.today()
    day = scheduler.local_date(next_due)
    return (
        f"The next review is due {format_day(day, today)} "
        f"({days_from_now(day, today)})."
    )


class PracticeStartScreen(Screen[None]):
    """Screen with today's practice counts and the keys that start practice.

    In a drill it lists the questions whose concepts were missed most.
    """

    CSS_PATH = "start.tcss"

    # No text box on this screen, so single letters are safe as keys.
    BINDINGS = [
        Binding(
            "s",
            "start_practice",
            "Start",
            tooltip="Start practising the questions on offer.",
            id="start-practice",
        ),
        Binding(
            "n",
            "practise_beyond_limit",
            "More questions",
            tooltip="Practise one more day's limit of questions today.",
            id="practise-beyond-limit",
        ),
        # Shown on the Quit button rather than twice in the footer.
        Binding(
            "q",
            "app.quit",
            "Quit",
            show=False,
            tooltip="Quit practice.",
            id="quit-practice",
        ),
    ]

    class Started(Message):
        """Posted when the user starts practising.

        Handle it with ``on_practice_start_screen_started``.
        """

        def __init__(
            self,
            questions: list[Question],
            sources: dict[str, Source],
            *,
            beyond_limit: bool,
        ) -> None:
            super().__init__()
            self.questions = questions
            """The questions to ask, in the order to ask them."""
            self.sources = sources
            """Why each question is on offer, by question id."""
            self.beyond_limit = beyond_limit
            """True when the questions go past the daily limit."""

    def __init__(
        self,
        catalog: Catalog,
        scheduler: PracticeScheduler,
        *,
        categories: Sequence[str] = (),
        drill: bool = False,
        finished_summary: str | None = None,
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.scheduler = scheduler
        self.categories = tuple(categories)
        self.drill = drill
        self.finished_summary = finished_summary
        """A sentence on the practice session just finished, or None."""
        self.overview = practice_overview(scheduler, catalog, self.categories)
        self.weak: list[WeakQuestion] = (
            drill_questions(
                scheduler.store, catalog, self.categories, scheduler.daily_limit
            )
            if drill
            else []
        )
        """In a drill, the questions to drill, weakest first."""

    # -- layout ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="practice-start", can_focus=False):
            yield Static(
                "Drill weak spots" if self.drill else "Practice",
                id="start-title",
            )
            yield Static(self._scope_text(), id="scope", markup=False)
            if self.finished_summary:
                yield Static(self.finished_summary, id="finished", markup=False)
            yield from self._compose_counts()
            if self.drill:
                yield from self._compose_drill()
            else:
                yield Static(self._plan_text(), id="plan", markup=False)
            with HorizontalGroup(id="start-actions"):
                yield from self._compose_buttons()
        yield Footer()

    def _scope_text(self) -> str:
        categories = ", ".join(self.categories) if self.categories else "all"
        return f"Categories: {categories} · daily limit {self.overview.daily_limit}"

    def _compose_counts(self) -> ComposeResult:
        overview = self.overview
        counts = (
            ("Due today", str(len(overview.due)), "due-count"),
            ("New available", str(len(overview.new)), "new-count"),
            (
                "Reviewed today",
                f"{overview.reviewed_today} of {overview.daily_limit}",
                "reviewed-count",
            ),
            ("Streak", plural(overview.streak_days, "day"), "streak"),
        )
        with VerticalScroll(id="counts", can_focus=False):
            for label, value, widget_id in counts:
                with HorizontalGroup(classes="count"):
                    yield Label(label, classes="count--label")
                    yield Label(value, id=widget_id, classes="count--value")

    def _compose_drill(self) -> ComposeResult:
        if not self.weak:
            where = " in these categories" if self.categories else ""
            yield Static(
                f"No weak spots yet: no stored answer{where} missed a rubric "
                "concept. Practise or take a mock interview first.",
                id="plan",
                markup=False,
            )
            return
        yield Static(
            f"The drill asks the {plural(len(self.weak), 'question')} whose "
            "concepts you miss most, weakest first:",
            id="plan",
            markup=False,
        )
        for weak in self.weak:
            yield Static(
                f"{weak.miss_rate:4.0%} of concepts missed over "
                f"{plural(weak.attempts, 'answer')}  {weak.question.prompt}",
                classes="weak-question",
                markup=False,
            )

    def _plan_text(self) -> str:
        overview = self.overview
        next_due = describe_next_due(self.scheduler, overview.next_due)
        if overview.planned:
            if overview.due:
                return describe_plan(overview)
            plan = describe_plan(overview)
            return f"Nothing is due for review today. {next_due} {plan}"
        if overview.limit_reached:
            limit = plural(overview.daily_limit, "question")
            text = f"You reached today's limit of {limit}."
            if overview.due:
                waiting = plural(len(overview.due), "more review")
                text += f" {waiting} wait for tomorrow."
            if overview.beyond_limit:
                text += (
                    f" Press n to practise {len(overview.beyond_limit)} more "
                    "anyway, or q to quit."
                )
            return text
        return f"Nothing is due today, and there are no new questions. {next_due}"

    def _compose_buttons(self) -> ComposeResult:
        if self.check_action("start_practice", ()):
            yield Button(self._start_label(), id="start", variant="primary")
        if self.check_action("practise_beyond_limit", ()):
            yield Button(
                f"Practise {len(self.overview.beyond_limit)} more",
                id="beyond-limit",
                variant="primary",
            )
        yield Button("Quit", id="quit")

    def _start_label(self) -> str:
        if self.drill:
            return "Start the drill"
        if self.overview.due:
            return "Start practice"
        return f"Learn {plural(len(self.overview.planned), 'new question')}"

    def on_mount(self) -> None:
        # The first button is the one to press; Quit when nothing is on offer.
        self.query(Button).first().focus()

    # -- actions ---------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start_practice":
            return bool(self.weak) if self.drill else bool(self.overview.planned)
        if action == "practise_beyond_limit":
            return (
                not self.drill
                and not self.overview.planned
                and bool(self.overview.beyond_limit)
            )
        return True

    def action_start_practice(self) -> None:
        """Start practising today's questions, or the drill."""
        if self.drill:
            questions = [weak.question for weak in self.weak]
            sources = {question.id: Source.DRILL for question in questions}
        else:
            questions = self.overview.planned
            sources = self._sources(questions)
        self.post_message(self.Started(questions, sources, beyond_limit=False))

    def action_practise_beyond_limit(self) -> None:
        """Practise one more day's limit of questions once today's is reached."""
        questions = self.overview.beyond_limit
        self.post_message(
            self.Started(questions, self._sources(questions), beyond_limit=True)
        )

    def _sources(self, questions: Sequence[Question]) -> dict[str, Source]:
        due = {question.id for question in self.overview.due}
        return {
            question.id: Source.REVIEW if question.id in due else Source.NEW
            for question in questions
        }

    @on(Button.Pressed, "#start")
    def _start_pressed(self) -> None:
        self.action_start_practice()

    @on(Button.Pressed, "#beyond-limit")
    def _beyond_limit_pressed(self) -> None:
        self.action_practise_beyond_limit()

    @on(Button.Pressed, "#quit")
    def _quit_pressed(self) -> None:
        self.app.exit()
