"""Benchmark start-up time and peak memory of the interviewer TUI.

Each run starts two fresh child processes with this script's Python, one for
the interviewer app and one for a minimal Textual app (Header, Static,
TextArea, Footer) as the reference, and reports the medians and their ratio.

Both children run headless (``App.run(headless=True)``, 80x24) and exit as
soon as their first screen has been drawn. The child stamps that moment with
``time.monotonic_ns()`` from a ``call_after_refresh`` callback, scheduled
right after the app has mounted. Textual runs that callback once the current
screen has no layout or repaint pending, so the stamp follows the first
complete frame. A screen that mounts widgets in stages can draw partial frames
before it, about 25 ms earlier in one traced run of the interviewer. In
headless mode Textual lays out and renders the screen but writes no escape
codes to a terminal.

Figures per child:

- first paint: from just before the parent spawns the child to the child's
  stamp. Both processes read the same clock (CLOCK_MONOTONIC on Linux and
  macOS), so the difference is the wall time from process start to the first
  drawn screen. This is the figure with the target.
- whole process: from just before spawn to the parent reaping the child,
  which adds Textual's shutdown and interpreter exit.
- peak RSS: ``ru_maxrss`` of that child alone, from ``os.wait4``.

The interviewer child builds the app as ``interviewer run`` does, with the
built-in catalog and no options, and also stamps when its imports finished
and when the catalog was loaded. Its parse cache lives in a temporary folder
that the warm-up run fills, so the timed runs measure a usual start. With
``--no-parse-cache`` every start parses and validates every YAML file.

Run from the repository root::

    python benchmarks/startup.py             # table, 7 runs each
    python benchmarks/startup.py --runs 15   # more runs
    python benchmarks/startup.py --no-parse-cache
    python benchmarks/startup.py --json      # one JSON object

Needs a POSIX system, because ``os.wait4`` is POSIX-only.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
RATIO_TARGET = 1.3
DEFAULT_APP = "interviewer.tui.app:InterviewerApp"
PARSE_CACHE_ENV = "INTERVIEWER_CACHE_DIR"
"""Folder of the interviewer's cache of parsed bank files; empty turns it off."""

# Shared by both children. The app runs unchanged, without a subclass,
# because Textual resolves an app's relative CSS_PATH against the file that
# defines its class. The autopilot coroutine only schedules the stamp, so it
# starts right after the app has mounted and pushed its first screen.
# A screen with no children is Textual's blank default screen, shown before an
# app pushes its own, so the stamp then waits for the next refresh.
_FIRST_PAINT_HOOK = """
import json
import time

MAX_BLANK_REFRESHES = 100


def run_until_first_paint(app, stamps):
    state = {"blank_refreshes": 0}

    def stamp_first_paint():
        screen = app.screen
        if not screen.children and state["blank_refreshes"] < MAX_BLANK_REFRESHES:
            state["blank_refreshes"] += 1
            app.call_after_refresh(stamp_first_paint)
            return
        stamps["first_paint_ns"] = time.monotonic_ns()
        stamps["screen"] = type(screen).__name__
        stamps["size"] = list(app.size)
        app.exit()

    async def schedule_stamp(pilot):
        app.call_after_refresh(stamp_first_paint)

    app.run(headless=True, auto_pilot=schedule_stamp)
    if "first_paint_ns" not in stamps:
        raise SystemExit("the app exited before its first screen was drawn")
    print(json.dumps(stamps), flush=True)
"""

MINIMAL_DRIVER = (
    _FIRST_PAINT_HOOK
    + """
from textual.app import App
from textual.widgets import Footer, Header, Static, TextArea

stamps = {"imported_ns": time.monotonic_ns()}


class MinimalApp(App):
    def compose(self):
        yield Header()
        yield Static("Question 1 of 5")
        yield TextArea()
        yield Footer()


run_until_first_paint(MinimalApp(), stamps)
"""
)

INTERVIEWER_DRIVER = (
    _FIRST_PAINT_HOOK
    + """
import importlib
import sys

module_name, _, class_name = sys.argv[1].partition(":")
app_class = getattr(importlib.import_module(module_name), class_name)
from interviewer.catalog import load_catalog

stamps = {"imported_ns": time.monotonic_ns()}
catalog = load_catalog()
stamps["catalog_ns"] = time.monotonic_ns()
stamps["questions"] = len(catalog)
run_until_first_paint(app_class(catalog, categories=[]), stamps)
"""
)


class ChildFailedError(RuntimeError):
    """A measured child process failed, timed out or printed no stamps."""


def max_rss_bytes(max_rss: int) -> int:
    """Convert ``ru_maxrss`` to bytes: Linux reports KiB, macOS bytes."""
    return max_rss if sys.platform == "darwin" else max_rss * 1024


