"""Fixtures for the interview app: the sample bank, a fake clock, a fixed seed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from tui_helpers import SEED, FakeClock

from interviewer.catalog import Catalog
from interviewer.tui.app import InterviewerApp


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_app(
    sample_catalog: Catalog, clock: FakeClock
) -> Callable[..., InterviewerApp]:
    """Return a factory for apps on the sample bank, fake clock and fixed seed.

    Cursors do not blink, so screenshots do not depend on timing.
    """

    def make(**options: Any) -> InterviewerApp:
        options.setdefault("seed", SEED)
        app = InterviewerApp(sample_catalog, clock=clock, **options)
        app.cursor_blink = False
        return app

    return make
