"""Hand-graded answers to built-in questions, scored against their expected bands.

Each answer was written for one built-in question in one of seven kinds, and
given the band a fair human grader would give before the scorer saw it:

- excellent: a strong candidate's answer in their own words;
- paraphrase: correct and fairly complete, in plain words that avoid the
  rubric's canonical terms;
- partial: some key points, others missed;
- typo: a good answer with realistic typos, which keeps the band of the same
  answer spelt correctly;
- misconception: states a common wrong belief, which costs a band or more;
- keyword-list: terms without sentences, at best partial;
- off-topic: a fluent answer to another question, or filler, always weak.

tests/data/graded is the graded set: rubric aliases were added where its
answers showed wording a fair grader accepts, so it is also the set the
rubrics were tuned on, and 90% of it must land inside its band.
tests/data/held-out shaped no rubric phrase; its agreement is the honest
estimate for answers the rubrics have never seen, and this module guards it
against regressions only. The loader and the agreement figures live in
benchmarks/graded_agreement.py, which prints the full report with every miss.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from interviewer.catalog import Catalog, load_catalog

GRADED = Path(__file__).parent / "data" / "graded"
HELD_OUT = Path(__file__).parent / "data" / "held-out"
AGREEMENT_SCRIPT = Path(__file__).parent.parent / "benchmarks" / "graded_agreement.py"
MIN_INSIDE_SHARE = 0.90
# TODO: raise. Plain-words paraphrases and partial answers that explain a
# point by its effect are most of the held-out misses; keyword matching only
# credits them when some alias happens to say it the same way.
MIN_HELD_OUT_SHARE = 0.60
MIN_ANSWERS = 150
MIN_QUESTIONS = 15
MIN_QUESTIONS_PER_CATEGORY = 2
MIN_ANSWERS_PER_KIND = 15
MAX_TWO_BAND_SHARE = 0.20


def _load_agreement_module():
    spec = importlib.util.spec_from_file_location("graded_agreement", AGREEMENT_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Dataclasses look their module up in sys.modules while the file executes.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


agreement = _load_agreement_module()


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def graded():
    return agreement.load_graded(GRADED)


@pytest.fixture(scope="module")
def outcomes(graded, catalog):
    return agreement.score_set(graded, catalog)


@pytest.fixture(scope="module")
def held_out():
    return agreement.load_graded(HELD_OUT)


# --- Shape of the set ----------------------------------------------------------


def test_graded_set_size(graded):
    assert len(graded) >= MIN_ANSWERS


def test_graded_set_question_count(graded):
    assert len({answer.question_id for answer in graded}) >= MIN_QUESTIONS


def test_graded_set_uses_built_in_questions(graded, catalog):
    known = {question.id for question in catalog.questions}
    unknown = sorted({answer.question_id for answer in graded} - known)
    assert unknown == []


def test_graded_set_covers_every_category(graded, catalog):
    questions = {answer.question_id for answer in graded}
    per_category = Counter(
        question.category for question in catalog.questions if question.id in questions
    )
    assert set(per_category) == set(catalog.categories)
    thin = {c: n for c, n in per_category.items() if n < MIN_QUESTIONS_PER_CATEGORY}
    assert thin == {}


def test_graded_set_covers_every_kind(graded):
    assert {answer.kind for answer in graded} == set(agreement.KINDS)


@pytest.mark.parametrize("kind", agreement.KINDS)
def test_graded_set_kind_count(graded, kind):
    assert sum(answer.kind == kind for answer in graded) >= MIN_ANSWERS_PER_KIND


def test_two_band_entries_are_few(graded):
    two_band = sum(len(answer.bands) == 2 for answer in graded)
    assert two_band / len(graded) < MAX_TWO_BAND_SHARE


# --- Agreement -----------------------------------------------------------------


def test_scores_fall_inside_expected_bands(outcomes):
    misses = [agreement.describe_miss(o) for o in outcomes if not o.inside]
    share = 1 - len(misses) / len(outcomes)
    report = "\n".join(agreement.format_miss(miss) for miss in misses)
    assert share >= MIN_INSIDE_SHARE, (
        f"{len(outcomes) - len(misses)}/{len(outcomes)} answers ({share:.1%}) "
        f"scored inside their band, under {MIN_INSIDE_SHARE:.0%}. Misses:\n{report}"
    )


def test_held_out_set_has_every_kind_and_category(held_out, catalog):
    assert {answer.kind for answer in held_out} == set(agreement.KINDS)
    questions = {answer.question_id for answer in held_out}
    categories = {
        question.category for question in catalog.questions if question.id in questions
    }
    assert categories == set(catalog.categories)


def test_held_out_answers_are_not_in_the_graded_set(held_out, graded):
    assert {a.id for a in held_out}.isdisjoint({a.id for a in graded})
    assert {a.answer for a in held_out}.isdisjoint({a.answer for a in graded})


def test_held_out_agreement_does_not_regress(held_out, catalog):
    outcomes = agreement.score_set(held_out, catalog)
    misses = [agreement.describe_miss(o) for o in outcomes if not o.inside]
    share = 1 - len(misses) / len(outcomes)
    report = "\n".join(agreement.format_miss(miss) for miss in misses)
    assert share >= MIN_HELD_OUT_SHARE, (
        f"held-out: {len(outcomes) - len(misses)}/{len(outcomes)} ({share:.1%}) "
        f"inside their band, under {MIN_HELD_OUT_SHARE:.0%}. Misses:\n{report}"
    )


# --- Loader and report ---------------------------------------------------------

VALID_ENTRY = {
    "id": "one",
    "question_id": "lambda-cold-starts",
    "kind": "partial",
    "band": "partial",
    "answer": "A cold start is the delay while Lambda creates a new environment.",
}


def _write(tmp_path: Path, entries: list[dict]) -> Path:
    path = tmp_path / "graded.yaml"
    path.write_text(json.dumps({"answers": entries}), encoding="utf-8")
    return path


def test_loader_reads_one_band_and_two_bands(tmp_path):
    second = {**VALID_ENTRY, "id": "two", "band": ["solid", "strong"], "note": "why"}
    answers = agreement.load_graded(_write(tmp_path, [VALID_ENTRY, second]))
    assert [a.bands for a in answers] == [("partial",), ("solid", "strong")]
    assert answers[1].centre == 80.0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"band": "good"}, "band 'good' is invalid"),
        ({"band": ["strong", "partial"]}, "are not adjacent"),
        ({"band": ["weak", "partial", "solid"]}, "is invalid"),
        ({"kind": "rambling"}, "kind 'rambling' is invalid"),
        ({"answer": "  "}, "answer is empty"),
        ({"grade": 3}, "unknown key 'grade'"),
    ],
)
def test_loader_rejects_bad_entry(tmp_path, change, message):
    path = _write(tmp_path, [{**VALID_ENTRY, **change}])
    with pytest.raises(agreement.GradedSetError, match=message):
        agreement.load_graded(path)


def test_loader_rejects_missing_key(tmp_path):
    entry = {key: value for key, value in VALID_ENTRY.items() if key != "band"}
    with pytest.raises(agreement.GradedSetError, match="missing band"):
        agreement.load_graded(_write(tmp_path, [entry]))


def test_loader_rejects_duplicate_id(tmp_path):
    with pytest.raises(agreement.GradedSetError, match="already used"):
        agreement.load_graded(_write(tmp_path, [VALID_ENTRY, VALID_ENTRY]))


def test_loader_rejects_empty_folder(tmp_path):
    with pytest.raises(agreement.GradedSetError, match="no \\*.yaml files"):
        agreement.load_graded(tmp_path)


def test_agreement_json_on_tiny_set(tmp_path, capsys, catalog):
    strong_answer = catalog.get("lambda-cold-starts").model_answer
    entries = [
        {
            **VALID_ENTRY,
            "id": "model",
            "kind": "excellent",
            "band": "strong",
            "answer": strong_answer,
        },
        {
            **VALID_ENTRY,
            "id": "filler",
            "kind": "off-topic",
            "band": "strong",
            "answer": "I always follow best practices and communicate with the team.",
        },
    ]
    assert agreement.main([str(_write(tmp_path, entries)), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["answers"] == 2
    assert figures["inside"] == 1
    assert figures["per_kind"]["excellent"] == {"answers": 1, "inside_band": 1.0}
    assert figures["per_kind"]["off-topic"] == {"answers": 1, "inside_band": 0.0}
    assert figures["confusion"]["strong"]["strong"] == 1
    assert figures["confusion"]["strong"]["weak"] == 1
    assert [miss["id"] for miss in figures["misses"]] == ["filler"]
    assert figures["misses"][0]["flags"] == ["short"]