def child_environment(scratch_dir: Path, parse_cache: bool) -> dict[str, str]:
    """Return the children's environment, with every cache under ``scratch_dir``.

    The repository comes first on ``PYTHONPATH``, so the checkout is measured
    even when another copy is installed. Bytecode is written to and read from
    ``PYTHONPYCACHEPREFIX``, even where ``PYTHONDONTWRITEBYTECODE`` is set, so
    after the warm-up run every module loads from bytecode as in an installed
    copy. The interviewer's parse cache (``INTERVIEWER_CACHE_DIR``) is either
    a fresh folder, which the warm-up run fills, or turned off. Nothing is
    written into the repository, the environment or the user's cache.
    """
    environment = dict(os.environ)
    paths = [str(REPOSITORY)]
    if environment.get("PYTHONPATH"):
        paths.append(environment["PYTHONPATH"])
    environment["PYTHONPATH"] = os.pathsep.join(paths)
    environment["PYTHONPYCACHEPREFIX"] = str(scratch_dir / "bytecode")
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    parse_cache_dir = str(scratch_dir / "parsed") if parse_cache else ""
    environment[PARSE_CACHE_ENV] = parse_cache_dir
    return environment


def run_child(
    name: str,
    code: str,
    arguments: Sequence[str],
    environment: dict[str, str],
    timeout: float,
) -> dict:
    """Run one driver in a fresh interpreter and return its measurements.

    Raises:
        ChildFailedError: the child exited non-zero, timed out or printed no
            stamps. The message contains the end of its stderr.
    """
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        spawn_ns = time.monotonic_ns()
        process = subprocess.Popen(
            [sys.executable, "-c", code, *arguments],
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
            cwd=REPOSITORY,
            env=environment,
        )
        timed_out = threading.Event()

        def kill_on_timeout() -> None:
            timed_out.set()
            process.kill()

        timer = threading.Timer(timeout, kill_on_timeout)
        timer.start()
        try:
            # Reap the child with wait4 rather than Popen.wait, because wait4
            # returns the resource usage of this one child.
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        exit_ns = time.monotonic_ns()
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        output = stdout.read().decode(errors="replace")
        errors = stderr.read().decode(errors="replace")

    if process.returncode != 0:
        reason = f"exited with code {process.returncode}"
        if timed_out.is_set():
            reason = f"timed out after {timeout:g} s and was killed"
        message = f"{name} child {reason}; its stderr ends with:\n{errors[-2000:]}"
        raise ChildFailedError(message)
    try:
        stamps = json.loads(output.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        message = (
            f"{name} child printed no stamps; stdout was {output[-500:]!r}, "
            f"stderr ends with:\n{errors[-2000:]}"
        )
        raise ChildFailedError(message) from None

    sample = {
        "first_paint_ms": (stamps["first_paint_ns"] - spawn_ns) / 1e6,
        "whole_process_ms": (exit_ns - spawn_ns) / 1e6,
        "peak_rss_mib": max_rss_bytes(usage.ru_maxrss) / 2**20,
        "imported_ms": (stamps["imported_ns"] - spawn_ns) / 1e6,
        "screen": stamps["screen"],
        "size": stamps["size"],
    }
    if "catalog_ns" in stamps:
        sample["catalog_loaded_ms"] = (stamps["catalog_ns"] - spawn_ns) / 1e6
        sample["questions"] = stamps["questions"]
    return sample


def summarise(samples: list[dict]) -> dict:
    """Return the median, minimum and maximum of every numeric figure."""
    summary = {}
    for key, value in samples[0].items():
        if isinstance(value, float):
            values = [sample[key] for sample in samples]
            summary[key] = {
                "median": round(statistics.median(values), 2),
                "min": round(min(values), 2),
                "max": round(max(values), 2),
            }
        else:
            summary[key] = value
    return summary


def measure(args: argparse.Namespace) -> dict:
    """Run warm-up and timed runs of both children, alternating their order."""
    children = {
        "minimal": (MINIMAL_DRIVER, []),
        "interviewer": (INTERVIEWER_DRIVER, [args.app]),
    }
    samples: dict[str, list[dict]] = {name: [] for name in children}
    with tempfile.TemporaryDirectory(prefix="interviewer-startup-") as scratch_dir:
        environment = child_environment(Path(scratch_dir), not args.no_parse_cache)
        # The warm-up runs fill the bytecode cache, the parse cache and the OS
        # file cache, so every timed run starts from the same state.
        for run in range(args.warmup + args.runs):
            order = list(children) if run % 2 == 0 else list(reversed(children))
            for name in order:
                code, arguments = children[name]
                sample = run_child(name, code, arguments, environment, args.timeout)
                if run >= args.warmup:
                    samples[name].append(sample)

    minimal = summarise(samples["minimal"])
    interviewer = summarise(samples["interviewer"])
    ratios = {
        key: interviewer[key]["median"] / minimal[key]["median"]
        for key in ("first_paint_ms", "whole_process_ms", "peak_rss_mib")
    }
    return {
        "runs": args.runs,
        "warmup_runs": args.warmup,
        "python": platform.python_version(),
        "textual": package_version("textual"),
        "interviewer": interviewer_version(),
        "app": args.app,
        "parse_cache": not args.no_parse_cache,
        "cpu_count": os.cpu_count(),
        "timing": "first paint = just before spawn to the child's stamp at its "
        "first drawn screen; whole process = just before spawn to reaping the child",
        "minimal": minimal,
        "interviewer_app": interviewer,
        "ratios": {key: round(value, 3) for key, value in ratios.items()},
        "target_ratio": RATIO_TARGET,
        "met": {
            "first_paint": ratios["first_paint_ms"] <= RATIO_TARGET,
            "peak_rss": ratios["peak_rss_mib"] <= RATIO_TARGET,
        },
    }


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def interviewer_version() -> str:
    """Return the version of the checkout being measured, installed or not."""
    if str(REPOSITORY) not in sys.path:
        sys.path.insert(0, str(REPOSITORY))
    from interviewer import __version__

    return __version__


def format_report(report: dict) -> str:
    """Return the human-readable table for a finished report."""
    minimal, app = report["minimal"], report["interviewer_app"]
    width, height = app["size"]
    lines = [
        f"Start-up benchmark: {report['runs']} runs each after {report['warmup_runs']} "
        f"warm-up, headless {width}x{height}, Python {report['python']}, "
        f"Textual {report['textual']}, {report['cpu_count']} CPUs",
        "first paint   = time from just before spawning the child to the child's "
        "stamp at its first drawn screen",
        "whole process = time from just before spawning the child to reaping it "
        "(adds shutdown)",
        f"Medians, with min-max in brackets. The interviewer child drew "
        f"{app['screen']} with {app['questions']} questions loaded, "
        f"parse cache {'on' if report['parse_cache'] else 'off'}.",
        "",
    ]
    header = (
        f"{'':<22} {'minimal app':>22} {'interviewer':>22} {'ratio':>7} "
        f"{'target':>8} {'met':>4}"
    )
    lines += [header, "-" * len(header)]
    rows = (
        ("first paint (ms)", "first_paint_ms", "first_paint"),
        ("whole process (ms)", "whole_process_ms", None),
        ("peak RSS (MiB)", "peak_rss_mib", "peak_rss"),
    )
    for label, key, target_key in rows:
        ratio = report["ratios"][key]
        target = "-"
        met = "-"
        if target_key is not None:
            target = f"<={report['target_ratio']:.1f}x"
            met = "yes" if report["met"][target_key] else "NO"
        lines.append(
            f"{label:<22} {format_figure(minimal[key]):>22} "
            f"{format_figure(app[key]):>22} {ratio:>6.2f}x {target:>8} {met:>4}"
        )
    lines += [
        "",
        "Where the interviewer's first paint goes (medians from spawn, ms):",
        f"  imports done {app['imported_ms']['median']:.1f}, "
        f"catalog loaded {app['catalog_loaded_ms']['median']:.1f}, "
        f"first paint {app['first_paint_ms']['median']:.1f}",
        f"  minimal app: imports done {minimal['imported_ms']['median']:.1f}, "
        f"first paint {minimal['first_paint_ms']['median']:.1f}",
    ]
    return "\n".join(lines)


def format_figure(figure: dict) -> str:
    return f"{figure['median']:.1f} [{figure['min']:.1f}-{figure['max']:.1f}]"


def non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        message = f"{value} is negative; use 0 or more"
        raise argparse.ArgumentTypeError(message)
    return value


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        message = f"{value} is too small; use 1 or more"
        raise argparse.ArgumentTypeError(message)
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Compare start-up time and peak memory of the interviewer TUI "
        "with a minimal Textual app.",
    )
    parser.add_argument(
        "--runs",
        type=positive_int,
        default=7,
        metavar="N",
        help="timed runs of each app (default 7)",
    )
    parser.add_argument(
        "--warmup",
        type=non_negative_int,
        default=1,
        metavar="N",
        help="untimed runs of each app before the timed ones, which compile the "
        "bytecode cache (default 1; with 0 the first timed run compiles it)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="kill a child that runs longer than this (default 60)",
    )
    parser.add_argument(
        "--app",
        default=DEFAULT_APP,
        metavar="MODULE:CLASS",
        help=f"App class measured against the minimal app (default {DEFAULT_APP}); "
        "it is called as CLASS(catalog, categories=[])",
    )
    parser.add_argument(
        "--no-parse-cache",
        action="store_true",
        help="turn off the interviewer's parse cache, so every start parses and "
        "validates the YAML bank, as the first start after a bank edit does",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not hasattr(os, "wait4"):
        message = "error: os.wait4 is not available; run on Linux or macOS"
        print(message, file=sys.stderr)
        return 2
    try:
        report = measure(args)
    except ChildFailedError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
