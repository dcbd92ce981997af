"""Text normalisation and tokenising shared by answers and rubric phrases.

Both sides go through the same steps, so a phrase and an answer agree on
case, Unicode form, dashes, quotes, contractions, inflections and numbers.
Every token keeps the character span it came from in the original text, so
evidence can be quoted exactly as the candidate typed it.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

# Characters that are invisible or exotic spellings of ASCII punctuation.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_PUNCTUATION = str.maketrans(
    {
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63", "-"),
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    }
)

STOP_WORDS = frozenset(
    """
    a an the and or of to in on at by for with into onto as is are was were be been
    being am do does did doing has have had having it its this that these those
    there their them they then than so such which who whom whose what when where
    while how why i me my we our us you your he she his her him also very can could
    should would will shall may might must if else about some too here s t ll re ve
    e g eg ie etc
    """.split()
)
"""Function words that carry no meaning of their own in a rubric phrase.

Words that change a phrase's meaning (from, same, own, only, up, off, all)
are deliberately absent, so "copy from" or "same object" keep them.
"""
NEGATORS = frozenset({"not", "no", "never", "neither", "nor", "cannot"})
"""Words that deny what follows. "none" is absent because it is also a name
(Docker's "none" network driver)."""

_NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        """
        zero one two three four five six seven eight nine ten eleven twelve thirteen
        fourteen fifteen sixteen seventeen eighteen nineteen twenty
        """.split()
    )
}
_NUMBER_WORDS.update(
    {
        "thirty": "30",
        "forty": "40",
        "fifty": "50",
        "sixty": "60",
        "ninety": "90",
        "hundred": "100",
        "thousand": "1000",
    }
)
_UNITS = {
    "ms": "millisecond",
    "msec": "millisecond",
    "millisecond": "millisecond",
    "milliseconds": "millisecond",
    "sec": "second",
    "secs": "second",
    "second": "second",
    "seconds": "second",
    "min": "minute",
    "mins": "minute",
    "minute": "minute",
    "minutes": "minute",
    "hr": "hour",
    "hrs": "hour",
    "h": "hour",
    "hour": "hour",
    "hours": "hour",
    "kb": "kb",
    "kib": "kb",
    "kilobyte": "kb",
    "kilobytes": "kb",
    "mb": "mb",
    "mib": "mb",
    "megabyte": "mb",
    "megabytes": "mb",
    "gb": "gb",
    "gib": "gb",
    "gigabyte": "gb",
    "gigabytes": "gb",
    "tb": "tb",
    "tib": "tb",
    "terabyte": "tb",
    "terabytes": "tb",
}
_CONTRACTIONS = {
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
    "won't": ("will", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
    # Typed in a hurry, without the apostrophe.
    "dont": ("do", "not"),
    "doesnt": ("does", "not"),
    "didnt": ("did", "not"),
    "isnt": ("is", "not"),
    "arent": ("are", "not"),
    "wasnt": ("was", "not"),
    "werent": ("were", "not"),
    "cant": ("can", "not"),
    "wont": ("will", "not"),
    "shouldnt": ("should", "not"),
    "wouldnt": ("would", "not"),
    "couldnt": ("could", "not"),
    "hasnt": ("has", "not"),
    "havent": ("have", "not"),
}

# Alternatives, in order: clause punctuation (a single line break is a soft
# wrap, but a blank line or a list item starts a new sentence), grouped
# numbers ("10,240"),
# plain numbers, words (with an apostrophe suffix and a trailing # or +).
_TOKEN_RE = re.compile(
    r"(?P<stop>[.;:!?]+(?=\s|$)|\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)|,)"
    r"|(?P<grouped>\d{1,3}(?:,\d{3})+(?![\d,]))"
    r"|(?P<number>\d+(?:\.\d+)?)"
    r"|(?P<word>[^\W\d_][^\W_]*(?:'[^\W\d_]+)?[#+]*)"
)
# Words that start a new clause for the purpose of negation scope.
CLAUSE_WORDS = frozenset({"but", "however", "although", "though", "whereas", "instead"})


@dataclass(slots=True)
class Tokens:
    """The normalised words of a text, stored as parallel lists.

    Parallel lists rather than one object per word keep tokenising a long
    paste cheap. ``starts`` and ``ends`` index the original text; two words
    share a clause (or sentence) when their ``clauses`` (``sentences``)
    values are equal.
    """

    texts: list[str] = field(default_factory=list)
    """Normalised surface forms, e.g. ``provisioned``."""
    stems: list[str] = field(default_factory=list)
    """Forms used for comparison, e.g. ``provision``."""
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    clauses: list[int] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.texts)


def fold(text: str) -> str:
    """Return ``text`` case-folded, NFKC-normalised and with accents removed."""
    text = text.translate(_ZERO_WIDTH)
    text = unicodedata.normalize("NFKC", text).translate(_PUNCTUATION)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFKC", stripped).casefold()


