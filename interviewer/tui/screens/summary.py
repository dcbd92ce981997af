"""The summary screen: every attempt of the session and the overall score."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Static

from interviewer.scoring import band_for
from interviewer.session import Attempt, InterviewSession, Outcome
from interviewer.storage import StoredAttempt
from interviewer.timer import format_seconds

OUTCOME_WORDS = {
    Outcome.SUBMITTED: "submitted",
    Outcome.TIMED_OUT: "timed out",
    Outcome.SKIPPED: "skipped",
}

COLUMNS = ("#", "Question", "Score", "Band", "Outcome", "Time")
PROMPT_COLUMN = 1
MIN_PROMPT_CHARS = 20
"""The question column never gets narrower than this."""


def shorten(text: str, limit: int) -> str:
    """Return ``text`` cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def time_text(attempt: Attempt | StoredAttempt) -> str:
    """Return the time used as ``m:ss of m:ss``, or ``m:ss`` when untimed."""
    used = format_seconds(attempt.time_used)
    if attempt.time_allowed is None:
        return used
    return f"{used} of {format_seconds(attempt.time_allowed)}"


def prompt_width(rows: Sequence[Sequence[str]], screen_width: int) -> int:
    """Return the question column width that lets a table of ``COLUMNS`` fit."""
    others = sum(
        max(len(label), *(len(row[index]) for row in rows))
        for index, label in enumerate(COLUMNS)
        if index != PROMPT_COLUMN
    )
    # Each column has one cell of padding either side; the screen's own
    # padding and the scroll bar take another six.
    spare = screen_width - others - 2 * len(COLUMNS) - 6
    return max(MIN_PROMPT_CHARS, spare)


class SummaryScreen(Screen[None]):
    """Screen listing each question with its score, band, outcome and time used."""

    CSS_PATH = "summary.tcss"
    AUTO_FOCUS = "#attempts"

    BINDINGS = [
        Binding(
            "ctrl+r",
            "start_again",
            "Start again",
            tooltip="Go back to the start screen for a new interview.",
            id="start-again",
        ),
    ]

    class RestartRequested(Message):
        """Posted when the candidate asks for a new interview.

        Handle it with ``on_summary_screen_restart_requested``.
        """

    def __init__(self, session: InterviewSession, *, saved_note: str = "") -> None:
        super().__init__()
        self.session = session
        self.saved_note = saved_note
        """Where the session was saved, or why it was not; empty shows nothing."""

    def compose(self) -> ComposeResult:
        session = self.session
        overall = session.overall_score
        with VerticalScroll(id="summary-main", can_focus=False):
            yield Static("Interview summary", id="summary-title")
            yield Static(
                f"Overall score {overall}/100 · {band_for(overall)} "
                f"over {session.total} questions",
                id="overall-score",
            )
            yield DataTable(id="attempts", cursor_type="row", zebra_stripes=True)
            if self.saved_note:
                yield Static(self.saved_note, id="saved-note", markup=False)
            with HorizontalGroup(id="summary-actions"):
                yield Button("Start again", id="start-again", variant="primary")
                yield Button("Quit", id="quit")
        yield Footer()

    def on_mount(self) -> None:
        rows = [
            (
                str(number),
                attempt.question.prompt,
                str(attempt.score),
                band_for(attempt.score),
                OUTCOME_WORDS[attempt.outcome],
                time_text(attempt),
            )
            for number, attempt in enumerate(self.session.attempts, start=1)
        ]
        width = prompt_width(rows, self.app.size.width)
        table = self.query_one("#attempts", DataTable)
        for label in COLUMNS:
            table.add_column(label, key=label.lower())
        for row, attempt in zip(rows, self.session.attempts, strict=True):
            number, prompt, *rest = row
            # Text, not str: DataTable parses plain strings as markup.
            cells = (number, Text(shorten(prompt, width)), *rest)
            table.add_row(*cells, key=attempt.question.id)

    def action_start_again(self) -> None:
        """Leave the summary for the start screen and a new session."""
        self.post_message(self.RestartRequested())

    @on(Button.Pressed, "#start-again")
    def _start_again_pressed(self) -> None:
        self.action_start_again()

    @on(Button.Pressed, "#quit")
    def _quit_pressed(self) -> None:
        self.app.exit()
