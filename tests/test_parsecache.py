"""The parse cache serves unchanged files and never a stale result."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from interviewer import parsecache
from interviewer.bank import load_question_file
from interviewer.catalog import load_catalog
from interviewer.errors import Problem

DATA = Path(__file__).parent / "data"


@pytest.fixture
def bank_copy(tmp_path):
    folder = tmp_path / "bank"
    shutil.copytree(DATA / "bank", folder)
    return folder / "sample.yaml"


def _load(path):
    problems: list[Problem] = []
    return load_question_file(path, problems), problems


def test_second_load_comes_from_cache(bank_copy, monkeypatch):
    first, _ = _load(bank_copy)
    monkeypatch.setattr(
        "interviewer.bank._parse_question_file",
        lambda *args: pytest.fail("parsed again although the file is unchanged"),
    )
    second, _ = _load(bank_copy)
    assert second == first


def test_edited_file_is_parsed_again(bank_copy):
    _load(bank_copy)
    text = bank_copy.read_text().replace("What are Lambda layers for?", "Why layers?")
    bank_copy.write_text(text)
    questions, _ = _load(bank_copy)
    assert questions[1].prompt == "Why layers?"


def test_same_size_edit_with_old_mtime_is_caught(bank_copy):
    _load(bank_copy)
    stat = bank_copy.stat()
    text = bank_copy.read_text().replace("layers for?", "layers FOR?")
    bank_copy.write_text(text)
    # Same size, and the old timestamp put back: only the hash can tell.
    os.utime(bank_copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    questions, _ = _load(bank_copy)
    assert questions[1].prompt.endswith("FOR?")


def test_touched_file_reuses_entry(bank_copy, monkeypatch):
    first, _ = _load(bank_copy)
    os.utime(bank_copy)
    monkeypatch.setattr(
        "interviewer.bank._parse_question_file",
        lambda *args: pytest.fail("parsed again although only the mtime changed"),
    )
    second, _ = _load(bank_copy)
    assert second == first


def test_problems_are_cached_too(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("category: Broken\nquestions: []\n")
    _, first = _load(path)
    _, second = _load(path)
    assert [str(p) for p in second] == [str(p) for p in first]
    assert first


def test_corrupt_entry_is_ignored(bank_copy):
    _load(bank_copy)
    folder = parsecache.cache_dir()
    assert folder is not None
    for entry in folder.iterdir():
        entry.write_text("{not json")
    questions, problems = _load(bank_copy)
    assert len(questions) == 2
    assert problems == []


def test_empty_setting_turns_cache_off(bank_copy, monkeypatch, tmp_path):
    monkeypatch.setenv("INTERVIEWER_CACHE_DIR", "")
    _load(bank_copy)
    assert parsecache.cache_dir() is None


def test_catalog_same_with_and_without_cache():
    cold = load_catalog()
    warm = load_catalog()
    assert warm.questions == cold.questions
    assert warm.rubrics == cold.rubrics
