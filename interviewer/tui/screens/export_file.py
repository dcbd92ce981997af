"""The dialog that writes the interview so far to a Markdown file."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalGroup
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static


def default_export_path(now: datetime | None = None) -> Path:
    """Return a new file name in the home folder, stamped with the local time."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return Path.home() / f"interviewer-{stamp}.md"


class ExportFailed(Exception):
    """Raised with a message for the candidate when a report cannot be written."""


def write_new_file(path: Path, text: str) -> None:
    """Write ``text`` to a file that must not exist yet.

    A file that fails halfway, such as on a full disk, is removed, so the
    name can be tried again.

    Raises:
        ExportFailed: the path exists, its folder does not, or writing failed.
    """
    if path.is_dir():
        message = f"{path} is a folder; add a file name, such as interview.md."
        raise ExportFailed(message)
    if not path.parent.is_dir():
        message = f"The folder {path.parent} does not exist; type another path."
        raise ExportFailed(message)
    try:
        handle = path.open("x", encoding="utf-8")
    except FileExistsError:
        message = f"{path} already exists; type another file name."
        raise ExportFailed(message) from None
    except OSError as error:
        message = (
            f"Cannot write {path}: {error.strerror}; type a path in a writable "
            "folder, such as a USB drive or /tmp."
        )
        raise ExportFailed(message) from None
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        path.unlink(missing_ok=True)
        message = (
            f"Cannot write {path}: {error.strerror}; type a path on another "
            "disk, such as a USB drive or /tmp."
        )
        raise ExportFailed(message) from None


class ExportModal(ModalScreen[Path | None]):
    """Dialog asking where to write a report; it returns the path, or None.

    A path that cannot be written keeps the dialog open with the reason, so
    the candidate can type another one.

    Args:
        text: The report to write.
        default_path: The path shown at first.
        detail: What the report contains, shown under the title.
    """

    CSS_PATH = "export_file.tcss"
    AUTO_FOCUS = "#export-path"

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel-export"),
    ]

    def __init__(self, text: str, default_path: Path, *, detail: str) -> None:
        super().__init__()
        self.text = text
        self.default_path = default_path
        self.detail = detail

    def compose(self) -> ComposeResult:
        with VerticalGroup(id="dialog"):
            yield Label("Export this interview", id="dialog-title")
            yield Static(self.detail, id="export-detail", markup=False)
            yield Label("File", classes="field-label")
            yield Input(str(self.default_path), id="export-path")
            yield Static("", id="export-message", markup=False)
            with HorizontalGroup(id="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def action_cancel(self) -> None:
        """Close the dialog without writing anything."""
        self.dismiss(None)

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        typed = self.query_one("#export-path", Input).value.strip()
        message = self.query_one("#export-message", Static)
        if not typed:
            message.update("Type the path of the file to write.")
            return
        path = Path(typed).expanduser()
        try:
            write_new_file(path, self.text)
        except ExportFailed as error:
            message.update(str(error))
            return
        self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)
