"""Agreement between the scorer and hand-graded answers to built-in questions.

The graded set is YAML: one file, or a folder whose ``*.yaml`` files are read
in name order. Each file contains an ``answers`` list, and each entry has:

- ``id``: unique across the set, used to report misses;
- ``question_id``: a question of the built-in bank;
- ``kind``: one of :data:`KINDS`, how the answer was written;
- ``band``: the band a fair grader gives (strong, solid, partial or weak), or a
  list of two adjacent bands where a grader would honestly hesitate;
- ``answer``: the candidate's text;
- ``note``: optional, one line on why that band.

Every answer is scored against its question's built-in rubric, with the
bank's known words, exactly as ``interviewer score`` does. The report gives the
share of answers whose score falls inside the expected band, the share per
kind, Spearman's rank correlation between the score and the band centre, a
confusion table of expected against scored band, and every miss with its
score and concept breakdown.

Usage::

    python benchmarks/graded_agreement.py [PATH] [--json]

PATH defaults to ``tests/data/graded``, the set the rubrics were tuned on.
``tests/data/held-out`` holds answers that shaped no rubric phrase, whose
agreement estimates how the scorer does on answers it has never seen.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parent.parent
if str(REPOSITORY) not in sys.path:
    # Lets the script run from a source checkout without installing the package.
    sys.path.insert(0, str(REPOSITORY))

import yaml  # noqa: E402

from interviewer.calibration import spearman  # noqa: E402
from interviewer.catalog import Catalog, load_catalog  # noqa: E402
from interviewer.scoring import BANDS, ScoreResult, score_answer  # noqa: E402

DEFAULT_PATH = REPOSITORY / "tests" / "data" / "graded"
KINDS = (
    "excellent",
    "paraphrase",
    "partial",
    "typo",
    "misconception",
    "keyword-list",
    "off-topic",
)
"""How an answer was written. tests/test_graded_set.py describes each kind."""
BAND_NAMES = tuple(name for name, _ in BANDS)
"""Band names, best first."""
BAND_CENTRES = {"strong": 90.0, "solid": 70.0, "partial": 47.0, "weak": 17.0}
"""The middle of each band's score range, compared with scores by Spearman."""
ENTRY_KEYS = frozenset({"id", "question_id", "kind", "band", "answer", "note"})
REQUIRED_KEYS = ("id", "question_id", "kind", "band", "answer")


class GradedSetError(Exception):
    """Raised for a graded-set file or entry that cannot be used."""


@dataclass(frozen=True, slots=True)
class GradedAnswer:
    """One hand-graded answer."""

    id: str
    question_id: str
    kind: str
    bands: tuple[str, ...]
    """One band, or two adjacent bands where a grader would hesitate."""
    answer: str
    note: str
    path: Path

    @property
    def centre(self) -> float:
        """The expected band centre, or the mean of both centres for two bands."""
        return sum(BAND_CENTRES[band] for band in self.bands) / len(self.bands)


@dataclass(frozen=True, slots=True)
class Outcome:
    """A graded answer with the score it got."""

    graded: GradedAnswer
    category: str
    result: ScoreResult

    @property
    def inside(self) -> bool:
        return self.result.band in self.graded.bands

    @property
    def expected_row(self) -> str:
        """The expected band this outcome is counted under in the confusion table.

        A two-band entry counts under whichever of its bands is nearer the
        scored band, so an answer inside its range lands on the diagonal.
        """
        scored = BAND_NAMES.index(self.result.band)
        return min(
            self.graded.bands, key=lambda band: abs(BAND_NAMES.index(band) - scored)
        )


def graded_files(path: Path) -> list[Path]:
    """Return the YAML files of a graded set: ``path`` itself or its ``*.yaml``."""
    if path.is_dir():
        files = sorted(path.glob("*.yaml"))
        if not files:
            raise GradedSetError(f"{path}: no *.yaml files in this folder")
        return files
    if not path.is_file():
        raise GradedSetError(f"{path}: not found; give a YAML file or a folder")
    return [path]


