"""Score an answer against a rubric: coverage, penalties, flags and band."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from interviewer.scoring.matcher import AnswerIndex, Chain, find_chain
from interviewer.scoring.normalize import (
    ARTICLES,
    STOP_WORDS,
    count_words,
    format_word_count,
    tokenize,
)
from interviewer.scoring.result import (
    ConceptResult,
    ConceptStatus,
    Flag,
    Match,
    MatchKind,
    MisconceptionResult,
    ScoreResult,
    band_for,
)

if TYPE_CHECKING:  # the rubric loader imports this package's normaliser
    from interviewer.rubric import Rubric

SHORT_ANSWER_WORDS = 20
SHORT_ANSWER_CAP = 50
KEYWORD_LIST_CAP = 40
KEYWORD_LIST_STOP_SHARE = 0.2
"""Below this share of stop words, text reads as a list, not sentences.

Ordinary English prose runs at roughly 40 to 50 percent stop words.
"""
KEYWORD_LIST_MIN_ITEMS = 3
KEYWORD_LIST_ITEM_WORDS = 3
"""A list has at least this many items, and its median item at most this
many words; a sentence fragment between commas is usually longer."""
KEYWORD_RUN_WORDS = 8
KEYWORD_RUN_STOP_SHARE = 0.1
"""Eight or more words with almost no linking words read as a run of terms
even without separators."""
TERM_ITEM_WORDS = 4
TERM_RUN_ITEMS = 4
TERM_RUN_SHARE = 0.6
TERM_RUN_MAX_WORDS = 400
TERM_RUN_STOP_SHARE = 0.3
"""An answer with most of its words in runs of four or more terms reads as
a list, whatever sentence is wrapped around it. A term is an item of at most
four words, articles aside, with no linking word; commas, semicolons, line
breaks, sentence ends, "and" and "or" separate items. Answers of more
than 400 words, or with 30% linking words or more (prose has 35 to 50%),
are not checked this way."""
_ITEM_BREAK = re.compile(r"[,;|\n\u2022]+|[.!?:](?=\s|$)|\s[-*]\s")
_CODE_BLOCK = re.compile(r"```.*?(?:```|\Z)|^(?: {4}|\t).*$", re.DOTALL | re.MULTILINE)


def _to_match(
    index: AnswerIndex, phrase: str, phrase_number: int, chain: Chain
) -> Match:
    tokens = index.tokens
    start, end = tokens.start(chain.first), tokens.end(chain.last)
    if chain.similarity < 100:
        kind = MatchKind.FUZZY
    elif phrase_number == 0:
        kind = MatchKind.EXACT
    else:
        kind = MatchKind.ALIAS
    return Match(
        phrase=phrase,
        kind=kind,
        similarity=round(chain.similarity, 1),
        start=start,
        end=end,
        evidence=index.text[start:end],
        negated=chain.negated,
    )


_PERFECT = (False, False, -100.0)
"""The rank of a full, undenied, exact match, less its phrase number."""


def _best_match(
    index: AnswerIndex, phrases: Iterable[str], *, belief: bool = False
) -> tuple[Match, Chain] | None:
    """Return the most convincing match among ``phrases`` with its chain,
    whose ``close_only`` is True for a near miss. Full matches rank first,
    then undenied ones."""
    best: tuple[tuple[bool, bool, float, int], Chain, str, int] | None = None
    for number, phrase in enumerate(phrases):
        chain = find_chain(index, phrase, belief=belief)
        if chain is None:
            continue
        rank = (chain.close_only, chain.negated, -chain.similarity, number)
        if best is None or rank < best[0]:
            best = (rank, chain, phrase, number)
        if rank[:3] == _PERFECT:
            # No later phrase can rank higher, so its aliases need no search.
            break
    if best is None:
        return None
    _, chain, phrase, number = best
    return _to_match(index, phrase, number, chain), chain


@lru_cache(maxsize=4096)
def _missed(label: str, weight: float) -> ConceptResult:
    """Return a plain miss. Results are immutable, so one object serves
    every answer, which saves building most of a rubric's results anew."""
    return ConceptResult(label, weight, ConceptStatus.MISSED, None)


def _score_concept(
    index: AnswerIndex, label: str, weight: float, phrases: tuple[str, ...]
) -> ConceptResult:
    found = _best_match(index, phrases)
    if found is None:
        return _missed(label, weight)
    match, chain = found
    if chain.close_only:
        if match.negated:
            return _missed(label, weight)
        return ConceptResult(
            label, weight, ConceptStatus.MISSED, None, match.evidence, match.phrase
        )
    if match.negated:
        return ConceptResult(label, weight, ConceptStatus.NEGATED, match)
    return ConceptResult(label, weight, ConceptStatus.COVERED, match)


