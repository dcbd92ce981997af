"""Pilot tests and snapshots of practice: rating answers, due dates, drills."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fsrs import Rating
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button, Label, Static
from tui_helpers import FakeClock, paste_text, type_text

from interviewer.catalog import Catalog, load_catalog
from interviewer.cli import main
from interviewer.paths import database_path
from interviewer.practice import PracticeScheduler
from interviewer.scoring import ScoreResult
from interviewer.scoring.engine import score_answer
from interviewer.storage import StorageError, Store, rubric_fingerprint
from interviewer.tui.practice import app as app_module
from interviewer.tui.practice.app import PracticeApp
from interviewer.tui.practice.feedback import PracticeFeedbackScreen
from interviewer.tui.practice.question import PracticeQuestionScreen
from interviewer.tui.practice.quit import PracticeQuitModal
from interviewer.tui.practice.rating_bar import RatingOption
from interviewer.tui.practice.session import PracticeSession, Source, practice_overview
from interviewer.tui.practice.start import PracticeStartScreen
from interviewer.tui.practice.stopwatch import Stopwatch
from interviewer.tui.widgets.answer_editor import AnswerEditor

DATA = Path(__file__).parent.parent / "data"
MONDAY = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
"""Day one of every simulated practice: Monday 3 March 2025, 09:00 UTC."""

WEAK_COLD_START = "It is slow the first time."
"""Covers no concept of sample-cold-starts: score 0, so Again is suggested."""
PARTIAL_LAYERS = "A layer is a zip archive of shared libraries."
"""Covers one concept of sample-layers and is short: score 40, Hard suggested."""
STRONG_IMAGE_LAYERS = (
    "Each Dockerfile instruction adds a read-only layer with the filesystem "
    "changes, and layers are cached and shared between many images."
)
"""Covers every concept of sample-image-layers: score 100, Easy suggested."""
ENVIRONMENT_ONLY = (
    "A cold start happens when Lambda must create a new execution environment "
    "before the handler can run, which adds latency to that first request."
)
"""Covers only the first of the three sample-cold-starts concepts."""

SnapCompare = Callable[..., bool]


class DayClock:
    """A UTC wall clock that moves only when a test advances it."""

    def __init__(self, now: datetime = MONDAY) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def practice_catalog() -> Catalog:
    """Four questions: two serverless, then two container questions."""
    return load_catalog(
        [DATA / "bank", DATA / "practice-bank"],
        [DATA / "rubrics", DATA / "practice-rubrics"],
        include_builtin=False,
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "practice.sqlite3") as opened:
        yield opened


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def day_clock() -> DayClock:
    return DayClock()


AppFactory = Callable[..., PracticeApp]


@pytest.fixture
def make_app(
    practice_catalog: Catalog, store: Store, clock: FakeClock, day_clock: DayClock
) -> AppFactory:
    """Return a factory for practice apps on the fake clocks, three a day."""

    def make(**options: Any) -> PracticeApp:
        options.setdefault("daily_limit", 3)
        options.setdefault("catalog", practice_catalog)
        app = PracticeApp(
            store=store, clock=clock, utc_clock=day_clock, zone=UTC, **options
        )
        app.cursor_blink = False
        return app

    return make


def text_of(widget: Widget) -> str:
    assert isinstance(widget, Static)
    return str(widget.content)


def screen_text(app: PracticeApp, selector: str) -> str:
    return text_of(app.screen.query_one(selector))


def rows(store: Store, sql: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(store.path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


async def answer(
    pilot: Pilot[Any], clock: FakeClock, text: str, seconds: float
) -> None:
    """Paste ``text``, spend ``seconds`` on it and submit; wait for the feedback."""
    await paste_text(pilot, text)
    clock.advance(seconds)
    await pilot.press("ctrl+s")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, PracticeFeedbackScreen)


async def rate(pilot: Pilot[Any], clock: FakeClock, key: str) -> None:
    """Read the feedback for a second, then press a rating key."""
    clock.advance(1)
    await pilot.press(key)
    await pilot.pause()


def suggested_option(app: PracticeApp) -> RatingOption:
    (option,) = app.screen.query(".rating-option.-suggested").results(RatingOption)
    return option


def option_lines(app: PracticeApp) -> list[str]:
    return [text_of(option) for option in app.screen.query(RatingOption)]


# practising and rating


async def test_rating_keys_store_reviews(
    make_app: AppFactory, store: Store, clock: FakeClock, practice_catalog: Catalog
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, PracticeStartScreen)
        assert screen_text(app, "#new-count") == "4"
        await pilot.press("s")
        assert isinstance(app.screen, PracticeQuestionScreen)
        assert app.screen.question.id == "sample-cold-starts"

        await answer(pilot, clock, WEAK_COLD_START, 30)
        assert suggested_option(app).rating is Rating.Again
        prompt = screen_text(app, "#rating-prompt")
        assert prompt.endswith("The score 0 suggests 1 Again.")
        assert option_lines(app) == [
            "1 Again\nTue 4 Mar\ntomorrow",
            "2 Hard\nTue 4 Mar\ntomorrow",
            "3 Good\nWed 5 Mar\nin 2 days",
            "4 Easy\nTue 11 Mar\nin 8 days",
        ]
        await rate(pilot, clock, "1")

        assert isinstance(app.screen, PracticeQuestionScreen)
        assert app.screen.question.id == "sample-layers"
        await answer(pilot, clock, PARTIAL_LAYERS, 20)
        assert suggested_option(app).rating is Rating.Hard
        await rate(pilot, clock, "2")

        assert app.screen.question.id == "sample-image-layers"
        await answer(pilot, clock, STRONG_IMAGE_LAYERS, 45)
        assert suggested_option(app).rating is Rating.Easy
        await rate(pilot, clock, "4")

        assert isinstance(app.screen, PracticeStartScreen)
        finished = screen_text(app, "#finished")
        assert finished == "Done: you rated 3 questions (1 Again, 1 Hard, 1 Easy)."
        assert screen_text(app, "#reviewed-count") == "3 of 3"

    reviews = rows(
        store,
        "SELECT question_id, rating, score, suggested_rating, session_id "
        "FROM review_logs ORDER BY id",
    )
    assert reviews == [
        ("sample-cold-starts", 1, 0, 1, 1),
        ("sample-layers", 2, 40, 2, 1),
        ("sample-image-layers", 4, 100, 4, 1),
    ]
    cards = rows(store, "SELECT question_id, due FROM cards ORDER BY question_id")
    assert cards == [
        ("sample-cold-starts", "2025-03-04T09:00:00+00:00"),
        ("sample-image-layers", "2025-03-11T09:00:00+00:00"),
        ("sample-layers", "2025-03-04T09:00:00+00:00"),
    ]
    sessions = rows(store, "SELECT id, mode, status, question_ids FROM sessions")
    assert sessions == [
        (
            1,
            "practice",
            "finished",
            '["sample-cold-starts", "sample-layers", "sample-image-layers"]',
        )
    ]
    attempts = rows(
        store,
        "SELECT position, question_id, answer, rubric_fingerprint, time_allowed, "
        "time_used FROM attempts ORDER BY position",
    )
    layers_fingerprint = rubric_fingerprint(practice_catalog.rubric("sample-layers"))
    assert attempts[1] == (
        2,
        "sample-layers",
        PARTIAL_LAYERS,
        layers_fingerprint,
        None,
        20.0,
    )
    assert [row[5] for row in attempts] == [30.0, 20.0, 45.0]


async def test_next_day_shows_again_and_hard_due(
    make_app: AppFactory, clock: FakeClock, day_clock: DayClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        for text, key in (
            (WEAK_COLD_START, "1"),
            (PARTIAL_LAYERS, "2"),
            (STRONG_IMAGE_LAYERS, "4"),
        ):
            await answer(pilot, clock, text, 10)
            await rate(pilot, clock, key)

    day_clock.advance(days=1)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert screen_text(app, "#due-count") == "2"
        assert screen_text(app, "#new-count") == "1"
        assert screen_text(app, "#reviewed-count") == "0 of 3"
        assert screen_text(app, "#streak") == "1 day"
        plan = screen_text(app, "#plan")
        assert plan == "Today's practice: 2 due reviews, then 1 new question."
        await pilot.press("s")

        session = app.session
        assert session is not None
        planned = [question.id for question in session.questions]
        assert planned == ["sample-cold-starts", "sample-layers", "sample-healthcheck"]
        heading = screen_text(app, "#question-category")
        assert heading.startswith("due review · ")


async def test_digit_keys_type_into_answer(make_app: AppFactory, store: Store) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await type_text(pilot, "1234 and 3")

        assert isinstance(app.screen, PracticeQuestionScreen)
        assert app.screen.query_one(AnswerEditor).text == "1234 and 3"
    assert rows(store, "SELECT count(*) FROM review_logs") == [(0,)]


async def test_rating_key_ignored_at_once(
    make_app: AppFactory, store: Store, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await answer(pilot, clock, WEAK_COLD_START, 10)
        # A digit typed on just after ctrl+s must not rate unseen feedback.
        await pilot.press("3")
        assert isinstance(app.screen, PracticeFeedbackScreen)
        assert rows(store, "SELECT count(*) FROM review_logs") == [(0,)]

        await rate(pilot, clock, "3")
        assert isinstance(app.screen, PracticeQuestionScreen)
    assert rows(store, "SELECT rating, suggested_rating FROM review_logs") == [(3, 1)]


async def test_click_on_rating_rates(
    make_app: AppFactory, store: Store, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await answer(pilot, clock, WEAK_COLD_START, 10)
        await pilot.click(".rating-option.-good")
        await pilot.pause()
        assert isinstance(app.screen, PracticeQuestionScreen)
    assert rows(store, "SELECT rating FROM review_logs") == [(3,)]


# the elapsed time and its target


async def test_target_warns_never_submits(
    make_app: AppFactory, store: Store, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        stopwatch = app.screen.query_one(Stopwatch)
        target = stopwatch.query_one(".stopwatch--target", Label)
        assert text_of(target) == "target 1:30"

        clock.advance(89.5)
        stopwatch.refresh_elapsed()
        await pilot.pause()
        assert text_of(stopwatch.query_one(".stopwatch--elapsed")) == "1:29 elapsed"
        assert not stopwatch.has_class("-over-target")

        clock.advance(0.5)
        stopwatch.refresh_elapsed()
        await pilot.pause()
        assert stopwatch.has_class("-over-target")
        assert text_of(target) == "target 1:30, over by 0:00"

        clock.advance(3600)
        stopwatch.refresh_elapsed()
        await pilot.pause()
        assert isinstance(app.screen, PracticeQuestionScreen)
        assert text_of(target) == "target 1:30, over by 60:00"
    assert rows(store, "SELECT count(*) FROM attempts") == [(0,)]


async def test_target_toggle_lasts_session(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.press("ctrl+t")
        stopwatch = app.screen.query_one(Stopwatch)
        clock.advance(120)
        stopwatch.refresh_elapsed()
        await pilot.pause()
        assert not stopwatch.query_one(".stopwatch--target").display
        assert not stopwatch.has_class("-over-target")

        await answer(pilot, clock, WEAK_COLD_START, 0)
        assert not app.screen.query("#target-result")
        await rate(pilot, clock, "1")
        next_stopwatch = app.screen.query_one(Stopwatch)
        assert not next_stopwatch.show_target


async def test_feedback_compares_with_target(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await answer(pilot, clock, WEAK_COLD_START, 100)
        outcome = screen_text(app, ".score-card--outcome")
        assert outcome == "Submitted after 1:40."
        target = screen_text(app, "#target-result")
        assert target == "Over the 1:30 target by 0:10."


async def test_dialog_time_not_counted(
    make_app: AppFactory, store: Store, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await type_text(pilot, "half")
        clock.advance(10)
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, PracticeQuitModal)
        clock.advance(50)
        await pilot.press("escape")
        await answer(pilot, clock, " done", 5)
    assert rows(store, "SELECT answer, time_used FROM attempts") == [
        ("half done", 15.0)
    ]


# what is on offer


async def test_limit_reached_offers_more(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(daily_limit=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await answer(pilot, clock, WEAK_COLD_START, 10)
        await rate(pilot, clock, "4")

        plan = screen_text(app, "#plan")
        assert plan == (
            "You reached today's limit of 1 question. Press n to practise 1 "
            "more anyway, or q to quit."
        )
        assert not app.screen.query("#start")
        await pilot.press("s")
        assert isinstance(app.screen, PracticeStartScreen)

        await pilot.press("n")
        session = app.session
        assert session is not None
        assert [question.id for question in session.questions] == ["sample-layers"]
        assert session.settings["beyond_limit"] is True


async def test_nothing_due_offers_new(
    make_app: AppFactory, store: Store, day_clock: DayClock
) -> None:
    scheduler = PracticeScheduler(store, clock=day_clock, zone=UTC)
    scheduler.review("sample-cold-starts", Rating.Easy, 95, None)
    day_clock.advance(days=1)

    app = make_app(daily_limit=2)
    async with app.run_test(size=(80, 24)) as pilot:
        assert screen_text(app, "#due-count") == "0"
        plan = screen_text(app, "#plan")
        assert plan == (
            "Nothing is due for review today. The next review is due Tue 11 "
            "Mar (in 7 days). Start with 2 new questions?"
        )
        start = app.screen.query_one("#start", Button)
        assert str(start.label) == "Learn 2 new questions"
        await pilot.press("s")
        assert isinstance(app.screen, PracticeQuestionScreen)
        heading = screen_text(app, "#question-category")
        assert heading.startswith("new question · ")


async def test_nothing_left_only_quits(
    make_app: AppFactory, store: Store, day_clock: DayClock, practice_catalog: Catalog
) -> None:
    scheduler = PracticeScheduler(store, clock=day_clock, zone=UTC)
    for question in practice_catalog.questions:
        scheduler.review(question.id, Rating.Good, 70, None)
    day_clock.advance(days=1)

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        plan = screen_text(app, "#plan")
        assert plan == (
            "Nothing is due today, and there are no new questions. The next "
            "review is due Wed 5 Mar (tomorrow)."
        )
        assert [button.id for button in app.screen.query(Button)] == ["quit"]
        await pilot.press("s", "n")
        assert isinstance(app.screen, PracticeStartScreen)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_category_option_filters(make_app: AppFactory) -> None:
    app = make_app(categories=["containers"])
    async with app.run_test(size=(80, 24)) as pilot:
        scope = screen_text(app, "#scope")
        assert scope == "Categories: Sample Containers · daily limit 3"
        assert screen_text(app, "#new-count") == "2"
        await pilot.press("s")
        session = app.session
        assert session is not None
        assert [question.category for question in session.questions] == [
            "Sample Containers",
            "Sample Containers",
        ]


# drill


def store_mock_attempt(
    store: Store, catalog: Catalog, question_id: str, text: str
) -> None:
    """Store a scored answer from a mock interview, as history would hold it."""
    rubric = catalog.rubric(question_id)
    result = score_answer(text, rubric, known_words=catalog.known_words)
    session_id = store.start_session("mock", {}, [question_id])
    store.save_attempt(
        session_id,
        1,
        question_id=question_id,
        answer=text,
        result=result,
        fingerprint=rubric_fingerprint(rubric),
        outcome="submitted",
        time_allowed=90,
        time_used=60,
    )
    store.finish_session(session_id)


async def test_drill_shows_weak_spots(
    make_app: AppFactory, store: Store, clock: FakeClock, practice_catalog: Catalog
) -> None:
    store_mock_attempt(store, practice_catalog, "sample-cold-starts", ENVIRONMENT_ONLY)
    store_mock_attempt(
        store, practice_catalog, "sample-image-layers", STRONG_IMAGE_LAYERS
    )
    app = make_app(drill=True)
    async with app.run_test(size=(80, 24)) as pilot:
        weak = [text_of(row) for row in app.screen.query(".weak-question")]
        assert weak == [
            " 67% of concepts missed over 1 answer  What is a Lambda cold start, "
            "and how do you reduce it?"
        ]
        await pilot.press("s")
        heading = screen_text(app, "#question-category")
        assert heading.startswith("weak spot · ")
        await answer(
            pilot,
            clock,
            "A cold start needs a new execution environment, so we turn on "
            "provisioned concurrency to keep environments initialised.",
            30,
        )

        spots = [text_of(spot) for spot in app.screen.query(".weak-spot")]
        assert spots == [
            "✓ covered  Provisioned concurrency (missed 1 of 1 before)",
            "✗ missed again  Small deployment package (missed 1 of 1 before)",
        ]
        heading = text_of(app.screen.query_one("#weak-spots .pane-heading"))
        assert heading == "Weak spots to aim for: 1 of 2 covered this time"
        await rate(pilot, clock, "3")
        assert isinstance(app.screen, PracticeStartScreen)

    settings = rows(store, "SELECT mode, settings FROM sessions WHERE id = 3")
    assert settings[0][0] == "practice"
    assert '"drill": true' in settings[0][1]
    assert rows(store, "SELECT question_id, rating FROM review_logs") == [
        ("sample-cold-starts", 3)
    ]


async def test_drill_without_weak_spots(make_app: AppFactory) -> None:
    app = make_app(drill=True)
    async with app.run_test(size=(80, 24)) as pilot:
        plan = screen_text(app, "#plan")
        assert plan.startswith("No weak spots yet: no stored answer missed")
        await pilot.press("s")
        assert isinstance(app.screen, PracticeStartScreen)


# quitting and failures


async def test_quit_keeps_typed_answer(
    make_app: AppFactory, store: Store, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await answer(pilot, clock, WEAK_COLD_START, 10)
        await rate(pilot, clock, "1")
        await type_text(pilot, "layers")

        await pilot.press("ctrl+q")
        assert isinstance(app.screen, PracticeQuitModal)
        await pilot.press("enter")
        assert isinstance(app.screen, PracticeQuestionScreen)
        assert app.screen.query_one(AnswerEditor).text == "layers"

        await pilot.press("ctrl+q")
        await pilot.click("#yes")
        await pilot.pause()
        assert not app.is_running
    sessions = rows(store, "SELECT status FROM sessions")
    assert sessions == [("abandoned",)]
    assert rows(store, "SELECT count(*) FROM attempts") == [(1,)]


async def test_quit_unrated_asks_first(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await answer(pilot, clock, WEAK_COLD_START, 10)
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, PracticeQuitModal)
        detail = screen_text(app, "#dialog-detail")
        assert detail.startswith("This answer is saved but not rated")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_quit_empty_answer_needs_no_dialog(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert rows(store, "SELECT count(*) FROM sessions") == [(0,)]


async def test_save_failure_allows_retry(
    make_app: AppFactory,
    store: Store,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    failures = [StorageError("could not save to practice.sqlite3: disk I/O error")]
    save_attempt = store.save_attempt

    def flaky_save(*args: Any, **kwargs: Any) -> None:
        if failures:
            raise failures.pop()
        save_attempt(*args, **kwargs)

    monkeypatch.setattr(store, "save_attempt", flaky_save)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await paste_text(pilot, WEAK_COLD_START)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()

        screen = app.screen
        assert isinstance(screen, PracticeQuestionScreen)
        status = screen_text(app, "#status")
        assert status == "Saving failed; press ctrl+s to try again."
        assert screen.query_one(AnswerEditor).text == WEAK_COLD_START

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PracticeFeedbackScreen)
    assert rows(store, "SELECT answer FROM attempts") == [(WEAK_COLD_START,)]


async def test_scoring_failure_allows_retry(
    make_app: AppFactory, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    failures = [RuntimeError("rubric index broken")]
    score = PracticeSession.score

    def flaky_score(session: PracticeSession, text: str) -> ScoreResult:
        if failures:
            raise failures.pop()
        return score(session, text)

    monkeypatch.setattr(PracticeSession, "score", flaky_score)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await paste_text(pilot, WEAK_COLD_START)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()

        assert isinstance(app.screen, PracticeQuestionScreen)
        status = screen_text(app, "#status")
        assert status == "Scoring failed; press ctrl+s to try again."
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PracticeFeedbackScreen)
        assert app.screen.attempt.answer == WEAK_COLD_START


async def test_rating_failure_stays_on_feedback(
    make_app: AppFactory,
    store: Store,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await answer(pilot, clock, WEAK_COLD_START, 10)
        save_review = store.save_review

        def failing_review(*args: Any, **kwargs: Any) -> int:
            raise StorageError("could not save to practice.sqlite3: disk is full")

        monkeypatch.setattr(store, "save_review", failing_review)
        await rate(pilot, clock, "2")
        assert isinstance(app.screen, PracticeFeedbackScreen)

        monkeypatch.setattr(store, "save_review", save_review)
        await rate(pilot, clock, "2")
        assert isinstance(app.screen, PracticeQuestionScreen)
    assert rows(store, "SELECT rating FROM review_logs") == [(2,)]


# session rules


def new_session(store: Store, catalog: Catalog, day_clock: DayClock) -> PracticeSession:
    scheduler = PracticeScheduler(store, clock=day_clock, zone=UTC)
    questions = catalog.questions[:2]
    return PracticeSession(
        catalog,
        scheduler,
        questions,
        {question.id: Source.NEW for question in questions},
        {"daily_limit": 10},
    )


def test_session_stored_with_first_answer(
    store: Store, practice_catalog: Catalog, day_clock: DayClock
) -> None:
    session = new_session(store, practice_catalog, day_clock)
    assert rows(store, "SELECT count(*) FROM sessions") == [(0,)]
    session.record("slow", session.score("slow"), 5.0)
    assert session.session_id == 1
    assert rows(store, "SELECT mode, status FROM sessions") == [("practice", "active")]


def test_session_rejects_second_answer(
    store: Store, practice_catalog: Catalog, day_clock: DayClock
) -> None:
    session = new_session(store, practice_catalog, day_clock)
    session.record("slow", session.score("slow"), 5.0)
    with pytest.raises(RuntimeError, match="already stored"):
        session.record("again", session.score("again"), 5.0)


def test_session_rate_needs_answer(
    store: Store, practice_catalog: Catalog, day_clock: DayClock
) -> None:
    session = new_session(store, practice_catalog, day_clock)
    with pytest.raises(RuntimeError, match="no stored answer to rate"):
        session.rate(Rating.Good)


def test_session_finishes_after_last_rating(
    store: Store, practice_catalog: Catalog, day_clock: DayClock
) -> None:
    session = new_session(store, practice_catalog, day_clock)
    for _ in range(2):
        session.record("slow", session.score("slow"), 5.0)
        session.rate(Rating.Again)
    assert session.finished
    session.finish()
    session.abandon()
    assert rows(store, "SELECT status FROM sessions") == [("finished",)]


def test_beyond_limit_due_first(
    store: Store, practice_catalog: Catalog, day_clock: DayClock
) -> None:
    scheduler = PracticeScheduler(store, clock=day_clock, zone=UTC, daily_limit=2)
    scheduler.review("sample-healthcheck", Rating.Again, 0, None)
    day_clock.advance(days=1)
    scheduler.review("sample-layers", Rating.Good, 70, None)
    scheduler.review("sample-image-layers", Rating.Good, 70, None)

    overview = practice_overview(scheduler, practice_catalog)
    assert overview.planned == []
    assert overview.limit_reached
    beyond = [question.id for question in overview.beyond_limit]
    assert beyond == ["sample-healthcheck", "sample-cold-starts"]


# the command


def test_practice_command_starts_app(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    started: list[PracticeApp] = []

    def fake_run(app: PracticeApp, *args: Any, **kwargs: Any) -> None:
        started.append(app)

    monkeypatch.setattr(app_module.PracticeApp, "run", fake_run)
    status = main(
        [
            "practice",
            "--bank",
            str(DATA / "practice-bank"),
            "--rubrics",
            str(DATA / "practice-rubrics"),
            "--daily",
            "4",
            "--category",
            "sample-containers",
            "--drill",
            "--data-dir",
            str(tmp_path / "data"),
        ]
    )
    assert status == 0
    (app,) = started
    assert app.scheduler.daily_limit == 4
    assert app.categories == ["Sample Containers"]
    assert app.drill
    assert app.store.path == database_path(tmp_path / "data")


def test_practice_unknown_category_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status = main(["practice", "--category", "cobol", "--data-dir", str(tmp_path)])
    assert status == 2
    error = capsys.readouterr().err
    assert "'cobol' is not a category; choose from:" in error
    assert not list(tmp_path.iterdir())


def test_practice_daily_zero_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["practice", "--daily", "0"])
    assert exit_info.value.code == 2
    assert "0 is too small; use 1 or more" in capsys.readouterr().err


# snapshots


def review_for_snapshots(store: Store, day_clock: DayClock) -> None:
    """Rate two questions on Monday and move to Tuesday, when both are due."""
    scheduler = PracticeScheduler(store, clock=day_clock, zone=UTC)
    scheduler.review("sample-cold-starts", Rating.Again, 20, None)
    scheduler.review("sample-layers", Rating.Hard, 40, None)
    day_clock.advance(days=1)


def test_start_screen_snapshot(
    snap_compare: SnapCompare, make_app: AppFactory, store: Store, day_clock: DayClock
) -> None:
    review_for_snapshots(store, day_clock)
    assert snap_compare(make_app(), terminal_size=(80, 24))


def test_question_screen_snapshot(
    snap_compare: SnapCompare, make_app: AppFactory, clock: FakeClock
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("s")
        await paste_text(pilot, "A cold start happens when Lambda must create")
        clock.advance(95)
        pilot.app.screen.query_one(Stopwatch).refresh_elapsed()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


async def show_feedback(pilot: Pilot[Any], clock: FakeClock) -> None:
    await pilot.press("s")
    await answer(pilot, clock, ENVIRONMENT_ONLY, 42)


def test_feedback_screen_snapshot(
    snap_compare: SnapCompare, make_app: AppFactory, clock: FakeClock
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await show_feedback(pilot, clock)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_feedback_wide_snapshot(
    snap_compare: SnapCompare, make_app: AppFactory, clock: FakeClock
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await show_feedback(pilot, clock)

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)
