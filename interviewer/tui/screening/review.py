"""The review screen: every answer of a screening beside its rubric result.

Only the interviewer sees it: the screening app opens it after the PIN, and
``interviewer review`` opens it from the command line.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from interviewer.bank import Question
from interviewer.catalog import Catalog
from interviewer.errors import InterviewerError
from interviewer.screening_report import describe_total
from interviewer.session import Attempt, Outcome
from interviewer.storage import StorageError, Store, StoredAttempt, StoredScreening
from interviewer.timer import format_seconds
from interviewer.tui.screening.review_modals import (
    DecisionChoice,
    DecisionModal,
    OverrideChoice,
    OverrideModal,
)
from interviewer.tui.widgets.score_card import ScoreCard, quote

PASTE_EXCERPT_CHARS = 60


def format_started(stamp: str) -> str:
    """Return a stored ISO 8601 UTC time as ``2025-05-06 09:30 UTC``."""
    return f"{stamp[:16].replace('T', ' ')} UTC"


def _question(catalog: Catalog, question_id: str) -> Question | None:
    try:
        return catalog.get(question_id)
    except InterviewerError:
        return None


def _session_attempt(question: Question, attempt: StoredAttempt) -> Attempt:
    """Return a stored answer as the attempt type the score card draws."""
    return Attempt(
        question=question,
        answer=attempt.answer,
        result=attempt.result,
        outcome=Outcome(attempt.outcome),
        time_allowed=attempt.time_allowed,
        time_used=attempt.time_used,
    )


def _missing_question(question_id: str) -> Question:
    # The bank may have dropped a question since the screening; the stored
    # answer and score are still worth showing.
    return Question(
        id=question_id,
        category="",
        prompt=f"(question {question_id!r} is no longer in the bank)",
        model_answer="",
        time_limit=0,
        difficulty="",
        tags=(),
        path=Path(),
        line=0,
    )


class ReviewScreen(Screen[None]):
    """Screen listing a screening's questions, with the selected answer in full.

    The interviewer can override a question's score with a note and record
    the decision; both are saved at once.
    """

    CSS_PATH = "review.tcss"
    AUTO_FOCUS = "#question-list"

    BINDINGS = [
        Binding(
            "o",
            "override_score",
            "Override score",
            tooltip="Set this answer's final score by hand, with a note.",
            id="override-score",
        ),
        Binding(
            "d",
            "record_decision",
            "Decision",
            tooltip="Record advance, hold or reject, with a note.",
            id="record-decision",
        ),
        Binding(
            "escape",
            "go_back",
            "Back",
            tooltip="Back to the list of screenings.",
            id="go-back",
        ),
    ]

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        session_id: int,
        *,
        can_go_back: bool = False,
    ) -> None:
        super().__init__()
        self.store = store
        self.catalog = catalog
        self.can_go_back = can_go_back
        self.record: StoredScreening = store.load_screening(session_id)
        self.position = 1
        """1-based number of the question shown in full."""

    def compose(self) -> ComposeResult:
        record = self.record
        with Vertical(id="review-main"):
            yield Label(
                f"Review · {record.plan_title}", id="review-title", markup=False
            )
            yield Static(self._summary(), id="review-summary", markup=False)
            with Horizontal(id="review-body"):
                yield OptionList(*self._options(), id="question-list")
                yield VerticalScroll(id="answer-pane")
        yield Footer()

    async def on_mount(self) -> None:
        await self._show_answer()

    def _summary(self) -> str:
        record = self.record
        session = record.session
        decision = record.decision or "none yet (press d)"
        if record.decision and record.decision_note:
            decision += f": {record.decision_note}"
        return (
            f"{record.candidate} · session {record.id} · {session.status} · "
            f"started {format_started(session.started_at)}\n"
            f"Automatic total {record.automatic_total}/100 · "
            f"final total {describe_total(record)}\n"
            f"Decision: {decision}"
        )

    def _options(self) -> list[Option]:
        record = self.record
        options = []
        for position, question_id in enumerate(record.session.question_ids, 1):
            attempt = record.attempt_at(position)
            if attempt is None:
                scores = "not answered"
            else:
                scores = f"score {record.automatic_score(attempt)}"
                if position in record.overrides:
                    scores += f" → {record.final_score(attempt)}"
                if record.pastes_at(position):
                    scores += " · pasted"
            prompt = Content.assemble(f"{position}. {question_id}\n", (scores, "dim"))
            options.append(Option(prompt))
        return options

    # -- the answer pane -------------------------------------------------------

    async def _show_answer(self) -> None:
        pane = self.query_one("#answer-pane", VerticalScroll)
        await pane.remove_children()
        await pane.mount_all(self._answer_widgets())
        pane.scroll_home(animate=False)

    def _answer_widgets(self) -> list[Widget]:
        record, position = self.record, self.position
        question_id = record.session.question_ids[position - 1]
        question = _question(self.catalog, question_id)
        displayed = question or _missing_question(question_id)
        widgets: list[Widget] = [
            Static(f"{position}. {displayed.prompt}", id="review-prompt", markup=False)
        ]
        attempt = record.attempt_at(position)
        if attempt is None:
            widgets.append(
                Static(
                    "Not answered: the screening stopped before this question.",
                    classes="review-note",
                )
            )
        else:
            widgets += self._answered_widgets(displayed, attempt)
        if question is not None:
            widgets.append(Static("Model answer", classes="pane-heading"))
            # Imported here: Markdown pulls in markdown-it and pygments,
            # which would slow the app's first screen.
            from textual.widgets import Markdown

            widgets.append(Markdown(question.model_answer, id="model-answer"))
        return widgets

    def _answered_widgets(
        self, question: Question, attempt: StoredAttempt
    ) -> list[Widget]:
        record = self.record
        override = record.overrides.get(attempt.position)
        if override is None:
            final = "No override; press o to set the final score by hand."
        else:
            final = f"Final score {override.score}/100, set by hand: {override.note}"
        widgets: list[Widget] = [
            Static(final, id="review-override", markup=False),
            Static("Answer", classes="pane-heading"),
            Static(
                attempt.answer if attempt.answer.strip() else "(no answer typed)",
                id="review-answer",
                markup=False,
            ),
        ]
        pastes = record.pastes_at(attempt.position)
        if pastes:
            widgets.append(Static("Pasted text", classes="pane-heading"))
            for paste in pastes:
                widgets.append(
                    Static(
                        f"at {format_seconds(paste.seconds_in)}: "
                        f"{paste.describe_size()}: "
                        f"{quote(paste.text, PASTE_EXCERPT_CHARS)}",
                        classes="review-paste",
                        markup=False,
                    )
                )
        widgets.append(Static("Automatic score", classes="pane-heading"))
        widgets.append(ScoreCard(_session_attempt(question, attempt), id="score-card"))
        return widgets

    @on(OptionList.OptionHighlighted, "#question-list")
    async def _question_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        position = event.option_index + 1
        if position != self.position:
            self.position = position
            await self._show_answer()

    # -- changes ---------------------------------------------------------------

    async def _reload(self) -> None:
        """Read the screening again and redraw everything that shows it."""
        self.record = self.store.load_screening(self.record.id)
        self.query_one("#review-summary", Static).update(self._summary())
        options = self.query_one("#question-list", OptionList)
        highlighted = options.highlighted
        options.set_options(self._options())
        options.highlighted = highlighted
        await self._show_answer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "go_back":
            return self.can_go_back
        if action == "override_score" and self.record.attempt_at(self.position) is None:
            # Shown dimmed for a question the candidate never reached.
            return None
        return True

    def action_override_score(self) -> None:
        """Open the override dialog for the answer shown."""
        attempt = self.record.attempt_at(self.position)
        if attempt is None:
            return
        self.app.push_screen(
            OverrideModal(
                self.position,
                self.record.automatic_score(attempt),
                self.record.overrides.get(self.position),
            ),
            self._override_chosen,
        )

    async def _override_chosen(self, choice: OverrideChoice | None) -> None:
        if choice is None:
            return
        session_id = self.record.id
        try:
            if choice.score is None:
                self.store.clear_override(session_id, self.position)
            else:
                self.store.save_override(
                    session_id, self.position, choice.score, choice.note
                )
        except StorageError as error:
            self.notify(str(error), title="Override not saved", severity="error")
            return
        await self._reload()

    def action_record_decision(self) -> None:
        """Open the decision dialog."""
        self.app.push_screen(
            DecisionModal(self.record.decision, self.record.decision_note),
            self._decision_chosen,
        )

    async def _decision_chosen(self, choice: DecisionChoice | None) -> None:
        if choice is None:
            return
        try:
            self.store.save_decision(self.record.id, choice.decision, choice.note)
        except StorageError as error:
            self.notify(str(error), title="Decision not saved", severity="error")
            return
        await self._reload()

    def action_go_back(self) -> None:
        """Return to the list of screenings."""
        self.dismiss()
