"""Stored screenings for review and report tests, written without the TUI."""

from __future__ import annotations

from pathlib import Path

from interviewer.catalog import Catalog, load_catalog
from interviewer.pin import hash_pin
from interviewer.scoring import score_answer
from interviewer.storage import Store, rubric_fingerprint

SCREENING_DATA = Path(__file__).resolve().parent / "data" / "screening"
PLAN_FILE = SCREENING_DATA / "plans" / "first-round.yaml"
PLAN_TITLE = "Platform engineer, first round"
QUESTION_IDS = ["scr-quorum", "scr-backpressure", "scr-idempotency"]

GOOD_ANSWERS = {
    "scr-quorum": (
        "A write succeeds when a majority quorum of replicas acknowledges it, "
        "and read repair plus hinted handoff catch up the replicas that lag."
    ),
    "scr-backpressure": (
        "Use backpressure to slow the producer down to the pace of the "
        "consumer, keep a bounded queue in between as a buffer for bursts, and "
        "shed load when that queue fills up."
    ),
    "scr-idempotency": (
        "The client sends an idempotency key with each request, and the server "
        "stores the first result under that key, returning it for every retry "
        "that carries the same key."
    ),
}


def screening_catalog() -> Catalog:
    """Return the three-question screening bank, without the built-in bank."""
    return load_catalog(
        [SCREENING_DATA / "bank"], [SCREENING_DATA / "rubrics"], include_builtin=False
    )


def store_screening(
    store: Store,
    catalog: Catalog,
    answers: dict[str, str],
    *,
    candidate: str = "Ada Lovelace",
    plan_title: str = PLAN_TITLE,
    question_ids: list[str] | None = None,
    pass_mark: int | None = 50,
    finished: bool = True,
) -> int:
    """Store a screening with ``answers`` in plan order and return its id.

    Questions after the first one missing from ``answers`` stay unanswered.
    """
    ids = question_ids or QUESTION_IDS
    session_id = store.start_screening(
        candidate=candidate,
        plan_title=plan_title,
        plan_path=str(PLAN_FILE),
        question_ids=ids,
        settings={"time_per_question": 60},
        pass_mark=pass_mark,
        candidate_feedback="none",
        pin_hash=hash_pin("4711"),
    )
    for position, question_id in enumerate(ids, 1):
        if question_id not in answers:
            break
        rubric = catalog.rubric(question_id)
        store.save_attempt(
            session_id,
            position,
            question_id=question_id,
            answer=answers[question_id],
            result=score_answer(answers[question_id], rubric),
            fingerprint=rubric_fingerprint(rubric),
            outcome="submitted",
            time_allowed=60,
            time_used=20.0 + position,
        )
    if finished:
        store.finish_session(session_id)
    return session_id
