"""Find rubric phrases in an answer, tolerating typos, compounds and gaps.

An answer is tokenised once into an :class:`AnswerIndex`. Each phrase word
is then a dictionary look-up, plus rapidfuzz edit distances against the
answer's distinct words that share its first letter and a similar length,
so the cost grows with the answer's vocabulary rather than with its length
times the rubric size.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from interviewer.scoring.denial import (
    denials_in,
    is_disowned,
    is_negated,
    span_denials,
)
from interviewer.scoring.normalize import (
    STEM_CACHE,
    STOP_WORDS,
    stem,
    tokenize,
)

MAX_GAP = 3
"""Other words allowed between two neighbouring words of a phrase."""
MIN_FUZZY_LENGTH = 5
"""Shorter words, acronyms among them, must match exactly."""
HYPHENATED_JOIN_LENGTH = 4
"""A hyphenated phrase also matches its parts written as one word from this
length ("X-Ray" and "xray"); other phrases from ``MIN_FUZZY_LENGTH``."""


@lru_cache(maxsize=8192)
def max_edits(word: str) -> int:
    """Return the typos tolerated in a phrase word, judged by its stem."""
    if len(word) < MIN_FUZZY_LENGTH or not word.isalpha():
        return 0
    return 1 if len(word) <= 10 else 2


@lru_cache(maxsize=8192)
def allowed_edits(word: str, surface: str) -> int:
    """Return the typos tolerated in a phrase word with stem ``word`` and
    written form ``surface``: by the stem, but at least one when the written
    word has exactly five letters ("cache", whose stem "cach" has four).
    Longer words keep their stem's allowance, so "logging" (stem "log") is
    not taken for "long"."""
    if len(surface) == MIN_FUZZY_LENGTH:
        return max_edits(word) or max_edits(surface)
    return max_edits(word)


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


Occurrence = tuple[int, int, float, bool]
"""Answer tokens ``first``..``last`` that match one phrase word, the
similarity (100 for an exact or compound match, else rapidfuzz's ratio),
and whether the word is only close (beyond the typo allowance, or a real
word of the bank). Plain tuples keep long answers cheap."""


@lru_cache(maxsize=8192)
def compile_phrase(phrase: str) -> tuple[tuple[str, ...], tuple[str, ...], str, int]:
    """Return a phrase's content stems, their surface forms, their joined
    form ("" when too short to look for) and how many denials (negators or
    contrasts) the phrase contains."""
    tokens = tokenize(phrase)
    pairs = [
        (word_stem, text)
        for text, word_stem in zip(tokens.texts, tokens.stems, strict=True)
        if text not in STOP_WORDS
    ]
    words = tuple(word_stem for word_stem, _ in pairs)
    surfaces = tuple(text for _, text in pairs)
    joined = stem("".join(surfaces))
    # Short joined forms collide with real words ("AD DS" and "adds"), but a
    # hyphen shows that the parts form one word ("X-Ray" and "xray").
    if len(joined) < (HYPHENATED_JOIN_LENGTH if "-" in phrase else MIN_FUZZY_LENGTH):
        joined = ""
    denials = denials_in(tokens)
    return words, surfaces, joined, denials


@lru_cache(maxsize=8192)
def _compound_cuts(word: str) -> tuple[tuple[str, str, str], ...]:
    """Return the ways to cut ``word`` in two: (head, head stem, tail stem)."""
    if len(word) < 6 or not word.isalpha():
        return ()
    return tuple(
        (word[:cut], stem(word[:cut]), stem(word[cut:]))
        for cut in range(3, len(word) - 2)
    )


@lru_cache(maxsize=8192)
def _typo_profile(word: str, surface: str) -> tuple[int, int, bool]:
    """Return the typos tolerated in a phrase word, a bit mask of the
    answer word lengths that the typo search compares with ``word`` (by
    stem) or ``surface`` (as written), and whether only spellings are
    compared (see :meth:`AnswerIndex._fuzzy`)."""
    allowed = allowed_edits(word, surface)
    limit = allowed + 1
    low = max(0, min(len(word), len(surface)) - limit)
    high = max(len(word), len(surface)) + limit
    return allowed, ((1 << (high - low + 1)) - 1) << low, not max_edits(word)


ECHO_WORDS = 8
"""Words in a row copied from the question that mark an echo: text that
restates the question earns nothing. A natural answer rarely repeats more
than five of the prompt's words in a row."""


@lru_cache(maxsize=256)
def _prompt_runs(
    prompt: str,
) -> tuple[frozenset[tuple[str, ...]], tuple[str, ...], frozenset[str]]:
    """Return every run of ``ECHO_WORDS`` words in a row of ``prompt``, as
    tuples and as space-joined text with a space at each end, and the
    prompt's words."""
    words = tokenize(prompt).texts
    runs = frozenset(
        tuple(words[start : start + ECHO_WORDS])
        for start in range(len(words) - ECHO_WORDS + 1)
    )
    return runs, tuple(f" {' '.join(run)} " for run in runs), frozenset(words)


class AnswerIndex:
    """One answer, tokenised and indexed for phrase look-ups."""

    def __init__(
        self,
        text: str,
        known_words: frozenset[str] = frozenset(),
        prompt: str = "",
    ) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.known_words = known_words
        self._echo_runs, self._echo_texts, self._prompt_words = (
            _prompt_runs(prompt) if prompt else (frozenset(), (), frozenset())
        )
        self._has_echo: bool | None = None
        self.rejects: bool | None = None
        """Whether the answer contains a word that rejects or reports a claim
        ("wrong", "myth", "say"), worked out on first need."""
        self.has_question = "?" in text
        """Whether the answer contains a question mark ("DLQ? Never.").
        Most answers have none, so this is read once, not at every match."""
        self.echoed: set[str] = set()
        """Phrases found only in words copied from the question."""
        # Phrase words are never stop words, so stop words are left out of
        # the index; otherwise "canned" (stem "can") would match "can".
        positions: dict[str, list[int]] = {}
        get = positions.get
        stop_words = STOP_WORDS
        texts = self.tokens.texts
        for index, word_stem in enumerate(self.tokens.stems):
            if texts[index] in stop_words:
                continue
            bucket = get(word_stem)
            if bucket is None:
                positions[word_stem] = [index]
            else:
                bucket.append(index)
        self.positions = positions
        self._typo_groups: dict[str, list[tuple[int, str | None, str]]] = {}
        self._length_masks: dict[str, int] | None = None
        self._prefixes: set[str] | None = None
        # Results per phrase word, one cache for each value of ``thorough``.
        self._found: dict[str, list[Occurrence]] = {}
        self._found_thorough: dict[str, list[Occurrence]] = {}

    def is_echo(self, first: int, last: int) -> bool:
        """Return whether words ``first`` to ``last`` all sit in runs of
        ``ECHO_WORDS`` or more words copied from the question's prompt."""
        runs = self._echo_runs
        if not runs:
            return False
        texts = self.tokens.texts
        # Every word of an echo is a word of the prompt, which rules out
        # most matches at once.
        if not self._prompt_words.issuperset(texts[first : last + 1]):
            return False
        if self._has_echo is None:
            # One substring search per run of the prompt, all in C, rules
            # out most answers before any per-match work.
            joined = f" {' '.join(self.tokens.texts)} "
            self._has_echo = any(run in joined for run in self._echo_texts)
        if not self._has_echo:
            return False
        covered_to = first - 1
        for start in range(max(0, first - ECHO_WORDS + 1), last + 1):
            if start > covered_to + 1:
                return False
            if tuple(texts[start : start + ECHO_WORDS]) in runs:
                covered_to = start + ECHO_WORDS - 1
                if covered_to >= last:
                    return True
        return False

    def occurrences(
        self,
        word: str,
        surface: str = "",
        *,
        thorough: bool = False,
    ) -> list[Occurrence]:
        """Return where a phrase word occurs, sorted by position.

        ``word`` is the phrase word's stem and ``surface`` its form as
        written. Typos are measured against both, because a typo can hide
        an inflection ("assigend" is one edit from "assigned" but two from
        the stem "assign"). When the word itself is present, typos are
        looked for only if ``thorough`` is set, which callers do when the
        exact places gave no match; compounds only when it is absent.
        """
        cache = self._found_thorough if thorough else self._found
        cached = cache.get(word)
        if cached is not None:
            return cached
        exact = self.positions.get(word)
        if exact:
            found: list[Occurrence] = [(i, i, 100.0, False) for i in exact]
            if not thorough:
                cache[word] = found
                return found
        else:
            # Most phrase words are absent; a bare list skips a comprehension.
            found = []
        added = False
        surface = surface or word
        allowed, lengths, spelling_only = _typo_profile(word, surface)
        # Both searches start with a cheap test that rules most words out:
        # answer words of a fitting first letter and length for a typo, a
        # fitting first three letters for a compound.
        if allowed:
            masks = self._length_masks
            if masks is None:
                masks = self._build_typo_candidates()
            lengths &= masks.get(word[0], 0)
            if lengths:
                fuzzy = self._fuzzy(
                    word, surface, allowed, lengths, spelling_only=spelling_only
                )
                found.extend(fuzzy)
                added = bool(fuzzy)
        if (
            not exact
            and len(word) >= 6
            and word[:3]
            in (
                self._prefixes if self._prefixes is not None else self._build_prefixes()
            )
        ):
            compounds = self._split_compound(word)
            found.extend(compounds)
            added = added or bool(compounds)
        if added and len(found) > 1:
            # Exact positions arrive sorted; only added ones need a sort.
            found.sort(key=lambda occurrence: (occurrence[0], -occurrence[2]))
        cache[word] = found
        return found

    def _build_prefixes(self) -> set[str]:
        # The head of a compound is at least three letters, and a stem keeps
        # the first three letters of any word longer than three.
        self._prefixes = {candidate[:3] for candidate in self.positions}
        return self._prefixes

    def _build_typo_candidates(self) -> dict[str, int]:
        """Group the answer's words by first letter for the typo search, and
        return per first letter a bit mask of their lengths.

        A group contains (length, spelling, stem) triples, the spelling None
        where the stem itself is the candidate. One flat list per letter is
        cheaper to build than one per letter and length, and the search
        skips the lengths it does not need with a bit test. Spellings come
        from a set of the answer's words, far cheaper than walking every
        position of a long answer, and their stems are already in the stem
        cache.
        """
        groups: dict[str, list[tuple[int, str | None, str]]] = {}
        masks: dict[str, int] = {}
        shortest = MIN_FUZZY_LENGTH - 1
        usable = {
            candidate
            for candidate in self.positions
            if len(candidate) >= shortest and candidate.isalpha()
        }
        get = groups.get
        for candidate in usable:
            initial = candidate[0]
            bucket = get(initial)
            if bucket is None:
                bucket = groups[initial] = []
            bucket.append((len(candidate), None, candidate))
        stem_of = STEM_CACHE.__getitem__
        for written in set(self.tokens.texts):
            candidate = stem_of(written)
            if written != candidate and candidate in usable:
                groups[candidate[0]].append((len(written), written, candidate))
        for initial, bucket in groups.items():
            mask = 0
            for length, _, _ in bucket:
                mask |= 1 << length
            masks[initial] = mask
        self._typo_groups = groups
        self._length_masks = masks
        return masks

    def _fuzzy(
        self,
        word: str,
        surface: str,
        allowed: int,
        lengths: int,
        *,
        spelling_only: bool = False,
    ) -> list[Occurrence]:
        """Return typos of a phrase word among answer words whose lengths
        are set in the bit mask ``lengths``.

        With ``spelling_only``, for a five-letter word whose stem is too
        short for a typo ("cache", "cach"), only inflected spellings are
        compared, as written: comparing stems would take "store" for
        "story" and "calls" for "calm".
        """
        groups = self._typo_groups
        initial = word[0]
        limit = allowed + 1
        word_length, surface_length = len(word), len(surface)
        distance_of = OSA.distance
        distances: dict[str, int] = {}
        for length, written, candidate in groups[initial]:
            if not lengths >> length & 1:
                continue
            # Stems are compared with the phrase stem and spellings with
            # the phrase's own spelling.
            if written is None:
                if spelling_only:
                    continue
                target, target_length = word, word_length
            else:
                target, target_length = surface, surface_length
            if abs(length - target_length) > limit:
                continue
            distance = distance_of(target, written or candidate, score_cutoff=limit)
            if distance == limit and written is None and surface != word:
                # A typo can drop the suffix the stem lost: "standng" is
                # two edits from the stem "stand" but one from "standing".
                distance = min(
                    distance, distance_of(surface, candidate, score_cutoff=limit)
                )
            if distance <= limit and distance < distances.get(candidate, limit + 1):
                distances[candidate] = distance
        found: list[Occurrence] = []
        for candidate, distance in distances.items():
            if candidate == word or not _plausible_typo(word, candidate):
                continue
            # A real word the bank uses elsewhere is a different word, not a typo.
            close_only = distance > allowed or candidate in self.known_words
            similarity = fuzz.ratio(word, candidate)
            found.extend(
                (i, i, similarity, close_only) for i in self.positions[candidate]
            )
        return found

    def _split_compound(self, word: str) -> list[Occurrence]:
        """Match "dockerfile" against the two answer words "docker file"."""
        found: list[Occurrence] = []
        texts = self.tokens.texts
        stems = self.tokens.stems
        positions = self.positions
        for head_text, head_stem, tail in _compound_cuts(word):
            head = positions.get(head_text) or positions.get(head_stem)
            if not head:
                continue
            for i in head:
                following = i + 1
                if following < len(texts) and (
                    stems[following] == tail
                    or stem(texts[i] + texts[following]) == word
                ):
                    found.append((i, following, 100.0, False))
        return found


class Chain(NamedTuple):
    """An in-order run of occurrences covering every word of a phrase.

    A named tuple, not a dataclass, because one is built per candidate
    match and a tuple is several times cheaper to create."""

    first: int
    last: int
    similarity: float
    close_only: bool
    """True when some word only came near; such a chain is a hint, not credit."""
    negated: bool


def find_chain(
    index: AnswerIndex, phrase: str, *, belief: bool = False
) -> Chain | None:
    """Return the best occurrence of ``phrase`` in the answer, or None.

    Full matches rank before near misses, then denied ones after the rest,
    so one pass gives both the credit and, failing that, a hint. With
    ``belief`` set, for a misconception, an occurrence stated only to be
    rejected ("some say X, but that is wrong") counts as denied, so a later
    occurrence that states the belief still wins.
    """
    words, surfaces, joined, denials = compile_phrase(phrase)
    if not words:
        return None
    found: list[Occurrence] = []
    if len(words) > 1 and joined and joined in index.positions:
        # The phrase written as one word ("rollout" for "roll out"). Only the
        # exact form counts: a compound that is also mistyped is rare, and
        # looking for one costs a typo search per phrase.
        found.extend((i, i, 100.0, False) for i in index.positions[joined])
    # Without the first word no chain can start, and the retry below cannot
    # help either: it only adds typos near words that are present.
    if index.occurrences(words[0], surfaces[0]):
        chains = _ordered_chains(index, words, surfaces)
        if (
            not chains
            and len(words) > 1
            and any(
                w in index.positions and allowed_edits(w, s)
                for w, s in zip(words, surfaces, strict=True)
            )
        ):
            # A word present elsewhere may be mistyped right where the phrase
            # is ("outside the handeler" in an answer that also says "handler").
            chains = _ordered_chains(index, words, surfaces, thorough=True)
        found.extend(chains)
    if not found:
        return None
    best: Chain | None = None
    best_rank: tuple[bool, bool, float, int] | None = None
    for first, last, similarity, close_only in sorted(
        found, key=lambda item: (item[3], -item[2], item[0])
    ):
        if best is not None and best_rank is not None and close_only > best_rank[0]:
            break
        if denials and span_denials(index, first, last) < denials:
            # The phrase's own negator is an idiom here: "not only retries"
            # does not say "does not retry".
            continue
        if index.is_echo(first, last):
            index.echoed.add(phrase)
            continue
        negated = is_negated(index, first, last, denials=denials) or (
            is_disowned(index, first, last, myths=belief)
        )
        rank = (close_only, negated, -similarity, first)
        if best_rank is None or rank < best_rank:
            best = Chain(first, last, similarity, close_only, negated)
            best_rank = rank
        if not negated:
            break
    return best


def _ordered_chains(
    index: AnswerIndex,
    words: tuple[str, ...],
    surfaces: tuple[str, ...],
    *,
    thorough: bool = False,
) -> list[Occurrence]:
    """Return chains whose words occur in order within the gap and sentence."""
    sentence_of = index.tokens.sentence_of
    partial = index.occurrences(words[0], surfaces[0], thorough=thorough)
    for word, surface in zip(words[1:], surfaces[1:], strict=True):
        if not partial:
            return []
        candidates = index.occurrences(word, surface, thorough=thorough)
        if not candidates:
            return []
        starts = [occurrence[0] for occurrence in candidates]
        # Keep the best partial chain per end position, so long answers with
        # many repeats of a word stay linear.
        best: dict[int, tuple[tuple[bool, float, int], Occurrence]] = {}
        for first, last, similarity, close in partial:
            low = bisect.bisect_right(starts, last)
            high = bisect.bisect_right(starts, last + 1 + MAX_GAP)
            if low == high:
                continue
            sentence = sentence_of(last)
            for next_first, next_last, next_similarity, next_close in candidates[
                low:high
            ]:
                if sentence_of(next_first) != sentence:
                    continue
                chain = (
                    first,
                    next_last,
                    min(similarity, next_similarity),
                    close or next_close,
                )
                rank = (chain[3], -chain[2], -first)
                kept = best.get(next_last)
                if kept is None or rank < kept[0]:
                    best[next_last] = (rank, chain)
        partial = [chain for _, chain in best.values()]
    return list(partial)
