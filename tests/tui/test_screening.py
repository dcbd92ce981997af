"""Screening app: the candidate sees no rubric, the PIN guards every way out."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from screening_helpers import (
    CANDIDATE_ANSWERS,
    PIN,
    enter_pin,
    fill_pin,
    leaked,
    screen_text,
    secret_strings,
    set_pin,
    type_into,
    write_answer,
)
from screening_records import (
    GOOD_ANSWERS,
    PLAN_FILE,
    screening_catalog,
    store_screening,
)
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label, OptionList
from tui_helpers import FakeClock, let_time_pass, paste_text

from interviewer.catalog import Catalog
from interviewer.pin import PinGuard
from interviewer.screening import load_plan
from interviewer.storage import StorageError, Store
from interviewer.tui.screening.app import ReviewApp, ScreeningApp
from interviewer.tui.screening.complete import COMPLETE_MESSAGE, CompleteScreen
from interviewer.tui.screening.pin_modal import PinModal
from interviewer.tui.screening.question import ScreeningQuestionScreen
from interviewer.tui.screening.review import ReviewScreen
from interviewer.tui.screening.review_modals import DecisionModal, OverrideModal
from interviewer.tui.screening.screenings import ScreeningListScreen
from interviewer.tui.screening.setup import PinSetupScreen
from interviewer.tui.screening.welcome import WelcomeScreen
from interviewer.tui.widgets.answer_editor import AnswerEditor
from interviewer.tui.widgets.countdown import Countdown

CANDIDATE = "Ada Lovelace"
PASTED = "We never lose a write that the client saw succeed."
SIZE = (100, 30)
SHOWN = {"size": SIZE, "notifications": True, "tooltips": True}
"""Test options that show notifications and tooltips, which run_test hides."""

AppFactory = Callable[..., ScreeningApp]


@pytest.fixture
def catalog() -> Catalog:
    return screening_catalog()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "db.sqlite3") as opened:
        yield opened


@pytest.fixture
def make_app(
    catalog: Catalog, store: Store, clock: FakeClock, tmp_path: Path
) -> AppFactory:
    """Return a factory for apps on the first-round plan, with keys appended."""

    def make(**plan_changes: str) -> ScreeningApp:
        text = PLAN_FILE.read_text()
        text += "".join(f"{key}: {value}\n" for key, value in plan_changes.items())
        path = tmp_path / "plan.yaml"
        path.write_text(text)
        app = ScreeningApp(
            catalog, load_plan(path, catalog), CANDIDATE, store, clock=clock
        )
        app.cursor_blink = False
        return app

    return make


class ScreenRecorder:
    """Collects the text of every screen the test passes through."""

    def __init__(self, app: ScreeningApp) -> None:
        self.app = app
        self.seen: list[tuple[str, str]] = []

    def record(self) -> None:
        self.seen.append((type(self.app.screen).__name__, screen_text(self.app)))

    def text_of(self, screen_name: str) -> str:
        return "\n".join(text for name, text in self.seen if name == screen_name)


async def sit_whole_screening(
    pilot: Pilot[Any], clock: FakeClock, recorder: ScreenRecorder
) -> None:
    """Take a screening as the candidate: type, paste, time out, skip, end.

    The text of the screen is recorded after every step.
    """

    async def step() -> None:
        await pilot.pause()
        recorder.record()

    recorder.record()
    await fill_pin(pilot, PIN)
    await fill_pin(pilot, "0000")  # a mismatch first
    await step()
    await set_pin(pilot)
    await step()
    await pilot.press("enter")
    await step()
    # Question 1: typed, pasted, submitted.
    await write_answer(pilot, CANDIDATE_ANSWERS["scr-quorum"])
    await paste_text(pilot, " " + PASTED)
    await let_time_pass(pilot, clock, 25)
    await step()
    await pilot.press("ctrl+s")
    await step()
    # Question 2: the PIN dialog with a wrong PIN, then time runs out.
    await pilot.press("ctrl+q")
    await step()
    await enter_pin(pilot, "1111")
    await step()
    await pilot.press("escape")
    await step()
    await write_answer(pilot, CANDIDATE_ANSWERS["scr-backpressure"])
    await let_time_pass(pilot, clock, 95)
    await step()
    # Question 3: skipped; then keys that open palettes or help elsewhere.
    await pilot.press("ctrl+n")
    await step()
    await pilot.press("ctrl+p", "f1", "ctrl+c", "escape")
    await step()


async def test_candidate_never_sees_rubric(
    make_app: AppFactory, clock: FakeClock, catalog: Catalog
) -> None:
    secrets = secret_strings(catalog)
    for text in [*CANDIDATE_ANSWERS.values(), PASTED]:
        assert leaked(text, secrets) == [], f"typed text holds a secret: {text}"
    for question in catalog.questions:
        assert leaked(question.prompt, secrets) == [], question.id

    app = make_app()
    recorder = ScreenRecorder(app)
    async with app.run_test(**SHOWN) as pilot:
        await sit_whole_screening(pilot, clock, recorder)
        assert isinstance(app.screen, CompleteScreen)

    passed_through = {name for name, _ in recorder.seen}
    expected = {
        "PinSetupScreen",
        "WelcomeScreen",
        "ScreeningQuestionScreen",
        "PinModal",
        "CompleteScreen",
    }
    assert passed_through == expected

    for name, text in recorder.seen:
        assert leaked(text, secrets) == [], f"{name} shows rubric text"
        for score_word in ("/100", "Score", "Model answer", "Concepts", "feedback"):
            assert score_word not in text, f"{name} shows {score_word!r}"

    # The recorder read the screens: what should show does.
    questions = recorder.text_of("ScreeningQuestionScreen")
    assert "How does a replicated database decide" in questions
    assert "Question 3 of 3" in questions
    assert COMPLETE_MESSAGE in recorder.text_of("CompleteScreen")
    assert "The two PINs differ" in recorder.text_of("PinSetupScreen")
    assert "Wrong PIN." in recorder.text_of("PinModal")
    # Notifications are collected too: the time-out notice and the one that
    # ctrl+c shows.
    assert "Time is up" in questions
    assert "ctrl+q" in recorder.text_of("CompleteScreen")


async def test_screening_stored_then_reviewed(
    make_app: AppFactory,
    clock: FakeClock,
    store: Store,
    catalog: Catalog,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    app = make_app()
    async with app.run_test(**SHOWN) as pilot:
        await sit_whole_screening(pilot, clock, ScreenRecorder(app))
        await enter_pin(pilot, "1234")
        assert isinstance(app.screen, CompleteScreen)
        assert app.screen.query_one("#pin-error", Label).content == "Wrong PIN."
        assert app.screen.query_one("#review-pin", Input).value == ""
        await enter_pin(pilot)
        assert isinstance(app.screen, ReviewScreen)
        # The collector that found nothing on the candidate's screens finds
        # the rubric here, so it would have caught a leak.
        found = leaked(screen_text(app), secret_strings(catalog))
    assert "Majority quorum acknowledges" in found
    assert "Read repair fixes stale copies" in found

    assert app.session_id is not None
    record = store.load_screening(app.session_id)
    assert record.candidate == CANDIDATE
    assert record.plan_title == "Platform engineer, first round"
    assert record.session.status == "finished"
    first, second, third = record.session.attempts
    assert first.answer == CANDIDATE_ANSWERS["scr-quorum"] + " " + PASTED
    assert (first.outcome, first.time_used) == ("submitted", 25)
    assert first.score > 0
    assert (second.outcome, second.time_used) == ("timed-out", 60)
    assert second.score > 0
    assert third.outcome == "skipped"

    [paste] = record.pastes
    assert (paste.position, paste.question_id) == (1, "scr-quorum")
    assert paste.text == " " + PASTED
    assert paste.chars == len(PASTED) + 1

    assert "screening session" in caplog.text
    assert CANDIDATE not in caplog.text


async def test_score_feedback_shows_total_only(
    make_app: AppFactory, clock: FakeClock, catalog: Catalog
) -> None:
    app = make_app(candidate_feedback="score")
    recorder = ScreenRecorder(app)
    async with app.run_test(**SHOWN) as pilot:
        await sit_whole_screening(pilot, clock, recorder)
        assert app.session is not None
        total = app.session.overall_score
    end = recorder.text_of("CompleteScreen")
    assert total > 0
    assert f"Your score: {total}/100" in end
    assert leaked(end, secret_strings(catalog)) == []


# -- the PIN -------------------------------------------------------------------


async def start_questions(pilot: Pilot[Any]) -> None:
    """Set the PIN and press Enter on the welcome screen."""
    await fill_pin(pilot)
    await fill_pin(pilot)
    await pilot.press("enter")
    await pilot.pause()


async def test_wrong_pin_keeps_session(make_app: AppFactory, store: Store) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_questions(pilot)
        await type_into(pilot, "half")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, PinModal)
        await fill_pin(pilot, "9999")
        assert isinstance(app.screen, PinModal)
        assert app.screen.query_one("#pin-error", Label).content == "Wrong PIN."
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ScreeningQuestionScreen)
        assert app.screen.query_one(AnswerEditor).text == "half"
        assert app.is_running
    assert app.session_id is not None
    assert store.load_session(app.session_id).status == "active"


async def test_right_pin_stops_early(make_app: AppFactory, store: Store) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_questions(pilot)
        await type_into(pilot, "first")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        await fill_pin(pilot)
        assert not app.is_running
    assert app.stopped_early
    assert app.session_id is not None
    record = store.load_screening(app.session_id)
    assert record.session.status == "abandoned"
    assert [a.answer for a in record.session.attempts] == ["first"]


async def test_quit_on_welcome_needs_pin(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await fill_pin(pilot)
        await fill_pin(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, PinModal)
        await pilot.press("ctrl+q")  # a second ctrl+q is no way out
        await pilot.pause()
        assert isinstance(app.screen, PinModal)
        assert app.is_running


async def test_quit_on_end_screen_needs_pin(make_app: AppFactory, store: Store) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_questions(pilot)
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, CompleteScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, PinModal)
        await fill_pin(pilot)
        assert not app.is_running
    assert not app.stopped_early
    assert app.session_id is not None
    assert store.load_session(app.session_id).status == "finished"


async def test_quit_during_setup_needs_no_pin(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, PinSetupScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert app.session_id is None
    assert store.screening_ids() == []


async def test_short_pin_rejected(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await set_pin(pilot, "12", "12")
        assert isinstance(app.screen, PinSetupScreen)
        error = app.screen.query_one("#setup-error", Label)
        assert "too short" in str(error.content)
    assert app.session_id is None


async def test_pin_lockout_message(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_questions(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await enter_pin(pilot, "0000")
        entry = app.screen.query_one("#stop-pin", Input)
        for _ in range(PinGuard.MAX_FAILURES - 1):
            entry.value = "0000"
            await pilot.press("enter")
        await enter_pin(pilot)
        error = app.screen.query_one("#pin-error", Label)
        assert str(error.content) == "Too many wrong PINs. Try again in 60 seconds."
        assert isinstance(app.screen, PinModal)
        clock.advance(PinGuard.LOCKOUT_SECONDS)
        await enter_pin(pilot)
        assert not app.is_running


async def test_clock_runs_under_pin_dialog(
    make_app: AppFactory, clock: FakeClock, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_questions(pilot)
        countdown = app.screen.query_one(Countdown)
        await type_into(pilot, "typed")
        await pilot.press("ctrl+q")
        await pilot.pause()
        clock.advance(61)
        countdown.refresh_remaining()
        await pilot.pause()
        # The dialog stays up over the timed-out question until it is closed.
        assert isinstance(app.screen, PinModal)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ScreeningQuestionScreen)
        assert app.screen.question.id == "scr-backpressure"
    assert app.session_id is not None
    [attempt] = store.load_session(app.session_id).attempts
    assert (attempt.outcome, attempt.answer) == ("timed-out", "typed")
    assert attempt.time_used == 60


async def test_footer_tooltips_promise_no_feedback(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_questions(pilot)
        tooltips = [
            str(widget.tooltip)
            for widget in app.screen.query("FooterKey")
            if widget.tooltip is not None
        ]
    assert "Submit the answer as typed and go on to the next question." in tooltips
    assert not any("feedback" in tip or "score" in tip for tip in tooltips)


# -- the review ----------------------------------------------------------------


@pytest.fixture
def review_app(store: Store, catalog: Catalog) -> ReviewApp:
    """Return the review app on one stored screening with two answers."""
    answers = {qid: GOOD_ANSWERS[qid] for qid in ("scr-quorum", "scr-backpressure")}
    session_id = store_screening(store, catalog, answers, finished=False)
    store.save_paste(session_id, 2, "scr-backpressure", "bounded queue", 4.0)
    return ReviewApp(store, catalog, session_id)


def review_text(app: ReviewApp) -> str:
    return " ".join(screen_text(app).split())


async def test_review_shows_answer_and_rubric(
    review_app: ReviewApp, store: Store
) -> None:
    async with review_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = review_text(review_app)
        await pilot.press("down")
        await pilot.pause()
        second = review_text(review_app)
        await pilot.press("down")
        await pilot.pause()
        third = review_text(review_app)
    assert "Ada Lovelace · session 1 · active" in first
    assert GOOD_ANSWERS["scr-quorum"] in first
    assert "✓ covered Majority quorum acknowledges" in first
    assert "A write succeeds once a majority quorum" in first  # model answer
    assert "at 0:04: 13 characters, 1 line: 'bounded queue'" in second
    assert "Not answered: the screening stopped before this question." in third


async def test_review_override_kept_beside_automatic(
    review_app: ReviewApp, store: Store
) -> None:
    async with review_app.run_test(size=SIZE) as pilot:
        await pilot.press("down")  # question 2
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(review_app.screen, OverrideModal)
        await type_into(pilot, "30")
        await pilot.press("enter")
        await type_into(pilot, "Read it out")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(review_app.screen, ReviewScreen)
        summary = str(review_app.screen.query_one("#review-summary").render())
        options = review_app.screen.query_one("#question-list", OptionList)
        second_option = str(options.get_option_at_index(1).prompt)
    record = store.load_screening(1)
    second = record.session.attempts[1]
    assert record.overrides[2].score == 30
    assert record.overrides[2].note == "Read it out"
    assert second.score == 100  # the automatic score is stored unchanged
    assert record.final_score(second) == 30
    assert record.final_total < record.automatic_total
    assert f"final total {record.final_total}/100" in summary
    assert "score 100 → 30" in second_option


async def test_override_needs_note_and_range(
    review_app: ReviewApp, store: Store
) -> None:
    async with review_app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await type_into(pilot, "101")
        await pilot.press("enter", "enter")
        await pilot.pause()
        error = review_app.screen.query_one("#dialog-error", Label)
        assert "out of range" in str(error.content)
        review_app.screen.query_one("#override-score", Input).value = "40"
        await pilot.click("#save")
        await pilot.pause()
        assert "Write a note" in str(error.content)
        assert isinstance(review_app.screen, OverrideModal)
        await pilot.press("escape")
        await pilot.pause()
    assert store.load_screening(1).overrides == {}


async def test_override_removed(review_app: ReviewApp, store: Store) -> None:
    store.save_override(1, 1, 90, "strong follow-up answers")
    async with review_app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert review_app.screen.query_one("#override-score", Input).value == "90"
        await pilot.click("#remove")
        await pilot.pause()
    assert store.load_screening(1).overrides == {}


async def test_override_off_for_unanswered(review_app: ReviewApp) -> None:
    async with review_app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "o")
        await pilot.pause()
        assert isinstance(review_app.screen, ReviewScreen)


async def test_review_records_decision(review_app: ReviewApp, store: Store) -> None:
    async with review_app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(review_app.screen, DecisionModal)
        await pilot.click("#save")  # nothing chosen yet
        await pilot.pause()
        assert isinstance(review_app.screen, DecisionModal)
        await pilot.click("#decision-advance")
        await pilot.click("#decision-note")
        await type_into(pilot, "Strong")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(review_app.screen, ReviewScreen)
        summary = str(review_app.screen.query_one("#review-summary").render())
    assert "Decision: advance: Strong" in summary
    record = store.load_screening(1)
    assert (record.decision, record.decision_note) == ("advance", "Strong")


async def test_review_app_lists_screenings(
    review_app: ReviewApp, store: Store, catalog: Catalog
) -> None:
    store_screening(store, catalog, GOOD_ANSWERS, candidate="Grace Hopper")
    app = ReviewApp(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ScreeningListScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        assert "Grace Hopper" in [str(cell) for cell in table.get_row_at(0)]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.record.candidate == "Grace Hopper"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ScreeningListScreen)


# -- failed saves ------------------------------------------------------------------


def fail_attempt_saves(
    store: Store, monkeypatch: pytest.MonkeyPatch, failures: int
) -> list[int]:
    """Make the next ``failures`` attempt saves raise; return saved positions."""
    saved: list[int] = []
    real_save = store.save_attempt
    remaining = [failures]

    def save_attempt(session_id: int, position: int, **fields: Any) -> None:
        if remaining[0] > 0:
            remaining[0] -= 1
            raise StorageError("could not save: disk I/O error")
        real_save(session_id, position, **fields)
        saved.append(position)

    monkeypatch.setattr(store, "save_attempt", save_attempt)
    return saved


async def test_failed_save_retried_in_order(
    make_app: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = fail_attempt_saves(store, monkeypatch, failures=1)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_questions(pilot)
        await type_into(pilot, "one")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.unsaved_writes == 1
        assert isinstance(app.screen, ScreeningQuestionScreen)
        await type_into(pilot, "two")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.unsaved_writes == 0
    assert saved == [1, 2]
    assert app.session_id is not None
    answers = [a.answer for a in store.load_session(app.session_id).attempts]
    assert answers == ["one", "two"]


async def test_unsaved_answers_kept_for_rescue(
    make_app: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_attempt_saves(store, monkeypatch, failures=99)
    app = make_app()
    async with app.run_test(**SHOWN) as pilot:
        await start_questions(pilot)
        await type_into(pilot, "one")
        await pilot.press("ctrl+s", "ctrl+n", "ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, CompleteScreen)
        await fill_pin(pilot)
        assert isinstance(app.screen, ReviewScreen)
        review = " ".join(screen_text(app).split())
    assert app.unsaved_writes == 4  # three answers, then finishing the session
    assert [a["answer"] for a in app.unsaved_answers()] == ["one", "", ""]
    assert "Answers not saved" in review
    assert "4 writes to" in review
