"""The validate-plan, screen, review and report commands: arguments and handlers.

``cli.py`` adds the shared bank and data-folder options and passes in what
they resolve to, so these handlers never read the shared options themselves.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from interviewer.catalog import Catalog
from interviewer.errors import InterviewerError
from interviewer.screening import (
    PlanError,
    ScreeningPlan,
    check_candidate_name,
    load_plan,
)
from interviewer.screening_report import (
    PLAN_FORMATS,
    PLAN_RENDERERS,
    SESSION_FORMATS,
    SESSION_RENDERERS,
    plan_rows,
    write_private,
)
from interviewer.session import InterviewSession
from interviewer.storage import Store, StoredScreening

EXIT_OK = 0
EXIT_INVALID = 1

CatalogLoader = Callable[[], Catalog]


# -- arguments -----------------------------------------------------------------


def add_validate_plan_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``validate-plan``, except the bank folders."""
    parser.add_argument("plan", type=Path, metavar="PLAN", help="plan YAML file")


def add_screen_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``screen``, except the bank and data folders."""
    parser.add_argument("plan", type=Path, metavar="PLAN", help="plan YAML file")
    parser.add_argument(
        "--candidate",
        metavar="NAME",
        help="the candidate's name, stored with the answers and shown to them",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="only validate the plan, as validate-plan does",
    )


def add_review_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``review``, except the bank and data folders."""
    parser.add_argument(
        "session_id",
        nargs="?",
        type=int,
        metavar="SESSION_ID",
        help="screening to open; without it the TUI lists every screening",
    )
    parser.add_argument(
        "--plan",
        type=Path,
        metavar="PLAN",
        help="print a table comparing every candidate of this plan instead",
    )
    parser.add_argument(
        "--json", action="store_true", help="with --plan, print a JSON object"
    )


def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``report``, except the bank and data folders."""
    parser.add_argument(
        "session_id",
        nargs="?",
        type=int,
        metavar="SESSION_ID",
        help="screening to report on; or give --plan for every candidate",
    )
    parser.add_argument(
        "--plan",
        type=Path,
        metavar="PLAN",
        help="report on every candidate of this plan, one row each",
    )
    parser.add_argument(
        "--format",
        choices=sorted({*SESSION_FORMATS, *PLAN_FORMATS}),
        help=f"report format: {' or '.join(SESSION_FORMATS)} for one session "
        f"(default md), {', '.join(PLAN_FORMATS)} with --plan (default csv)",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write to FILE, readable by its owner only, instead of stdout",
    )


# -- plans ---------------------------------------------------------------------


def _describe_plan(plan: ScreeningPlan) -> str:
    count = len(plan.question_ids)
    questions = "1 question" if count == 1 else f"{count} questions"
    mark = "no pass mark" if plan.pass_mark is None else f"pass mark {plan.pass_mark}"
    candidate_view = (
        "the candidate sees the automatic total at the end"
        if plan.candidate_feedback == "score"
        else "the candidate sees no score"
    )
    timing = plan.describe_timing()
    return f"{plan.title!r}: {questions}, {timing}, {mark}; {candidate_view}"


def run_validate_plan(args: argparse.Namespace, load_catalog: CatalogLoader) -> int:
    """Print the plan's problems one per line; exit 1 when there are any."""
    try:
        plan = load_plan(args.plan, load_catalog())
    except PlanError as error:
        for problem in error.problems:
            print(problem)
        noun = "problem" if len(error.problems) == 1 else "problems"
        print(f"{len(error.problems)} {noun} in {args.plan}", file=sys.stderr)
        return EXIT_INVALID
    print(f"OK: {args.plan}: {_describe_plan(plan)}")
    return EXIT_OK


# -- screen --------------------------------------------------------------------


def run_screen(
    args: argparse.Namespace, load_catalog: CatalogLoader, database: Path
) -> int:
    """Run one candidate's screening in the TUI, or only check the plan."""
    if args.check:
        return run_validate_plan(args, load_catalog)
    if args.candidate is None:
        message = (
            "--candidate NAME is missing; pass the candidate's name, or "
            "--check to validate the plan only"
        )
        raise InterviewerError(message)
    candidate = check_candidate_name(args.candidate)
    catalog = load_catalog()
    plan = load_plan(args.plan, catalog)
    from interviewer.tui.screening.app import ScreeningApp

    with Store(database) as store:
        app = ScreeningApp(catalog, plan, candidate, store)
        app.run()
    if app.unsaved_writes:
        _write_rescue_file(app.plan, app.candidate, app.unsaved_answers())
    _print_outcome(app.session_id, app.stopped_early, app.session)
    return app.return_code or EXIT_OK


def _print_outcome(
    session_id: int | None, stopped_early: bool, session: InterviewSession | None
) -> None:
    if session_id is None:
        print("The screening did not start; nothing was saved.")
        return
    if stopped_early:
        print(f"Screening session {session_id} was stopped early.")
    elif session is None:
        print(f"Screening session {session_id} was set up but not started.")
    else:
        print(f"Screening session {session_id} is complete.")
    print(
        f"Review it with 'interviewer review {session_id}', or export it with "
        f"'interviewer report {session_id} -o FILE'."
    )


