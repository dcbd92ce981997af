"""check_consistency on the sample bank and on a deliberately broken one."""

from __future__ import annotations

import pytest

from interviewer.catalog import Catalog, load_catalog
from interviewer.checks import CROSS_MAX_SCORE, OWN_MIN_SCORE, check_consistency

# Four questions, each wrong in one way:
# - dlq-purpose: the model answer never names the redrive policy of its rubric.
# - idempotent-handlers and idempotency-keys: each model answer covers the other
#   question's rubric fully, so the cross scores are high.
# - api-throttling: the model answer states the misconception of its rubric.
BANK = """\
category: Messaging
questions:
  - id: dlq-purpose
    prompt: What is a dead-letter queue for?
    difficulty: junior
    model_answer: >-
      A dead-letter queue stores messages that could not be processed after
      several attempts, so that an operator can inspect them later without
      blocking the main queue or losing the failed messages.
  - id: idempotent-handlers
    prompt: How do you make an event handler idempotent?
    difficulty: mid
    model_answer: >-
      Store an idempotency key for every event and write it with a conditional
      write in DynamoDB, so that a retried event finds the key already stored
      and returns the saved result instead of charging the customer twice.
  - id: idempotency-keys
    prompt: What is an idempotency key?
    difficulty: mid
    model_answer: >-
      An idempotency key is a unique token sent with a request. The server
      records it with a conditional write, so when the same request arrives
      again it finds the key and returns the first result unchanged.
  - id: api-throttling
    prompt: How should a client react when an API throttles it?
    difficulty: mid
    model_answer: >-
      The client should back off with exponential backoff and add jitter to
      each delay. For the very first failure it is fine to retry immediately
      in a tight loop, and only later calls need to wait longer each time.
"""

RUBRICS = """\
dlq-purpose:
  concepts:
    - label: Keeps failed messages
      phrases: [dead-letter queue, failed messages]
    - label: Redrive policy moves messages back
      phrases: [redrive policy]
idempotent-handlers:
  concepts:
    - label: Idempotency key
      phrases: [idempotency key]
    - label: Conditional write
      phrases: [conditional write]
idempotency-keys:
  concepts:
    - label: Idempotency key
      phrases: [idempotency key]
    - label: Conditional write
      phrases: [conditional write]
api-throttling:
  concepts:
    - label: Exponential backoff
      phrases: [exponential backoff]
    - label: Jitter
      phrases: [jitter]
  misconceptions:
    - label: Retrying in a tight loop is fine
      phrases: [retry immediately in a tight loop]
      penalty: 30
"""


@pytest.fixture
def broken_catalog(tmp_path) -> Catalog:
    bank, rubrics = tmp_path / "bank", tmp_path / "rubrics"
    bank.mkdir()
    rubrics.mkdir()
    (bank / "messaging.yaml").write_text(BANK)
    (rubrics / "messaging.yaml").write_text(RUBRICS)
    catalog = load_catalog([bank], [rubrics], include_builtin=False)
    assert catalog.problems == []
    return catalog


def test_sample_bank_own_scores(sample_catalog):
    report = check_consistency(sample_catalog)
    assert set(report.own_scores) == {"sample-cold-starts", "sample-layers"}
    assert min(report.own_scores.values()) >= OWN_MIN_SCORE


def test_sample_bank_cross_scores_low(sample_catalog):
    report = check_consistency(sample_catalog)
    assert report.cross == []
    assert all(pair.score <= CROSS_MAX_SCORE for pair in report.worst_cross)


def test_sample_bank_report_says_passed(sample_catalog):
    text = check_consistency(sample_catalog).format()
    assert text.splitlines()[-1].startswith("Consistency passed: 2 questions")


def test_low_own_score_reported(broken_catalog):
    report = check_consistency(broken_catalog)
    low = {question_id: missed for question_id, _, missed in report.low_own}
    assert low["dlq-purpose"] == ["Redrive policy moves messages back"]


def test_consistent_question_not_low(broken_catalog):
    report = check_consistency(broken_catalog)
    assert "idempotent-handlers" not in [entry[0] for entry in report.low_own]


def test_high_cross_score_reported(broken_catalog):
    report = check_consistency(broken_catalog)
    pairs = {(pair.answer_id, pair.rubric_id): pair.score for pair in report.cross}
    assert pairs[("idempotent-handlers", "idempotency-keys")] > CROSS_MAX_SCORE
    assert pairs[("idempotency-keys", "idempotent-handlers")] > CROSS_MAX_SCORE


def test_cross_sorted_worst_first(broken_catalog):
    scores = [pair.score for pair in check_consistency(broken_catalog).cross]
    assert scores == sorted(scores, reverse=True)


def test_misconception_on_model_answer_reported(broken_catalog):
    report = check_consistency(broken_catalog)
    assert (
        "api-throttling",
        "api-throttling",
        "Retrying in a tight loop is fine",
        "retry immediately in a tight loop",
    ) in report.misconceptions


def test_broken_bank_fails(broken_catalog):
    assert not check_consistency(broken_catalog).passed


def test_format_lists_each_failure(broken_catalog):
    text = check_consistency(broken_catalog).format()
    assert "dlq-purpose: " in text
    assert "idempotent-handlers -> idempotency-keys: " in text
    assert (
        "api-throttling on api-throttling: 'Retrying in a tight loop is fine'" in text
    )
    assert text.splitlines()[-1].startswith("Consistency FAILED: 4 questions")


def test_report_cross_excludes_own_rubric(broken_catalog):
    report = check_consistency(broken_catalog)
    assert all(pair.answer_id != pair.rubric_id for pair in report.worst_cross)


def test_worst_cross_limited(broken_catalog):
    report = check_consistency(broken_catalog, worst=2)
    assert len(report.worst_cross) == 2


def test_empty_catalog_passes():
    report = check_consistency(Catalog([], {}))
    assert report.passed
    assert report.own_scores == {}