def _bands(value: Any, where: str) -> tuple[str, ...]:
    names = value if isinstance(value, list) else [value]
    if not 1 <= len(names) <= 2 or not all(name in BAND_NAMES for name in names):
        raise GradedSetError(
            f"{where}: band {value!r} is invalid; use one of {', '.join(BAND_NAMES)} "
            "or a list of two adjacent ones"
        )
    if len(names) == 2:
        first, second = (BAND_NAMES.index(name) for name in names)
        if abs(first - second) != 1:
            raise GradedSetError(f"{where}: bands {names!r} are not adjacent")
    return tuple(names)


def _entry(item: Any, path: Path, number: int) -> GradedAnswer:
    where = f"{path}: answers[{number}]"
    if not isinstance(item, dict):
        raise GradedSetError(f"{where}: expected a mapping, got {type(item).__name__}")
    unknown = sorted(set(item) - ENTRY_KEYS)
    if unknown:
        raise GradedSetError(
            f"{where}: unknown key {unknown[0]!r}; allowed keys: "
            f"{', '.join(sorted(ENTRY_KEYS))}"
        )
    missing = [key for key in REQUIRED_KEYS if key not in item]
    if missing:
        raise GradedSetError(f"{where}: missing {', '.join(missing)}")
    where = f"{path}: {item['id']}"
    if item["kind"] not in KINDS:
        raise GradedSetError(
            f"{where}: kind {item['kind']!r} is invalid; use one of {', '.join(KINDS)}"
        )
    answer = item["answer"]
    if not isinstance(answer, str) or not answer.strip():
        raise GradedSetError(f"{where}: answer is empty; give the candidate's text")
    return GradedAnswer(
        id=str(item["id"]),
        question_id=str(item["question_id"]),
        kind=item["kind"],
        bands=_bands(item["band"], where),
        answer=answer,
        note=str(item.get("note", "")),
        path=path,
    )


