"""The ``draft-rubric`` and ``calibrate`` subcommands.

The work itself is in :mod:`interviewer.drafting` and
:mod:`interviewer.calibration`; this module parses arguments, loads the bank
and prints.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from interviewer.bank import Question, load_questions
from interviewer.calibration import calibrate, check_question_ids, read_graded
from interviewer.catalog import Catalog
from interviewer.checks import OWN_MIN_SCORE
from interviewer.drafting import BankProfile, Draft, draft_rubric, format_drafts
from interviewer.errors import InterviewerError, Problem
from interviewer.paths import builtin_bank_dir, builtin_rubrics_dir
from interviewer.rubric import load_rubrics
from interviewer.scoring import score_answer

DEFAULT_TOP = 10
MAX_CONCEPTS_LIMIT = 20


def _concept_limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= MAX_CONCEPTS_LIMIT:
        raise argparse.ArgumentTypeError(
            f"{value} is out of range; use 1 to {MAX_CONCEPTS_LIMIT}"
        )
    return value


def _top(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative; use 0 or more")
    return value


def add_draft_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``draft-rubric``, except the bank folders."""
    parser.add_argument(
        "question_ids",
        nargs="*",
        metavar="QUESTION_ID",
        help="questions to draft rubrics for",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--all", action="store_true", help="draft a rubric for every question"
    )
    which.add_argument(
        "--missing",
        action="store_true",
        help="draft rubrics only for questions that have none yet",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write the YAML to FILE instead of standard output",
    )
    parser.add_argument(
        "--force", action="store_true", help="overwrite FILE if it exists"
    )
    parser.add_argument(
        "--max-concepts",
        type=_concept_limit,
        metavar="N",
        help="concepts per rubric at most (default: 1 to 8, more for longer "
        "model answers)",
    )


def add_calibrate_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``calibrate``, except the bank folders."""
    parser.add_argument(
        "graded",
        type=Path,
        metavar="GRADED",
        help="JSON Lines or CSV file of graded answers with question_id, "
        "answer, score and scale (the maximum of the human scale)",
    )
    parser.add_argument(
        "--top",
        type=_top,
        default=DEFAULT_TOP,
        metavar="N",
        help="list the N answers with the largest disagreement "
        f"(default {DEFAULT_TOP})",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def _load_questions(
    bank_dirs: list[Path], problems: list[Problem]
) -> dict[str, Question]:
    """Load the built-in questions and the user's, user ids replacing built-in ones.

    Unlike the catalog, this keeps questions that have no rubric yet, since
    those are the ones a draft is for.
    """
    questions = {q.id: q for q in load_questions([builtin_bank_dir()], problems)}
    if bank_dirs:
        questions.update((q.id, q) for q in load_questions(bank_dirs, problems))
    return questions


def _select(
    args: argparse.Namespace, questions: dict[str, Question], have_rubric: set[str]
) -> list[Question]:
    if args.question_ids and (args.all or args.missing):
        raise InterviewerError("give question ids or --all or --missing, not both")
    if args.all:
        return list(questions.values())
    if args.missing:
        return [q for q in questions.values() if q.id not in have_rubric]
    if not args.question_ids:
        raise InterviewerError(
            "name at least one QUESTION_ID, or use --all or --missing"
        )
    catalog = Catalog(list(questions.values()), {})
    # A repeated id would write the same top-level key twice, which the
    # rubric loader rejects.
    unique_ids = dict.fromkeys(args.question_ids)
    return [catalog.get(question_id) for question_id in unique_ids]


def _check_draft(draft: Draft, profile: BankProfile) -> str | None:
    """Return a warning when the model answer scores low on its own draft."""
    if not draft.concepts:
        return (
            f"no key phrases found in the model answer of {draft.question.id!r}; "
            "write its rubric by hand"
        )
    result = score_answer(
        draft.question.model_answer, draft.rubric(), known_words=profile.known_words
    )
    if result.score >= OWN_MIN_SCORE:
        return None
    reasons = [flag.message for flag in result.flags] or [
        "missed: " + ", ".join(c.label for c in result.missed)
    ]
    return (
        f"the model answer of {draft.question.id!r} scores {result.score} on its "
        f"own draft: {' '.join(reasons)}"
    )


def run_draft(
    args: argparse.Namespace, bank_dirs: list[Path], rubric_dirs: list[Path]
) -> int:
    """Draft the rubrics that ``args`` selects, write them, return the exit status."""
    if args.output is not None and args.output.exists() and not args.force:
        raise InterviewerError(
            f"{args.output} already exists; pass --force to overwrite it"
        )
    problems: list[Problem] = []
    questions = _load_questions(bank_dirs, problems)
    rubrics = load_rubrics([builtin_rubrics_dir(), *rubric_dirs], problems)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    if not questions:
        raise InterviewerError("no questions were loaded; run 'interviewer validate'")
    selected = _select(args, questions, {r.question_id for r in rubrics})
    if not selected:
        print("every question already has a rubric; nothing to draft", file=sys.stderr)
        return 0

    profile = BankProfile.from_questions(questions.values())
    drafts = []
    for question in selected:
        draft = draft_rubric(question, profile, max_concepts=args.max_concepts)
        warning = _check_draft(draft, profile)
        if warning:
            print(f"warning: {warning}", file=sys.stderr)
        if draft.concepts:
            drafts.append(draft)
    if not drafts:
        raise InterviewerError("no rubric could be drafted")
    text = format_drafts(drafts)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise InterviewerError(
            f"cannot write {args.output}: {error.strerror}"
        ) from None
    print(f"wrote {len(drafts)} draft rubrics to {args.output}", file=sys.stderr)
    return 0


def run_calibrate(args: argparse.Namespace, catalog: Catalog) -> int:
    """Compare rubric scores with the human scores in ``args.graded``."""
    graded = read_graded(args.graded)
    check_question_ids(args.graded, graded, catalog)
    report = calibrate(graded, catalog)
    if args.json:
        print(json.dumps(report.to_json(args.top), indent=2, ensure_ascii=False))
    else:
        print(report.format(args.top))
    return 0
