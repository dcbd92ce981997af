"""Helpers for driving a screening as the interviewer and the candidate would."""

from __future__ import annotations

import re
from typing import Any

from rich.text import Text
from textual.app import App
from textual.content import Content
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, Markdown, TextArea

from interviewer.catalog import Catalog

PIN = "4711"
"""The PIN that :func:`screening_records.store_screening` stores too."""

CANDIDATE_ANSWERS = {
    "scr-quorum": (
        "A write is confirmed once a majority quorom of the nodes has answered "
        "it. Later a read repare pass fixes any copy that fell behind, so every "
        "node ends up with the same data again."
    ),
    "scr-backpressure": (
        "We add back-pressure so the sender waits for the consumer, and keep a "
        "bounded queu in between so bursts fit in memory without the process "
        "falling over."
    ),
}
"""Answers that score above 0 through typos and other spellings, so none of
them contains a rubric phrase, label or model answer sentence verbatim."""


def secret_strings(catalog: Catalog) -> list[str]:
    """Return every rubric phrase and label and each model answer sentence."""
    secrets: list[str] = []
    for question in catalog.questions:
        rubric = catalog.rubric(question.id)
        for concept in rubric.concepts:
            secrets.append(concept.label)
            secrets.extend(concept.phrases)
        for misconception in rubric.misconceptions:
            secrets.append(misconception.label)
            secrets.extend(misconception.phrases)
        answer = " ".join(question.model_answer.split())
        secrets.append(answer)
        secrets.extend(part for part in re.split(r"(?<=[.;])\s+", answer) if part)
    return secrets


def _widget_text(widget: Widget) -> str:
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Input):
        return f"{widget.value}\n{widget.placeholder}"
    if isinstance(widget, Markdown):
        return widget.source
    rendered = widget.render()
    if isinstance(rendered, Content | Text):
        return rendered.plain
    return rendered if isinstance(rendered, str) else ""


def screen_text(app: App[Any]) -> str:
    """Return what the active screen shows, plus all text its widgets hold.

    The rendered lines are what the terminal shows. Widget text adds lines
    scrolled out of view, hidden widgets and the tooltips shown on hover.
    """
    screen = app.screen
    lines = [strip.text for strip in screen._compositor.render_strips()]
    parts = ["\n".join(lines)]
    for widget in screen.walk_children(with_self=False):
        parts.append(_widget_text(widget))
        if widget.tooltip is not None:
            parts.append(str(widget.tooltip))
    return "\n".join(parts)


def leaked(text: str, secrets: list[str]) -> list[str]:
    """Return the secrets that occur in ``text``, ignoring case and line breaks."""
    flat = " ".join(text.split()).casefold()
    return [secret for secret in secrets if secret.casefold() in flat]


async def type_into(pilot: Pilot[Any], text: str) -> None:
    """Type ``text`` into the focused widget, one key per character."""
    await pilot.press(*text)


async def write_answer(pilot: Pilot[Any], text: str) -> None:
    """Type the start of ``text`` as keys and insert the rest at the cursor.

    Each key costs the Pilot about 80 ms on the question screen, so a whole
    answer typed key by key would take seconds. The inserted part changes the
    answer box as typing does, and posts no paste event.
    """
    await type_into(pilot, text[:5])
    editor = pilot.app.focused
    assert isinstance(editor, TextArea), "the answer box does not have focus"
    editor.insert(text[5:])
    await pilot.pause()


async def set_pin(pilot: Pilot[Any], first: str = PIN, second: str = PIN) -> None:
    """Type the PIN into both fields of the setup screen and submit it."""
    await type_into(pilot, first)
    await pilot.press("enter")
    await pilot.pause()
    await type_into(pilot, second)
    await pilot.press("enter")
    await pilot.pause()


async def enter_pin(pilot: Pilot[Any], pin: str = PIN) -> None:
    """Type a PIN into the focused PIN field and press Enter."""
    await type_into(pilot, pin)
    await pilot.press("enter")
    await pilot.pause()


async def fill_pin(pilot: Pilot[Any], pin: str = PIN) -> None:
    """Put a PIN into the focused field at once and press Enter.

    Quicker than :func:`enter_pin` for tests about what happens after the
    PIN; the end-to-end tests type every key.
    """
    entry = pilot.app.focused
    assert isinstance(entry, Input), "no PIN field has focus"
    entry.value = pin
    await pilot.press("enter")
    await pilot.pause()
