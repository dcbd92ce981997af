"""Benchmark the scoring engine against bare rapidfuzz and plain difflib.

Two measurements, both as medians of ``time.perf_counter_ns`` after a warm-up:

(a) one 300-word answer scored against an 8-concept rubric (target: median
    under 1 ms);
(b) answers of 50, 300, 1,000 and 5,000 words scored against a 10-concept
    rubric with three phrases per concept, next to two references measured in
    the same run:

    - floor: ``rapidfuzz.fuzz.partial_ratio`` of every rubric phrase against
      the answer, lowercased beforehand and outside the timing;
    - difflib: a partial ratio built on ``difflib.SequenceMatcher``. The
      matching blocks of phrase and answer give candidate windows of the
      answer, each window is scored with ``SequenceMatcher.ratio`` and the best
      wins. This is the classic pure-Python partial ratio.

    Targets: the engine within 2x of the floor at every size, and its time per
    word no worse than linear growth from the 300-word case.

Answers are generated from a seeded random generator, so every run scores the
same text. They mix cloud/DevOps vocabulary with the rubric phrases and contain
typos, so the fuzzy matching does real work.

Run from the repository root::

    python benchmarks/scoring.py            # table
    python benchmarks/scoring.py --json     # one JSON object
    python benchmarks/scoring.py --profile  # plus where the engine's time goes
"""

from __future__ import annotations

import argparse
import cProfile
import difflib
import io
import json
import platform
import pstats
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
if str(REPOSITORY) not in sys.path:
    # Lets the script run from a source checkout without installing the package.
    sys.path.insert(0, str(REPOSITORY))

import rapidfuzz  # noqa: E402
from rapidfuzz import fuzz  # noqa: E402

from interviewer import __version__  # noqa: E402
from interviewer.rubric import Concept, Misconception, Rubric  # noqa: E402
from interviewer.scoring import (  # noqa: E402
    ScoreResult,
    matcher,
    normalize,
    score_answer,
)
from interviewer.scoring.normalize import STOP_WORDS, tokenize  # noqa: E402

SEED = 20261204
SIZES = (50, 300, 1000, 5000)
BASE_SIZE = 300
SINGLE_TARGET_MS = 1.0
FLOOR_RATIO_TARGET = 2.0
GROWTH_TARGET = 1.0
GROWTH_TOLERANCE = 0.10
"""Allowance for timing noise when judging growth against ``GROWTH_TARGET``.

Two medians of the same linear-time code can differ by a few percent from run
to run, so a growth of up to 1.10 still counts as linear.
"""
TYPO_RATE = 0.05
"""Share of filler words of five or more letters that get one typo."""
PHRASE_TYPO_RATE = 0.15
"""Share of the words of planted rubric phrases that get one typo."""
PHRASE_RATE = 0.5
"""Chance that a sentence contains one rubric phrase."""

# Cloud and DevOps words that fill the answers around the rubric phrases.
VOCABULARY = """
    aws azure gcp cloud region zone availability account organization tenant
    vpc subnet route table gateway nat peering endpoint private public ingress
    egress firewall security group acl policy role permission principal trust
    identity federation token credential secret vault rotation encryption kms
    key certificate tls https dns record resolver domain cdn cloudfront edge
    cache latency throughput bandwidth request response header payload json
    yaml config parameter environment variable deployment release rollout
    rollback canary blue green strategy pipeline stage job runner artifact
    build compile test lint scan image registry repository tag digest layer
    dockerfile container runtime daemon namespace cgroup volume mount bind
    network bridge overlay host port socket proxy sidecar mesh envoy istio
    kubernetes cluster node pod replica replicaset statefulset daemonset
    service ingress controller operator helm chart manifest kustomize label
    selector annotation taint toleration affinity scheduler kubelet etcd
    apiserver autoscaler horizontal vertical metric prometheus grafana alert
    dashboard logging tracing span opentelemetry jaeger loki elasticsearch
    monitoring observability incident outage postmortem oncall runbook sla
    slo sli error budget reliability resilience redundancy failover backup
    restore snapshot replication consistency durability retention lifecycle
    bucket object storage block file archive glacier queue topic stream
    kafka kinesis sqs sns eventbridge lambda function serverless invocation
    concurrency timeout memory cpu instance ec2 spot reserved savings plan
    cost budget billing tagging terraform module state backend provider plan
    apply drift ansible playbook inventory chef puppet packer ami golden
    immutable infrastructure code gitops argocd flux github gitlab jenkins
    workflow trigger webhook branch merge commit review approval compliance
    audit cloudtrail guardduty inspector patch vulnerability cve sbom
    signing provenance supply chain database postgres mysql dynamodb aurora
    rds redis memcached partition shard index query throughput capacity
    provisioned ondemand scaling horizontal load balancer target listener
    health check probe readiness liveness startup graceful shutdown drain
    connection retry backoff jitter idempotent circuit breaker bulkhead rate
    limiting throttling quota microservice monolith api contract versioning
    schema migration feature flag toggle experiment team ownership platform
    engineer developer operations culture automation toil deploy frequency
    lead time recovery change failure
"""

