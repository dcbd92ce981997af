"""The row of four self-ratings, each with the date it would make the question due."""

from __future__ import annotations

from datetime import date

from fsrs import Rating
from textual import events
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.message import Message
from textual.widgets import Static

from interviewer.tui.practice.session import RATING_NAMES


def format_day(day: date, today: date) -> str:
    """Return a short date such as ``Wed 5 Mar``, with the year when not this one."""
    text = f"{day:%a} {day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def days_from_now(day: date, today: date) -> str:
    """Return how far ``day`` is from ``today``: today, tomorrow or in N days."""
    days = (day - today).days
    if days <= 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days"


class RatingOption(Static):
    """One rating: its key and name, and when the question would be due after it.

    Clicking it posts :class:`RatingOption.Selected`, as pressing its digit
    key does on the feedback screen.
    """

    class Selected(Message):
        """Posted when the option is clicked.

        Handle it with ``on_rating_option_selected``.
        """

        def __init__(self, rating: Rating) -> None:
            super().__init__()
            self.rating = rating

    def __init__(
        self, rating: Rating, due: date, today: date, *, suggested: bool
    ) -> None:
        name = RATING_NAMES[rating]
        super().__init__(
            f"{int(rating)} {name}\n{format_day(due, today)}\n"
            f"{days_from_now(due, today)}",
            markup=False,
            classes=f"rating-option -{name.lower()}",
        )
        self.rating = rating
        self.due = due
        """The local date the question would be due after this rating."""
        self.set_class(suggested, "-suggested")

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Selected(self.rating))


class RatingBar(HorizontalGroup):
    """The four ratings side by side, with the suggested one highlighted."""

    DEFAULT_CSS = """
    RatingBar {
        height: auto;

        & > .rating-option {
            width: 1fr;
            height: 5;
            padding: 0 1;
            border: round $foreground 20%;
        }
        & > .rating-option.-suggested {
            border: round $accent;
            background: $accent 15%;
            text-style: bold;
        }
    }
    """

    def __init__(
        self,
        due_dates: dict[Rating, date],
        today: date,
        suggested: Rating,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.due_dates = due_dates
        """The local date the question would be due after each rating."""
        self.today = today
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        for rating in Rating:
            yield RatingOption(
                rating,
                self.due_dates[rating],
                self.today,
                suggested=rating == self.suggested,
            )
