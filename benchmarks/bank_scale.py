"""Load time and memory for generated banks of 50, 1,000 and 10,000 questions.

Usage: python benchmarks/bank_scale.py [--sizes 50,1000,10000] [--runs 3] [--json]

For each size it writes a bank with rubrics to a temporary folder, then
times ``load_catalog`` in fresh subprocesses: once with an empty parse
cache (every file parsed) and then with the cache filled (the second and
later starts). Memory is the child's peak RSS. Figures are medians.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

QUESTIONS_PER_FILE = 250
WORDS = (
    "lambda container image layer cache bucket object policy token identity "
    "gateway stage throttle queue event stream trace span mesh sidecar saga "
    "compensate replay snapshot registry daemon volume network overlay bridge "
    "secret rotation role tenant consent scope claim audience issuer latency "
    "retry backoff timeout circuit breaker fallback deploy canary rollback"
).split()

_CHILD = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    start = time.perf_counter()
    from interviewer.catalog import load_catalog
    imported = time.perf_counter()
    catalog = load_catalog([Path(sys.argv[1])], [Path(sys.argv[2])],
                           include_builtin=False)
    done = time.perf_counter()
    assert not catalog.problems, catalog.problems[:3]
    print(json.dumps({
        "questions": len(catalog),
        "import_s": imported - start,
        "load_s": done - imported,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))
    """
)


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def write_bank(folder: Path, size: int, seed: int = 7) -> tuple[Path, Path]:
    """Write ``size`` questions and their rubrics under ``folder``."""
    rng = random.Random(seed)
    bank, rubrics = folder / "bank", folder / "rubrics"
    bank.mkdir(parents=True)
    rubrics.mkdir()
    for start in range(0, size, QUESTIONS_PER_FILE):
        stop = min(size, start + QUESTIONS_PER_FILE)
        questions, rubric_text = [], []
        for number in range(start, stop):
            answer = " ".join(_sentence(rng, 12) for _ in range(15))
            questions.append(
                f"  - id: q-{number}\n"
                f"    prompt: {_sentence(rng, 10)}\n"
                f"    difficulty: mid\n"
                f"    tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]\n"
                f"    model_answer: |\n"
                + textwrap.indent(textwrap.fill(answer, 76), "      ")
                + "\n"
            )
            concepts = "".join(
                f"    - label: Concept {c}\n"
                f"      weight: {rng.randint(1, 3)}\n"
                f"      phrases: [{rng.choice(WORDS)} {rng.choice(WORDS)}, "
                f"{rng.choice(WORDS)}, {rng.choice(WORDS)} {rng.choice(WORDS)}]\n"
                for c in range(8)
            )
            rubric_text.append(f"q-{number}:\n  concepts:\n{concepts}")
        name = f"part-{start // QUESTIONS_PER_FILE:03d}.yaml"
        (bank / name).write_text(
            f"category: Generated {start // 1000}\ntime_limit: 240\nquestions:\n"
            + "".join(questions)
        )
        (rubrics / name).write_text("".join(rubric_text))
    return bank, rubrics


def _measure(bank: Path, rubrics: Path, cache: Path) -> dict[str, float]:
    env = {**os.environ, "INTERVIEWER_CACHE_DIR": str(cache)}
    output = subprocess.run(
        [sys.executable, "-c", _CHILD, str(bank), str(rubrics)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output)


def run(sizes: list[int], runs: int) -> list[dict[str, float]]:
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as temporary:
            folder = Path(temporary)
            bank, rubrics = write_bank(folder, size)
            cold, warm = [], []
            for attempt in range(runs):
                cache = folder / f"cache-{attempt}"
                cold.append(_measure(bank, rubrics, cache))
                warm.append(_measure(bank, rubrics, cache))
            rows.append(
                {
                    "questions": size,
                    "first_load_s": statistics.median(r["load_s"] for r in cold),
                    "cached_load_s": statistics.median(r["load_s"] for r in warm),
                    "first_peak_rss_mib": statistics.median(
                        r["peak_rss_mib"] for r in cold
                    ),
                    "cached_peak_rss_mib": statistics.median(
                        r["peak_rss_mib"] for r in warm
                    ),
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = run([int(size) for size in args.sizes.split(",")], args.runs)
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(
        f"{'questions':>9}  {'first load':>10}  {'cached load':>11}  "
        f"{'speed-up':>8}  {'peak RSS first':>14}  {'peak RSS cached':>15}"
    )
    for row in rows:
        print(
            f"{row['questions']:>9}  {row['first_load_s'] * 1000:>8.0f}ms  "
            f"{row['cached_load_s'] * 1000:>9.0f}ms  "
            f"{row['first_load_s'] / row['cached_load_s']:>7.1f}x  "
            f"{row['first_peak_rss_mib']:>11.1f}MiB  "
            f"{row['cached_peak_rss_mib']:>12.1f}MiB"
        )
    print(
        "Targets: cached load of 10,000 questions under 1 s; the built-in "
        "bank (50) under 50 ms either way."
    )


if __name__ == "__main__":
    main()
