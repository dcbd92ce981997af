"""The stats, weak, anki-export and import commands: arguments and handlers.

``cli.py`` adds the shared bank and data-folder options and passes in what
they resolve to, so these handlers never read the command line themselves.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from interviewer.bank import DIFFICULTIES, MIN_TIME_LIMIT
from interviewer.catalog import Catalog
from interviewer.config import Config
from interviewer.errors import BankError, InterviewerError
from interviewer.interop import (
    DEFAULT_DIFFICULTY,
    DEFAULT_IMPORT_TIME_LIMIT,
    anki_export_text,
    existing_question_ids,
    import_question_table,
    write_new_file,
)
from interviewer.paths import builtin_bank_dir
from interviewer.practice import (
    DEFAULT_DAILY_LIMIT,
    PracticeScheduler,
    resolve_daily_limit,
)
from interviewer.progress import (
    format_stats,
    format_weak_spots,
    practice_stats,
    weak_concepts,
    weak_questions,
    weak_spots_json,
)
from interviewer.selection import resolve_categories
from interviewer.storage import Store

DEFAULT_WEAK_LIMIT = 10


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        message = f"{text!r} is not a whole number"
        raise argparse.ArgumentTypeError(message) from None
    if value < 1:
        message = f"{value} is too small; use 1 or more"
        raise argparse.ArgumentTypeError(message)
    return value


def _seconds(text: str) -> int:
    value = _count(text)
    if value < MIN_TIME_LIMIT:
        message = f"{value} seconds is too short; use {MIN_TIME_LIMIT} or more"
        raise argparse.ArgumentTypeError(message)
    return value


def add_stats_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``stats``, except the bank and data folders."""
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--daily",
        type=_count,
        metavar="N",
        help="questions per day in practice, due reviews and new questions "
        f"together (default: practice_daily in the config file, else "
        f"{DEFAULT_DAILY_LIMIT})",
    )


def add_weak_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``weak``, except the bank and data folders."""
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--limit",
        type=_count,
        default=DEFAULT_WEAK_LIMIT,
        metavar="N",
        help=f"list at most N concepts and N questions (default {DEFAULT_WEAK_LIMIT})",
    )


def add_anki_export_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``anki-export``, except the bank folders."""
    parser.add_argument(
        "--category",
        action="append",
        default=[],
        metavar="C",
        help="export only this category, by name or short form such as "
        "'docker' (repeatable; default: every category)",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE",
        help="the text file to write, replaced if it exists; '-' for standard output",
    )


def add_import_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``import``, except the bank folders."""
    parser.add_argument(
        "file",
        type=Path,
        metavar="FILE",
        help="CSV or TSV file with two columns, question and answer, and an "
        "optional header row",
    )
    parser.add_argument(
        "--category",
        required=True,
        metavar="NAME",
        help="category name of the imported questions, such as 'Networking'",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="BANK.yaml",
        help="the bank file to write, inside a folder you pass as --bank",
    )
    parser.add_argument(
        "--force", action="store_true", help="replace the bank file if it exists"
    )
    parser.add_argument(
        "--difficulty",
        choices=DIFFICULTIES,
        default=DEFAULT_DIFFICULTY,
        help=f"difficulty of every imported question (default {DEFAULT_DIFFICULTY})",
    )
    parser.add_argument(
        "--time-limit",
        type=_seconds,
        default=DEFAULT_IMPORT_TIME_LIMIT,
        metavar="SECONDS",
        help="seconds allowed per question in a timed interview "
        f"(default {DEFAULT_IMPORT_TIME_LIMIT})",
    )


def run_stats(
    args: argparse.Namespace, catalog: Catalog, database: Path, config: Config
) -> int:
    """Print the practice statistics; return the exit status."""
    daily_limit = resolve_daily_limit(args.daily, config)
    with Store(database) as store:
        practice = PracticeScheduler(store, daily_limit=daily_limit)
        stats = practice_stats(practice, catalog)
    if args.json:
        print(json.dumps(stats.to_json(), indent=2, ensure_ascii=False))
    else:
        print(format_stats(stats))
    return 0


def run_weak(args: argparse.Namespace, catalog: Catalog, database: Path) -> int:
    """Print the concepts and questions missed most often; return the exit status."""
    with Store(database) as store:
        concepts = weak_concepts(store, catalog, limit=args.limit)
        questions = weak_questions(store, catalog, limit=args.limit)
    if args.json:
        report = weak_spots_json(concepts, questions)
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(format_weak_spots(concepts, questions))
    return 0


def run_anki_export(args: argparse.Namespace, catalog: Catalog) -> int:
    """Write the Anki import file; return the exit status."""
    categories = resolve_categories(args.category, catalog.categories)
    questions = [
        q for q in catalog.questions if not categories or q.category in categories
    ]
    text = anki_export_text(questions)
    if str(args.output) == "-":
        sys.stdout.write(text)
        return 0
    write_new_file(args.output, text, force=True)
    print(
        f"wrote {len(questions)} notes to {args.output}; import it in Anki with "
        "File > Import",
        file=sys.stderr,
    )
    return 0


def run_import(args: argparse.Namespace, bank_dirs: list[Path]) -> int:
    """Import a question table into a bank file; return the exit status."""
    if args.output.suffix.lower() not in (".yaml", ".yml"):
        message = (
            f"{args.output} does not end in .yaml or .yml, so the bank loader "
            "would not read it; name it like BANK.yaml"
        )
        raise InterviewerError(message)
    existing_ids = existing_question_ids([builtin_bank_dir(), *bank_dirs], args.output)
    try:
        ids = import_question_table(
            args.file,
            args.output,
            category=args.category,
            difficulty=args.difficulty,
            time_limit=args.time_limit,
            taken_ids=existing_ids,
            force=args.force,
        )
    except BankError as error:
        count = len(error.problems)
        message = (
            f"{args.file} has {count} bad row{'s' if count > 1 else ''}, so "
            f"nothing was written; fix {'them' if count > 1 else 'it'} and run "
            "the import again:\n" + "\n".join(str(p) for p in error.problems)
        )
        raise InterviewerError(message) from None
    folder = args.output.parent
    print(f"wrote {len(ids)} questions to {args.output}: {', '.join(ids)}")
    print(
        "They have no rubrics yet, so they cannot be scored. Draft rubrics to "
        "edit, then check them:\n"
        f"  interviewer draft-rubric --missing --bank {folder} "
        f"-o RUBRICS_DIR/{args.output.stem}.yaml\n"
        f"  interviewer validate --bank {folder} --rubrics RUBRICS_DIR"
    )
    return 0