# Short words that make the generated text read as sentences, not as a list.
FUNCTION_WORDS = """
    the the the a a an and and or of of to to in in on for with by from
    that this it is is are was be can will would should we our you your
    when then so but because if not never also only which each all more
    into over after before while
"""

# (a) An 8-concept rubric about Lambda cold starts, with two misconceptions.
COLD_START_PROMPT = (
    "What is a Lambda cold start, what causes one, and how would you reduce "
    "cold-start latency?"
)
"""Passed to the engine as the app does, so the check for a restated
question is timed too."""
COLD_START_RUBRIC = Rubric(
    question_id="bench-lambda-cold-starts",
    concepts=(
        Concept(
            "What a cold start is",
            3.0,
            ("cold start", "new execution environment", "initialization phase"),
        ),
        Concept(
            "Provisioned concurrency",
            3.0,
            (
                "provisioned concurrency",
                "pre-warmed environments",
                "keep environments warm",
            ),
        ),
        Concept(
            "Package size matters",
            2.0,
            ("deployment package size", "smaller package", "fewer dependencies"),
        ),
        Concept(
            "Runtime choice",
            1.0,
            ("runtime choice", "interpreted runtime", "jvm startup"),
        ),
        Concept(
            "SnapStart",
            2.0,
            ("snapstart", "snapshot of the initialized environment"),
        ),
        Concept(
            "Initialisation outside the handler",
            2.0,
            ("outside the handler", "reuse connections", "init code"),
        ),
        Concept(
            "VPC networking",
            1.0,
            ("vpc attachment", "elastic network interface", "hyperplane eni"),
        ),
        Concept(
            "Measure it",
            2.0,
            ("init duration", "cloudwatch logs insights", "x-ray trace"),
        ),
    ),
    misconceptions=(
        Misconception(
            "Reserved concurrency keeps functions warm",
            ("reserved concurrency keeps them warm",),
            15.0,
        ),
        Misconception(
            "More memory never helps",
            ("memory has no effect on cold starts",),
            10.0,
        ),
    ),
    path=Path("benchmarks/scoring.py"),
    line=0,
)

# (b) A 10-concept rubric with exactly three phrases per concept.
DEPLOYMENT_PROMPT = (
    "How do you roll out a new version of a service on Kubernetes without "
    "downtime, and how do you roll it back?"
)
DEPLOYMENT_RUBRIC = Rubric(
    question_id="bench-kubernetes-deployments",
    concepts=tuple(
        Concept(label, 1.0, phrases)
        for label, phrases in (
            ("Rolling update", ("rolling update", "max surge", "max unavailable")),
            (
                "Readiness probe",
                ("readiness probe", "ready endpoint", "traffic only when ready"),
            ),
            (
                "Liveness probe",
                ("liveness probe", "restart unhealthy containers", "health check"),
            ),
            ("Resource requests", ("resource requests", "cpu limits", "memory limits")),
            (
                "Horizontal autoscaling",
                ("horizontal pod autoscaler", "hpa", "scale on cpu"),
            ),
            ("Rollback", ("rollout undo", "roll back", "revision history")),
            (
                "Canary",
                ("canary release", "small share of traffic", "progressive delivery"),
            ),
            (
                "Pod disruption budget",
                ("pod disruption budget", "pdb", "voluntary disruptions"),
            ),
            (
                "Config and secrets",
                ("configmap", "kubernetes secret", "environment variables"),
            ),
            (
                "Graceful shutdown",
                ("graceful shutdown", "sigterm", "termination grace period"),
            ),
        )
    ),
    misconceptions=(),
    path=Path("benchmarks/scoring.py"),
    line=0,
)


