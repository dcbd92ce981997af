"""Rubric loader and how rubrics pair with questions in a catalog."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from interviewer.catalog import Catalog, load_catalog
from interviewer.errors import Problem
from interviewer.rubric import load_rubrics

BANK = """\
category: Serverless
questions:
  - id: cold-starts
    prompt: What is a cold start?
    difficulty: mid
    model_answer: A new execution environment is created first.
  - id: layers
    prompt: What is a layer?
    difficulty: junior
    model_answer: A zip archive of shared libraries.
"""

RUBRICS = """\
cold-starts:
  concepts:
    - label: Execution environment
      weight: 2
      phrases: [execution environment]
  misconceptions:
    - label: Reserved concurrency warms
      phrases: [reserved concurrency keeps warm]
      penalty: 20
layers:
  concepts:
    - label: Zip archive
      phrases: [zip archive]
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def catalog_with(tmp_path: Path, rubrics: str) -> tuple[Catalog, Path]:
    write(tmp_path / "bank", "bank.yaml", BANK)
    path = write(tmp_path / "rubrics", "rubrics.yaml", rubrics)
    catalog = load_catalog(
        [tmp_path / "bank"], [tmp_path / "rubrics"], include_builtin=False
    )
    return catalog, path


def rubric_problems(tmp_path: Path, text: str) -> list[Problem]:
    write(tmp_path, "r.yaml", text)
    problems: list[Problem] = []
    load_rubrics([tmp_path], problems)
    return problems


def only_problem(tmp_path: Path, text: str) -> Problem:
    problems = rubric_problems(tmp_path, text)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_valid_rubrics_load(tmp_path):
    catalog, _ = catalog_with(tmp_path, RUBRICS)
    rubric = catalog.rubric("cold-starts")
    assert catalog.problems == []
    assert rubric.concepts[0].weight == 2
    assert rubric.concepts[0].phrases == ("execution environment",)
    assert rubric.misconceptions[0].penalty == 20


def test_default_weight_and_penalty(tmp_path):
    text = """\
    q-a:
      concepts:
        - label: L
          phrases: [zip archive]
      misconceptions:
        - label: M
          phrases: [layers replace packages]
    """
    write(tmp_path, "r.yaml", text)
    problems: list[Problem] = []
    (rubric,) = load_rubrics([tmp_path], problems)
    assert rubric.concepts[0].weight == 1.0
    assert rubric.misconceptions[0].penalty == 15.0


def test_question_without_rubric_is_problem(tmp_path):
    rubrics = RUBRICS.split("layers:")[0]
    catalog, _ = catalog_with(tmp_path, rubrics)
    assert [q.id for q in catalog.questions] == ["cold-starts"]
    assert len(catalog.problems) == 1
    problem = catalog.problems[0]
    assert problem.path == tmp_path / "bank" / "bank.yaml"
    assert problem.line == 7
    assert "question 'layers' has no rubric" in problem.message


def test_rubric_for_unknown_question(tmp_path):
    catalog, path = catalog_with(
        tmp_path,
        RUBRICS + "layer:\n  concepts:\n    - label: L\n      phrases: [opt]\n",
    )
    assert len(catalog.problems) == 1
    problem = catalog.problems[0]
    assert problem.path == path
    assert problem.line == 14
    assert "rubric names unknown question 'layer'" in problem.message
    assert "did you mean 'layers'?" in problem.message


def test_unknown_rubric_not_kept(tmp_path):
    catalog, _ = catalog_with(
        tmp_path,
        RUBRICS + "layer:\n  concepts:\n    - label: L\n      phrases: [opt]\n",
    )
    assert sorted(catalog.rubrics) == ["cold-starts", "layers"]


@pytest.mark.parametrize("weight", ["0", "-1", "-0.5"])
def test_non_positive_weight(tmp_path, weight):
    problem = only_problem(
        tmp_path,
        f"q-a:\n  concepts:\n    - label: L\n      weight: {weight}\n"
        "      phrases: [zip archive]\n",
    )
    assert problem.line == 4
    assert f"'q-a.concepts[0].weight' must be positive, not {weight}" in problem.message


def test_text_weight(tmp_path):
    problem = only_problem(
        tmp_path,
        "q-a:\n  concepts:\n    - label: L\n      weight: heavy\n"
        "      phrases: [zip archive]\n",
    )
    assert problem.line == 4
    assert "'q-a.concepts[0].weight' must be a number" in problem.message


def test_negative_penalty(tmp_path):
    problem = only_problem(
        tmp_path,
        "q-a:\n  concepts:\n    - label: L\n      phrases: [zip archive]\n"
        "  misconceptions:\n    - label: M\n      phrases: [opt]\n      penalty: -5\n",
    )
    assert problem.line == 8
    assert "'q-a.misconceptions[0].penalty' must be at least 0" in problem.message


@pytest.mark.parametrize("phrase", ["--", "...", "\u2014"])
def test_phrase_empty_after_normalisation(tmp_path, phrase):
    problem = only_problem(
        tmp_path,
        "q-a:\n  concepts:\n    - label: L\n"
        f"      phrases: [zip archive, '{phrase}']\n",
    )
    assert problem.line == 4
    assert f"phrase {phrase!r} is empty after normalisation" in problem.message


