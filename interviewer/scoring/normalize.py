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
from collections.abc import Callable
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
    should would will shall may might must if else about some here s t ll re ve
    e g eg ie etc
    """.split()
)
"""Function words that carry no meaning of their own in a rubric phrase.

Words that change a phrase's meaning (from, same, own, only, up, off, all,
too) are deliberately absent, so "copy from", "same object" and "too many
requests" keep them.
"""
ARTICLES = frozenset({"a", "an", "the"})

NEGATORS = frozenset(
    {
        "not", "no", "never", "neither", "nor", "cannot", "nobody", "nothing",
        "without", "hardly",
    }
)  # fmt: skip
"""Words that deny what follows. "none" is absent because it is also a name
(Docker's "none" network driver). A phrase with its own "without" ("without
root") is a negative phrase and still matches."""

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
        "seventy": "70",
        "eighty": "80",
        "ninety": "90",
        "million": "1000000",
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
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
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

# Words: grouped numbers ("10,240"), plain numbers, then words with an
# apostrophe suffix and a trailing # or + ("c#", "c++", "doesn't"). The
# ASCII pattern gives the same words for lower-case ASCII text and runs
# about half again as fast as the Unicode one.
_WORD_RE = re.compile(
    r"\d{1,3}(?:,\d{3})+(?![\d,])"
    r"|\d+(?:\.\d+)?"
    r"|[^\W\d_][^\W_]*(?:'[^\W\d_]+)?[#+]*"
)
_ASCII_WORD_RE = re.compile(
    # The look-ahead lets the scan skip spaces and punctuation without
    # trying each alternative there.
    r"(?=[a-z0-9])(?:[a-z][a-z0-9]*(?:'[a-z]+)?[#+]*"
    r"|\d{1,3}(?:,\d{3})+(?![\d,])"
    r"|\d+(?:\.\d+)?)"
)
_PUNCTUATION_RE = re.compile(r"[.;:!?,\n]")
_LIST_ITEM_RE = re.compile(r"\s*(?:[-*+]|\d+[.)])\s")
# Words that start a new clause for the purpose of negation scope.
CLAUSE_WORDS = frozenset({"but", "however", "although", "though", "whereas", "instead"})
_NUMBER_FORM_RE = re.compile(r"\d,\d{3}|\d\.\d*0(?!\d)")
"""Digit grouping ("10,240") or trailing decimal zeros ("3.50", "1.0"), which
are written away so that equal numbers compare equal."""
_SPOKEN_NUMBER_STARTS = frozenset(
    "hundred thousand million twenty thirty forty fifty sixty seventy eighty "
    "ninety".split()
)
"""Words that can join a neighbour into one spoken number."""
_MULTIPLIERS = frozenset({100, 1000, 1000000})
_TENS = frozenset({20, 30, 40, 50, 60, 70, 80, 90})


def _stops(normal: str) -> tuple[list[int], list[int]]:
    """Return the offsets of clause stops and of sentence stops in ``normal``.

    A single line break is a soft wrap, but a blank line or a list item
    starts a new sentence. Sentence punctuation counts only before a space
    or the end ("3.10" and "e.g.x" do not split), and a comma only starts a
    new clause, unless it groups digits ("10,240").
    """
    clauses: list[int] = []
    sentences: list[int] = []
    length = len(normal)
    for match in _PUNCTUATION_RE.finditer(normal):
        position = match.start()
        char = normal[position]
        following = normal[position + 1] if position + 1 < length else " "
        if char == ",":
            previous = normal[position - 1] if position else " "
            if not (previous.isdigit() and following.isdigit()):
                clauses.append(position)
        elif char == "\n":
            rest = normal[position + 1 : position + 40]
            if rest.lstrip(" \t").startswith("\n") or _LIST_ITEM_RE.match(rest):
                clauses.append(position)
                sentences.append(position)
        elif following.isspace():
            clauses.append(position)
            sentences.append(position)
    return clauses, sentences


class Tokens:
    """The normalised words of a text, stored as parallel lists.

    Parallel lists rather than one object per word keep tokenising a long
    paste cheap. Spans, clauses and sentences are worked out on demand,
    because scoring needs them only for the few words around a match.
    """

    __slots__ = (
        "texts", "stems", "_text", "_normal", "_matches", "_sources", "_offsets",
        "_last_sources",
        "_clause_stops", "_sentence_stops", "_punctuation_stops", "_cache",
    )  # fmt: skip

    def __init__(
        self,
        text: str,
        texts: list[str],
        matches: list[re.Match[str]],
        sources: list[int] | None,
        offsets: _OffsetMap | None,
        normal: str,
        last_sources: list[int] | None = None,
    ) -> None:
        self.texts = texts
        """Normalised surface forms, e.g. ``provisioned``."""
        self.stems = list(map(STEM_CACHE.__getitem__, texts))
        """Forms used for comparison, e.g. ``provision``."""
        self._text = text
        self._matches = matches
        self._sources = sources
        self._offsets = offsets
        self._normal = normal
        self._last_sources = last_sources
        self._clause_stops: list[int] | None = None
        self._sentence_stops: list[int] | None = None
        self._punctuation_stops: list[int] | None = None
        self._cache: dict[str, list[int]] = {}

    def __len__(self) -> int:
        return len(self.texts)

    def _match(self, index: int) -> re.Match[str]:
        source = index if self._sources is None else self._sources[index]
        return self._matches[source]

    def start(self, index: int) -> int:
        """Return where word ``index`` starts in the original text."""
        position = self._match(index).start()
        return position if self._offsets is None else self._offsets.original(position)

    def end(self, index: int) -> int:
        """Return where word ``index`` ends in the original text."""
        if self._last_sources is None:
            position = self._match(index).end()
        else:
            position = self._matches[self._last_sources[index]].end()
        if self._offsets is None:
            return position
        end = self._offsets.original(position - 1) + 1
        # Marks that fold to nothing (a combining accent in NFD text) still
        # belong to the word they follow.
        while end < len(self._text) and unicodedata.combining(self._text[end]):
            end += 1
        return end

    def _scan_punctuation(self) -> list[int]:
        """Return the clause stops by punctuation, finding sentence stops in
        the same pass; each is scanned once per text."""
        if self._punctuation_stops is None:
            self._punctuation_stops, self._sentence_stops = _stops(self._normal)
        return self._punctuation_stops

    def clause_of(self, index: int) -> int:
        """Return a clause number; equal numbers mean the same clause."""
        if self._clause_stops is None:
            clauses = list(self._scan_punctuation())
            if not CLAUSE_WORDS.isdisjoint(self.texts):
                clauses.extend(
                    self._match(i).start()
                    for i, word in enumerate(self.texts)
                    if word in CLAUSE_WORDS
                )
                clauses.sort()
            self._clause_stops = clauses
        return bisect.bisect_right(self._clause_stops, self._match(index).start())

    def sentence_of(self, index: int) -> int:
        """Return a sentence number; equal numbers mean the same sentence."""
        if self._sentence_stops is None:
            self._scan_punctuation()
            assert self._sentence_stops is not None
        return bisect.bisect_right(self._sentence_stops, self._match(index).start())

    def _all(self, name: str, value: Callable[[int], int]) -> list[int]:
        if name not in self._cache:
            self._cache[name] = [value(i) for i in range(len(self.texts))]
        return self._cache[name]

    @property
    def starts(self) -> list[int]:
        return self._all("starts", self.start)

    @property
    def ends(self) -> list[int]:
        return self._all("ends", self.end)

    @property
    def clauses(self) -> list[int]:
        return self._all("clauses", self.clause_of)

    @property
    def sentences(self) -> list[int]:
        return self._all("sentences", self.sentence_of)


_LONE_PUNCTUATION_RE = re.compile(r"\s[^\w\s]+(?=\s|$)")


def count_words(text: str) -> int:
    """Return the number of whitespace-separated words, as a reader counts
    them: "X-Ray" is one word, and a lone dash or full stop is none."""
    # Matching from a space is twice as fast as a look-behind, hence the
    # space put in front for a mark that opens the text.
    return len(text.split()) - len(_LONE_PUNCTUATION_RE.findall(" " + text))


def format_word_count(count: int) -> str:
    """Return ``count`` with "word" or "words", as the app shows it."""
    return f"{count} word" if count == 1 else f"{count} words"


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


class _StemCache(dict[str, str]):
    """Stems by word, filled on first use.

    Looking words up through ``map(cache.__getitem__, words)`` stays in C
    for every word seen before, several times cheaper than an lru_cache
    call per word, which matters at one call per word of a long paste.
    """

    def __missing__(self, word: str) -> str:
        if len(self) >= 200_000:
            self.clear()
        result = self[word] = stem(word)
        return result


STEM_CACHE = _StemCache()
"""Stems by word; ``STEM_CACHE[word]`` equals ``stem(word)``."""


_VOWELS = frozenset("aeiou")
_IRREGULAR_FORMS = {
    form: base
    for base, forms in {
        "begin": "began begun",
        "break": "broke broken",
        "bring": "brought",
        "build": "built",
        "buy": "bought",
        "catch": "caught",
        "choose": "chose chosen",
        "drive": "drove driven",
        "eat": "ate eaten",
        "fall": "fell fallen",
        "feel": "felt",
        "find": "found",
        "forget": "forgot forgotten",
        "freeze": "froze frozen",
        "get": "got gotten",
        "give": "gave given",
        "grow": "grew grown",
        "hide": "hid hidden",
        "hold": "held",
        "keep": "kept",
        "know": "knew known",
        "lose": "lost",
        "make": "made",
        "mean": "meant",
        "pay": "paid",
        "run": "ran",
        "say": "said",
        "see": "saw seen",
        "send": "sent",
        "sit": "sat",
        "speak": "spoke spoken",
        "spend": "spent",
        "stand": "stood",
        "steal": "stole stolen",
        "take": "took taken",
        "teach": "taught",
        "tell": "told",
        "think": "thought",
        "throw": "threw thrown",
        "understand": "understood",
        "wake": "woke woken",
        "write": "wrote written",
    }.items()
    for form in forms.split()
}
"""Irregular past forms and the verb they belong to, so that "kept" meets
"keep". Forms that are common words in their own right ("left", "lay")
are left out."""


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return a light stem so that common inflections compare equal.

    This is deliberately small and predictable (plural, -ed, -ing, -ly, a
    final e, common irregular past forms, and British -ise read as -ize)
    rather than a full Porter
    stemmer, because rubric authors need to guess what it does. Words with
    digits or symbols are otherwise left alone.
    """
    if word in _IRREGULAR_FORMS:
        word = _IRREGULAR_FORMS[word]
    if len(word) >= 6 and "is" in word:
        word = _american_spelling(word)
    if not word.isalpha() or len(word) <= 3:
        if (
            len(word) >= 3
            and word.isalpha()
            and word.endswith("s")
            and not word.endswith("ss")
        ):
            return word[:-1]
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "ches", "shes", "zes")) or word == "goes":
        word = word[:-2]
    elif word.endswith("s") and not (
        word.endswith(("ss", "us")) or word.endswith("is") and len(word) > 4
    ):
        # "analysis" keeps its s, while "apis" is the plural of "api".
        word = word[:-1]
    if word.endswith("ie") and len(word) > 4:
        # "cookie" meets "cookies", which the rule above made "cooky".
        word = word[:-2] + "y"
    stripped = False
    if word.endswith("ing") and len(word) >= 5 and not _VOWELS.isdisjoint(word[:-3]):
        # The vowel test keeps "bring" and "string" whole.
        word, stripped = word[:-3], True
    elif word.endswith("ed") and (
        len(word) > 4
        or len(word) == 4
        and word[0] in _VOWELS
        and word[1] not in _VOWELS
    ):
        # Of four-letter words only "used" and its like lose -ed, not "need".
        word, stripped = word[:-2], True
    elif word.endswith("ly") and len(word) > 5:
        word = word[:-2]
    if stripped and _lost_final_e(word):
        # "making" and "used" become "make" and "use", as the bare verbs are.
        word += "e"
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeious":
        word = word[:-1]
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


_BRITISH_ENDINGS = (
    ("isations", "izations"),
    ("isation", "ization"),
    ("ising", "izing"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ise", "ize"),
)


def _american_spelling(word: str) -> str:
    """Return ``word`` with a British -ise ending spelt -ize, so that
    "initialise" and "initialized" share a stem. Words that only ever end
    in -ise ("promise") change too, which is harmless because every form
    of them changes alike."""
    for british, american in _BRITISH_ENDINGS:
        if word.endswith(british):
            return word[: -len(british)] + american
    return word


def _lost_final_e(word: str) -> bool:
    """Return whether a short stem left by -ing or -ed had a final e: one
    vowel then one consonant at the end ("mak", "us"), but not w, x or y."""
    if len(word) > 3 or len(word) < 2 or word[-1] in _VOWELS or word[-1] in "wxy":
        return False
    return word[-2] in _VOWELS and (len(word) == 2 or word[-3] not in _VOWELS)


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


_CANONICAL = {**_NUMBER_WORDS, **_UNITS}


def tokenize(text: str) -> Tokens:
    """Split ``text`` into normalised tokens with spans in the original."""
    normal, offsets = normalize_with_offsets(text)
    pattern = _ASCII_WORD_RE if offsets is None else _WORD_RE
    matches = list(pattern.finditer(normal))
    canonical = _CANONICAL
    words = list(map(re.Match.group, matches))
    texts = [canonical.get(word, word) for word in words]
    sources: list[int] | None = None
    special = (
        [
            number
            for number, word in enumerate(texts)
            if "'" in word or word in _CONTRACTIONS
        ]
        if "'" in normal or not _CONTRACTIONS.keys().isdisjoint(texts)
        else []
    )
    if _NUMBER_FORM_RE.search(normal):
        special.extend(
            i
            for i, word in enumerate(texts)
            if word[0].isdigit()
            and (
                "," in word
                or word.endswith("0")
                and "." in word
                and not _in_dotted_run(normal, matches[i])
            )
        )
        special.sort()
    if special:
        # Some words expand to two ("doesn't" to "does not") or lose their
        # digit grouping or trailing decimal zeros; then each word records
        # the match it came from.
        sources = list(range(len(matches)))
        for number in reversed(special):
            word = texts[number]
            if word[0].isdigit():
                digits = word.replace(",", "")
                if "." in digits:
                    digits = digits.rstrip("0").rstrip(".")
                parts: tuple[str, ...] = (digits,)
            else:
                parts = tuple(canonical.get(part, part) for part in _expand(word))
            texts[number : number + 1] = parts
            sources[number : number + 1] = [number] * len(parts)
    last_sources = None
    if not _SPOKEN_NUMBER_STARTS.isdisjoint(words):
        texts, sources, last_sources = _join_spoken_numbers(texts, sources, matches)
    if not _SECONDS_PER_UNIT.keys().isdisjoint(texts):
        _durations_in_seconds(texts)
    return Tokens(text, texts, matches, sources, offsets, normal, last_sources)


_SECONDS_PER_UNIT = {
    "millisecond": 0.001,
    "second": 1,
    "minute": 60,
    "hour": 3600,
    "day": 86400,
    "week": 604800,
}


def _durations_in_seconds(texts: list[str]) -> None:
    """Rewrite each number followed by a time unit as seconds, in place, so
    that equal durations compare equal: "168 hours", "7 days" and "one week"
    all become "604800 second". A unit without a number ("the second stage",
    "a week") is left alone."""
    for i in range(len(texts) - 1):
        factor = _SECONDS_PER_UNIT.get(texts[i + 1])
        if factor is None or not texts[i][0].isdigit():
            continue
        try:
            seconds = float(texts[i]) * factor
        except ValueError:
            continue
        if seconds.is_integer():
            texts[i] = str(int(seconds))
        else:
            texts[i] = f"{seconds:.6f}".rstrip("0").rstrip(".")
        texts[i + 1] = "second"


def _in_dotted_run(normal: str, match: re.Match[str]) -> bool:
    """Return whether a number is one piece of an address or version such as
    "10.0.0.10" or "1.10.0", whose zeros tell it apart from "10.0.0.1"."""
    start, end = match.span()
    after = normal[end : end + 2]
    before = normal[max(0, start - 2) : start]
    dotted_after = len(after) == 2 and after[0] == "." and after[1].isdigit()
    dotted_before = len(before) == 2 and before[1] == "." and before[0].isdigit()
    return dotted_after or dotted_before


def _join_spoken_numbers(
    texts: list[str], sources: list[int] | None, matches: list[re.Match[str]]
) -> tuple[list[str], list[int], list[int]]:
    """Join "five thousand" into "5000" and "twenty five" into "25".

    Returns the new words with, for each, the first and last word match it
    spans, so evidence quotes the whole spoken number.
    """
    firsts = sources if sources is not None else list(range(len(texts)))
    joined: list[str] = []
    new_firsts: list[int] = []
    new_lasts: list[int] = []
    for word, first in zip(texts, firsts, strict=True):
        spoken = matches[first].group() in _NUMBER_WORDS
        previous = joined[-1] if joined else ""
        previous_spoken = (
            bool(joined) and matches[new_lasts[-1]].group() in _NUMBER_WORDS
        )
        if spoken and previous.isdigit():
            value, before = int(word), int(previous)
            if value in _MULTIPLIERS and 0 < before < value:
                joined[-1] = str(before * value)
                new_lasts[-1] = first
                continue
            if previous_spoken and before in _TENS and 0 < value < 10:
                joined[-1] = str(before + value)
                new_lasts[-1] = first
                continue
        joined.append(word)
        new_firsts.append(first)
        new_lasts.append(first)
    return joined, new_firsts, new_lasts


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