def add_typo(word: str, rng: random.Random) -> str:
    """Return ``word`` with one random edit: swap, drop, double or replace."""
    position = rng.randrange(1, len(word) - 1)
    edit = rng.choice(("swap", "drop", "double", "replace"))
    if edit == "swap":
        return (
            word[:position] + word[position + 1] + word[position] + word[position + 2 :]
        )
    if edit == "drop":
        return word[:position] + word[position + 1 :]
    if edit == "double":
        return word[:position] + word[position] + word[position:]
    letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
    return word[:position] + letter + word[position + 1 :]


def make_answer(word_count: int, rubric: Rubric, seed: int) -> str:
    """Generate an answer of exactly ``word_count`` whitespace-separated words.

    Sentences of 8 to 16 words alternate function words with vocabulary words,
    and about every second sentence contains one rubric phrase. Typos hit
    ``TYPO_RATE`` of the longer filler words and ``PHRASE_TYPO_RATE`` of the
    longer phrase words.
    """
    rng = random.Random(seed)
    vocabulary = VOCABULARY.split()
    function_words = FUNCTION_WORDS.split()
    phrases = [phrase for concept in rubric.concepts for phrase in concept.phrases]
    words: list[str] = []
    while len(words) < word_count:
        sentence = []
        for _ in range(rng.randint(8, 16)):
            if rng.random() < 0.4:
                sentence.append(rng.choice(function_words))
                continue
            word = rng.choice(vocabulary)
            if len(word) >= 5 and rng.random() < TYPO_RATE:
                word = add_typo(word, rng)
            sentence.append(word)
        if rng.random() < PHRASE_RATE:
            planted = [
                add_typo(word, rng)
                if len(word) >= 5 and word.isalpha() and rng.random() < PHRASE_TYPO_RATE
                else word
                for word in rng.choice(phrases).split()
            ]
            position = rng.randint(0, len(sentence))
            sentence[position:position] = planted
        if len(sentence) > 6 and rng.random() < 0.3:
            comma = rng.randrange(2, len(sentence) - 2)
            sentence[comma] += ","
        sentence[0] = sentence[0].capitalize()
        sentence[-1] += "."
        words.extend(sentence)
    words = words[:word_count]
    words[-1] = words[-1].rstrip(",.") + "."
    return " ".join(words)


def vocabulary_stems() -> frozenset[str]:
    """Return the stems of the correctly spelt filler words.

    The app passes the stems of the bank's own texts as ``known_words``; the
    filler vocabulary plays that part here, so typos of it stay typos.
    """
    tokens = tokenize(VOCABULARY)
    return frozenset(
        stem
        for text, stem in zip(tokens.texts, tokens.stems, strict=True)
        if text not in STOP_WORDS
    )


@dataclass(frozen=True)
class Timing:
    """Nanosecond timings of one measured call, after warm-up."""

    samples_ns: tuple[int, ...]

    @property
    def median_ms(self) -> float:
        return statistics.median(self.samples_ns) / 1e6

    @property
    def runs(self) -> int:
        return len(self.samples_ns)

    def to_json(self) -> dict[str, float | int]:
        return {
            "median_ms": round(self.median_ms, 4),
            "min_ms": round(min(self.samples_ns) / 1e6, 4),
            "max_ms": round(max(self.samples_ns) / 1e6, 4),
            "runs": self.runs,
        }


def measure(
    call: Callable[[], object],
    *,
    min_runs: int,
    max_runs: int,
    budget_s: float,
    warmup_runs: int,
) -> Timing:
    """Time ``call`` repeatedly and return the samples.

    Runs ``warmup_runs`` untimed calls first, then timed calls until both
    ``min_runs`` calls and ``budget_s`` seconds are reached, or ``max_runs``
    calls are done. The garbage collector stays on, as it is in the app.
    """
    for _ in range(warmup_runs):
        call()
    samples = []
    deadline = time.perf_counter_ns() + int(budget_s * 1e9)
    while len(samples) < max_runs:
        start = time.perf_counter_ns()
        call()
        samples.append(time.perf_counter_ns() - start)
        if len(samples) >= min_runs and time.perf_counter_ns() >= deadline:
            break
    return Timing(tuple(samples))


