"""The review of one past session: its answers, each opening its feedback."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from interviewer.catalog import Catalog
from interviewer.export import counted_score
from interviewer.recording import ResumeError, attempt_from_stored
from interviewer.scoring import band_for
from interviewer.session import Attempt, Outcome
from interviewer.storage import StoredAttempt, StoredSession
from interviewer.tui.formatting import STATUS_WORDS, local_time
from interviewer.tui.screens.feedback import FeedbackScreen
from interviewer.tui.screens.summary import (
    COLUMNS,
    OUTCOME_WORDS,
    prompt_width,
    shorten,
    time_text,
)


class SessionReviewScreen(Screen[None]):
    """Screen listing the answers of a past session, read-only.

    Enter on an answer shows its feedback again. Answers to questions that
    the loaded bank no longer has are listed by question id, without
    feedback.

    Args:
        stored: The session to show.
        catalog: The loaded bank, for prompts and model answers.
    """

    CSS_PATH = "session_review.tcss"
    AUTO_FOCUS = "#review-attempts"

    BINDINGS = [
        Binding(
            "escape",
            "close",
            "Back",
            tooltip="Go back to the list of sessions.",
            id="close-review",
        ),
    ]

    def __init__(self, stored: StoredSession, catalog: Catalog) -> None:
        super().__init__()
        self.stored = stored
        self.catalog = catalog
        self.attempts: dict[int, Attempt] = {}
        """Rebuilt attempts by position; missing where feedback cannot be shown."""
        self.problems: dict[int, str] = {}
        """Why an attempt's feedback cannot be shown, by position."""
        known = {question.id: question for question in catalog.questions}
        for row in stored.attempts:
            question = known.get(row.question_id)
            if question is None:
                self.problems[row.position] = (
                    f"Question {row.question_id!r} is not in the loaded bank; "
                    "start interviewer with the --bank that has it to see "
                    "this feedback."
                )
                continue
            try:
                self.attempts[row.position] = attempt_from_stored(row, question)
            except ResumeError as error:
                self.problems[row.position] = f"No feedback to show: {error}."

    def compose(self) -> ComposeResult:
        stored = self.stored
        overall = stored.overall_score
        status = STATUS_WORDS.get(stored.status, stored.status)
        answered = len(stored.attempts)
        with VerticalScroll(id="review-main", can_focus=False):
            yield Static(
                f"Session {stored.id} · {stored.mode} · {status}", id="review-title"
            )
            yield Static(
                f"Started {local_time(stored.started_at)}", id="review-started"
            )
            yield Static(
                f"Overall score {overall}/100 · {band_for(overall)} · "
                f"{answered} of {len(stored.question_ids)} questions answered",
                id="review-score",
            )
            if stored.attempts:
                yield DataTable(
                    id="review-attempts", cursor_type="row", zebra_stripes=True
                )
                yield Static(
                    "Enter shows the feedback on an answer.", classes="review-hint"
                )
            else:
                yield Static(
                    "No answer was recorded in this session.", classes="review-hint"
                )
        yield Footer()

    def _row(self, row: StoredAttempt) -> tuple[str, ...]:
        attempt = self.attempts.get(row.position)
        prompt = attempt.question.prompt if attempt else f"({row.question_id})"
        score, band = counted_score(row)
        try:
            outcome = OUTCOME_WORDS[Outcome(row.outcome)]
        except ValueError:
            outcome = row.outcome
        return (str(row.position), prompt, str(score), band, outcome, time_text(row))

    def on_mount(self) -> None:
        if not self.stored.attempts:
            return
        rows = [self._row(row) for row in self.stored.attempts]
        width = prompt_width(rows, self.app.size.width)
        table = self.query_one("#review-attempts", DataTable)
        for label in COLUMNS:
            table.add_column(label, key=label.lower())
        for row, stored in zip(rows, self.stored.attempts, strict=True):
            number, prompt, *rest = row
            # Text, not str: DataTable parses plain strings as markup.
            cells = (number, Text(shorten(prompt, width)), *map(Text, rest))
            table.add_row(*cells, key=str(stored.position))

    @on(DataTable.RowSelected, "#review-attempts")
    def _attempt_selected(self, event: DataTable.RowSelected) -> None:
        position = int(str(event.row_key.value))
        attempt = self.attempts.get(position)
        if attempt is None:
            self.notify(
                self.problems[position],
                title="No feedback",
                severity="warning",
                markup=False,
            )
            return
        self.app.push_screen(
            FeedbackScreen(
                attempt,
                number=position,
                total=len(self.stored.question_ids),
                last=True,
                review=True,
            )
        )

    def action_close(self) -> None:
        """Go back to the list of sessions."""
        self.dismiss()
