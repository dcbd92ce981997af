"""The list of stored screenings that ``interviewer review`` opens with."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label

from interviewer.catalog import Catalog
from interviewer.storage import Store
from interviewer.tui.screening.review import ReviewScreen


class ScreeningListScreen(Screen[None]):
    """Screen with one row per screening, newest first; Enter opens its review."""

    CSS_PATH = "screenings.tcss"
    AUTO_FOCUS = "#screenings"

    def __init__(self, store: Store, catalog: Catalog) -> None:
        super().__init__()
        self.store = store
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        with Vertical(id="screenings-main"):
            yield Label("Screenings", id="screenings-title")
            yield Label(
                "Enter opens the review of the highlighted screening.",
                id="screenings-help",
            )
            table: DataTable[str | int] = DataTable(
                id="screenings", cursor_type="row", zebra_stripes=True
            )
            table.add_columns(
                "Session", "Started (UTC)", "Candidate", "Status", "Auto",
                "Final", "Decision", "Plan",
            )  # fmt: skip
            yield table
        yield Footer()

    def on_mount(self) -> None:
        self._fill()

    def on_screen_resume(self) -> None:
        # The review may have changed a decision or an override.
        self._fill()

    def _fill(self) -> None:
        table = self.query_one("#screenings", DataTable)
        row = table.cursor_row
        table.clear()
        for session_id in self.store.screening_ids():
            record = self.store.load_screening(session_id)
            table.add_row(
                record.id,
                record.session.started_at[:16].replace("T", " "),
                record.candidate,
                record.session.status,
                record.automatic_total,
                record.final_total,
                record.decision or "",
                record.plan_title,
                key=str(record.id),
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    @on(DataTable.RowSelected, "#screenings")
    def _open_review(self, event: DataTable.RowSelected) -> None:
        assert event.row_key.value is not None
        session_id = int(event.row_key.value)
        self.app.push_screen(
            ReviewScreen(self.store, self.catalog, session_id, can_go_back=True)
        )