def clear_engine_caches() -> None:
    """Empty every ``functools.lru_cache`` of the tokeniser and matcher.

    The engine caches stems and compiled phrases across calls, so the first
    answer scored after start-up costs more than later ones.
    """
    for module in (normalize, matcher):
        for value in vars(module).values():
            cache_clear = getattr(value, "cache_clear", None)
            if callable(cache_clear):
                cache_clear()


def deployment_scorer(
    answer: str, known_words: frozenset[str]
) -> Callable[[], ScoreResult]:
    """Return a call that scores ``answer`` on the 10-concept rubric as the
    app would, prompt included, with no wrapper of its own to time."""
    return partial(
        score_answer,
        answer,
        DEPLOYMENT_RUBRIC,
        known_words=known_words,
        prompt=DEPLOYMENT_PROMPT,
    )


def rubric_phrases(rubric: Rubric) -> list[str]:
    return [phrase for concept in rubric.concepts for phrase in concept.phrases]


def floor_scores(phrases: Sequence[str], normalised_answer: str) -> list[float]:
    """Score every phrase with bare ``fuzz.partial_ratio``, the floor reference."""
    return [fuzz.partial_ratio(phrase, normalised_answer) for phrase in phrases]


def difflib_scores(phrases: Sequence[str], answer: str) -> list[float]:
    """Score every phrase with a ``difflib`` partial ratio, 0 to 100.

    The answer is set as the second sequence once, so its character index is
    built once per answer. ``autojunk`` is off, because on text over 200
    characters it treats every character that makes up more than 1% of the
    text as junk and so finds almost no matching blocks.
    """
    text = answer.lower()
    finder = difflib.SequenceMatcher(None, autojunk=False)
    finder.set_seq2(text)
    window_matcher = difflib.SequenceMatcher(None, autojunk=False)
    scores = []
    for phrase in phrases:
        finder.set_seq1(phrase)
        window_matcher.set_seq1(phrase)
        best = 0.0
        for block in finder.get_matching_blocks():
            start = max(0, block.b - block.a)
            window_matcher.set_seq2(text[start : start + len(phrase)])
            best = max(best, window_matcher.ratio())
            if best == 1.0:
                break
        scores.append(100.0 * best)
    return scores


def judge(value: float, target: float, tolerance: float = 0.0) -> bool:
    return value <= target * (1.0 + tolerance)


def run_single(args: argparse.Namespace, known_words: frozenset[str]) -> dict:
    """Measure (a): one 300-word answer against the 8-concept rubric."""
    answer = make_answer(BASE_SIZE, COLD_START_RUBRIC, SEED)
    timing = measure(
        lambda: score_answer(
            answer, COLD_START_RUBRIC, known_words=known_words, prompt=COLD_START_PROMPT
        ),
        min_runs=args.min_runs,
        max_runs=args.max_runs,
        budget_s=args.budget,
        warmup_runs=args.warmup,
    )

    def score_cold() -> None:
        clear_engine_caches()
        score_answer(
            answer, COLD_START_RUBRIC, known_words=known_words, prompt=COLD_START_PROMPT
        )

    cold = measure(
        score_cold,
        min_runs=args.min_runs,
        max_runs=min(args.max_runs, 200),
        budget_s=args.budget,
        warmup_runs=args.warmup,
    )
    clear_engine_caches()
    result = score_answer(
        answer, COLD_START_RUBRIC, known_words=known_words, prompt=COLD_START_PROMPT
    )
    return {
        "words": BASE_SIZE,
        "concepts": len(COLD_START_RUBRIC.concepts),
        "phrases": len(rubric_phrases(COLD_START_RUBRIC)),
        "misconception_phrases": sum(
            len(wrong.phrases) for wrong in COLD_START_RUBRIC.misconceptions
        ),
        "score": result.score,
        "covered": len(result.covered),
        "engine": timing.to_json(),
        "engine_cold_caches": cold.to_json(),
        "target_ms": SINGLE_TARGET_MS,
        "met": timing.median_ms < SINGLE_TARGET_MS,
    }