class _OffsetMap:
    """Maps offsets in a normalised text back to the original text."""

    def __init__(self) -> None:
        self.normal_starts: list[int] = []
        self.original_starts: list[int] = []
        self.exact: list[bool] = []

    def add(self, normal_start: int, original_start: int, exact: bool) -> None:
        self.normal_starts.append(normal_start)
        self.original_starts.append(original_start)
        self.exact.append(exact)

    def original(self, normal_offset: int) -> int:
        segment = bisect.bisect_right(self.normal_starts, normal_offset) - 1
        if segment < 0:
            return 0
        base = self.original_starts[segment]
        if self.exact[segment]:
            return base + normal_offset - self.normal_starts[segment]
        return base


_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def normalize_with_offsets(text: str) -> tuple[str, _OffsetMap | None]:
    """Return the folded text and, unless it is plain ASCII, an offset map.

    ASCII text folds to its lower-case form with offsets unchanged, which is
    the common case and keeps scoring fast; only runs of other characters pay
    for Unicode normalisation.
    """
    if text.isascii():
        return text.lower(), None
    offsets = _OffsetMap()
    pieces: list[str] = []
    normal_length = 0
    position = 0
    for match in _NON_ASCII_RUN.finditer(text):
        if match.start() > position:
            chunk = text[position : match.start()].lower()
            offsets.add(normal_length, position, exact=True)
            pieces.append(chunk)
            normal_length += len(chunk)
        for offset, char in enumerate(match.group(), start=match.start()):
            folded = fold(char)
            if folded:
                offsets.add(normal_length, offset, exact=False)
                pieces.append(folded)
                normal_length += len(folded)
        position = match.end()
    if position < len(text):
        offsets.add(normal_length, position, exact=True)
        pieces.append(text[position:].lower())
    return "".join(pieces), offsets


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return a light stem so that common inflections compare equal.

    This is deliberately small and predictable (plural, -ed, -ing, -ly and a
    final e) rather than a full Porter stemmer, because rubric authors need
    to guess what it does. Words with digits or symbols are left alone.
    """
    if not word.isalpha() or len(word) <= 3:
        if (
            len(word) >= 3
            and word.isalpha()
            and word.endswith("s")
            and not word.endswith("ss")
        ):
            return word[:-1]
        return word
    if word.endswith("ies") and len(word) > 4 or word.endswith("ied") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "ches", "shes", "zes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4 or word.endswith("ly") and len(word) > 5:
        word = word[:-2]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def _expand(word: str) -> tuple[str, ...]:
    """Split contractions and number-unit forms into plain words."""
    if "'" in word:
        if word in _CONTRACTIONS:
            return _CONTRACTIONS[word]
        head, _, tail = word.partition("'")
        if tail == "t" and head.endswith("n"):
            return (head[:-1], "not")
        if tail in ("s", "re", "ve", "ll", "d", "m"):
            return (head,)
        return (head + tail,)
    if word in _CONTRACTIONS:
        return _CONTRACTIONS[word]
    return (word,)


def tokenize(text: str) -> Tokens:
    """Split ``text`` into normalised tokens with spans in the original."""
    normal, offsets = normalize_with_offsets(text)
    tokens = Tokens()
    append_text = tokens.texts.append
    append_stem = tokens.stems.append
    append_start = tokens.starts.append
    append_end = tokens.ends.append
    append_clause = tokens.clauses.append
    append_sentence = tokens.sentences.append
    clause = 0
    sentence = 0
    for match in _TOKEN_RE.finditer(normal):
        kind = match.lastgroup
        raw = match.group()
        if kind == "stop":
            clause += 1
            if raw != ",":
                sentence += 1
            continue
        start, end = match.span()
        if offsets is not None:
            start, end = offsets.original(start), offsets.original(end - 1) + 1
            # Marks that fold to nothing (a combining accent in NFD text)
            # still belong to the word they follow.
            while end < len(text) and unicodedata.combining(text[end]):
                end += 1
        if kind == "grouped":
            words: tuple[str, ...] = (raw.replace(",", ""),)
        elif kind == "number":
            words = (raw,)
        else:
            if raw in CLAUSE_WORDS:
                clause += 1
            words = _expand(raw) if "'" in raw or raw in _CONTRACTIONS else (raw,)
        for word in words:
            word = _NUMBER_WORDS.get(word) or _UNITS.get(word) or word
            append_text(word)
            append_stem(stem(word))
            append_start(start)
            append_end(end)
            append_clause(clause)
            append_sentence(sentence)
    return tokens


@lru_cache(maxsize=8192)
def phrase_words(phrase: str) -> tuple[str, ...]:
    """Return the stems a phrase must match: its words less the stop words."""
    tokens = tokenize(phrase)
    return tuple(
        word_stem
        for text, word_stem in zip(tokens.texts, tokens.stems, strict=True)
        if text not in STOP_WORDS
    )


def phrase_problem(phrase: str) -> str | None:
    """Return why ``phrase`` cannot be matched, or None when it is usable."""
    if not tokenize(phrase):
        return "is empty after normalisation; use letters or digits"
    if not phrase_words(phrase):
        return "holds only stop words, which never count as a match; add a content word"
    return None
