"""The dialog that offers to resume an unfinished interview."""

from __future__ import annotations

from enum import StrEnum

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalGroup
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from interviewer.recording import ResumePoint
from interviewer.scoring.normalize import count_words, format_word_count
from interviewer.storage import StoredSession
from interviewer.timer import format_seconds
from interviewer.tui.formatting import local_time


class ResumeChoice(StrEnum):
    RESUME = "resume"
    DISCARD = "discard"
    """Mark the session abandoned; its answers stay in the history."""
    LATER = "later"
    """Leave the session unfinished, so the next start offers it again."""


def describe_progress(point: ResumePoint) -> str:
    """Return how far the session got and what resuming carries on with."""
    session = point.session
    answered = len(session.attempts)
    done = f"{answered} of {session.total} questions answered"
    if session.finished:
        return f"{done}; resuming shows the summary."
    left = format_seconds(point.time_left)
    number = session.position
    if point.draft.text.strip():
        words = format_word_count(count_words(point.draft.text))
        return (
            f"{done}. Question {number} has {words} typed and {left} left on its clock."
        )
    return f"{done}. Question {number} has {left} left on its clock."


class ResumeModal(ModalScreen[ResumeChoice]):
    """Dialog offering to resume, discard or keep an unfinished interview.

    "Resume" has focus first. When the session cannot be rebuilt, the dialog
    shows why, "Resume" is disabled and "Later" has focus instead.

    Args:
        stored: The unfinished session.
        point: The session rebuilt, or None when it cannot be.
        problem: Why it cannot be rebuilt, when ``point`` is None.
    """

    CSS_PATH = "resume.tcss"

    BINDINGS = [
        Binding("escape", "decide_later", "Decide later", id="decide-later"),
        Binding("left,right", "switch_button", show=False),
    ]

    def __init__(
        self,
        stored: StoredSession,
        point: ResumePoint | None,
        problem: str | None = None,
    ) -> None:
        super().__init__()
        self.stored = stored
        self.point = point
        self.problem = problem

    def compose(self) -> ComposeResult:
        with VerticalGroup(id="dialog"):
            yield Label("Resume your unfinished interview?", id="dialog-title")
            started = local_time(self.stored.started_at)
            yield Static(f"Started {started}.", id="resume-started", markup=False)
            if self.point is not None:
                yield Static(
                    describe_progress(self.point), id="resume-progress", markup=False
                )
            else:
                yield Static(
                    f"It cannot be resumed: {self.problem}",
                    id="resume-problem",
                    markup=False,
                )
            yield Static(
                "Discard keeps its answers in the history. Later asks again next time.",
                id="resume-hint",
            )
            with HorizontalGroup(id="dialog-buttons"):
                yield Button(
                    "Resume",
                    id="resume",
                    variant="primary",
                    disabled=self.point is None,
                )
                yield Button("Discard", id="discard", variant="error")
                yield Button("Later", id="later")

    def on_mount(self) -> None:
        # A disabled Resume button cannot take focus, so Later gets it.
        self.query_one("#resume" if self.point is not None else "#later").focus()

    def action_decide_later(self) -> None:
        """Close the dialog and leave the session for next time."""
        self.dismiss(ResumeChoice.LATER)

    def action_switch_button(self) -> None:
        """Move focus to the next enabled button."""
        self.focus_next(Button)

    @on(Button.Pressed, "#resume")
    def _resume_pressed(self) -> None:
        self.dismiss(ResumeChoice.RESUME)

    @on(Button.Pressed, "#discard")
    def _discard_pressed(self) -> None:
        self.dismiss(ResumeChoice.DISCARD)

    @on(Button.Pressed, "#later")
    def _later_pressed(self) -> None:
        self.dismiss(ResumeChoice.LATER)
