"""select_questions and resolve_categories."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewer.bank import Question
from interviewer.errors import InterviewerError
from interviewer.selection import category_key, resolve_categories, select_questions

CATEGORIES = ["Serverless and AWS Lambda", "Amazon S3", "Docker", "Docker Compose"]


def make_question(
    question_id: str,
    category: str = "Docker",
    difficulty: str = "mid",
    tags: tuple[str, ...] = (),
) -> Question:
    return Question(
        id=question_id,
        category=category,
        prompt=f"{question_id}?",
        model_answer="Answer.",
        time_limit=120,
        difficulty=difficulty,
        tags=tags,
        path=Path("bank.yaml"),
        line=1,
    )


BANK = [
    make_question(f"lambda-{n}", "Serverless and AWS Lambda", "mid", ("lambda",))
    for n in range(8)
] + [
    make_question("s3-junior", "Amazon S3", "junior", ("s3", "storage")),
    make_question("s3-senior", "Amazon S3", "senior", ("s3",)),
    make_question("docker-mid", "Docker", "mid", ("containers",)),
    make_question("compose-senior", "Docker Compose", "senior", ("containers",)),
]


def ids(questions: list[Question]) -> list[str]:
    return [q.id for q in questions]


# select_questions


def test_same_seed_same_order():
    assert ids(select_questions(BANK, seed=7)) == ids(select_questions(BANK, seed=7))


def test_other_seed_other_order():
    orders = {tuple(ids(select_questions(BANK, seed=seed))) for seed in range(5)}
    assert len(orders) > 1


def test_selection_is_shuffled():
    assert ids(select_questions(BANK, seed=3)) != ids(BANK)


def test_no_filter_returns_every_question_once():
    assert sorted(ids(select_questions(BANK, seed=1))) == sorted(ids(BANK))


def test_no_repeats_from_duplicate_input():
    doubled = BANK + BANK
    chosen = ids(select_questions(doubled, seed=1))
    assert len(chosen) == len(set(chosen))
    assert len(chosen) == len(BANK)


def test_count_caps_selection():
    assert len(select_questions(BANK, count=3, seed=1)) == 3


def test_count_larger_than_bank():
    assert len(select_questions(BANK, count=100, seed=1)) == len(BANK)


def test_count_prefix_of_full_order():
    full = ids(select_questions(BANK, seed=9))
    assert ids(select_questions(BANK, count=4, seed=9)) == full[:4]


def test_category_filter():
    chosen = select_questions(BANK, categories=["Amazon S3"], seed=1)
    assert sorted(ids(chosen)) == ["s3-junior", "s3-senior"]


def test_categories_combine_with_or():
    chosen = select_questions(BANK, categories=["Amazon S3", "Docker"], seed=1)
    assert sorted(ids(chosen)) == ["docker-mid", "s3-junior", "s3-senior"]


def test_difficulty_filter():
    chosen = select_questions(BANK, difficulties=["senior"], seed=1)
    assert sorted(ids(chosen)) == ["compose-senior", "s3-senior"]


def test_tag_filter_ignores_case():
    chosen = select_questions(BANK, tags=["Storage"], seed=1)
    assert ids(chosen) == ["s3-junior"]


def test_filters_combine_with_and():
    chosen = select_questions(
        BANK, categories=["Amazon S3"], difficulties=["junior"], tags=["s3"], seed=1
    )
    assert ids(chosen) == ["s3-junior"]


def test_filters_matching_nothing():
    assert select_questions(BANK, categories=["Docker"], difficulties=["junior"]) == []


# resolve_categories


def test_category_key():
    assert category_key("Serverless and AWS Lambda") == "serverless-and-aws-lambda"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Amazon S3", "Amazon S3"),
        ("amazon s3", "Amazon S3"),
        ("amazon-s3", "Amazon S3"),
        ("serverless-and-aws-lambda", "Serverless and AWS Lambda"),
        ("serv", "Serverless and AWS Lambda"),
        ("lambda", "Serverless and AWS Lambda"),
        ("s3", "Amazon S3"),
        ("docker", "Docker"),
        ("docker-compose", "Docker Compose"),
        ("compose", "Docker Compose"),
    ],
)
def test_resolve_category(value, expected):
    assert resolve_categories([value], CATEGORIES) == [expected]


def test_resolve_keeps_order_and_drops_repeats():
    resolved = resolve_categories(["docker", "s3", "Docker"], CATEGORIES)
    assert resolved == ["Docker", "Amazon S3"]


def test_resolve_nothing_requested():
    assert resolve_categories([], CATEGORIES) == []


def test_unknown_category_error():
    with pytest.raises(InterviewerError) as caught:
        resolve_categories(["kubernetes"], CATEGORIES)
    message = str(caught.value)
    assert message.startswith("'kubernetes' is not a category")
    assert (
        "choose from: amazon-s3, docker, docker-compose, serverless-and-aws-lambda"
        in (message)
    )


def test_ambiguous_prefix_error():
    with pytest.raises(InterviewerError) as caught:
        resolve_categories(["dock"], CATEGORIES)
    assert str(caught.value).startswith("'dock' matches several categories")
