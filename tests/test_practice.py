"""Spaced-repetition practice: ratings, scheduling, daily limit, a month of use."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from fsrs import Card, Rating, State

from interviewer.bank import Question
from interviewer.catalog import Catalog
from interviewer.config import Config, load_config
from interviewer.errors import InterviewerError
from interviewer.practice import (
    DEFAULT_DAILY_LIMIT,
    PracticeScheduler,
    new_fsrs_scheduler,
    resolve_daily_limit,
    suggested_rating,
)
from interviewer.storage import StorageError, Store

REPO = Path(__file__).resolve().parent.parent
START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
"""A Monday morning; every simulated day's practice starts at 09:00 UTC."""


class FakeClock:
    """A clock that tests move by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def make_catalog(count: int, categories: tuple[str, ...] = ("Networking",)) -> Catalog:
    """Return a catalog of ``count`` questions spread over ``categories``."""
    questions = [
        Question(
            id=f"q{number:02d}",
            category=categories[number % len(categories)],
            prompt=f"Question {number}?",
            model_answer="An answer.",
            time_limit=300,
            difficulty="mid",
            tags=(),
            path=Path("bank/test.yaml"),
            line=number + 1,
        )
        for number in range(count)
    ]
    return Catalog(questions, {})


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "db.sqlite3") as opened:
        yield opened


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def practice_for(store: Store, clock: FakeClock, daily_limit: int = 10):
    return PracticeScheduler(store, clock=clock, zone=UTC, daily_limit=daily_limit)


def ids(questions: list[Question]) -> list[str]:
    return [question.id for question in questions]


# suggested rating and daily limit


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (100, Rating.Easy),
        (85, Rating.Easy),
        (84, Rating.Good),
        (65, Rating.Good),
        (64, Rating.Hard),
        (35, Rating.Hard),
        (34, Rating.Again),
        (0, Rating.Again),
    ],
)
def test_suggested_rating_thresholds(score, expected):
    assert suggested_rating(score) is expected


def test_daily_limit_option_wins():
    assert resolve_daily_limit(3, Config(practice_daily=20)) == 3


def test_daily_limit_from_config():
    assert resolve_daily_limit(None, Config(practice_daily=20)) == 20


def test_daily_limit_default():
    assert resolve_daily_limit(None, Config()) == DEFAULT_DAILY_LIMIT


def test_config_reads_practice_daily(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("practice_daily = 15\n")
    assert load_config(path).practice_daily == 15


@pytest.mark.parametrize("value", ["0", "-2", "true", '"ten"', "2.5"])
def test_config_rejects_bad_practice_daily(tmp_path, value):
    path = tmp_path / "config.toml"
    path.write_text(f"practice_daily = {value}\n")
    with pytest.raises(InterviewerError, match="'practice_daily' must be a whole"):
        load_config(path)


def test_config_suggests_practice_daily(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("practice_dayly = 15\n")
    with pytest.raises(InterviewerError, match="did you mean 'practice_daily'"):
        load_config(path)


def test_zero_daily_limit_rejected(store):
    with pytest.raises(ValueError, match="daily limit"):
        PracticeScheduler(store, daily_limit=0)


# reviews


def test_review_stores_card_and_log(store, clock):
    practice = practice_for(store, clock)
    card = practice.review("q01", Rating.Good, 72, None)
    stored = store.load_card("q01")
    assert stored is not None
    assert Card.from_json(stored.card).due == card.due
    assert stored.due == card.due.isoformat(timespec="seconds")
    assert stored.state == State.Review
    [log] = store.load_reviews()
    assert log.question_id == "q01"
    assert log.rating == Rating.Good
    assert log.score == 72
    assert log.suggested_rating == Rating.Good
    assert log.previous_state == State.Learning
    assert log.reviewed_at == "2025-03-03T09:00:00+00:00"


def test_review_keeps_user_rating_over_suggestion(store, clock):
    practice_for(store, clock).review("q01", Rating.Again, 90, None)
    [log] = store.load_reviews()
    assert log.rating == Rating.Again
    assert log.suggested_rating == Rating.Easy


def test_review_without_score(store, clock):
    practice_for(store, clock).review("q01", 3, None, None)
    [log] = store.load_reviews()
    assert log.score is None
    assert log.suggested_rating is None


def test_review_links_session(store, clock):
    session_id = store.start_session("practice", {}, ["q01"])
    practice_for(store, clock).review("q01", Rating.Good, 70, session_id)
    assert store.load_reviews()[0].session_id == session_id


def test_review_unknown_session_rejected(store, clock):
    with pytest.raises(StorageError, match="session 999"):
        practice_for(store, clock).review("q01", Rating.Good, 70, 999)
    assert store.load_cards() == {}


@pytest.mark.parametrize("rating", [0, 5, -1])
def test_review_bad_rating_rejected(store, clock, rating):
    with pytest.raises(ValueError, match="rating must be 1"):
        practice_for(store, clock).review("q01", rating, 50, None)


@pytest.mark.parametrize("score", [-1, 101])
def test_review_bad_score_rejected(store, clock, score):
    with pytest.raises(ValueError, match="score must be 0 to 100"):
        practice_for(store, clock).review("q01", Rating.Good, score, None)


def test_naive_clock_rejected(store):
    practice = PracticeScheduler(store, clock=lambda: datetime(2025, 3, 3, 9))
    with pytest.raises(ValueError, match="naive"):
        practice.review("q01", Rating.Good, 70, None)


def test_other_offset_clock_converted_to_utc(store):
    eastern = timezone(timedelta(hours=-5))
    moment = datetime(2025, 3, 3, 4, 0, tzinfo=eastern)
    PracticeScheduler(store, clock=lambda: moment).review("q01", 3, 70, None)
    assert store.load_reviews()[0].reviewed_at == "2025-03-03T09:00:00+00:00"


def test_preview_matches_review(store, clock):
    practice = practice_for(store, clock)
    preview = practice.preview("q01")
    assert preview[Rating.Again] < preview[Rating.Good] < preview[Rating.Easy]
    assert practice.review("q01", Rating.Good, 70, None).due == preview[Rating.Good]


def test_preview_stores_nothing(store, clock):
    practice_for(store, clock).preview("q01")
    assert store.load_cards() == {}
    assert store.load_reviews() == []


def test_scheduler_has_no_fuzz():
    scheduler = new_fsrs_scheduler()
    assert scheduler.enable_fuzzing is False
    assert scheduler.learning_steps == ()


# choosing questions


def test_new_questions_in_bank_order(store, clock):
    catalog = make_catalog(4)
    assert ids(practice_for(store, clock).due_questions(catalog)) == [
        "q00",
        "q01",
        "q02",
        "q03",
    ]


def test_daily_limit_caps_new_questions(store, clock):
    catalog = make_catalog(15)
    assert len(practice_for(store, clock, daily_limit=10).due_questions(catalog)) == 10


def test_limit_argument_caps_below_daily(store, clock):
    catalog = make_catalog(15)
    assert len(practice_for(store, clock).due_questions(catalog, 4)) == 4


def test_limit_argument_cannot_exceed_daily(store, clock):
    catalog = make_catalog(15)
    practice = practice_for(store, clock, daily_limit=5)
    assert len(practice.due_questions(catalog, 12)) == 5


def test_reviews_today_count_against_limit(store, clock):
    catalog = make_catalog(15)
    practice = practice_for(store, clock, daily_limit=10)
    for question in practice.due_questions(catalog)[:3]:
        practice.review(question.id, Rating.Good, 70, None)
    assert practice.reviewed_today() == 3
    assert len(practice.due_questions(catalog)) == 7


def test_reviewed_question_not_offered_again_today(store, clock):
    catalog = make_catalog(3)
    practice = practice_for(store, clock)
    practice.review("q00", Rating.Again, 10, None)
    assert ids(practice.due_questions(catalog)) == ["q01", "q02"]


def test_due_reviews_before_new(store, clock):
    catalog = make_catalog(6)
    practice = practice_for(store, clock, daily_limit=3)
    practice.review("q04", Rating.Again, 10, None)
    practice.review("q05", Rating.Again, 10, None)
    clock.advance(days=1)
    assert ids(practice.due_questions(catalog)) == ["q04", "q05", "q00"]


def test_oldest_due_first(store, clock):
    catalog = make_catalog(3)
    practice = practice_for(store, clock)
    practice.review("q02", Rating.Again, 10, None)  # due on day 1
    practice.review("q00", Rating.Good, 70, None)  # due on day 2
    clock.advance(seconds=1)
    practice.review("q01", Rating.Hard, 40, None)  # due on day 1, a second later
    clock.advance(days=3)
    assert ids(practice.due_reviews(catalog)) == ["q02", "q01", "q00"]


def test_due_counts_for_whole_local_day(store, clock):
    catalog = make_catalog(1)
    practice = practice_for(store, clock)
    clock.advance(hours=12)  # reviewed at 21:00, so due again at 21:00 tomorrow
    practice.review("q00", Rating.Again, 10, None)
    clock.advance(hours=11)  # 08:00 the next morning
    assert ids(practice.due_reviews(catalog)) == ["q00"]


def test_day_boundary_follows_zone(store):
    catalog = make_catalog(1)
    # 23:30 UTC on Monday is already Tuesday 01:30 in UTC+2.
    clock = FakeClock(datetime(2025, 3, 3, 23, 30, tzinfo=UTC))
    plus_two = timezone(timedelta(hours=2))
    practice = PracticeScheduler(store, clock=clock, zone=plus_two)
    practice.review("q00", Rating.Again, 10, None)
    assert practice.today() == date(2025, 3, 4)
    clock.advance(hours=23)  # Tuesday 22:30 UTC, Wednesday 00:30 in UTC+2
    assert ids(practice.due_reviews(catalog)) == ["q00"]
    assert practice.reviewed_today() == 0


def test_category_filter(store, clock):
    catalog = make_catalog(6, categories=("Networking", "Storage"))
    practice = practice_for(store, clock)
    chosen = practice.due_questions(catalog, categories=["Storage"])
    assert ids(chosen) == ["q01", "q03", "q05"]


def test_category_filter_applies_to_due(store, clock):
    catalog = make_catalog(4, categories=("Networking", "Storage"))
    practice = practice_for(store, clock)
    practice.review("q00", Rating.Again, 10, None)
    practice.review("q01", Rating.Again, 10, None)
    clock.advance(days=1)
    assert ids(practice.due_reviews(catalog, categories=["Storage"])) == ["q01"]


def test_cards_of_removed_questions_ignored(store, clock):
    practice = practice_for(store, clock)
    practice.review("gone", Rating.Again, 10, None)
    clock.advance(days=1)
    assert ids(practice.due_questions(make_catalog(1))) == ["q00"]


def test_ten_questions_then_tomorrow(store, clock):
    catalog = make_catalog(12)
    practice = practice_for(store, clock, daily_limit=10)
    ratings = {
        "q00": Rating.Again,
        "q01": Rating.Hard,
        "q02": Rating.Good,
        "q03": Rating.Easy,
        "q04": Rating.Again,
        "q05": Rating.Good,
        "q06": Rating.Hard,
        "q07": Rating.Easy,
        "q08": Rating.Good,
        "q09": Rating.Again,
    }
    today = practice.due_questions(catalog)
    assert ids(today) == list(ratings)
    for question in today:
        practice.review(question.id, ratings[question.id], None, None)
    assert practice.due_questions(catalog) == []

    clock.advance(days=1)
    again_or_hard = ["q00", "q01", "q04", "q06", "q09"]
    assert ids(practice.due_reviews(catalog)) == again_or_hard
    assert ids(practice.due_questions(catalog)) == [*again_or_hard, "q10", "q11"]

    clock.advance(days=1)
    good = {"q02", "q05", "q08"}
    assert good <= set(ids(practice.due_reviews(catalog)))
    assert not {"q03", "q07"} & set(ids(practice.due_reviews(catalog)))


# a month of practice


HARD = {"q00", "q03", "q06", "q09"}
"""Questions the simulated user keeps failing; the rest are always rated Easy."""


def simulate_month(store: Store, clock: FakeClock, catalog: Catalog):
    """Practise every day for 30 days; return review days per question.

    Alongside, replay the same ratings on bare fsrs cards and check each
    day that the practice's due reviews are exactly the cards fsrs has due.
    """
    practice = practice_for(store, clock, daily_limit=10)
    scheduler = new_fsrs_scheduler()
    expected_cards: dict[str, Card] = {}
    review_days: dict[str, list[int]] = {q.id: [] for q in catalog.questions}
    due_counts: list[tuple[int, int]] = []
    for day in range(30):
        end_of_day = datetime.combine(
            clock.now.date() + timedelta(days=1), datetime.min.time(), UTC
        )
        expected_due = sorted(
            (card.due, question_id)
            for question_id, card in expected_cards.items()
            if card.due < end_of_day
        )
        due = practice.due_reviews(catalog)
        assert ids(due) == [question_id for _, question_id in expected_due], day
        due_counts.append((len(due), len(expected_due)))
        for number, question in enumerate(practice.due_questions(catalog)):
            clock.advance(seconds=1)
            if question.id in HARD:
                rating = (
                    Rating.Again if len(review_days[question.id]) % 2 else Rating.Hard
                )
            else:
                rating = Rating.Easy
            practice.review(question.id, rating, None, None)
            card = expected_cards.get(question.id) or Card(
                card_id=number, due=clock.now
            )
            expected_cards[question.id], _ = scheduler.review_card(
                card, rating, clock.now
            )
            review_days[question.id].append(day)
        clock.now = START + timedelta(days=day + 1)
    return review_days, due_counts, practice


def test_month_hard_questions_come_back_more(store, clock):
    catalog = make_catalog(14)
    review_days, _, _ = simulate_month(store, clock, catalog)
    hard_counts = [len(review_days[q]) for q in HARD]
    easy_counts = [len(days) for q, days in review_days.items() if q not in HARD]
    assert min(hard_counts) >= 20
    assert max(easy_counts) <= 3
    assert min(hard_counts) > max(easy_counts)


def test_month_hard_questions_come_back_sooner(store, clock):
    catalog = make_catalog(14)
    review_days, _, _ = simulate_month(store, clock, catalog)

    def longest_gap(days: list[int]) -> int:
        return max(b - a for a, b in zip(days, days[1:], strict=False))

    hard_gaps = [longest_gap(review_days[q]) for q in HARD]
    easy_gaps = [
        longest_gap(days)
        for q, days in review_days.items()
        if q not in HARD and len(days) > 1
    ]
    assert easy_gaps, "no easy question was reviewed twice"
    assert max(hard_gaps) == 1
    assert min(easy_gaps) >= 8


def test_month_due_counts_match_fsrs(store, clock):
    catalog = make_catalog(14)
    _, due_counts, practice = simulate_month(store, clock, catalog)
    assert all(ours == theirs for ours, theirs in due_counts)
    assert sum(ours for ours, _ in due_counts) > 30


def test_month_every_question_introduced(store, clock):
    catalog = make_catalog(14)
    review_days, _, _ = simulate_month(store, clock, catalog)
    assert all(review_days.values())
    reviews_per_day = Counter(day for days in review_days.values() for day in days)
    assert max(reviews_per_day.values()) <= 10


def test_stored_cards_match_fsrs_replay(store, clock):
    catalog = make_catalog(14)
    simulate_month(store, clock, catalog)
    scheduler = new_fsrs_scheduler()
    for question_id, stored in store.load_cards().items():
        logs = [r for r in store.load_reviews() if r.question_id == question_id]
        card = Card(card_id=0, due=datetime.fromisoformat(logs[0].reviewed_at))
        for log in logs:
            when = datetime.fromisoformat(log.reviewed_at)
            card, _ = scheduler.review_card(card, Rating(log.rating), when)
        assert Card.from_json(stored.card).due == card.due, question_id


def test_core_modules_import_no_textual():
    script = (
        "import json, sys\n"
        "import interviewer.practice, interviewer.progress, interviewer.interop\n"
        "import interviewer.practice_commands\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('textual'))))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == []


def test_stored_due_is_utc_text(store, clock):
    practice_for(store, clock).review("q00", Rating.Good, 70, None)
    connection = sqlite3.connect(store.path)
    due = connection.execute("SELECT due FROM cards").fetchone()[0]
    connection.close()
    assert due == "2025-03-05T09:00:00+00:00"


def test_same_due_time_in_bank_order(store, clock):
    catalog = make_catalog(3)
    practice = practice_for(store, clock)
    practice.review("q02", Rating.Again, 10, None)
    practice.review("q01", Rating.Again, 10, None)
    clock.advance(days=1)
    assert ids(practice.due_reviews(catalog)) == ["q01", "q02"]


def test_next_due_is_earliest_card(store, clock):
    catalog = make_catalog(3)
    practice = practice_for(store, clock)
    practice.review("q00", Rating.Easy, 95, None)
    practice.review("q01", Rating.Good, 70, None)
    assert practice.next_due(catalog) == datetime(2025, 3, 5, 9, 0, tzinfo=UTC)


def test_next_due_none_without_cards(store, clock):
    assert practice_for(store, clock).next_due(make_catalog(2)) is None


def test_next_due_follows_categories(store, clock):
    catalog = make_catalog(2, categories=("Networking", "Storage"))
    practice = practice_for(store, clock)
    practice.review("q00", Rating.Again, 10, None)
    practice.review("q01", Rating.Easy, 95, None)
    storage_due = practice.next_due(catalog, categories=["Storage"])
    assert storage_due == practice.card("q01").due


def test_next_due_skips_removed_questions(store, clock):
    practice = practice_for(store, clock)
    practice.review("gone", Rating.Again, 10, None)
    assert practice.next_due(make_catalog(1)) is None