def load_graded(path: Path) -> list[GradedAnswer]:
    """Read and check a graded set, raising :class:`GradedSetError` on a fault."""
    answers: list[GradedAnswer] = []
    seen: dict[str, Path] = {}
    for file in graded_files(path):
        try:
            document = yaml.safe_load(file.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            raise GradedSetError(f"{file}: invalid YAML: {error}") from None
        if not isinstance(document, dict) or not isinstance(
            document.get("answers"), list
        ):
            raise GradedSetError(f"{file}: expected a top-level 'answers' list")
        for number, item in enumerate(document["answers"]):
            graded = _entry(item, file, number)
            if graded.id in seen:
                raise GradedSetError(
                    f"{file}: id {graded.id!r} is already used in {seen[graded.id]}"
                )
            seen[graded.id] = file
            answers.append(graded)
    return answers


def score_set(answers: list[GradedAnswer], catalog: Catalog) -> list[Outcome]:
    """Score every answer against its question's rubric in ``catalog``."""
    outcomes = []
    for graded in answers:
        question = catalog.get(graded.question_id)
        result = score_answer(
            graded.answer,
            catalog.rubric(question.id),
            known_words=catalog.known_words,
        )
        outcomes.append(Outcome(graded, question.category, result))
    return outcomes


def _share(outcomes: list[Outcome]) -> float:
    return sum(o.inside for o in outcomes) / len(outcomes) if outcomes else 0.0


def describe_miss(outcome: Outcome) -> dict[str, Any]:
    """Return a miss's id, kind, bands, score and concept breakdown."""
    result = outcome.result
    return {
        "id": outcome.graded.id,
        "question_id": outcome.graded.question_id,
        "kind": outcome.graded.kind,
        "expected": list(outcome.graded.bands),
        "score": result.score,
        "band": result.band,
        "covered": [
            {"label": c.label, "weight": c.weight, "evidence": c.match.evidence}
            for c in result.covered
            if c.match is not None
        ],
        "missed": [
            {"label": c.label, "weight": c.weight, "status": str(c.status)}
            for c in result.missed
        ],
        "misconceptions": [
            {"label": m.label, "penalty": m.penalty, "evidence": m.match.evidence}
            for m in result.misconceptions
        ],
        "flags": [flag.code for flag in result.flags],
        "note": outcome.graded.note,
    }


def agreement(outcomes: list[Outcome]) -> dict[str, Any]:
    """Return the agreement figures of one scored set."""
    by_kind = {kind: [o for o in outcomes if o.graded.kind == kind] for kind in KINDS}
    categories = sorted({o.category for o in outcomes})
    by_category = {c: [o for o in outcomes if o.category == c] for c in categories}
    confusion = Counter((o.expected_row, o.result.band) for o in outcomes)
    correlation = spearman(
        [float(o.result.score) for o in outcomes], [o.graded.centre for o in outcomes]
    )
    return {
        "answers": len(outcomes),
        "questions": len({o.graded.question_id for o in outcomes}),
        "inside_band": round(_share(outcomes), 4),
        "inside": sum(o.inside for o in outcomes),
        "per_kind": {
            kind: {"answers": len(group), "inside_band": round(_share(group), 4)}
            for kind, group in by_kind.items()
        },
        "per_category": {
            category: {"answers": len(group), "inside_band": round(_share(group), 4)}
            for category, group in by_category.items()
        },
        "spearman": None if correlation is None else round(correlation, 4),
        "confusion": {
            expected: {scored: confusion[expected, scored] for scored in BAND_NAMES}
            for expected in BAND_NAMES
        },
        "misses": [describe_miss(o) for o in outcomes if not o.inside],
    }


def format_miss(miss: dict[str, Any]) -> str:
    """Return a miss as a few indented lines for a terminal."""
    expected = "/".join(miss["expected"])
    lines = [
        f"{miss['id']} ({miss['kind']}, {miss['question_id']}): expected {expected}, "
        f"scored {miss['score']} ({miss['band']})"
    ]
    for concept in miss["covered"]:
        lines.append(
            f"    + {concept['label']} [{concept['weight']:g}]: {concept['evidence']!r}"
        )
    for concept in miss["missed"]:
        status = "" if concept["status"] == "missed" else f" ({concept['status']})"
        lines.append(f"    - {concept['label']} [{concept['weight']:g}]{status}")
    for wrong in miss["misconceptions"]:
        lines.append(
            f"    ! {wrong['label']} -{wrong['penalty']:g}: {wrong['evidence']!r}"
        )
    if miss["flags"]:
        lines.append(f"    flags: {', '.join(miss['flags'])}")
    if miss["note"]:
        lines.append(f"    note: {miss['note']}")
    return "\n".join(lines)


def format_report(figures: dict[str, Any]) -> str:
    """Return the agreement figures as a plain-text report."""
    spearman_text = (
        "n/a" if figures["spearman"] is None else f"{figures['spearman']:.3f}"
    )
    lines = [
        f"{figures['answers']} answers to {figures['questions']} questions",
        f"inside band: {figures['inside']}/{figures['answers']} "
        f"({figures['inside_band']:.1%})",
        f"Spearman (score vs band centre): {spearman_text}",
        "",
        f"{'kind':<15}{'answers':>8}{'inside':>9}",
    ]
    for kind, row in figures["per_kind"].items():
        lines.append(f"{kind:<15}{row['answers']:>8}{row['inside_band']:>9.1%}")
    lines += ["", f"{'category':<28}{'answers':>8}{'inside':>9}"]
    for category, row in figures["per_category"].items():
        lines.append(f"{category:<28}{row['answers']:>8}{row['inside_band']:>9.1%}")
    lines += ["", "expected (rows) vs scored (columns)"]
    lines.append(f"{'':<10}" + "".join(f"{band:>9}" for band in BAND_NAMES))
    for expected, row in figures["confusion"].items():
        lines.append(
            f"{expected:<10}" + "".join(f"{row[band]:>9}" for band in BAND_NAMES)
        )
    lines += ["", f"misses: {len(figures['misses'])}"]
    lines += [format_miss(miss) for miss in figures["misses"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Compare scores of hand-graded answers with their expected bands."
    )
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        default=DEFAULT_PATH,
        help="graded-set YAML file or folder (default: tests/data/graded)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    try:
        answers = load_graded(args.path)
    except GradedSetError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    catalog = load_catalog()
    unknown = sorted(
        {a.question_id for a in answers} - {q.id for q in catalog.questions}
    )
    if unknown:
        print(
            f"error: question ids not in the built-in bank: {', '.join(unknown)}",
            file=sys.stderr,
        )
        return 1
    figures = agreement(score_set(answers, catalog))
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
    else:
        print(format_report(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