def _reads_as_list(text: str, words: list[str]) -> bool:
    """Return True when ``text`` is mostly short items with few linking words.

    A list has short items and few linking words; terse sentences have few
    linking words but long items. Eight or more words with almost no
    linking words at all count as a list even without separators, and so do
    four or more short sentences that open alike ("There is X. There is
    Y.") once the opening is cut.
    Code samples are left out, because code carries no linking words;
    ``words`` are the answer's tokens, reused when there is no code.
    """
    prose = text
    if "```" in text or "\n    " in text or "\n\t" in text:
        prose = _CODE_BLOCK.sub(" ", text)
        words = tokenize(prose).texts
    unframed = None
    if len(words) <= TERM_RUN_MAX_WORDS:
        # Padded and framed lists are dense with commas or sentence stops, so
        # counting them first spares ordinary prose the closer reading.
        if FRAME_DENSITY * prose.count(",") >= len(words) and _repeats_a_remark(prose):
            return True
        stops = prose.count(". ") + prose.count("\n") + prose.count("; ")
        if FRAME_DENSITY * stops >= len(words):
            unframed = _drop_frames(prose)
        if unframed is not None:
            prose = unframed
            words = tokenize(prose).texts
    stop_share = sum(map(STOP_WORDS.__contains__, words)) / max(1, len(words))
    if len(words) >= KEYWORD_RUN_WORDS and stop_share < KEYWORD_RUN_STOP_SHARE:
        return True
    # Articles open list items as often as sentences ("the delete marker,
    # the version ID"), so they do not count as linking words here. Framed
    # sentences are known to be short, so a closing remark with its linking
    # words ("That is all.") does not make them prose.
    if stop_share >= TERM_RUN_STOP_SHARE and unframed is None:
        articles = sum(map(ARTICLES.__contains__, words)) / max(1, len(words))
        if stop_share - articles >= TERM_RUN_STOP_SHARE:
            return False
    # NOTE: one long filler sentence after a list contains most of the
    # words, so such an answer is not capped as a list.
    if len(words) <= TERM_RUN_MAX_WORDS and _may_hold_term_runs(prose, len(words)):
        parts = _ITEM_BREAK.split(_JOINER.sub(",", prose))
        terms = [_term_words(part) for part in parts if part.strip()]
        if _share_in_term_runs(terms) >= TERM_RUN_SHARE:
            return True
    if stop_share >= KEYWORD_LIST_STOP_SHARE:
        return False
    items = [len(item.split()) for item in _ITEM_BREAK.split(prose) if item.strip()]
    if len(items) < KEYWORD_LIST_MIN_ITEMS:
        return False
    items.sort()
    return items[len(items) // 2] <= KEYWORD_LIST_ITEM_WORDS


_EDGE_PUNCTUATION = "\"'()[]{}.,;:!?"
_JOINER = re.compile(r"\s(?:and|or)\s", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?;])\s+|\n+")
_OPENING = re.compile(r"[.!?;\n]\s*(\S+)")
_ENDING = re.compile(r"[.!?;]([^\s.!?;]+)")
"""The last word of each sentence, in text read backwards."""
_REMARK = re.compile(r",\s*((?:\w+\s+){0,3}\w+)\s*(?=[,.;!?\n]|$)")
"""An item of at most four words after a comma, up to the next stop."""
"""The first word of each sentence but the first, found in one pass. A stop
inside a number ("3.5 GB") adds a harmless extra."""
FRAME_DENSITY = 8
"""A framed or padded list has a comma or sentence stop at least every
eight words; prose has far fewer."""
OPENING_WORDS = 2
"""Words of the opening that a list in disguise repeats ("There is X.
There is Y.")."""


_COPULA_FORMS = {"are": "is", "was": "is", "were": "is", "there's": "there"}


