"""The start screen: choose categories, difficulty, tags, count and time limit."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalGroup, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.validation import ValidationResult, Validator
from textual.widgets import Button, Footer, Input, Label, SelectionList, Static

from interviewer.bank import DIFFICULTIES, MIN_TIME_LIMIT, Question
from interviewer.catalog import Catalog
from interviewer.selection import select_questions
from interviewer.timer import format_seconds

DEFAULT_COUNT = 5
TIME_LIMIT_HINT = "blank keeps each question's own limit"
TAGS_HINT = "comma-separated; blank allows every tag"


@dataclass(frozen=True, slots=True)
class StartChoices:
    """Settings for an interview, as shown on and returned by the start screen."""

    categories: tuple[str, ...]
    """Selected category names; empty selects every category."""
    count: int | None
    """Questions to ask, or None for the default of 5."""
    time_limit: int | None
    """Seconds per question, or None for each question's own limit."""
    tags: tuple[str, ...] = ()
    """Ask only questions with any of these tags; empty allows every tag."""
    difficulties: tuple[str, ...] = ()
    """Ask only questions of these difficulties; empty allows every one."""

    def to_settings(self, seed: int | None) -> dict[str, Any]:
        """Return these choices and the seed as a session's stored settings."""
        return {
            "categories": list(self.categories),
            "count": self.count,
            "time_limit": self.time_limit,
            "tags": list(self.tags),
            "difficulties": list(self.difficulties),
            "seed": seed,
        }

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> StartChoices:
        """Return the choices stored by :meth:`to_settings`.

        Values of the wrong type are replaced by the defaults, because they
        only prefill the start screen.
        """

        def names(key: str) -> tuple[str, ...]:
            value = settings.get(key)
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                return tuple(value)
            return ()

        def number(key: str) -> int | None:
            value = settings.get(key)
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            return None

        return cls(
            names("categories"),
            number("count"),
            number("time_limit"),
            tags=names("tags"),
            difficulties=names("difficulties"),
        )

    def matching(self, questions: Sequence[Question]) -> list[Question]:
        """Return the questions these choices allow, in no particular order."""
        # select_questions reads no categories as every category, but here
        # an empty selection means the candidate cleared every box.
        if not self.categories:
            return []
        return select_questions(
            questions,
            categories=self.categories,
            tags=self.tags,
            difficulties=self.difficulties,
        )


def parse_count(text: str) -> int:
    """Return the question count typed in ``text``.

    Raises:
        ValueError: the text is empty, not a whole number, or below 1. The
            message tells the candidate what to type instead.
    """
    value = text.strip()
    if not value:
        message = "Enter the number of questions, such as 5."
        raise ValueError(message)
    try:
        count = int(value)
    except ValueError:
        message = f"{value!r} is not a whole number; enter a count such as 5."
        raise ValueError(message) from None
    if count < 1:
        message = f"{count} is too few; ask at least 1 question."
        raise ValueError(message)
    return count


def parse_time_limit(text: str) -> int | None:
    """Return the seconds per question typed in ``text``, None when blank.

    Raises:
        ValueError: the text is not a whole number or is below the minimum
            a bank allows. The message tells the candidate what to type instead.
    """
    value = text.strip()
    if not value:
        return None
    try:
        seconds = int(value)
    except ValueError:
        message = (
            f"{value!r} is not a whole number of seconds; "
            "leave blank for each question's own limit."
        )
        raise ValueError(message) from None
    if seconds < MIN_TIME_LIMIT:
        message = f"Allow at least {MIN_TIME_LIMIT} seconds, or leave blank."
        raise ValueError(message)
    return seconds


def parse_tags(text: str, known: Collection[str]) -> tuple[str, ...]:
    """Return the comma-separated tags typed in ``text``, lower-cased.

    A blank text returns no tags, which allows every tag.

    Raises:
        ValueError: a tag is not in ``known``. The message names the tag and
            suggests close ones.
    """
    names = (name.strip().lower() for name in text.split(","))
    tags = tuple(dict.fromkeys(name for name in names if name))
    for tag in tags:
        if tag in known:
            continue
        close = difflib.get_close_matches(tag, list(known), n=2)
        if close:
            hint = f"Did you mean {' or '.join(close)}?"
        else:
            hint = "Leave blank to allow every tag."
        message = f"Unknown tag {tag!r}. {hint}"
        raise ValueError(message)
    return tags