def test_phrase_of_only_spaces(tmp_path):
    problem = only_problem(
        tmp_path,
        "q-a:\n  concepts:\n    - label: L\n      phrases:\n        - zip archive\n"
        "        - '  '\n",
    )
    assert problem.line == 6
    assert "'q-a.concepts[0].phrases[1]' must be non-empty text" in problem.message


def test_phrase_of_only_stop_words(tmp_path):
    problem = only_problem(
        tmp_path,
        "q-a:\n  concepts:\n    - label: L\n      phrases: [zip archive, the of]\n",
    )
    assert problem.line == 4
    assert "phrase 'the of' holds only stop words" in problem.message


def test_empty_phrase_list(tmp_path):
    problem = only_problem(
        tmp_path, "q-a:\n  concepts:\n    - label: L\n      phrases: []\n"
    )
    assert problem.line == 4
    assert "q-a.concepts[0].phrases is empty" in problem.message


def test_empty_phrase_list_after_broken_file(tmp_path):
    write(tmp_path, "a.yaml", "q-a: not a mapping\n")
    write(tmp_path, "b.yaml", "q-b:\n  concepts:\n    - label: L\n      phrases: []\n")
    problems: list[Problem] = []
    rubrics = load_rubrics([tmp_path], problems)
    assert rubrics == []
    assert [p.path.name for p in problems] == ["a.yaml", "b.yaml"]


def test_empty_concept_list(tmp_path):
    problem = only_problem(tmp_path, "q-a:\n  concepts: []\n")
    assert problem.line == 2
    assert "rubric 'q-a' has no concepts" in problem.message


def test_missing_concepts(tmp_path):
    problem = only_problem(
        tmp_path, "q-a:\n  misconceptions:\n    - label: M\n      phrases: [opt]\n"
    )
    assert problem.line == 2
    assert "missing required key 'q-a.concepts'" in problem.message


def test_duplicate_key_in_mapping(tmp_path):
    problem = only_problem(
        tmp_path,
        "q-a:\n  concepts:\n    - label: L\n      label: M\n      phrases: [zip]\n",
    )
    assert problem.line == 4
    assert "duplicate key 'label'" in problem.message


def test_duplicate_question_key_in_file(tmp_path):
    rubric = "  concepts:\n    - label: L\n      phrases: [zip]\n"
    problem = only_problem(tmp_path, f"q-a:\n{rubric}q-a:\n{rubric}")
    assert problem.line == 5
    assert "duplicate key 'q-a'" in problem.message


def test_unknown_rubric_key(tmp_path):
    problems = rubric_problems(
        tmp_path, "q-a:\n  concept:\n    - label: L\n      phrases: [zip]\n"
    )
    unknown = problems[0]
    assert unknown.line == 2
    assert "unknown key 'q-a.concept'; did you mean 'concepts'?" in unknown.message
    assert "Allowed keys: concepts, misconceptions" in unknown.message


def test_unknown_concept_key(tmp_path):
    problem = only_problem(
        tmp_path,
        "q-a:\n  concepts:\n    - label: L\n      phrases: [zip]\n      wieght: 2\n",
    )
    assert problem.line == 5
    assert "unknown key 'q-a.concepts[0].wieght'; did you mean 'weight'?" in (
        problem.message
    )
    assert "Allowed keys: label, weight, phrases" in problem.message


def test_unknown_misconception_key(tmp_path):
    problem = only_problem(
        tmp_path,
        "q-a:\n  concepts:\n    - label: L\n      phrases: [zip]\n"
        "  misconceptions:\n    - label: M\n      phrases: [opt]\n      weight: 3\n",
    )
    assert problem.line == 8
    assert "Allowed keys: label, phrases, penalty" in problem.message


def test_rubric_not_a_mapping(tmp_path):
    problem = only_problem(tmp_path, "q-a: [zip archive]\n")
    assert problem.line == 1
    assert "rubric 'q-a' must be a mapping with 'concepts'" in problem.message


def test_second_rubric_across_files(tmp_path):
    rubric = "q-a:\n  concepts:\n    - label: L\n      phrases: [zip]\n"
    first = write(tmp_path, "a.yaml", rubric)
    write(tmp_path, "b.yaml", rubric)
    problems: list[Problem] = []
    rubrics = load_rubrics([tmp_path], problems)
    assert [r.path for r in rubrics] == [first]
    assert len(problems) == 1
    assert problems[0].path == tmp_path / "b.yaml"
    assert f"second rubric for 'q-a', first at {first}:1" in problems[0].message


def test_missing_rubric_folder(tmp_path):
    problems: list[Problem] = []
    load_rubrics([tmp_path / "nowhere"], problems)
    assert len(problems) == 1
    assert "rubric folder not found" in problems[0].message


def test_broken_rubric_leaves_question_out(tmp_path):
    broken = RUBRICS.replace("phrases: [zip archive]", "phrases: ['--']")
    catalog, _ = catalog_with(tmp_path, broken)
    assert [q.id for q in catalog.questions] == ["cold-starts"]
    assert any("'layers' cannot be scored" in p.message for p in catalog.problems)