def _drop_frames(prose: str) -> str | None:
    """Return ``prose`` without the frame that dresses a list up as
    sentences, or None when it has none.

    Two frames count: an opening shared by four or more short sentences in
    a row ("There is X. There is Y."), and an ending shared the same way
    ("X is important. Y is important."). Without the frame the list checks
    see the items as the terms they are. A sentence is short when it has
    at most four words besides the frame.
    """
    # Cheap test first: the first or last words of the sentences repeat in
    # a row (the first sentence's opening is not among those found).
    if not (
        _has_run(_OPENING.findall(prose), TERM_RUN_ITEMS - 1)
        # Read backwards, a sentence's last word follows its stop, which a
        # regular expression finds far faster than a word before a stop.
        or _has_run(_ENDING.findall(prose[::-1].lower()), TERM_RUN_ITEMS)
    ):
        return None
    sentences = [part for part in _SENTENCE_BREAK.split(prose) if part.strip()]
    words = [sentence.split() for sentence in sentences]
    changed = False
    for opening in (True, False):
        keys = [
            _frame_key(item[:OPENING_WORDS] if opening else item[-OPENING_WORDS:])
            if OPENING_WORDS < len(item) <= OPENING_WORDS + TERM_ITEM_WORDS
            else None
            for item in words
        ]
        for start, end in _runs_of_equal(keys):
            changed = True
            for number in range(start, end):
                item = words[number]
                words[number] = (
                    item[OPENING_WORDS:] if opening else item[:-OPENING_WORDS]
                )
    return "\n".join(" ".join(item) for item in words) if changed else None


def _repeats_a_remark(prose: str) -> bool:
    """Return whether the same short remark with a linking word follows
    four or more items ("X, which is good, Y, which is good, ..."): terms
    padded to look like sentences."""
    if prose.count(",") < TERM_RUN_ITEMS:
        return False
    counts = Counter(map(str.lower, _REMARK.findall(prose)))
    return any(
        count >= TERM_RUN_ITEMS and not STOP_WORDS.isdisjoint(remark.split())
        for remark, count in counts.items()
    )


def _frame_key(words: list[str]) -> tuple[str, ...]:
    """Return a frame with copulas and case made alike, so that "There is X."
    and "There are Y." open alike."""
    return tuple(
        _COPULA_FORMS.get(word.lower().strip(".!?;,"), word.lower().strip(".!?;,"))
        for word in words
    )


def _has_run(items: list[str], length: int) -> bool:
    """Return whether ``length`` equal items stand in a row."""
    run = 1
    for previous, item in zip(items, items[1:], strict=False):
        run = run + 1 if item == previous else 1
        if run >= length:
            return True
    return False


def _runs_of_equal(keys: list[tuple[str, ...] | None]) -> list[tuple[int, int]]:
    """Return the (start, end) ranges of four or more equal keys in a row."""
    runs = []
    start = 0
    for end in range(1, len(keys) + 1):
        key = keys[end] if end < len(keys) else None
        if key is not None and key == keys[start]:
            continue
        if keys[start] is not None and end - start >= TERM_RUN_ITEMS:
            runs.append((start, end))
        start = end
    return runs


def _may_hold_term_runs(prose: str, word_count: int) -> bool:
    """Return False when there are too few separators for runs of terms to
    hold ``TERM_RUN_SHARE`` of the words: a term has at most four words, so
    that takes one separator per four words of the share. Counting is much
    cheaper than reading every item."""
    lowered = prose.lower()
    separators = (
        prose.count(",")
        + prose.count(";")
        + prose.count(".")
        + prose.count("\n")
        + lowered.count(" and ")
        + lowered.count(" or ")
    )
    return TERM_ITEM_WORDS * separators >= TERM_RUN_SHARE * word_count


def _term_words(item: str) -> int:
    """Return the words of one item, articles left out, or a number too big
    for a term when it contains a linking word ("would", "if", "on"), which
    makes it part of a sentence."""
    raw = item.split()
    if len(raw) > TERM_ITEM_WORDS + 3:
        # Too long for a term even if three of its words are articles.
        return TERM_ITEM_WORDS + 1
    words = [word.strip(_EDGE_PUNCTUATION) for word in item.lower().split()]
    words = [word for word in words if word and word not in ARTICLES]
    if any(word in STOP_WORDS for word in words):
        return TERM_ITEM_WORDS + 1
    return len(words)


def _share_in_term_runs(items: list[int]) -> float:
    """Return the share of words that sit in runs of ``TERM_RUN_ITEMS`` or
    more consecutive short items, given the word count of each item."""
    total = sum(items)
    in_runs = 0
    run: list[int] = []
    for words in [*items, TERM_ITEM_WORDS + 1]:
        if words <= TERM_ITEM_WORDS:
            run.append(words)
            continue
        if len(run) >= TERM_RUN_ITEMS:
            in_runs += sum(run)
        run = []
    return in_runs / total if total else 0.0


