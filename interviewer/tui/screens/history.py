"""The history screen: past sessions, and scores per category over time."""

from __future__ import annotations

import logging

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static, TabbedContent, TabPane

from interviewer.catalog import Catalog
from interviewer.scoring import band_for
from interviewer.storage import StorageError, Store, StoredSession
from interviewer.trends import CategoryTrend, category_trends, unknown_attempts
from interviewer.tui.formatting import STATUS_WORDS, local_time
from interviewer.tui.screens.session_review import SessionReviewScreen
from interviewer.tui.widgets.score_trend import ScoreTrend

logger = logging.getLogger(__name__)

SESSION_COLUMNS = ("#", "Started", "Mode", "Answered", "Score", "Status")

HIDDEN_MODES = frozenset({"screening"})
"""Sessions of these modes contain other people's answers, so they are not listed."""


def session_row(session: StoredSession) -> tuple[str, ...]:
    """Return the cells of one session in the sessions table."""
    answered = f"{len(session.attempts)}/{len(session.question_ids)}"
    return (
        str(session.id),
        local_time(session.started_at),
        session.mode,
        answered,
        str(session.overall_score),
        STATUS_WORDS.get(session.status, session.status),
    )


def describe_trend(trend: CategoryTrend) -> str:
    count = len(trend.scores)
    noun = "answer" if count == 1 else "answers"
    return f"{count} {noun} · latest {trend.latest} · mean {trend.mean}"


class HistoryScreen(Screen[None]):
    """Screen listing past sessions, with a tab of scores per category.

    Enter on a session opens it; Escape goes back to the start screen.

    Args:
        store: The database to read.
        catalog: The loaded bank, for prompts and categories.
    """

    CSS_PATH = "history.tcss"
    AUTO_FOCUS = "#sessions"

    BINDINGS = [
        Binding(
            "escape",
            "close",
            "Back",
            tooltip="Go back to the start screen.",
            id="close-history",
        ),
        Binding(
            "s",
            "show_tab('sessions-tab')",
            "Sessions",
            tooltip="List past sessions.",
            id="show-sessions",
        ),
        Binding(
            "c",
            "show_tab('categories-tab')",
            "By category",
            tooltip="Show the scores of each category over time.",
            id="show-categories",
        ),
    ]

    def __init__(self, store: Store, catalog: Catalog) -> None:
        super().__init__()
        self.store = store
        self.catalog = catalog
        self.sessions: list[StoredSession] = []
        """Past sessions, newest first."""
        self.load_error: str | None = None

    def _load(self) -> None:
        try:
            sessions = [self.store.load_session(i) for i in self.store.session_ids()]
        except StorageError as error:
            logger.error("reading the history failed: %s", error)
            self.load_error = str(error)
            return
        self.sessions = [s for s in sessions if s.mode not in HIDDEN_MODES]

    def compose(self) -> ComposeResult:
        self._load()
        with Vertical(id="history-main"):
            yield Static("History", id="history-title")
            if self.load_error is not None:
                yield Static(
                    f"The history cannot be read: {self.load_error}",
                    id="history-error",
                    markup=False,
                )
            with TabbedContent(id="history-tabs"):
                with TabPane("Sessions", id="sessions-tab"):
                    yield from self._compose_sessions()
                with TabPane("By category", id="categories-tab"):
                    yield from self._compose_trends()
        yield Footer()

    def _compose_sessions(self) -> ComposeResult:
        if not self.sessions:
            yield Static(
                "No sessions yet. Sessions appear here once you start one.",
                classes="history-empty",
            )
            return
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static(
            "Enter opens a session and shows the feedback on each answer.",
            classes="history-hint",
        )

    def _compose_trends(self) -> ComposeResult:
        trends = category_trends(self.sessions, self.catalog)
        with VerticalScroll(id="trends"):
            if trends:
                yield Static(
                    "One bar per answer, oldest on the left, most recent that "
                    "fit. A skipped question counts as 0.",
                    classes="history-hint",
                )
            else:
                yield Static(
                    "No scores yet. Each answer adds a bar to its category.",
                    classes="history-empty",
                )
            for trend in trends:
                with HorizontalGroup(classes="trend"):
                    yield Label(trend.category, classes="trend--category", markup=False)
                    yield Label(describe_trend(trend), classes="trend--stats")
                    yield ScoreTrend(trend.scores, classes="trend--bars")
            unknown = unknown_attempts(self.sessions, self.catalog)
            if unknown:
                noun = "answer is" if unknown == 1 else "answers are"
                yield Static(
                    f"{unknown} {noun} left out because their questions are "
                    "not in the loaded bank.",
                    classes="history-hint",
                )

    def on_mount(self) -> None:
        if not self.sessions:
            return
        table = self.query_one("#sessions", DataTable)
        for label in SESSION_COLUMNS:
            table.add_column(label, key=label.lower())
        for session in self.sessions:
            *cells, score, status = session_row(session)
            band = band_for(session.overall_score)
            # Text, not str: DataTable parses plain strings as markup.
            table.add_row(
                *(Text(cell) for cell in cells),
                Text(f"{score} {band}"),
                Text(status),
                key=str(session.id),
            )

    @on(DataTable.RowSelected, "#sessions")
    def _session_selected(self, event: DataTable.RowSelected) -> None:
        session_id = int(str(event.row_key.value))
        session = next(s for s in self.sessions if s.id == session_id)
        self.app.push_screen(SessionReviewScreen(session, self.catalog))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show_tab":
            # Only the key of the other tab is shown.
            tabs = self.query(TabbedContent)
            return not tabs or tabs.first().active not in parameters
        return True

    def action_show_tab(self, tab: str) -> None:
        """Switch to the sessions or the categories tab."""
        self.query_one(TabbedContent).active = tab
        target = "#sessions" if tab == "sessions-tab" else "#trends"
        for widget in self.query(target):
            widget.focus()

    @on(TabbedContent.TabActivated)
    def _tab_activated(self) -> None:
        self.refresh_bindings()

    def action_close(self) -> None:
        """Go back to the start screen."""
        self.dismiss()
