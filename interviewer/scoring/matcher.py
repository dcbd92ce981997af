"""Find rubric phrases in an answer, tolerating typos, compounds and gaps.

An answer is tokenised once into an :class:`AnswerIndex`; each phrase is
then a handful of dictionary look-ups plus one rapidfuzz pass per phrase word
over the answer's distinct words, so the cost grows with the answer's
vocabulary rather than with its length times the rubric size.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from interviewer.scoring.normalize import NEGATORS, STOP_WORDS, stem, tokenize

MAX_GAP = 3
"""Other words allowed between two neighbouring words of a phrase."""
MIN_FUZZY_LENGTH = 5
"""Shorter words, acronyms among them, must match exactly."""
LOOK_BACK = 4
"""Words before a match searched for a negator in the same clause."""
EVALUATIONS = frozenset(
    stem(word)
    for word in (
        "needed necessary required used useful important supported possible "
        "recommended enabled applied relevant helpful"
    ).split()
)
"""Words that, after "is not" or "never", deny the thing before them."""
_COPULAS = frozenset({"is", "are", "was", "were", "be", "been", "being"})
"""Only these may stand between a match and a later denial, so "X is not
needed" denies X while "X you do not need" (a relative clause) does not."""


def max_edits(word: str) -> int:
    """Return the typos tolerated in a phrase word (by its stem)."""
    if len(word) < MIN_FUZZY_LENGTH or not word.isalpha():
        return 0
    return 1 if len(word) <= 10 else 2


SHORT_WORD_LENGTH = 7
"""Below this stem length a one-letter substitution is more often another
word ("bridge" and "bring") than a typo, so only dropped, doubled or
swapped letters count."""


def _plausible_typo(word: str, candidate: str) -> bool:
    """Return whether ``candidate`` could be ``word`` mistyped.

    Typos rarely change the first letter, and that rule also keeps
    "sync" from matching "async".
    """
    if word[0] != candidate[0]:
        return False
    return not (
        len(word) < SHORT_WORD_LENGTH
        and len(word) == len(candidate)
        and sorted(word) != sorted(candidate)
    )


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Answer tokens ``first``..``last`` that match one phrase word."""

    first: int
    last: int
    similarity: float
    """100 for an exact or compound match, else rapidfuzz's ratio."""
    close_only: bool
    """True when the word is one edit beyond the typo allowance."""


@lru_cache(maxsize=8192)
def compile_phrase(phrase: str) -> tuple[tuple[str, ...], str, bool]:
    """Return a phrase's content stems, their joined form and negativity."""
    tokens = tokenize(phrase)
    words = tuple(
        s
        for t, s in zip(tokens.texts, tokens.stems, strict=True)
        if t not in STOP_WORDS
    )
    joined = stem("".join(t for t in tokens.texts if t not in STOP_WORDS))
    negative = any(text in NEGATORS for text in tokens.texts)
    return words, joined, negative


class AnswerIndex:
    """One answer, tokenised and indexed for phrase look-ups."""

    def __init__(self, text: str, known_words: frozenset[str] = frozenset()) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.known_words = known_words
        positions: dict[str, list[int]] = defaultdict(list)
        # Phrase words are never stop words, so stop words are left out of
        # the index; otherwise "canned" (stem "can") would match "can".
        for index, (text, word_stem) in enumerate(
            zip(self.tokens.texts, self.tokens.stems, strict=True)
        ):
            if text not in STOP_WORDS:
                positions[word_stem].append(index)
        self.positions = dict(positions)
        self._fuzzy_vocabulary = [
            word
            for word in self.positions
            if len(word) >= MIN_FUZZY_LENGTH - 1 and word.isalpha()
        ]
        self._occurrences: dict[str, list[Occurrence]] = {}

    def occurrences(self, word: str) -> list[Occurrence]:
        """Return where a phrase word (a stem) occurs, sorted by position."""
        cached = self._occurrences.get(word)
        if cached is not None:
            return cached
        found = [Occurrence(i, i, 100.0, False) for i in self.positions.get(word, ())]
        allowed = max_edits(word)
        if allowed:
            found.extend(self._fuzzy(word, allowed))
        found.extend(self._split_compound(word))
        found.sort(key=lambda occurrence: (occurrence.first, -occurrence.similarity))
        self._occurrences[word] = found
        return found

    def _fuzzy(self, word: str, allowed: int) -> list[Occurrence]:
        found = []
        for candidate, distance, _ in process.extract(
            word,
            self._fuzzy_vocabulary,
            scorer=OSA.distance,
            score_cutoff=allowed + 1,
            limit=None,
        ):
            if distance == 0 or not _plausible_typo(word, candidate):
                continue
            # A real word the bank uses elsewhere is a different word, not a typo.
            close_only = distance > allowed or candidate in self.known_words
            similarity = fuzz.ratio(word, candidate)
            found.extend(
                Occurrence(i, i, similarity, close_only)
                for i in self.positions[candidate]
            )
        return found

    def _split_compound(self, word: str) -> list[Occurrence]:
        """Match "dockerfile" against the two answer words "docker file"."""
        if len(word) < 2 * 3 or not word.isalpha():
            return []
        found = []
        texts = self.tokens.texts
        for cut in range(3, len(word) - 2):
            head = self.positions.get(word[:cut]) or self.positions.get(
                stem(word[:cut])
            )
            if not head:
                continue
            tail = stem(word[cut:])
            for i in head:
                following = i + 1
                if following < len(texts) and (
                    self.tokens.stems[following] == tail
                    or stem(texts[i] + texts[following]) == word
                ):
                    found.append(Occurrence(i, following, 100.0, False))
        return found