def _flags(
    index: AnswerIndex,
    concepts: list[ConceptResult],
    count: int,
    short_answer_words: int = SHORT_ANSWER_WORDS,
) -> list[Flag]:
    if not index.tokens.texts:
        return [Flag("empty", "The answer is empty.", 0)]
    flags = []
    if any(c.covered for c in concepts) and _reads_as_list(
        index.text, index.tokens.texts
    ):
        flags.append(
            Flag(
                "keyword-list",
                "Reads as a list of terms rather than sentences; score capped "
                f"at {KEYWORD_LIST_CAP}. Explain how the ideas connect.",
                KEYWORD_LIST_CAP,
            )
        )
    if count < short_answer_words:
        flags.append(
            Flag(
                "short",
                f"Very short answer ({format_word_count(count)}); score capped "
                f"at {SHORT_ANSWER_CAP}. Interviewers expect a few sentences.",
                SHORT_ANSWER_CAP,
            )
        )
    return flags


MISCONCEPTION_CAP = 79
"""The top of the solid band: an answer that states a falsehood is never
strong, however much else it covers. Each misconception's penalty comes off
first, and rubrics set it by how central the belief is: about 30 for a wrong
core idea, which takes a half-complete answer to weak, and about 15 for a
wrong detail, which costs a complete answer one band."""


def _misconception_flag() -> Flag:
    return Flag(
        "misconception",
        f"States a misconception; score capped at {MISCONCEPTION_CAP} "
        "(never strong) after its penalty.",
        MISCONCEPTION_CAP,
    )


def score_answer(
    answer: str,
    rubric: Rubric,
    *,
    known_words: frozenset[str] = frozenset(),
    short_answer_words: int = SHORT_ANSWER_WORDS,
    prompt: str = "",
) -> ScoreResult:
    """Score ``answer`` against ``rubric``.

    Args:
        answer: The candidate's text, exactly as typed.
        rubric: The rubric of the question answered.
        known_words: Stems of correctly spelt words seen elsewhere (the bank's
            model answers); such a word in an answer is never taken as a typo
            of a rubric word.
        short_answer_words: Answers with fewer words are flagged as short
            and capped at ``SHORT_ANSWER_CAP``; 0 turns the flag off, which
            suits questions whose model answer is itself one line.
        prompt: The question as asked. A phrase found only in a run of
            eight or more words copied from it earns nothing, so
            restating the question is not an answer.

    Returns:
        A deterministic result; an empty answer scores 0.
    """
    index = AnswerIndex(answer, known_words, prompt)
    # NOTE: a concept can be credited from the very words that state a
    # misconception about it ("a multi-tenant app gets a registration in
    # every tenant" covers "multi-tenant app").
    concepts = [
        _score_concept(index, c.label, c.weight, c.phrases) for c in rubric.concepts
    ]
    misconceptions = []
    for wrong in rubric.misconceptions:
        # "Some say Swarm is dead, but that is wrong" states no belief, so
        # such an occurrence counts as denied.
        found = _best_match(index, wrong.phrases, belief=True)
        if found is None:
            continue
        match, chain = found
        if not chain.close_only and not match.negated:
            misconceptions.append(
                MisconceptionResult(wrong.label, wrong.penalty, match)
            )

    total = rubric.total_weight
    covered = sum(c.weight for c in concepts if c.covered)
    coverage = 100.0 * covered / total if total else 0.0
    score = coverage - sum(m.penalty for m in misconceptions)
    # Words are counted as the answer box counts them, so the short-answer
    # flag and the counter agree.
    word_count = count_words(answer)
    flags = _flags(index, concepts, word_count, short_answer_words)
    if misconceptions:
        flags.append(_misconception_flag())
    if index.echoed and any(
        not c.covered and not index.echoed.isdisjoint(rubric_concept.phrases)
        for c, rubric_concept in zip(concepts, rubric.concepts, strict=True)
    ):
        flags.append(
            Flag(
                "question-echo",
                "Repeats the question's own words; words copied from the "
                "question earn no credit.",
                100,
            )
        )
    for flag in flags:
        score = min(score, flag.cap)
    final = int(round(max(0.0, min(100.0, score))))
    return ScoreResult(
        question_id=rubric.question_id,
        score=final,
        band=band_for(final),
        concepts=tuple(concepts),
        misconceptions=tuple(misconceptions),
        flags=tuple(flags),
        coverage=coverage,
        word_count=word_count if index.tokens.texts else 0,
    )
