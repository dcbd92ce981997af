"""Pilot tests of the interview flow, pressing keys as a candidate would."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from textual.widget import Widget
from textual.widgets import (
    Button,
    DataTable,
    Input,
    Label,
    Markdown,
    SelectionList,
    Static,
)
from tui_helpers import (
    GOOD_ANSWERS,
    FakeClock,
    let_time_pass,
    paste_text,
    start_interview,
    type_text,
)

from interviewer.bank import Question
from interviewer.scoring import ScoreResult
from interviewer.session import InterviewSession, Outcome
from interviewer.tui.app import InterviewerApp
from interviewer.tui.screens import question as question_module
from interviewer.tui.screens.confirm_quit import ConfirmQuitModal
from interviewer.tui.screens.feedback import FeedbackScreen
from interviewer.tui.screens.question import QuestionScreen
from interviewer.tui.screens.start import StartScreen
from interviewer.tui.screens.summary import SummaryScreen
from interviewer.tui.widgets.answer_editor import AnswerEditor
from interviewer.tui.widgets.countdown import Countdown
from interviewer.tui.widgets.score_card import ConceptItem

AppFactory = Callable[..., InterviewerApp]

MIXED_COLD_START_ANSWER = (
    "A cold start happens when Lambda has to build a fresh environment. We "
    "rely on provisional concurrency to keep some ready, but we do not use a "
    "small deployment package. Reserved concurrency keeps them warm as well."
)
"""Covers one concept by alias, comes close to one, negates one and states
the sample rubric's misconception."""


def text_of(widget: Widget) -> str:
    """Return the text a Static or Label widget was given."""
    assert isinstance(widget, Static)
    return str(widget.content)


def texts_in(widget: Widget, selector: str = "Static") -> str:
    """Return the text of every matching Static under ``widget``, one per line."""
    return "\n".join(text_of(static) for static in widget.query(selector))


def session_of(app: InterviewerApp) -> InterviewSession:
    assert app.session is not None
    return app.session


async def test_whole_interview_reaches_summary(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, StartScreen)
        summary = text_of(app.screen.query_one("#match-summary"))
        assert summary.startswith("2 questions match")
        await start_interview(pilot)

        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert text_of(screen.query_one("#question-number")) == "Question 1 of 2"
        first = screen.question
        await paste_text(pilot, GOOD_ANSWERS[first.id])
        await let_time_pass(pilot, clock, 42)
        await pilot.press("ctrl+s")

        assert isinstance(app.screen, FeedbackScreen)
        first_attempt = session_of(app).attempts[0]
        assert first_attempt.outcome is Outcome.SUBMITTED
        assert first_attempt.answer == GOOD_ANSWERS[first.id]
        assert first_attempt.time_used == pytest.approx(42)
        score_line = text_of(app.screen.query_one(".score-card--score"))
        assert score_line == f"Score {first_attempt.score}/100 · strong"
        assert first_attempt.score >= 80
        model = app.screen.query_one("#model-answer", Markdown)
        assert model.source == first.model_answer
        await pilot.press("ctrl+n")

        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert text_of(screen.query_one("#question-number")) == "Question 2 of 2"
        second = screen.question
        typed = "Layers hold shared libraries under /opt.\n"
        await type_text(pilot, typed)
        allowed = session_of(app).time_allowed(second)
        await let_time_pass(pilot, clock, allowed + 5)

        assert isinstance(app.screen, FeedbackScreen)
        second_attempt = session_of(app).attempts[1]
        assert second_attempt.answer == typed
        assert second_attempt.outcome is Outcome.TIMED_OUT
        assert second_attempt.time_used == allowed
        outcome = text_of(app.screen.query_one(".score-card--outcome"))
        assert "submitted as typed" in outcome
        await pilot.press("ctrl+n")

        assert isinstance(app.screen, SummaryScreen)
        table = app.screen.query_one("#attempts", DataTable)
        assert table.row_count == 2
        rows = [table.get_row_at(index) for index in range(2)]
        assert [row[4] for row in rows] == ["submitted", "timed out"]
        assert rows[0][5] == "0:42 of 1:30"
        assert rows[1][5] == "2:00 of 2:00"
        overall = text_of(app.screen.query_one("#overall-score"))
        assert overall.startswith(f"Overall score {session_of(app).overall_score}/100")