@dataclass(frozen=True, slots=True)
class Chain:
    """An in-order run of occurrences covering every word of a phrase."""

    first: int
    last: int
    similarity: float
    close_only: bool
    negated: bool


def find_chain(index: AnswerIndex, phrase: str, *, loose: bool = False) -> Chain | None:
    """Return the best occurrence of ``phrase`` in the answer, or None.

    With ``loose`` set, words one edit beyond the typo allowance count too,
    which is how near misses are found for hints.
    """
    words, joined, negative = compile_phrase(phrase)
    if not words:
        return None
    chains: list[Chain] = []
    if len(words) > 1 and len(joined) >= MIN_FUZZY_LENGTH:
        for occurrence in index.occurrences(joined):
            if loose or not occurrence.close_only:
                chains.append(
                    Chain(
                        occurrence.first,
                        occurrence.last,
                        occurrence.similarity,
                        occurrence.close_only,
                        False,
                    )
                )
    chains.extend(_ordered_chains(index, words, loose))
    if not chains:
        return None
    chains = [
        Chain(
            c.first,
            c.last,
            c.similarity,
            c.close_only,
            is_negated(index, c, negative=negative),
        )
        for c in chains
    ]
    return min(
        chains,
        key=lambda c: (c.negated, c.close_only, -c.similarity, c.first),
    )


def _ordered_chains(
    index: AnswerIndex, words: tuple[str, ...], loose: bool
) -> list[Chain]:
    """Return chains whose words occur in order within the gap and sentence."""
    sentences = index.tokens.sentences
    # Each partial chain: (first, last, worst similarity, any close-only word).
    partial: list[tuple[int, int, float, bool]] = [
        (o.first, o.last, o.similarity, o.close_only)
        for o in index.occurrences(words[0])
        if loose or not o.close_only
    ]
    for word in words[1:]:
        if not partial:
            return []
        candidates = [o for o in index.occurrences(word) if loose or not o.close_only]
        starts = [o.first for o in candidates]
        extended = []
        for first, last, similarity, close in partial:
            low = bisect.bisect_right(starts, last)
            high = bisect.bisect_right(starts, last + 1 + MAX_GAP)
            for occurrence in candidates[low:high]:
                if sentences[occurrence.first] != sentences[last]:
                    continue
                extended.append(
                    (
                        first,
                        occurrence.last,
                        min(similarity, occurrence.similarity),
                        close or occurrence.close_only,
                    )
                )
        # Keep the best partial chain per end position, so long answers with
        # many repeats of a word stay linear.
        best: dict[int, tuple[int, int, float, bool]] = {}
        for chain in extended:
            kept = best.get(chain[1])
            if kept is None or (chain[3], -chain[2], -chain[0]) < (
                kept[3],
                -kept[2],
                -kept[0],
            ):
                best[chain[1]] = chain
        partial = list(best.values())
    return [Chain(f, last, s, c, False) for f, last, s, c in partial]


def is_negated(index: AnswerIndex, chain: Chain, *, negative: bool = False) -> bool:
    """Return True when the words around a match deny it.

    Three patterns count: a negator up to four words before the match in the
    same clause ("we do not encrypt data"), a negator inside the matched span
    ("encrypt no data"), and a denial right after it ("X is never needed").
    A copula between a negator and the match ends the negator's reach
    ("what is not reserved is the unreserved pool"), and "not only" and
    "no matter" are not denials. For a ``negative`` phrase, which holds its
    own negator, only an extra negator before it counts ("it does not mean
    there are no servers"), copula or not, because the phrase's own leading
    words ("there are") are often copulas.
    """
    texts = index.tokens.texts
    clauses = index.tokens.clauses
    clause = clauses[chain.first]
    for i in range(max(0, chain.first - LOOK_BACK), chain.first):
        if clauses[i] != clause or texts[i] not in NEGATORS or _is_idiom(texts, i):
            continue
        between = texts[i + 1 : chain.first]
        if negative or not any(word in _COPULAS for word in between):
            return True
    if negative:
        return False
    if any(texts[i] in NEGATORS for i in range(chain.first, chain.last + 1)):
        return True
    end_clause = clauses[chain.last]
    after = range(chain.last + 1, min(len(texts), chain.last + 1 + LOOK_BACK))
    for i in after:
        if clauses[i] != end_clause:
            break
        if texts[i] in NEGATORS and not _is_idiom(texts, i):
            following = index.tokens.stems[i + 1 : i + 3]
            preceding = texts[chain.last + 1 : i]
            if any(word in EVALUATIONS for word in following) and all(
                word in _COPULAS for word in preceding
            ):
                return True
    return False


def _is_idiom(texts: list[str], i: int) -> bool:
    following = texts[i + 1] if i + 1 < len(texts) else ""
    return (texts[i], following) in {("not", "only"), ("no", "matter"), ("not", "just")}
