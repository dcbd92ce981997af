"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewer.catalog import Catalog, load_catalog

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def isolated_user_folders(tmp_path_factory, monkeypatch):
    """Keep every test away from the real parse cache, config and data."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("INTERVIEWER_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("INTERVIEWER_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(home / "data"))


@pytest.fixture
def sample_catalog() -> Catalog:
    """The two-question sample bank, without the built-in questions."""
    return load_catalog([DATA / "bank"], [DATA / "rubrics"], include_builtin=False)
