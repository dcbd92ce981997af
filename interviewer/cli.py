"""Command line: start the TUI, list questions, score an answer, validate a bank."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from interviewer import __version__
from interviewer.bank import DIFFICULTIES
from interviewer.catalog import Catalog, load_catalog
from interviewer.config import Config, load_config
from interviewer.errors import InterviewerError
from interviewer.export import FORMATS
from interviewer.paths import (
    DATA_DIR_ENV,
    builtin_bank_dir,
    builtin_rubrics_dir,
    config_file,
    data_dir,
    database_path,
)
from interviewer.practice_commands import (
    add_anki_export_arguments,
    add_import_arguments,
    add_stats_arguments,
    add_weak_arguments,
    run_anki_export,
    run_import,
    run_stats,
    run_weak,
)
from interviewer.rubric_tools import (
    add_calibrate_arguments,
    add_draft_arguments,
    run_calibrate,
    run_draft,
)
from interviewer.scoring import ScoreResult, score_answer
from interviewer.screening_commands import (
    add_report_arguments,
    add_review_arguments,
    add_screen_arguments,
    add_validate_plan_arguments,
    run_report,
    run_review,
    run_screen,
    run_validate_plan,
)

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        message = f"{text!r} is not a whole number"
        raise argparse.ArgumentTypeError(message) from None
    if value < 1:
        message = f"{value} is too small; use 1 or more"
        raise argparse.ArgumentTypeError(message)
    return value


def _time_limit(text: str) -> int:
    value = _positive_int(text)
    if value < 10:
        message = f"{value} seconds is too short; use 10 or more"
        raise argparse.ArgumentTypeError(message)
    return value


def _add_bank_options(parser: argparse.ArgumentParser, *, sub: bool = True) -> None:
    # A subcommand's defaults would overwrite values given before the
    # subcommand name, so subcommands leave unset options to the main parser.
    parser.add_argument(
        "--bank",
        action="append",
        type=Path,
        default=argparse.SUPPRESS if sub else [],
        metavar="DIR",
        help="folder of question YAML files added to the built-in bank (repeatable)",
    )
    parser.add_argument(
        "--rubrics",
        action="append",
        type=Path,
        default=argparse.SUPPRESS if sub else [],
        metavar="DIR",
        help="folder of rubric YAML files added to the built-in rubrics (repeatable)",
    )


def _add_data_option(parser: argparse.ArgumentParser, *, sub: bool = True) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=argparse.SUPPRESS if sub else None,
        metavar="DIR",
        help=f"folder of the history database (default: ${DATA_DIR_ENV}, then "
        "the config file, then the platform's user data folder)",
    )


def _add_run_options(parser: argparse.ArgumentParser, *, sub: bool = True) -> None:
    parser.add_argument(
        "--category",
        action="append",
        default=argparse.SUPPRESS if sub else [],
        metavar="C",
        help="ask only questions of this category, by name or short form "
        "such as 'docker' (repeatable)",
    )
    parser.add_argument(
        "--tag",
        action="append",
        default=argparse.SUPPRESS if sub else [],
        metavar="TAG",
        help="ask only questions with this tag (repeatable; any tag matches)",
    )
    parser.add_argument(
        "--difficulty",
        action="append",
        choices=DIFFICULTIES,
        default=argparse.SUPPRESS if sub else [],
        help="ask only questions of this difficulty (repeatable)",
    )
    parser.add_argument(
        "--count",
        type=_positive_int,
        default=argparse.SUPPRESS if sub else None,
        metavar="N",
        help="number of questions (default 5)",
    )
    parser.add_argument(
        "--time-limit",
        type=_time_limit,
        default=argparse.SUPPRESS if sub else None,
        metavar="SECONDS",
        help="seconds per question for every question (default: each question's own)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=argparse.SUPPRESS if sub else None,
        metavar="N",
        help="seed for a reproducible question order",
    )
    _add_bank_options(parser, sub=sub)
    _add_data_option(parser, sub=sub)


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="interviewer",
        description="Timed mock interviews in the terminal, scored against "
        "keyword rubrics with no AI model. With no command, starts the TUI.",
    )
    parser.add_argument("--version", action="version", version=_version_text())
    _add_run_options(parser, sub=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser("run", help="start a timed mock interview in the TUI")
    _add_run_options(run)

    listing = commands.add_parser("list", help="list the questions of the bank")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    _add_bank_options(listing)

    score = commands.add_parser(
        "score", help="score an answer from a file or standard input"
    )
    score.add_argument("question_id", metavar="QUESTION_ID")
    score.add_argument(
        "file",
        nargs="?",
        type=Path,
        metavar="FILE",
        help="file holding the answer; standard input when omitted or '-'",
    )
    score.add_argument("--json", action="store_true", help="print one JSON object")
    _add_bank_options(score)

    validate = commands.add_parser(
        "validate", help="check bank and rubric files; exit 1 on any problem"
    )
    validate.add_argument(
        "--strict",
        action="store_true",
        help="also score every model answer against every rubric and fail on "
        "disagreements",
    )
    _add_bank_options(validate)

    locate = commands.add_parser(
        "locate", help="print the config file, data folder and bank folders in use"
    )
    _add_bank_options(locate)
    _add_data_option(locate)

    history = commands.add_parser("history", help="list past sessions")
    history.add_argument("--json", action="store_true", help="print a JSON array")
    _add_data_option(history)
    _add_bank_options(history)

    export = commands.add_parser(
        "export", help="write a report of one session as Markdown, JSON or CSV"
    )
    export.add_argument("session_id", type=int, metavar="SESSION_ID")
    export.add_argument(
        "--format", choices=FORMATS, default="md", help="report format (default md)"
    )
    export.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE, not stdout"
    )
    _add_data_option(export)
    _add_bank_options(export)

    draft = commands.add_parser(
        "draft-rubric",
        help="propose a rubric from a question's model answer, as YAML to edit",
        description="Propose a rubric for each chosen question from its model "
        "answer and prompt, with no AI model: key phrases weighted against the "
        "rest of the bank, with acronyms and other spellings as aliases. The "
        "output is a draft for an author to review.",
    )
    add_draft_arguments(draft)
    _add_bank_options(draft)

    calibrate = commands.add_parser(
        "calibrate",
        help="compare rubric scores with human scores of the same answers",
        description="Score graded answers with their rubrics and report the "
        "Pearson and Spearman correlation with the human scores, the mean "
        "absolute error, agreement per question and the largest disagreements.",
    )
    add_calibrate_arguments(calibrate)
    _add_bank_options(calibrate)

    stats = commands.add_parser(
        "stats",
        help="show practice statistics: due today, streak, retention, weekly scores",
    )
    add_stats_arguments(stats)
    _add_data_option(stats)
    _add_bank_options(stats)

    weak = commands.add_parser(
        "weak", help="list the concepts and questions missed most often"
    )
    add_weak_arguments(weak)
    _add_data_option(weak)
    _add_bank_options(weak)

    practice = commands.add_parser(
        "practice",
        help="practise due questions with spaced repetition in the TUI",
        description="Answer the questions due today, untimed, then rate each "
        "answer from Again to Easy to schedule its next review. --drill asks "
        "the questions whose concepts you miss most instead.",
    )
    practice.add_argument(
        "--daily",
        type=_positive_int,
        metavar="N",
        help="questions per day, due reviews and new ones together (default: "
        "practice_daily in the config file, else 10)",
    )
    practice.add_argument(
        "--category",
        action="append",
        default=argparse.SUPPRESS,
        metavar="C",
        help="practise only this category, by name or short form such as "
        "'docker' (repeatable)",
    )
    practice.add_argument(
        "--drill",
        action="store_true",
        help="drill the questions whose rubric concepts you miss most, up to "
        "the daily limit, instead of the questions due",
    )
    _add_data_option(practice)
    _add_bank_options(practice)

    anki = commands.add_parser(
        "anki-export", help="write the bank as a text file that Anki imports"
    )
    add_anki_export_arguments(anki)
    _add_bank_options(anki)

    importing = commands.add_parser(
        "import",
        help="turn a CSV or TSV of questions and answers into a bank YAML file",
        description="Write a bank file from a table of questions and model "
        "answers. Ids are made from the prompts. The questions have no rubrics "
        "until you write or draft them.",
    )
    add_import_arguments(importing)
    _add_bank_options(importing)
    _add_screening_parsers(commands)
    return parser


def _add_screening_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    validate_plan = commands.add_parser(
        "validate-plan",
        help="check a screening plan file; exit 1 on any problem",
    )
    add_validate_plan_arguments(validate_plan)
    _add_bank_options(validate_plan)

    screen = commands.add_parser(
        "screen",
        help="run an interviewer-led screening of one candidate in the TUI",
        description="Set a PIN, then hand the keyboard to the candidate, who "
        "answers the plan's questions without seeing rubrics, model answers "
        "or scores. Leaving early and opening the review need the PIN.",
    )
    add_screen_arguments(screen)
    _add_data_option(screen)
    _add_bank_options(screen)

    review = commands.add_parser(
        "review",
        help="review screenings: scores, overrides and decisions",
        description="Open a screening's answers with their automatic scores, "
        "concept coverage and model answers, to override scores and record a "
        "decision. With --plan, print every candidate of a plan side by side.",
    )
    add_review_arguments(review)
    _add_data_option(review)
    _add_bank_options(review)

    report = commands.add_parser(
        "report",
        help="write a screening report: one candidate, or a plan's candidates",
    )
    add_report_arguments(report)
    _add_data_option(report)
    _add_bank_options(report)


def _version_text() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        textual_version = version("textual")
    except PackageNotFoundError:  # pragma: no cover - textual is a dependency
        textual_version = "unknown"
    return f"interviewer {__version__} (textual {textual_version})"


def _config() -> Config:
    return load_config(config_file())


def _catalog(args: argparse.Namespace) -> Catalog:
    config = _config()
    return load_catalog(config.bank + args.bank, config.rubrics + args.rubrics)


def _database(args: argparse.Namespace) -> Path:
    return database_path(data_dir(args.data_dir, _config().data_dir))


def _load(args: argparse.Namespace, *, warn: bool = True) -> Catalog:
    catalog = _catalog(args)
    if warn:
        for problem in catalog.problems:
            print(f"warning: {problem}", file=sys.stderr)
        for notice in catalog.notices:
            print(f"note: {notice}", file=sys.stderr)
    if not catalog.questions:
        message = "no usable questions were loaded; run 'interviewer validate'"
        raise InterviewerError(message)
    return catalog


def _check_filters_match(
    catalog: Catalog,
    categories: Sequence[str],
    tags: Sequence[str],
    difficulties: Sequence[str],
) -> None:
    """Raise when the filters leave no question, before the TUI opens.

    A mistyped --tag then fails with the bank's tags listed, instead of
    opening a start screen where no question matches.
    """
    from interviewer.selection import select_questions

    if select_questions(
        catalog.questions,
        categories=categories,
        tags=tags,
        difficulties=difficulties,
    ):
        return
    known_tags = sorted({tag for q in catalog.questions for tag in q.tags})
    message = (
        f"no question matches these filters; tags in the bank: {', '.join(known_tags)}"
    )
    if difficulties:
        message += "; try another --difficulty or drop it"
    raise InterviewerError(message)


def _run(args: argparse.Namespace) -> int:
    from interviewer.selection import resolve_categories

    catalog = _load(args)
    categories = resolve_categories(args.category, catalog.categories)
    _check_filters_match(catalog, categories, args.tag, args.difficulty)
    from interviewer.storage import Store
    from interviewer.tui.app import PRACTICE, InterviewerApp

    # Opened before the app, so a data folder that cannot be used is
    # reported here rather than after the candidate has typed an answer.
    with Store(_database(args)) as store:
        app = InterviewerApp(
            catalog,
            categories=categories,
            tags=args.tag,
            difficulties=args.difficulty,
            count=args.count,
            time_limit=args.time_limit,
            seed=args.seed,
            store=store,
        )
        result = app.run()
    if result == PRACTICE:
        args.daily = None
        args.drill = False
        return _practice(args)
    return app.return_code or EXIT_OK


def _list(args: argparse.Namespace) -> int:
    catalog = _load(args, warn=not args.json)
    if args.json:
        rows = [
            {
                "id": q.id,
                "category": q.category,
                "prompt": q.prompt,
                "difficulty": q.difficulty,
                "tags": list(q.tags),
                "time_limit": q.time_limit,
            }
            for q in catalog.questions
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    width = max(len(q.id) for q in catalog.questions)
    for category in catalog.categories:
        print(f"{category}:")
        for q in catalog.questions:
            if q.category == category:
                print(f"  {q.id:<{width}}  {q.difficulty:<6}  {q.prompt}")
    print(f"{len(catalog)} questions in {len(catalog.categories)} categories")
    return EXIT_OK


def _read_answer(file: Path | None, stdin: TextIO) -> str:
    if file is None or str(file) == "-":
        return stdin.read()
    try:
        return file.read_text(encoding="utf-8")
    except FileNotFoundError:
        message = f"answer file not found: {file}"
        raise InterviewerError(message) from None
    except UnicodeDecodeError:
        message = f"answer file {file} is not UTF-8 text; save it as UTF-8"
        raise InterviewerError(message) from None
    except OSError as error:
        message = f"cannot read answer file {file}: {error.strerror}"
        raise InterviewerError(message) from None


def format_result(result: ScoreResult) -> str:
    """Return a plain-text report of a score, as shown by ``interviewer score``."""
    lines = [
        f"Score: {result.score}/100 ({result.band})",
        f"Concepts covered: {result.coverage:.0f}% of the weight, before "
        "penalties and caps",
        "",
        "Concepts (weight):",
    ]
    for concept in result.concepts:
        match = concept.match
        if concept.covered and match is not None:
            how = str(match.kind)
            if how == "fuzzy":
                how = f"fuzzy {match.similarity:.0f}% for {match.phrase!r}"
            elif how == "alias":
                how = f"alias {match.phrase!r}"
            lines.append(
                f"  [x] covered  {concept.label} ({concept.weight:g}): "
                f"{match.evidence!r} ({how})"
            )
        elif concept.status == "negated" and match is not None:
            lines.append(
                f"  [ ] negated  {concept.label} ({concept.weight:g}): "
                f"only as {match.evidence!r}"
            )
        else:
            close = ""
            if concept.close:
                near = (
                    f", near {concept.close_phrase!r}" if concept.close_phrase else ""
                )
                close = f" (close: you wrote {concept.close!r}{near})"
            lines.append(f"  [ ] missed   {concept.label} ({concept.weight:g}){close}")
    for wrong in result.misconceptions:
        lines.append(
            f"Misconception -{wrong.penalty:g}: {wrong.label}: {wrong.match.evidence!r}"
        )
    for flag in result.flags:
        lines.append(f"Flag: {flag.message}")
    return "\n".join(lines)


def _score(args: argparse.Namespace, stdin: TextIO) -> int:
    catalog = _load(args, warn=False)
    question = catalog.get(args.question_id)
    answer = _read_answer(args.file, stdin)
    result = score_answer(
        answer,
        catalog.rubric(question.id),
        known_words=catalog.known_words,
        prompt=question.prompt,
    )
    if args.json:
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        print(format_result(result))
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    for problem in catalog.problems:
        print(problem)
    for notice in catalog.notices:
        print(f"note: {notice}")
    failed = bool(catalog.problems)
    if args.strict and catalog.questions:
        from interviewer.checks import check_consistency

        report = check_consistency(catalog)
        print(report.format())
        failed = failed or not report.passed
    if not failed:
        print(
            f"OK: {len(catalog)} questions in {len(catalog.categories)} categories, "
            "each with a valid rubric"
        )
    return EXIT_INVALID if failed else EXIT_OK


def _locate(args: argparse.Namespace) -> int:
    config = _config()
    folder = data_dir(args.data_dir, config.data_dir)
    state = "" if config.path else " (not present)"
    print(f"config file:      {config_file()}{state}")
    print(f"data folder:      {folder}")
    print(f"database:         {database_path(folder)}")
    print(f"built-in bank:    {builtin_bank_dir()}")
    print(f"built-in rubrics: {builtin_rubrics_dir()}")
    for folder in config.bank + args.bank:
        print(f"user bank:        {folder}")
    for folder in config.rubrics + args.rubrics:
        print(f"user rubrics:     {folder}")
    return EXIT_OK


def _history(args: argparse.Namespace) -> int:
    from interviewer.storage import Store

    with Store(_database(args)) as store:
        sessions = [store.load_session(i) for i in store.session_ids()]
    rows = [
        {
            "id": s.id,
            "started_at": s.started_at,
            "ended_at": s.ended_at,
            "mode": s.mode,
            "status": s.status,
            "questions": len(s.question_ids),
            "answered": len(s.attempts),
            "overall_score": s.overall_score,
        }
        for s in sessions
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    if not rows:
        print("No sessions yet. Run 'interviewer' to take one.")
        return EXIT_OK
    print(
        f"{'id':>4}  {'started (UTC)':<25}  {'mode':<9}  {'answered':>8}  "
        f"{'score':>5}  status"
    )
    for row in rows:
        answered = f"{row['answered']}/{row['questions']}"
        print(
            f"{row['id']:>4}  {row['started_at']:<25}  {row['mode']:<9}  "
            f"{answered:>8}  {row['overall_score']:>5}  {row['status']}"
        )
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from interviewer.export import RENDERERS
    from interviewer.storage import Store

    with Store(_database(args)) as store:
        session = store.load_session(args.session_id)
    if session.mode == "screening":
        # Screening reports hold a candidate's answers, so they go through
        # 'report', which writes owner-only files and includes overrides.
        message = (
            f"session {session.id} is a screening; write its report with "
            f"'interviewer report {session.id}'"
        )
        raise InterviewerError(message)
    catalog = _catalog(args)
    prompts = {q.id: q.prompt for q in catalog.questions}
    text = RENDERERS[args.format](session, prompts)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as error:
        message = f"cannot write {args.output}: {error.strerror}"
        raise InterviewerError(message) from None
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def _draft_rubric(args: argparse.Namespace) -> int:
    config = _config()
    return run_draft(args, config.bank + args.bank, config.rubrics + args.rubrics)


def _calibrate(args: argparse.Namespace) -> int:
    return run_calibrate(args, _load(args))


def _stats(args: argparse.Namespace) -> int:
    return run_stats(args, _load(args), _database(args), _config())


def _weak(args: argparse.Namespace) -> int:
    return run_weak(args, _load(args), _database(args))


def _practice(args: argparse.Namespace) -> int:
    from interviewer.practice import resolve_daily_limit
    from interviewer.selection import resolve_categories
    from interviewer.storage import Store

    catalog = _load(args)
    categories = resolve_categories(args.category, catalog.categories)
    daily_limit = resolve_daily_limit(args.daily, _config())
    from interviewer.tui.practice.app import PracticeApp

    with Store(_database(args)) as store:
        app = PracticeApp(
            catalog,
            store,
            daily_limit=daily_limit,
            categories=categories,
            drill=args.drill,
        )
        app.run()
    return app.return_code or EXIT_OK


def _validate_plan(args: argparse.Namespace) -> int:
    return run_validate_plan(args, lambda: _load(args))


def _screen(args: argparse.Namespace) -> int:
    return run_screen(args, lambda: _load(args), _database(args))


def _review(args: argparse.Namespace) -> int:
    return run_review(args, lambda: _catalog(args), _database(args))


def _report(args: argparse.Namespace) -> int:
    return run_report(args, lambda: _catalog(args), _database(args))


def _anki_export(args: argparse.Namespace) -> int:
    return run_anki_export(args, _load(args))


def _import(args: argparse.Namespace) -> int:
    return run_import(args, _config().bank + args.bank)


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None) -> int:
    """Run the command line and return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "run"
    try:
        if command == "run":
            return _run(args)
        if command == "list":
            return _list(args)
        if command == "score":
            return _score(args, stdin or sys.stdin)
        handlers = {
            "validate": _validate,
            "locate": _locate,
            "history": _history,
            "export": _export,
            "draft-rubric": _draft_rubric,
            "calibrate": _calibrate,
            "stats": _stats,
            "weak": _weak,
            "practice": _practice,
            "anki-export": _anki_export,
            "import": _import,
            "validate-plan": _validate_plan,
            "screen": _screen,
            "review": _review,
            "report": _report,
        }
        return handlers[command](args)
    except InterviewerError as error:
        print(f"interviewer: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``interviewer list | head``); that is not an
        # error, but Python would print one at exit unless stdout is closed.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
