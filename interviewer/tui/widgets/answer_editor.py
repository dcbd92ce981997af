"""The multi-line box the candidate types an answer into."""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea


def count_words(text: str) -> int:
    """Return the number of whitespace-separated words in ``text``."""
    return len(text.split())


class AnswerEditor(TextArea):
    """A soft-wrapping text area whose Enter key always inserts a new line.

    It is built with the plain :class:`TextArea` constructor, so lines wrap and
    Tab moves focus instead of indenting. Once :meth:`lock_answer` is called it is
    read-only and consumes printable keys, so letters typed after submission
    change nothing and reach no binding.
    """

    @property
    def word_count(self) -> int:
        """Words typed so far."""
        return count_words(self.text)

    def lock_answer(self) -> None:
        """Make the answer read-only; the text stays exactly as typed."""
        self.read_only = True

    def on_key(self, event: events.Key) -> None:
        # Textual calls this before TextArea's own key handler, which
        # prevent_default() then skips.
        if self.read_only and (event.is_printable or event.key == "enter"):
            event.stop()
            event.prevent_default()
