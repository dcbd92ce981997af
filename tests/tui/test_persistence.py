"""Pilot tests of saving: attempts, autosaved drafts, resuming and save faults."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from store_helpers import query, record_notices, save_session
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Input, Label, Static
from tui_helpers import (
    GOOD_ANSWERS,
    FakeClock,
    let_time_pass,
    paste_text,
    start_interview,
    type_text,
)

from interviewer.recording import DraftAnswer
from interviewer.session import Outcome
from interviewer.storage import Store, rubric_fingerprint
from interviewer.tui.app import InterviewerApp
from interviewer.tui.screens.confirm_quit import (
    SAVED_DETAIL,
    UNSAVED_DETAIL,
    ConfirmQuitModal,
)
from interviewer.tui.screens.export_file import ExportModal
from interviewer.tui.screens.feedback import FeedbackScreen
from interviewer.tui.screens.question import QuestionScreen
from interviewer.tui.screens.resume import ResumeModal
from interviewer.tui.screens.start import StartChoices, StartScreen
from interviewer.tui.screens.summary import SummaryScreen
from interviewer.tui.widgets.answer_editor import AnswerEditor
from interviewer.tui.widgets.countdown import Countdown

AppFactory = Callable[..., InterviewerApp]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "data" / "interviewer.sqlite3") as opened:
        yield opened


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of its own, where exports go by default."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def text_of(widget: object) -> str:
    assert isinstance(widget, Static)
    return str(widget.content)


def question_screen(app: InterviewerApp) -> QuestionScreen:
    screen = app.screen
    assert isinstance(screen, QuestionScreen)
    return screen


def drafts(store: Store) -> list[tuple[int, str, str, float]]:
    return query(
        store.path, "SELECT position, question_id, text, time_used FROM drafts"
    )


def make_read_only(store: Store) -> None:
    # A query-only connection rejects writes as a read-only or full disk
    # does, and it works even when the tests run as root.
    store._connection.execute("PRAGMA query_only = ON")


def make_writable(store: Store) -> None:
    store._connection.execute("PRAGMA query_only = OFF")


async def test_submit_saved_before_feedback(
    make_app: AppFactory, store: Store, clock: FakeClock
) -> None:
    rows_when_recorded: list[list[tuple[object, ...]]] = []

    def watch(message: Message) -> None:
        if isinstance(message, QuestionScreen.AnswerRecorded):
            rows_when_recorded.append(
                query(store.path, "SELECT position, answer FROM attempts")
            )

    app = make_app(store=store)
    async with app.run_test(size=(80, 24), message_hook=watch) as pilot:
        await start_interview(pilot)
        answer = GOOD_ANSWERS["sample-cold-starts"]
        await paste_text(pilot, answer)
        await let_time_pass(pilot, clock, 42)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, FeedbackScreen)

    # The hook receives the message at the screen and again at the app.
    assert rows_when_recorded
    assert all(rows == [(1, answer)] for rows in rows_when_recorded)
    rows = query(
        store.path,
        "SELECT session_id, question_id, outcome, time_allowed, time_used, "
        "rubric_fingerprint, score FROM attempts",
    )
    assert len(rows) == 1
    session_id, question_id, outcome, allowed, used, fingerprint, score = rows[0]
    assert question_id == "sample-cold-starts"
    assert outcome == "submitted"
    assert allowed == 90
    assert used == pytest.approx(42)
    rubric = app.catalog.rubric("sample-cold-starts")
    assert fingerprint == rubric_fingerprint(rubric)
    assert app.session is not None
    assert score == app.session.attempts[0].score
    sessions = query(store.path, "SELECT id, mode, status, question_ids FROM sessions")
    assert sessions == [
        (session_id, "mock", "active", '["sample-cold-starts", "sample-layers"]')
    ]


async def test_quit_after_submit_keeps_attempt(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        await paste_text(pilot, "cold start")
        await pilot.press("ctrl+s")
        await pilot.press("ctrl+q", "ctrl+q")
        await pilot.pause()
        assert not app.is_running

    assert query(store.path, "SELECT position, answer FROM attempts") == [
        (1, "cold start")
    ]
    assert query(store.path, "SELECT status FROM sessions") == [("active",)]


async def test_finished_session_is_marked(make_app: AppFactory, store: Store) -> None:
    app = make_app(store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.press("ctrl+n", "ctrl+n")
        assert isinstance(app.screen, SummaryScreen)
        note = text_of(app.screen.query_one("#saved-note"))
        assert note == "Saved as session 1. F2 on the start screen shows it again."

    assert query(store.path, "SELECT status FROM sessions") == [("finished",)]
    assert query(store.path, "SELECT outcome FROM attempts") == [
        ("skipped",),
        ("skipped",),
    ]


async def test_settings_saved_with_session(make_app: AppFactory, store: Store) -> None:
    app = make_app(store=store, count=1, time_limit=45, tags=["lambda"])
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)

    stored = store.load_session(store.session_ids()[0])
    assert stored.settings == {
        "categories": ["Sample Serverless"],
        "count": 1,
        "time_limit": 45,
        "tags": ["lambda"],
        "difficulties": [],
        "seed": 0,
    }
    assert StartChoices.from_settings(stored.settings) == app.choices


async def test_autosave_after_typing(
    make_app: AppFactory, store: Store, clock: FakeClock
) -> None:
    app = make_app(store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        screen = question_screen(app)
        await type_text(pilot, "cold start")
        await let_time_pass(pilot, clock, 12)
        # The interval timer calls this about every second.
        screen.autosave_draft()
        assert drafts(store) == [(1, "sample-cold-starts", "cold start", 12.0)]

        # Unchanged text is not written again until the clock moves 10 s.
        clock.advance(5)
        screen.autosave_draft()
        assert drafts(store)[0][3] == 12.0
        clock.advance(5)
        screen.autosave_draft()
        assert drafts(store)[0][3] == 22.0

        await type_text(pilot, "s happen")
        screen.autosave_draft()
        assert drafts(store)[0][2:] == ("cold starts happen", 22.0)

        await pilot.press("ctrl+s")
        assert drafts(store) == []


async def test_quit_dialog_saves_draft(
    make_app: AppFactory, store: Store, clock: FakeClock
) -> None:
    app = make_app(store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        await type_text(pilot, "half an answer")
        await let_time_pass(pilot, clock, 7)
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmQuitModal)
        detail = app.screen.query_one("#dialog-detail", Label)
        assert str(detail.content) == SAVED_DETAIL
        assert drafts(store) == [(1, "sample-cold-starts", "half an answer", 7.0)]


async def test_resume_restores_draft_and_time(
    make_app: AppFactory, store: Store, clock: FakeClock
) -> None:
    first = make_app(store=store)
    async with first.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        await paste_text(pilot, GOOD_ANSWERS["sample-cold-starts"])
        await let_time_pass(pilot, clock, 20)
        await pilot.press("ctrl+s", "ctrl+n")
        await type_text(pilot, "Layers hold shared")
        await let_time_pass(pilot, clock, 30)
        await pilot.press("ctrl+q", "ctrl+q")
        await pilot.pause()
        assert not first.is_running

    app = make_app(store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeModal)
        progress = text_of(app.screen.query_one("#resume-progress"))
        assert progress == (
            "1 of 2 questions answered. Question 2 has 3 words typed "
            "and 1:30 left on its clock."
        )
        await pilot.press("enter")

        screen = question_screen(app)
        assert text_of(screen.query_one("#question-number")) == "Question 2 of 2"
        assert screen.query_one(AnswerEditor).text == "Layers hold shared"
        countdown = screen.query_one(Countdown)
        assert countdown.remaining == pytest.approx(90)
        time_label = countdown.query_one(".countdown--time", Label)
        assert str(time_label.content) == "1:30"
        assert app.session is not None
        earlier = app.session.attempts[0]
        assert earlier.answer == GOOD_ANSWERS["sample-cold-starts"]
        assert earlier.time_used == pytest.approx(20)

        await type_text(pilot, " libraries")
        await let_time_pass(pilot, clock, 10)
        assert str(time_label.content) == "1:20"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, FeedbackScreen)
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, SummaryScreen)

    rows = query(store.path, "SELECT position, answer, time_used FROM attempts")
    assert rows[1] == (2, "Layers hold shared libraries", pytest.approx(40))
    assert query(store.path, "SELECT id, status FROM sessions") == [(1, "finished")]


async def test_resume_of_answered_session_shows_summary(
    make_app: AppFactory, store: Store, sample_catalog
) -> None:
    session_id = save_session(
        store, sample_catalog, [("cold start", Outcome.SUBMITTED)]
    )
    # As after a crash between the last answer and marking the session done.
    store._connection.execute(
        "UPDATE sessions SET question_ids = ? WHERE id = ?",
        ('["sample-cold-starts"]', session_id),
    )
    app = make_app(store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        progress = text_of(app.screen.query_one("#resume-progress"))
        assert progress == "1 of 1 questions answered; resuming shows the summary."
        await pilot.press("enter")
        assert isinstance(app.screen, SummaryScreen)

    assert query(store.path, "SELECT status FROM sessions") == [("finished",)]


async def test_discard_then_later(
    make_app: AppFactory, store: Store, sample_catalog
) -> None:
    older = save_session(store, sample_catalog, [("cold start", Outcome.SUBMITTED)])
    newer = save_session(store, sample_catalog, draft=DraftAnswer("cold", 5.0))
    app = make_app(store=store)
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeModal)
        assert app.screen.stored.id == newer
        await pilot.click("#discard")
        await pilot.pause()

        # The next unfinished session is offered in turn.
        assert isinstance(app.screen, ResumeModal)
        assert app.screen.stored.id == older
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)

    statuses = dict(query(store.path, "SELECT id, status FROM sessions"))
    assert statuses == {older: "active", newer: "abandoned"}
    assert [n.title for n in notices] == ["Discarded"]
    # Discarding keeps the answers for the history.
    assert query(store.path, "SELECT text FROM drafts") == [("cold",)]


async def test_unresumable_session_explains(make_app: AppFactory, store: Store) -> None:
    store.start_session("mock", {}, ["sample-layers", "gone-id"])
    app = make_app(store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ResumeModal)
        problem = text_of(screen.query_one("#resume-problem"))
        assert "'gone-id'" in problem
        assert "--bank" in problem
        assert screen.query_one("#resume").disabled
        assert screen.focused is screen.query_one("#later")
        await pilot.press("enter")
        assert isinstance(app.screen, StartScreen)

    assert query(store.path, "SELECT status FROM sessions") == [("active",)]


async def test_failed_save_keeps_answer(
    make_app: AppFactory, store: Store, home: Path
) -> None:
    answer = GOOD_ANSWERS["sample-cold-starts"]
    app = make_app(store=store)
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        make_read_only(store)
        await paste_text(pilot, answer)
        await pilot.press("ctrl+s")

        screen = question_screen(app)
        editor = screen.query_one(AnswerEditor)
        assert editor.text == answer
        status = screen.query_one("#scoring-status", Label)
        assert str(status.content) == "Not saved: ctrl+s retries, ctrl+n goes on"
        errors = [n for n in notices if n.severity == "error"]
        assert [n.title for n in errors] == ["Answer not saved"]
        assert "readonly" in errors[0].message
        assert "ctrl+e exports the answer" in errors[0].message

        await pilot.press("ctrl+e")
        assert isinstance(app.screen, ExportModal)
        field = app.screen.query_one("#export-path", Input)
        exported = Path(field.value)
        assert exported.parent == home
        assert exported.name.startswith("interviewer-")
        await pilot.press("enter")
        assert app.screen is screen
        report = exported.read_text(encoding="utf-8")
        assert "## 1. What is a Lambda cold start" in report
        assert f"> {answer}" in report
        assert notices[-1].message == f"Exported to {exported}"

        # The save is retried once the database can be written again.
        make_writable(store)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, FeedbackScreen)

    assert query(store.path, "SELECT answer FROM attempts") == [(answer,)]


async def test_go_on_unsaved_saves_later(make_app: AppFactory, store: Store) -> None:
    app = make_app(store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        make_read_only(store)
        await paste_text(pilot, "first answer")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, FeedbackScreen)
        await pilot.press("ctrl+n")

        make_writable(store)
        await paste_text(pilot, "second answer")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, FeedbackScreen)

    rows = query(store.path, "SELECT position, answer FROM attempts")
    assert rows == [(1, "first answer"), (2, "second answer")]


async def test_export_rejects_existing_file(
    make_app: AppFactory, store: Store, tmp_path: Path
) -> None:
    existing = tmp_path / "kept.md"
    existing.write_text("earlier export", encoding="utf-8")
    app = make_app(store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        await type_text(pilot, "draft text")
        await pilot.press("ctrl+e")
        assert isinstance(app.screen, ExportModal)
        field = app.screen.query_one("#export-path", Input)
        field.value = str(existing)
        await pilot.press("enter")

        assert isinstance(app.screen, ExportModal)
        message = text_of(app.screen.query_one("#export-message"))
        assert message == f"{existing} already exists; type another file name."
        assert existing.read_text(encoding="utf-8") == "earlier export"

        field.value = str(tmp_path / "missing" / "x.md")
        await pilot.press("enter")
        message = text_of(app.screen.query_one("#export-message"))
        assert message.startswith(f"The folder {tmp_path / 'missing'} does not exist")

        await pilot.press("escape")
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.query_one(AnswerEditor).text == "draft text"


async def test_autosave_failure_notifies_once(
    make_app: AppFactory, store: Store, clock: FakeClock
) -> None:
    app = make_app(store=store)
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        screen = question_screen(app)
        make_read_only(store)
        await type_text(pilot, "typed while the disk is full")
        screen.autosave_draft()
        await pilot.pause()
        status = screen.query_one("#scoring-status", Label)
        assert str(status.content) == "Autosave failed - ctrl+e exports your answer"
        assert [n.title for n in notices] == ["Autosave failed"]

        await let_time_pass(pilot, clock, 11)
        screen.autosave_draft()
        assert [n.title for n in notices] == ["Autosave failed"]
        assert screen.query_one(AnswerEditor).text == "typed while the disk is full"

        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmQuitModal)
        detail = app.screen.query_one("#dialog-detail", Label)
        assert str(detail.content) == UNSAVED_DETAIL
        await pilot.press("escape")

        make_writable(store)
        await let_time_pass(pilot, clock, 11)
        screen.autosave_draft()
        assert [n.title for n in notices] == ["Autosave failed", "Saving works"]
        assert str(status.content) == ""

    assert drafts(store)[0][2] == "typed while the disk is full"


async def test_moved_database_notice_shown(
    make_app: AppFactory, tmp_path: Path
) -> None:
    path = tmp_path / "interviewer.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    with Store(path) as store:
        app = make_app(store=store)
        notices = record_notices(app)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()

    assert [n.title for n in notices] == ["Database moved aside"]
    assert "was moved to" in notices[0].message
    assert notices[0].severity == "warning"


async def test_no_store_saves_nothing(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, StartScreen)
        await pilot.press("f2")
        assert isinstance(app.screen, StartScreen)
        await start_interview(pilot)
        await type_text(pilot, "kept in memory")
        await pilot.press("ctrl+q")
        detail = app.screen.query_one("#dialog-detail", Label)
        assert str(detail.content) == UNSAVED_DETAIL


def test_save_failure_snapshot(
    snap_compare: Callable[..., bool], make_app: AppFactory, store: Store
) -> None:
    async def fail_save(pilot: Pilot[Any]) -> None:
        await start_interview(pilot)
        make_read_only(store)
        await paste_text(pilot, "A cold start builds a new execution environment.")
        await pilot.press("ctrl+s")
        # The notice names the temporary database path, which differs per run.
        pilot.app.clear_notifications()
        await pilot.pause()

    app = make_app(store=store)
    assert snap_compare(app, terminal_size=(80, 24), run_before=fail_save)


def test_export_dialog_snapshot(
    snap_compare: Callable[..., bool], make_app: AppFactory, store: Store
) -> None:
    async def open_export(pilot: Pilot[Any]) -> None:
        await start_interview(pilot)
        await type_text(pilot, "half an answer")
        await pilot.press("ctrl+e")
        # The default name carries the current time.
        field = pilot.app.screen.query_one("#export-path", Input)
        field.value = "~/interviewer-20260302-091500.md"
        await pilot.pause()

    app = make_app(store=store)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_export)