def run_sizes(args: argparse.Namespace, known_words: frozenset[str]) -> list[dict]:
    """Measure (b): engine, floor and difflib for each answer size."""
    phrases = rubric_phrases(DEPLOYMENT_RUBRIC)
    rows = []
    for size in args.sizes:
        answer = make_answer(size, DEPLOYMENT_RUBRIC, SEED + size)
        normalised = answer.lower()
        options = {
            "min_runs": args.min_runs,
            "max_runs": args.max_runs,
            "budget_s": args.budget,
            "warmup_runs": args.warmup,
        }
        engine = measure(
            deployment_scorer(answer, known_words),
            **options,
        )
        floor = measure(partial(floor_scores, phrases, normalised), **options)
        # difflib takes about 0.1 s per call at 5,000 words, so one warm-up
        # call is enough for it.
        plain = measure(
            partial(difflib_scores, phrases, answer),
            **{**options, "warmup_runs": min(args.warmup, 1)},
        )
        result = deployment_scorer(answer, known_words)()
        rows.append(
            {
                "words": size,
                "distinct_words": len(
                    {word.strip(",.").lower() for word in answer.split()}
                ),
                "covered": len(result.covered),
                "engine": engine.to_json(),
                "floor": floor.to_json(),
                "difflib": plain.to_json(),
                "engine_to_floor": engine.median_ms / floor.median_ms,
                "difflib_to_floor": plain.median_ms / floor.median_ms,
            }
        )
    base = next((row for row in rows if row["words"] == BASE_SIZE), None)
    for row in rows:
        row["met_floor_ratio"] = judge(row["engine_to_floor"], FLOOR_RATIO_TARGET)
        if base is None:
            continue
        for method in ("engine", "floor", "difflib"):
            per_word = row[method]["median_ms"] / row["words"]
            base_per_word = base[method]["median_ms"] / BASE_SIZE
            row[f"{method}_growth"] = per_word / base_per_word
        if row["words"] > BASE_SIZE:
            row["met_growth"] = judge(
                row["engine_growth"], GROWTH_TARGET, GROWTH_TOLERANCE
            )
    return rows


def measure_tokenize_share(
    args: argparse.Namespace, known_words: frozenset[str]
) -> list[dict]:
    """Return, per answer size of (b), how much of the engine's time is tokenising."""
    rows = []
    for size in args.sizes:
        answer = make_answer(size, DEPLOYMENT_RUBRIC, SEED + size)
        options = {
            "min_runs": args.min_runs,
            "max_runs": args.max_runs,
            "budget_s": args.budget / 2,
            "warmup_runs": args.warmup,
        }
        tokenising = measure(partial(tokenize, answer), **options)
        engine = measure(
            deployment_scorer(answer, known_words),
            **options,
        )
        rows.append(
            {
                "words": size,
                "tokenize_ms": round(tokenising.median_ms, 4),
                "engine_ms": round(engine.median_ms, 4),
                "share": round(tokenising.median_ms / engine.median_ms, 3),
            }
        )
    return rows


def profile_engine(size: int, calls: int, known_words: frozenset[str], top: int) -> str:
    """Return cProfile's top functions by own time for ``calls`` scorings."""
    answer = make_answer(size, DEPLOYMENT_RUBRIC, SEED + size)
    score = deployment_scorer(answer, known_words)
    score()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        score()
    profiler.disable()
    output = io.StringIO()
    stats = pstats.Stats(profiler, stream=output)
    stats.sort_stats("tottime").print_stats(top)
    return output.getvalue()


def format_growth(row: dict, method: str) -> str:
    growth = row.get(f"{method}_growth")
    return "-" if growth is None else f"{growth:.2f}"


