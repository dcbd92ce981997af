"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewer.catalog import Catalog, load_catalog

DATA = Path(__file__).parent / "data"


@pytest.fixture
def sample_catalog() -> Catalog:
    """The two-question sample bank, without the built-in questions."""
    return load_catalog([DATA / "bank"], [DATA / "rubrics"], include_builtin=False)