def _write_rescue_file(
    plan: ScreeningPlan, candidate: str, answers: list[dict[str, Any]]
) -> None:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    path = Path.cwd() / f"screening-unsaved-{stamp}.json"
    content = {"plan": plan.title, "candidate": candidate, "answers": answers}
    write_private(path, json.dumps(content, indent=2, ensure_ascii=False) + "\n")
    print(
        f"Some answers could not be saved to the database; all of them are in {path}",
        file=sys.stderr,
    )


# -- review and report ---------------------------------------------------------


def _plan_records(store: Store, plan: ScreeningPlan) -> list[StoredScreening]:
    ids = store.screening_ids(plan_title=plan.title)
    return [store.load_screening(session_id) for session_id in ids]


def _format_plan_table(plan: ScreeningPlan, rows: list[dict[str, Any]]) -> str:
    mark = "" if plan.pass_mark is None else f", pass mark {plan.pass_mark}"
    lines = [f"Plan: {plan.title}{mark}"]
    width = max([len("candidate"), *(len(str(row["candidate"])) for row in rows)])
    lines.append(
        f"{'session':>7}  {'candidate':<{width}}  {'answered':>8}  "
        f"{'automatic':>9}  {'final':>5}  {'pass':<4}  decision"
    )
    for row in rows:
        passed = {True: "yes", False: "no", None: "-"}[row["passed"]]
        session = f"{row['session_id']}{'' if row['same_questions'] else '*'}"
        answered = f"{row['answered']}/{row['questions']}"
        lines.append(
            f"{session:>7}  {row['candidate']!s:<{width}}  {answered:>8}  "
            f"{row['automatic_total']:>9}  {row['final_total']:>5}  {passed:<4}  "
            f"{row['decision'] or '-'}"
        )
    if not all(row["same_questions"] for row in rows):
        lines.append("* asked other questions than the plan lists now")
    return "\n".join(lines)


def run_review(
    args: argparse.Namespace, load_catalog: CatalogLoader, database: Path
) -> int:
    """Compare a plan's candidates on stdout, or open the review TUI."""
    if args.plan is not None:
        plan = load_plan(args.plan, None)
        with Store(database) as store:
            rows = plan_rows(_plan_records(store, plan), plan.question_ids)
        if args.json:
            print(PLAN_RENDERERS["json"](plan.title, rows), end="")
        elif not rows:
            print(
                f"No screenings of the plan {plan.title!r} yet. Hold one with "
                f"'interviewer screen {args.plan} --candidate NAME'."
            )
        else:
            print(_format_plan_table(plan, rows))
        return EXIT_OK
    if args.json:
        message = "--json needs --plan; the review of one session opens the TUI"
        raise InterviewerError(message)
    catalog = load_catalog()
    from interviewer.tui.screening.app import ReviewApp

    with Store(database) as store:
        if args.session_id is not None:
            store.load_screening(args.session_id)
        elif not store.screening_ids():
            print(
                "No screenings yet. Hold one with 'interviewer screen PLAN "
                "--candidate NAME'."
            )
            return EXIT_OK
        app = ReviewApp(store, catalog, args.session_id)
        app.run()
    return app.return_code or EXIT_OK


def run_report(
    args: argparse.Namespace, load_catalog: CatalogLoader, database: Path
) -> int:
    """Write a report of one screening, or of every candidate of a plan."""
    if args.session_id is not None and args.plan is not None:
        message = "give SESSION_ID for one screening or --plan PLAN, not both"
        raise InterviewerError(message)
    if args.session_id is None and args.plan is None:
        message = (
            "SESSION_ID is missing; give the id of one screening ('interviewer "
            "review' lists them) or --plan PLAN for every candidate of a plan"
        )
        raise InterviewerError(message)
    if args.plan is not None:
        text = _plan_report(args, database)
    else:
        text = _session_report(args, load_catalog, database)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    write_private(args.output, text)
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def _plan_report(args: argparse.Namespace, database: Path) -> str:
    report_format = args.format or "csv"
    if report_format not in PLAN_FORMATS:
        message = (
            f"--format {report_format} is for one session; with --plan use "
            f"{', '.join(PLAN_FORMATS)}"
        )
        raise InterviewerError(message)
    plan = load_plan(args.plan, None)
    with Store(database) as store:
        rows = plan_rows(_plan_records(store, plan), plan.question_ids)
    return PLAN_RENDERERS[report_format](plan.title, rows)


def _session_report(
    args: argparse.Namespace, load_catalog: CatalogLoader, database: Path
) -> str:
    report_format = args.format or "md"
    if report_format not in SESSION_FORMATS:
        message = (
            f"--format {report_format} is for --plan; for one session use "
            f"{' or '.join(SESSION_FORMATS)}"
        )
        raise InterviewerError(message)
    with Store(database) as store:
        record = store.load_screening(args.session_id)
    return SESSION_RENDERERS[report_format](record, load_catalog())
