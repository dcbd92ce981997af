"""User bank folders layered over the built-in bank."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from interviewer import catalog as catalog_module
from interviewer.catalog import Catalog, load_catalog
from interviewer.errors import UnknownQuestionError

DATA = Path(__file__).parent / "data"


def question(question_id: str, prompt: str) -> str:
    return (
        f"  - id: {question_id}\n"
        f"    prompt: {prompt}\n"
        "    difficulty: mid\n"
        "    model_answer: A zip archive of shared libraries.\n"
    )


def rubric(question_id: str, phrase: str) -> str:
    return f"{question_id}:\n  concepts:\n    - label: L\n      phrases: [{phrase}]\n"


def write_layer(
    folder: Path, category: str, questions: dict[str, str], phrase: str = "zip archive"
) -> tuple[Path, Path]:
    """Write one bank file and one rubric file and return their folders."""
    bank, rubrics = folder / "bank", folder / "rubrics"
    bank.mkdir(parents=True)
    rubrics.mkdir(parents=True)
    entries = "".join(question(qid, prompt) for qid, prompt in questions.items())
    (bank / "bank.yaml").write_text(f"category: {category}\nquestions:\n{entries}")
    (rubrics / "rubrics.yaml").write_text(
        "".join(rubric(qid, phrase) for qid in questions)
    )
    return bank, rubrics


@pytest.fixture
def builtin(tmp_path, monkeypatch):
    """Point the built-in bank at two questions written in tmp_path."""
    bank, rubrics = write_layer(
        tmp_path / "builtin",
        "Built-in",
        {"shared-id": "Built-in prompt?", "builtin-only": "Another prompt?"},
    )
    monkeypatch.setattr(catalog_module, "builtin_bank_dir", lambda: bank)
    monkeypatch.setattr(catalog_module, "builtin_rubrics_dir", lambda: rubrics)
    return bank, rubrics


@pytest.fixture
def layered(tmp_path, builtin) -> Catalog:
    bank, rubrics = write_layer(
        tmp_path / "user",
        "Mine",
        {"shared-id": "My own prompt?", "user-only": "User prompt?"},
        phrase="shared libraries",
    )
    return load_catalog([bank], [rubrics])


def test_builtin_bank_alone(builtin):
    catalog = load_catalog()
    assert catalog.problems == []
    assert [q.id for q in catalog.questions] == ["shared-id", "builtin-only"]


def test_include_builtin_false_skips_it(builtin, tmp_path):
    bank, rubrics = write_layer(tmp_path / "user", "Mine", {"user-only": "P?"})
    catalog = load_catalog([bank], [rubrics], include_builtin=False)
    assert [q.id for q in catalog.questions] == ["user-only"]


def test_user_question_replaces_builtin(layered):
    assert layered.get("shared-id").prompt == "My own prompt?"


def test_replaced_question_takes_user_category(layered):
    assert layered.get("shared-id").category == "Mine"


def test_replacement_records_notice(layered, tmp_path):
    user_file = tmp_path / "user" / "bank" / "bank.yaml"
    assert layered.notices == [
        f"{user_file}:3: question 'shared-id' replaces the built-in question "
        "with the same id"
    ]


def test_replacement_is_not_a_problem(layered):
    assert layered.problems == []


def test_other_questions_of_both_layers_kept(layered):
    assert sorted(q.id for q in layered.questions) == [
        "builtin-only",
        "shared-id",
        "user-only",
    ]


def test_user_rubric_replaces_builtin_rubric(layered):
    assert layered.rubric("shared-id").concepts[0].phrases == ("shared libraries",)


def test_duplicate_ids_within_user_folders(builtin, tmp_path):
    first_bank, first_rubrics = write_layer(tmp_path / "one", "One", {"mine": "A?"})
    second_bank, _ = write_layer(tmp_path / "two", "Two", {"mine": "B?"})
    catalog = load_catalog([first_bank, second_bank], [first_rubrics])
    duplicates = [p for p in catalog.problems if "duplicate question id" in p.message]
    assert len(duplicates) == 1
    assert duplicates[0].path == second_bank / "bank.yaml"
    assert f"first defined at {first_bank / 'bank.yaml'}:3" in duplicates[0].message


def test_duplicate_user_id_keeps_first(builtin, tmp_path):
    first_bank, first_rubrics = write_layer(tmp_path / "one", "One", {"mine": "A?"})
    second_bank, _ = write_layer(tmp_path / "two", "Two", {"mine": "B?"})
    catalog = load_catalog([first_bank, second_bank], [first_rubrics])
    assert catalog.get("mine").prompt == "A?"


def test_duplicate_user_id_is_not_a_notice(builtin, tmp_path):
    first_bank, first_rubrics = write_layer(tmp_path / "one", "One", {"mine": "A?"})
    second_bank, _ = write_layer(tmp_path / "two", "Two", {"mine": "B?"})
    catalog = load_catalog([first_bank, second_bank], [first_rubrics])
    assert catalog.notices == []


def test_unknown_id_suggests_close_ids(layered):
    with pytest.raises(UnknownQuestionError) as caught:
        layered.get("shared-ld")
    assert "shared-id" in caught.value.suggestions
    assert "did you mean" in str(caught.value)


def test_unknown_id_without_close_ids(layered):
    with pytest.raises(UnknownQuestionError) as caught:
        layered.get("zzzzzzzzzzzzzz")
    assert caught.value.suggestions == []
    assert "interviewer list" in str(caught.value)


def test_broken_rubric_is_named_not_missing(tmp_path):
    bank = tmp_path / "bank"
    rubrics = tmp_path / "rubrics"
    shutil.copytree(DATA / "bank", bank)
    shutil.copytree(DATA / "rubrics", rubrics)
    path = rubrics / "sample.yaml"
    path.write_text(path.read_text().replace("weight: 2", "wieght: 2", 1))
    catalog = load_catalog([bank], [rubrics], include_builtin=False)
    messages = [p.message for p in catalog.problems]
    assert any("its rubric at" in m and "has errors" in m for m in messages)
    assert not any("draft-rubric" in m for m in messages)