def format_report(report: dict) -> str:
    """Return the human-readable tables for a finished report."""
    lines = [
        f"Scoring benchmark: interviewer {report['interviewer']}, "
        f"Python {report['python']}, rapidfuzz {report['rapidfuzz']}",
        "Times are medians of time.perf_counter_ns per answer after warm-up, in ms.",
        "",
    ]
    single = report["single"]
    verdict = "met" if single["met"] else "MISSED"
    lines += [
        f"(a) {single['words']}-word answer, {single['concepts']}-concept rubric "
        f"({single['phrases']} phrases, {single['misconception_phrases']} "
        "misconception phrases)",
        f"    engine median {single['engine']['median_ms']:.3f} ms over "
        f"{single['engine']['runs']} runs; "
        f"target < {single['target_ms']:g} ms: {verdict}",
        f"    with the engine's caches emptied before each call (first answer after "
        f"start-up): {single['engine_cold_caches']['median_ms']:.3f} ms, no target",
        "",
        "(b) 10-concept rubric, 3 phrases per concept. floor = fuzz.partial_ratio of "
        "each phrase",
        "    on the lowercased answer; difflib = SequenceMatcher matching-block "
        "windows scored by ratio().",
        "    growth = time per word relative to the 300-word case (1.00 = linear).",
        "",
    ]
    header = (
        f"{'words':>6} {'engine':>9} {'floor':>9} {'difflib':>10} "
        f"{'eng/floor':>9} {'<=2x':>6} {'growth':>7} {'<=lin':>6} "
        f"{'floor gr':>8} {'difflib gr':>10}"
    )
    lines += [header, "-" * len(header)]
    for row in report["sizes"]:
        engine, floor, plain = row["engine"], row["floor"], row["difflib"]
        floor_verdict = "yes" if row["met_floor_ratio"] else "NO"
        growth = format_growth(row, "engine")
        growth_verdict = "-"
        if "met_growth" in row:
            growth_verdict = "yes" if row["met_growth"] else "NO"
        lines.append(
            f"{row['words']:>6} {engine['median_ms']:>9.3f} "
            f"{floor['median_ms']:>9.3f} {plain['median_ms']:>10.2f} "
            f"{row['engine_to_floor']:>8.1f}x {floor_verdict:>6} "
            f"{growth:>7} {growth_verdict:>6} "
            f"{format_growth(row, 'floor'):>8} {format_growth(row, 'difflib'):>10}"
        )
    runs = ", ".join(
        f"{row['words']}w {row['engine']['runs']}/{row['floor']['runs']}/"
        f"{row['difflib']['runs']}"
        for row in report["sizes"]
    )
    lines += [
        "",
        f"Runs (engine/floor/difflib): {runs}",
        f"Growth counts as linear up to {GROWTH_TARGET * (1 + GROWTH_TOLERANCE):.2f} "
        "to allow for timing noise.",
    ]
    return "\n".join(lines)


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
        description="Time the scoring engine against bare rapidfuzz and difflib.",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--budget",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="minimum time spent timing each case (default 1.0)",
    )
    parser.add_argument(
        "--min-runs",
        type=positive_int,
        default=7,
        metavar="N",
        help="minimum timed runs per case (default 7)",
    )
    parser.add_argument(
        "--max-runs",
        type=positive_int,
        default=2000,
        metavar="N",
        help="maximum timed runs per case (default 2000)",
    )
    parser.add_argument(
        "--warmup",
        type=non_negative_int,
        default=5,
        metavar="N",
        help="untimed runs before each case, but at most 1 for difflib (default 5)",
    )
    parser.add_argument(
        "--sizes",
        type=positive_int,
        nargs="+",
        default=list(SIZES),
        metavar="WORDS",
        help="answer sizes in words for (b), default 50 300 1000 5000. Growth "
        "is only computed when 300 is among them",
    )
    parser.add_argument(
        "--profile",
        type=positive_int,
        nargs="?",
        const=5000,
        metavar="WORDS",
        help="also print the tokenising share of each size and the engine's "
        "cProfile top list for an answer of WORDS words (default 5000)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.min_runs > args.max_runs:
        build_parser().error(
            f"--min-runs {args.min_runs} is above --max-runs {args.max_runs}"
        )
    known_words = vocabulary_stems()
    report = {
        "interviewer": __version__,
        "python": platform.python_version(),
        "rapidfuzz": rapidfuzz.__version__,
        "machine": platform.machine(),
        "seed": SEED,
        "single": run_single(args, known_words),
        "sizes": run_sizes(args, known_words),
    }
    if args.profile:
        report["tokenize_share"] = measure_tokenize_share(args, known_words)
        report["profile"] = profile_engine(args.profile, 20, known_words, top=20)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(format_report(report))
    if args.profile:
        print("\nTokenising alone (normalize.tokenize), medians in ms:")
        for row in report["tokenize_share"]:
            print(
                f"  {row['words']:>5} words: tokenize {row['tokenize_ms']:.3f} of "
                f"{row['engine_ms']:.3f} ({row['share']:.0%})"
            )
        print(f"\ncProfile of 20 scorings of a {args.profile}-word answer:")
        print(report["profile"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
