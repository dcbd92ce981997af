"""The practice feedback screen: the score, the model answer and the self-rating."""

from __future__ import annotations

import time

from fsrs import Card, Rating
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, Vertical, VerticalGroup, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from interviewer.practice import suggested_rating
from interviewer.progress import WeakConcept
from interviewer.session import Attempt
from interviewer.storage import StorageError
from interviewer.timer import Clock
from interviewer.tui.practice.rating_bar import RatingBar, RatingOption
from interviewer.tui.practice.session import RATING_NAMES, PracticeSession
from interviewer.tui.practice.stopwatch import format_whole_seconds
from interviewer.tui.widgets.score_card import ScoreCard

WIDE_COLUMNS = 100
"""From this terminal width on, the model answer sits beside the score."""

RATING_GRACE_SECONDS = 0.5
"""Rating keys pressed sooner than this after the feedback appears are ignored.

A digit typed on just after ctrl+s would otherwise rate an answer that the
user has not seen the feedback on.
"""


def describe_target(time_used: float, target: float) -> str:
    """Return how the time spent compares with the target."""
    if time_used < target:
        return f"Within the {format_whole_seconds(target)} target."
    over = format_whole_seconds(time_used - target)
    return f"Over the {format_whole_seconds(target)} target by {over}."


class PracticeScoreCard(ScoreCard):
    """A score card with how the time spent compared with the target.

    Args:
        attempt: The scored answer.
        target: The question's target seconds, or None to leave it out.
    """

    def __init__(self, attempt: Attempt, target: float | None, *, id: str) -> None:
        super().__init__(attempt, id=id)
        self.target = target

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            yield widget
            if self.target is not None and widget.has_class("score-card--outcome"):
                yield Static(
                    describe_target(self.attempt.time_used, self.target),
                    id="target-result",
                    classes="score-card--target",
                )


class WeakSpotList(VerticalGroup):
    """In a drill, the concepts this question's answers missed before.

    Each is marked covered or missed by the answer just given.
    """

    def __init__(self, attempt: Attempt, weak_spots: list[WeakConcept]) -> None:
        super().__init__(id="weak-spots")
        self.attempt = attempt
        self.weak_spots = weak_spots

    def compose(self) -> ComposeResult:
        covered = {c.label for c in self.attempt.result.concepts if c.covered}
        hits = sum(spot.label in covered for spot in self.weak_spots)
        yield Static(
            f"Weak spots to aim for: {hits} of {len(self.weak_spots)} covered "
            "this time",
            classes="pane-heading",
        )
        for spot in self.weak_spots:
            was_covered = spot.label in covered
            mark = "✓ covered" if was_covered else "✗ missed again"
            yield Static(
                f"{mark}  {spot.label} (missed {spot.missed} of {spot.seen} before)",
                markup=False,
                classes=f"weak-spot {'-covered' if was_covered else '-missed'}",
            )


class PracticeFeedbackScreen(Screen[None]):
    """Screen showing the score of a practice answer and asking for a rating.

    The digit keys 1 to 4 rate the answer Again, Hard, Good or Easy. They are
    bound only here, where no text box has focus, so on the question screen
    they stay part of the answer. The rating suggested by the score is
    highlighted, and each rating shows when the question would next be due.
    """

    CSS_PATH = "feedback.tcss"
    AUTO_FOCUS = "#result-pane"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_COLUMNS, "-wide")]

    BINDINGS = [
        Binding(
            str(int(rating)),
            f"rate({int(rating)})",
            name,
            show=False,
            tooltip=f"Rate the answer {name} and go on.",
            id=f"rate-{name.lower()}",
        )
        for rating, name in RATING_NAMES.items()
    ]

    class Rated(Message):
        """Posted once the rating is stored.

        Handle it with ``on_practice_feedback_screen_rated``.
        """

        def __init__(self, rating: Rating, card: Card) -> None:
            super().__init__()
            self.rating = rating
            self.card = card
            """The rescheduled card; ``card.due`` is when it is next due."""

    def __init__(
        self,
        session: PracticeSession,
        attempt: Attempt,
        *,
        clock: Clock = time.monotonic,
        show_target: bool = True,
    ) -> None:
        super().__init__()
        self.session = session
        self.attempt = attempt
        self.clock = clock
        self.show_target = show_target
        self.suggested = suggested_rating(attempt.score)
        self._shown_at = clock()
        self._rated = False

    def compose(self) -> ComposeResult:
        session, question = self.session, self.attempt.question
        with Vertical(id="feedback-main"):
            with HorizontalGroup(id="feedback-heading"):
                yield Label(
                    f"Feedback on question {session.position} of {session.total}",
                    id="feedback-number",
                )
                yield Label(
                    f"{session.sources[question.id]} · {question.category}",
                    id="feedback-category",
                    markup=False,
                )
            with VerticalScroll(id="feedback-body", can_focus=False):
                with VerticalScroll(id="result-pane"):
                    yield from self._compose_result()
                with VerticalScroll(id="model-pane"):
                    yield Static("Model answer", classes="pane-heading")
                    # Imported here: Markdown pulls in markdown-it and pygments,
                    # which would slow the app's first screen.
                    from textual.widgets import Markdown

                    yield Markdown(question.model_answer, id="model-answer")
            with VerticalGroup(id="rating-panel"):
                yield Static(self._rating_prompt(), id="rating-prompt")
                yield self._rating_bar()
        yield Footer()

    def _compose_result(self) -> ComposeResult:
        attempt = self.attempt
        question = attempt.question
        yield Static(question.prompt, id="feedback-prompt", markup=False)
        weak_spots = self.session.weak_spots.get(question.id)
        if weak_spots:
            yield WeakSpotList(attempt, weak_spots)
        target = question.time_limit if self.show_target else None
        yield PracticeScoreCard(attempt, target, id="score-card")
        yield Static("Your answer", classes="pane-heading")
        yield Static(
            attempt.answer if attempt.answer.strip() else "(no answer typed)",
            id="your-answer",
            markup=False,
        )

    def _rating_prompt(self) -> str:
        name = RATING_NAMES[self.suggested]
        return (
            f"How well did you know it? Press 1 to 4. The score "
            f"{self.attempt.score} suggests {int(self.suggested)} {name}."
        )

    def _rating_bar(self) -> RatingBar:
        scheduler = self.session.scheduler
        due_dates = {
            rating: scheduler.local_date(due)
            for rating, due in self.session.preview().items()
        }
        return RatingBar(due_dates, scheduler.today(), self.suggested, id="rating-bar")

    # -- rating ----------------------------------------------------------------

    def action_rate(self, value: int) -> None:
        """Rate the answer from 1 (Again) to 4 (Easy), store it and go on."""
        if self.clock() - self._shown_at < RATING_GRACE_SECONDS:
            return
        self._rate(Rating(value))

    @on(RatingOption.Selected)
    def _option_selected(self, message: RatingOption.Selected) -> None:
        self._rate(message.rating)

    def _rate(self, rating: Rating) -> None:
        # A repeated key must not rate the next question from this screen.
        if self._rated:
            return
        try:
            card = self.session.rate(rating)
        except StorageError as error:
            self.notify(
                f"{error} Press the rating key again to retry.",
                title="Saving the rating failed",
                severity="error",
                markup=False,
            )
            return
        self._rated = True
        self.post_message(self.Rated(rating, card))
