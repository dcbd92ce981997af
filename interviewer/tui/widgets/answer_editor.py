"""The multi-line box the candidate types an answer into."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import TextArea

from interviewer.scoring.normalize import count_words

LARGE_ANSWER_CHARS = 2_000
"""From this size on, words are counted at most every ``RECOUNT_SECONDS``:
counting reads the whole answer, and a paste that arrives as single key
presses would otherwise count it once per character."""
RECOUNT_SECONDS = 0.25


class AnswerEditor(TextArea):
    """A soft-wrapping text area whose Enter key always inserts a new line.

    It is built with the plain :class:`TextArea` constructor, so lines wrap and
    Tab moves focus instead of indenting. Once :meth:`lock_answer` is called it is
    read-only and consumes printable keys, so letters typed after submission
    change nothing and reach no binding. After each change it counts the words
    and posts :class:`AnswerEditor.Counted`.
    """

    class Counted(Message):
        """The answer's words were counted."""

        def __init__(self, editor: AnswerEditor, words: int) -> None:
            super().__init__()
            self.editor = editor
            self.words = words

        @property
        def control(self) -> AnswerEditor:
            return self.editor

    _counted_length = 0
    _recount_pending = False
    word_count = 0
    """Words in the answer when last counted."""

    def on_mount(self) -> None:
        self.count_now()

    def lock_answer(self) -> None:
        """Make the answer read-only; the text stays exactly as typed."""
        self.read_only = True

    def count_now(self) -> None:
        """Count the words and post :class:`AnswerEditor.Counted`."""
        self._recount_pending = False
        text = self.text
        self._counted_length = len(text)
        self.word_count = count_words(text)
        self.post_message(self.Counted(self, self.word_count))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._counted_length < LARGE_ANSWER_CHARS:
            self.count_now()
        elif not self._recount_pending:
            self._recount_pending = True
            self.set_timer(RECOUNT_SECONDS, self.count_now)

    def on_key(self, event: events.Key) -> None:
        # Textual calls this before TextArea's own key handler, which
        # prevent_default() then skips.
        if self.read_only and (event.is_printable or event.key == "enter"):
            event.stop()
            event.prevent_default()
