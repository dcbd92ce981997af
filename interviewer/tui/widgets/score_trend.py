"""A one-line bar chart of scores, one bar per answer, on a fixed 0-100 scale."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widget import Widget

from interviewer.scoring import band_for

BARS = "▁▂▃▄▅▆▇█"

BAND_STYLES = {
    "strong": "$text-success",
    "solid": "$text-primary",
    "partial": "$text-warning",
    "weak": "$text-error",
}


def bar_for(score: int) -> str:
    """Return the bar for a 0-100 score: the lowest for 0, the full one for 100."""
    index = min(len(BARS) - 1, max(0, score) * len(BARS) // 101)
    return BARS[index]


class ScoreTrend(Widget):
    """The most recent scores that fit the width, oldest on the left.

    Textual's ``Sparkline`` scales its bars between the lowest and highest
    value shown, so it would draw 60 and 62 as an empty and a full bar. These
    bars keep 0 to 100, so heights compare across categories.
    """

    DEFAULT_CSS = """
    ScoreTrend {
        height: 1;
    }
    """

    def __init__(
        self,
        scores: Sequence[int],
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.scores = tuple(scores)

    def render(self) -> Content:
        shown = self.scores[-self.size.width :] if self.size.width else ()
        return Content.assemble(
            *((bar_for(score), BAND_STYLES[band_for(score)]) for score in shown)
        )