async def test_enter_and_letters_only_edit(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        await type_text(pilot, "qsn\nQ S N\n")

        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.query_one(AnswerEditor).text == "qsn\nQ S N\n"
        assert session_of(app).attempts == []
        words = text_of(app.screen.query_one("#word-count"))
        assert words == "4 words"


async def test_large_answer_word_count_catches_up(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        await paste_text(pilot, "word " * 30_000)
        await type_text(pilot, " extra")
        # Past 2,000 characters the count runs at most every quarter second,
        # so key presses that arrive one by one each cost almost nothing.
        await pilot.pause(0.4)

        words = text_of(app.screen.query_one("#word-count"))
        assert words == "30001 words"


async def test_submit_at_zero_records_once(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        await type_text(pilot, "cold start")
        countdown = screen.query_one(Countdown)
        clock.advance(countdown.seconds)
        # The countdown posts Expired and the key arrives before either is
        # handled, as when the candidate presses submit right at zero.
        countdown.refresh_remaining()
        screen.action_submit_answer()
        await pilot.press("ctrl+s")
        await pilot.pause()

        attempts = session_of(app).attempts
        assert len(attempts) == 1
        assert attempts[0].outcome is Outcome.TIMED_OUT
        assert attempts[0].answer == "cold start"
        assert isinstance(app.screen, FeedbackScreen)

        # Typing that goes on past zero must not skip the feedback.
        await type_text(pilot, "and\nmore")
        assert isinstance(app.screen, FeedbackScreen)


async def test_submit_after_deadline_times_out(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        countdown = screen.query_one(Countdown)
        # The clock passes zero before the display refreshes.
        clock.advance(countdown.seconds + 1)
        await pilot.press("ctrl+s")
        countdown.refresh_remaining()
        await pilot.pause()

        attempts = session_of(app).attempts
        assert len(attempts) == 1
        assert attempts[0].outcome is Outcome.TIMED_OUT


async def test_countdown_warns_last_30s(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        countdown = app.screen.query_one(Countdown)
        time_label = countdown.query_one(".countdown--time", Label)
        assert text_of(time_label) == "1:30"
        await let_time_pass(pilot, clock, 59.5)
        assert text_of(time_label) == "0:31"
        assert not countdown.has_class("-warning")
        await let_time_pass(pilot, clock, 0.5)
        assert text_of(time_label) == "⚠ 0:30"
        assert countdown.has_class("-warning")


async def test_quit_dialog_keeps_answer(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        await type_text(pilot, "half an answer")
        await let_time_pass(pilot, clock, 10)

        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmQuitModal)
        # Time spent in the dialog is not charged to the candidate.
        clock.advance(25)
        await pilot.press("escape")
        assert isinstance(app.screen, QuestionScreen)
        editor = app.screen.query_one(AnswerEditor)
        assert editor.text == "half an answer"
        assert editor.has_focus
        assert app.screen.query_one(Countdown).elapsed == pytest.approx(10)

        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmQuitModal)
        assert app.screen.focused is app.screen.query_one("#no", Button)
        await pilot.press("enter")
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.query_one(AnswerEditor).text == "half an answer"
        assert app.is_running

        await pilot.press("ctrl+q")
        await pilot.click("#yes")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0
    assert session_of(app).attempts == []


async def test_quit_from_start_needs_no_dialog(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_quit_key_twice_quits(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmQuitModal)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_skip_scores_zero(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        await paste_text(pilot, GOOD_ANSWERS[screen.question.id])
        await pilot.press("ctrl+n")

        attempt = session_of(app).attempts[0]
        assert attempt.outcome is Outcome.SKIPPED
        assert attempt.score == 0
        assert isinstance(app.screen, FeedbackScreen)
        score_line = text_of(app.screen.query_one(".score-card--score"))
        assert score_line == "Score 0/100 · weak"
        outcome = text_of(app.screen.query_one(".score-card--outcome"))
        assert outcome.startswith("Skipped after 0:00")


async def test_feedback_marks_each_concept(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        await paste_text(pilot, MIXED_COLD_START_ANSWER)
        await pilot.press("ctrl+s")

        items = {
            item.concept.label: texts_in(item) for item in app.screen.query(ConceptItem)
        }
        environment = items["New execution environment"]
        assert environment.startswith("✓ covered  New execution environment")
        assert "'cold start' - alias" in environment
        assert "alias 'cold start'" not in environment
        concurrency = items["Provisioned concurrency"]
        assert concurrency.startswith("✗ missed  Provisioned concurrency")
        assert (
            "close: you wrote 'provisional concurrency', "
            "near 'provisioned concurrency'" in concurrency
        )
        package = items["Small deployment package"]
        assert package.startswith("✗ negated  Small deployment package")
        assert "mentioned only as negated: 'small deployment package'" in package

        penalty = texts_in(app.screen, ".score-card--penalty")
        assert "Reserved concurrency keeps environments warm (-20 points)" in penalty
        assert "you wrote 'Reserved concurrency keeps them warm'" in penalty


async def test_feedback_shows_fuzzy_similarity(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        await paste_text(pilot, "We enable provisoned concurrency.")
        await pilot.press("ctrl+s")

        items = {
            item.concept.label: texts_in(item) for item in app.screen.query(ConceptItem)
        }
        concurrency = items["Provisioned concurrency"]
        assert concurrency.startswith("✓ covered")
        assert "'provisoned concurrency' - fuzzy 94%" in concurrency
        penalties = texts_in(app.screen, ".score-card--penalty")
        assert "! short answer: Very short answer (4 words)" in penalties


@pytest.mark.parametrize(
    ("size", "layout"),
    [((80, 24), "-narrow"), ((160, 50), "-wide")],
)
async def test_feedback_layout_by_width(
    make_app: AppFactory, size: tuple[int, int], layout: str
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await start_interview(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()

        screen = app.screen
        assert screen.has_class(layout)
        result = screen.query_one("#result-pane").region
        model = screen.query_one("#model-pane").region
        if layout == "-narrow":
            assert model.x == result.x
            assert model.y >= result.bottom
        else:
            assert model.x >= result.right
            assert model.y == result.y


async def test_long_answer_scored_in_thread(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(question_module, "LONG_ANSWER_CHARS", 20)
    release = threading.Event()
    score = InterviewSession.score

    def slow_score(
        session: InterviewSession, question: Question, answer: str
    ) -> ScoreResult:
        assert release.wait(timeout=10), "the test never released the scorer"
        return score(session, question, answer)

    monkeypatch.setattr(InterviewSession, "score", slow_score)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        await paste_text(pilot, "A cold start needs a new environment.")
        await pilot.press("ctrl+s")

        status = text_of(screen.query_one("#scoring-status"))
        assert status == "Scoring a long answer..."
        editor = screen.query_one(AnswerEditor)
        assert editor.read_only
        await type_text(pilot, "more\n")
        await pilot.press("ctrl+s", "ctrl+n")
        assert editor.text == "A cold start needs a new environment."

        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        attempts = session_of(app).attempts
        assert len(attempts) == 1
        assert attempts[0].outcome is Outcome.SUBMITTED
        assert attempts[0].answer == "A cold start needs a new environment."


async def test_start_rejects_bad_count(make_app: AppFactory) -> None:
    app = make_app(count=0)
    async with app.run_test(size=(80, 24)) as pilot:
        message = text_of(app.screen.query_one("#count-message"))
        assert message == "0 is too few; ask at least 1 question."
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, StartScreen)
        assert app.focused is app.screen.query_one("#count", Input)

        count = app.screen.query_one("#count", Input)
        count.focus()
        count.value = ""
        await type_text(pilot, "abc")
        message = text_of(app.screen.query_one("#count-message"))
        assert message == "'abc' is not a whole number; enter a count such as 5."
        assert count.has_class("-invalid")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, StartScreen)

        count.value = ""
        await type_text(pilot, "9")
        summary = text_of(app.screen.query_one("#match-summary"))
        assert summary == "2 questions match; the interview asks 2, 1:30 to 2:00 each."
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, QuestionScreen)
        assert session_of(app).total == 2


async def test_start_applies_time_limit(make_app: AppFactory) -> None:
    app = make_app(count=1, time_limit=45)
    async with app.run_test(size=(80, 24)) as pilot:
        summary = text_of(app.screen.query_one("#match-summary"))
        assert summary == "2 questions match; the interview asks 1, 0:45 each."
        limit = app.screen.query_one("#time-limit", Input)
        limit.focus()
        limit.value = ""
        await type_text(pilot, "5")
        message = text_of(app.screen.query_one("#time-limit-message"))
        assert message == "Allow at least 10 seconds, or leave blank."
        await type_text(pilot, "0")
        await pilot.press("ctrl+s")

        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.query_one(Countdown).seconds == 50
        assert session_of(app).total == 1


async def test_no_category_blocks_start(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#categories").focus()
        await pilot.press("space")
        summary = text_of(app.screen.query_one("#match-summary"))
        assert summary == "No questions match; select at least one category."
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, StartScreen)


async def test_summary_starts_again(make_app: AppFactory) -> None:
    app = make_app(count=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        await pilot.press("ctrl+n")
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, SummaryScreen)
        first_session = app.session

        await pilot.press("ctrl+r")
        assert isinstance(app.screen, StartScreen)
        assert app.session is None
        assert app.screen.query_one("#count", Input).value == "1"
        await start_interview(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert app.session is not first_session
        assert session_of(app).attempts == []


async def test_scoring_failure_allows_retry(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    failures = [RuntimeError("rubric index broken")]
    score = InterviewSession.score

    def flaky_score(
        session: InterviewSession, question: Question, answer: str
    ) -> ScoreResult:
        if failures:
            raise failures.pop()
        return score(session, question, answer)

    monkeypatch.setattr(InterviewSession, "score", flaky_score)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        await paste_text(pilot, "A cold start needs a new environment.")
        await pilot.press("ctrl+s")

        assert app.screen is screen
        status = text_of(screen.query_one("#scoring-status"))
        assert status == "Scoring failed; press ctrl+s to try again."
        assert session_of(app).attempts == []
        assert screen.query_one(AnswerEditor).read_only

        await pilot.press("ctrl+s")
        assert isinstance(app.screen, FeedbackScreen)
        attempts = session_of(app).attempts
        assert len(attempts) == 1
        assert attempts[0].answer == "A cold start needs a new environment."
        assert attempts[0].outcome is Outcome.SUBMITTED


async def test_quit_from_summary_needs_no_dialog(make_app: AppFactory) -> None:
    app = make_app(count=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        await pilot.press("ctrl+n", "ctrl+n")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_start_applies_tag_filters(make_app: AppFactory) -> None:
    app = make_app(tags=["performance"], difficulties=["mid", "senior"])
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.query_one("#tags", Input).value == "performance"
        difficulties = app.screen.query_one("#difficulties", SelectionList)
        assert sorted(difficulties.selected) == ["mid", "senior"]
        summary = text_of(app.screen.query_one("#match-summary"))
        assert summary == "1 question matches; the interview asks 1, 1:30 each."
        await start_interview(pilot)

        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.question.id == "sample-cold-starts"
        assert session_of(app).total == 1


async def test_difficulty_choice_limits_questions(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        summary = text_of(app.screen.query_one("#match-summary"))
        assert summary == "2 questions match; the interview asks 2, 1:30 to 2:00 each."

        app.screen.query_one("#difficulties").focus()
        await pilot.press("space")
        summary = text_of(app.screen.query_one("#match-summary"))
        assert summary == "1 question matches; the interview asks 1, 2:00 each."

        await pilot.press("ctrl+s")
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.question.id == "sample-layers"
        assert session_of(app).total == 1
        assert session_of(app).questions[0].difficulty == "junior"


async def test_tag_filter_limits_questions(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#tags").focus()
        await type_text(pilot, "Performance, lambda")
        summary = text_of(app.screen.query_one("#match-summary"))
        assert summary == "2 questions match; the interview asks 2, 1:30 to 2:00 each."

        tags = app.screen.query_one("#tags", Input)
        tags.value = ""
        await type_text(pilot, "performance")
        summary = text_of(app.screen.query_one("#match-summary"))
        assert summary == "1 question matches; the interview asks 1, 1:30 each."

        await pilot.press("ctrl+s")
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.question.id == "sample-cold-starts"
        assert session_of(app).total == 1


async def test_unknown_tag_blocks_start(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        tags = app.screen.query_one("#tags", Input)
        tags.focus()
        await type_text(pilot, "lambda, performanse")
        message = text_of(app.screen.query_one("#tags-message"))
        assert message == "Unknown tag 'performanse'. Did you mean performance?"
        assert tags.has_class("-invalid")
        summary = text_of(app.screen.query_one("#match-summary"))
        assert summary == "Fix the tags to see which questions match."

        app.screen.query_one("#start").focus()
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, StartScreen)
        assert app.focused is tags
        assert app.session is None

        # Focus selects the whole value, so move to its end before editing.
        await pilot.press("end", "backspace", "backspace")
        await type_text(pilot, "ce")
        assert tags.value == "lambda, performance"
        message = text_of(app.screen.query_one("#tags-message"))
        assert message == "comma-separated; blank allows every tag"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, QuestionScreen)
        assert session_of(app).total == 2


async def test_filters_excluding_all_block_start(make_app: AppFactory) -> None:
    app = make_app(difficulties=["senior"])
    async with app.run_test(size=(80, 24)) as pilot:
        summary = text_of(app.screen.query_one("#match-summary"))
        assert summary.startswith("No question in these categories passes")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, StartScreen)


async def test_tab_from_start_reaches_categories(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.focused is app.screen.query_one("#start")
        await pilot.press("tab")
        assert isinstance(app.focused, SelectionList)
        assert app.focused.id == "categories"


async def test_practice_key_needs_history(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        assert isinstance(app.screen, StartScreen)


async def test_practice_key_leaves_for_practice(make_app, tmp_path):
    from interviewer.storage import Store
    from interviewer.tui.app import PRACTICE

    with Store(tmp_path / "interviewer.sqlite3") as store:
        app = make_app(store=store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("f3")
            await pilot.pause()
        assert app.return_value == PRACTICE