def describe_limits(questions: Sequence[Question], time_limit: int | None) -> str:
    """Return the time per question as m:ss, or the range of the questions' own."""
    if time_limit is not None:
        return format_seconds(time_limit)
    limits = sorted({question.time_limit for question in questions})
    if len(limits) == 1:
        return format_seconds(limits[0])
    return f"{format_seconds(limits[0])} to {format_seconds(limits[-1])}"


class ParsedBy(Validator):
    """Validator that passes what ``parse`` accepts, else fails with its message."""

    def __init__(self, parse: Callable[[str], object]) -> None:
        super().__init__()
        self.parse = parse

    def validate(self, value: str) -> ValidationResult:
        try:
            self.parse(value)
        except ValueError as error:
            return self.failure(str(error), value)
        return self.success()


class StartScreen(Screen[None]):
    """Screen where the candidate sets up an interview and starts it."""

    CSS_PATH = "start.tcss"
    AUTO_FOCUS = "#start"

    BINDINGS = [
        Binding(
            "ctrl+s",
            "start_interview",
            "Start",
            tooltip="Start the interview with these settings.",
            id="start-interview",
        ),
        Binding(
            "f2",
            "show_history",
            "History",
            tooltip="See past sessions, their feedback and scores by category.",
            id="show-history",
        ),
        Binding(
            "f3",
            "start_practice",
            "Practice",
            tooltip="Leave mock interviews for spaced-repetition practice.",
            id="start-practice",
        ),
    ]

    class Submitted(Message):
        """Posted when the candidate starts an interview with valid settings.

        Handle it with ``on_start_screen_submitted``.
        """

        def __init__(self, choices: StartChoices, questions: list[Question]) -> None:
            super().__init__()
            self.choices = choices
            self.questions = questions
            """The questions to ask, in the order to ask them."""

    class HistoryRequested(Message):
        """Posted when the candidate asks to see past sessions.

        Handle it with ``on_start_screen_history_requested``.
        """

    class PracticeRequested(Message):
        """Posted when the candidate chooses practice mode instead.

        Handle it with ``on_start_screen_practice_requested``.
        """

    def __init__(
        self,
        catalog: Catalog,
        choices: StartChoices,
        *,
        seed: int | None = None,
        history: bool = False,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.choices = choices
        self.seed = seed
        self.history = history
        """Whether past sessions can be shown; False when nothing is stored."""
        self.cursor_blink = cursor_blink
        self.known_tags = sorted({tag for q in catalog.questions for tag in q.tags})
        """Every tag in the catalog, which the tag field accepts."""

    def compose(self) -> ComposeResult:
        count = self.choices.count
        time_limit = self.choices.time_limit
        # The form scrolls at 80x24, but is no Tab stop of its own: an
        # unseen focus stop made the first Tab appear to do nothing.
        with VerticalScroll(id="start-form", can_focus=False):
            yield Static("Mock interview setup", id="start-title")
            with HorizontalGroup(id="start-columns"):
                with VerticalGroup(id="category-column"):
                    yield Label("Categories (space toggles)", classes="field-label")
                    yield self._category_list()
                    yield Label("Difficulty (none allows all)", classes="field-label")
                    yield self._difficulty_list()
                with VerticalGroup(id="settings-column"):
                    yield Label("Questions", classes="field-label")
                    yield Input(
                        str(count if count is not None else DEFAULT_COUNT),
                        validators=[ParsedBy(parse_count)],
                        id="count",
                    )
                    yield Label("", id="count-message", classes="field-message")
                    yield Label("Seconds per question", classes="field-label")
                    yield Input(
                        str(time_limit) if time_limit is not None else "",
                        placeholder="own limit",
                        validators=[ParsedBy(parse_time_limit)],
                        id="time-limit",
                    )
                    yield Label("", id="time-limit-message", classes="field-message")
                    yield Label("Tags", classes="field-label")
                    yield Input(
                        ", ".join(self.choices.tags),
                        placeholder="any tag",
                        validators=[
                            ParsedBy(partial(parse_tags, known=self.known_tags))
                        ],
                        id="tags",
                    )
                    yield Label("", id="tags-message", classes="field-message")
            yield Static("", id="match-summary")
            yield Button("Start interview", id="start", variant="primary")
        yield Footer()

    def _category_list(self) -> SelectionList[str]:
        selected = set(self.choices.categories or self.catalog.categories)
        # Content, not str: a plain string prompt would be parsed as markup.
        return SelectionList[str](
            *(
                (Content(name), name, name in selected)
                for name in self.catalog.categories
            ),
            id="categories",
        )

    def _difficulty_list(self) -> SelectionList[str]:
        selected = set(self.choices.difficulties)
        return SelectionList[str](
            *((name, name, name in selected) for name in DIFFICULTIES),
            id="difficulties",
        )

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = self.cursor_blink
        self._validate()
        # Focusing Start scrolls a short terminal down to the button; the
        # title and the first settings matter more on arrival.
        self.call_after_refresh(self._show_top)

    def _show_top(self) -> None:
        self.query_one("#start-form", VerticalScroll).scroll_home(animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("show_history", "start_practice"):
            # Both need the history database.
            return self.history
        return True

    def action_show_history(self) -> None:
        """Ask the app to show past sessions."""
        self.post_message(self.HistoryRequested())

    def action_start_practice(self) -> None:
        """Ask the app to switch to practice mode."""
        self.post_message(self.PracticeRequested())

    @on(SelectionList.SelectedChanged)
    @on(Input.Changed)
    def _settings_changed(self) -> None:
        self._validate()

    @on(Input.Submitted)
    def _input_submitted(self) -> None:
        # Enter in a field moves on to the next one; only the Start button or
        # ctrl+s starts, so a stray Enter never starts the clock.
        self.focus_next()

    @on(Button.Pressed, "#start")
    def _start_pressed(self) -> None:
        self.action_start_interview()

    def action_start_interview(self) -> None:
        """Start the interview, or focus the first setting that needs a fix."""
        choices = self._validate()
        if choices is None:
            self._focus_first_problem()
            return
        questions = select_questions(
            self.catalog.questions,
            categories=choices.categories,
            tags=choices.tags,
            difficulties=choices.difficulties,
            count=choices.count,
            seed=self.seed,
        )
        self.post_message(self.Submitted(choices, questions))

    def _validate(self) -> StartChoices | None:
        """Show inline errors and the match summary; return valid choices or None."""
        categories = tuple(self.query_one("#categories", SelectionList).selected)
        picked = set(self.query_one("#difficulties", SelectionList).selected)
        count_text = self._checked_value("#count", hint="")
        time_text = self._checked_value("#time-limit", hint=TIME_LIMIT_HINT)
        tags_text = self._checked_value("#tags", hint=TAGS_HINT)

        if tags_text is None:
            summary = self.query_one("#match-summary", Static)
            summary.add_class("-error")
            summary.update("Fix the tags to see which questions match.")
            return None

        count = parse_count(count_text) if count_text is not None else None
        time_limit = parse_time_limit(time_text) if time_text is not None else None
        choices = StartChoices(
            categories,
            count,
            time_limit,
            tags=parse_tags(tags_text, self.known_tags),
            # Bank order, not click order, so stored settings read the same.
            difficulties=tuple(name for name in DIFFICULTIES if name in picked),
        )
        matching = choices.matching(self.catalog.questions)
        self._show_match_summary(choices, matching)

        if not matching or count is None or time_text is None:
            return None
        return choices

    def _checked_value(self, selector: str, *, hint: str) -> str | None:
        """Return a field's text when valid, else show its error and return None."""
        field = self.query_one(selector, Input)
        message = self.query_one(f"{selector}-message", Label)
        result = field.validate(field.value)
        if result is not None and not result.is_valid:
            message.add_class("-error")
            message.update(" ".join(result.failure_descriptions))
            return None
        message.remove_class("-error")
        message.update(hint)
        return field.value

    def _show_match_summary(
        self, choices: StartChoices, matching: Sequence[Question]
    ) -> None:
        summary = self.query_one("#match-summary", Static)
        summary.set_class(not matching, "-error")
        if not choices.categories:
            summary.update("No questions match; select at least one category.")
            return
        if not matching:
            summary.update(
                "No question in these categories passes the tag and difficulty "
                "filters; change the categories, difficulty or tags."
            )
            return

        noun = "question matches" if len(matching) == 1 else "questions match"
        if choices.count is None:
            summary.update(f"{len(matching)} {noun} these categories.")
            return
        asked = min(choices.count, len(matching))
        limits = describe_limits(matching, choices.time_limit)
        summary.update(
            f"{len(matching)} {noun}; the interview asks {asked}, {limits} each."
        )

    def _focus_first_problem(self) -> None:
        categories = self.query_one("#categories", SelectionList)
        if not categories.selected:
            categories.focus()
            return
        for field in self.query(Input):
            if field.has_class("-invalid"):
                field.focus()
                return
