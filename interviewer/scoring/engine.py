"""Score an answer against a rubric: coverage, penalties, flags and band."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from interviewer.scoring.matcher import AnswerIndex, Chain, find_chain
from interviewer.scoring.normalize import STOP_WORDS
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
KEYWORD_LIST_MIN_WORDS = 4
KEYWORD_LIST_STOP_SHARE = 0.2
"""Below this share of stop words, text reads as a list, not sentences.

Ordinary English prose runs at roughly 40 to 50 percent stop words.
"""
KEYWORD_LIST_MATCHED_SHARE = 0.4
CONTEXT_CHARS = 60


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


def _best_match(
    index: AnswerIndex, phrases: Iterable[str]
) -> tuple[Match, bool] | None:
    """Return the most convincing match among ``phrases`` and whether it is
    only a near miss. Full matches rank first, then undenied ones."""
    best: tuple[tuple[bool, bool, float, int], Chain, str, int] | None = None
    for number, phrase in enumerate(phrases):
        chain = find_chain(index, phrase)
        if chain is None:
            continue
        rank = (chain.close_only, chain.negated, -chain.similarity, number)
        if best is None or rank < best[0]:
            best = (rank, chain, phrase, number)
    if best is None:
        return None
    _, chain, phrase, number = best
    return _to_match(index, phrase, number, chain), chain.close_only


def _score_concept(
    index: AnswerIndex, label: str, weight: float, phrases: tuple[str, ...]
) -> ConceptResult:
    found = _best_match(index, phrases)
    if found is None:
        return ConceptResult(label, weight, ConceptStatus.MISSED, None)
    match, close_only = found
    if close_only:
        close = None if match.negated else match.evidence
        return ConceptResult(label, weight, ConceptStatus.MISSED, None, close)
    if match.negated:
        return ConceptResult(label, weight, ConceptStatus.NEGATED, match)
    return ConceptResult(label, weight, ConceptStatus.COVERED, match)


def _flags(
    index: AnswerIndex,
    concepts: list[ConceptResult],
    short_answer_words: int = SHORT_ANSWER_WORDS,
) -> list[Flag]:
    texts = index.tokens.texts
    count = len(texts)
    if count == 0:
        return [Flag("empty", "The answer is empty.", 0)]
    flags = []
    stop_share = sum(map(STOP_WORDS.__contains__, texts)) / count
    matched = sum(
        len(index.text[c.match.start : c.match.end].split())
        for c in concepts
        if c.match is not None and c.covered
    )
    if (
        count >= KEYWORD_LIST_MIN_WORDS
        and stop_share < KEYWORD_LIST_STOP_SHARE
        and matched / count >= KEYWORD_LIST_MATCHED_SHARE
    ):
        flags.append(
            Flag(
                "keyword-list",
                f"Reads as a list of terms rather than sentences "
                f"({stop_share:.0%} linking words, prose has about 40%); "
                f"score capped at {KEYWORD_LIST_CAP}. Explain how the ideas connect.",
                KEYWORD_LIST_CAP,
            )
        )
    if count < short_answer_words:
        flags.append(
            Flag(
                "short",
                f"Very short answer ({count} words); score capped at "
                f"{SHORT_ANSWER_CAP}. Interviewers expect a few sentences.",
                SHORT_ANSWER_CAP,
            )
        )
    return flags


def score_answer(
    answer: str,
    rubric: Rubric,
    *,
    known_words: frozenset[str] = frozenset(),
    short_answer_words: int = SHORT_ANSWER_WORDS,
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

    Returns:
        A deterministic result; an empty answer scores 0.
    """
    index = AnswerIndex(answer, known_words)
    concepts = [
        _score_concept(index, c.label, c.weight, c.phrases) for c in rubric.concepts
    ]
    misconceptions = []
    for wrong in rubric.misconceptions:
        found = _best_match(index, wrong.phrases)
        if found is None or found[1]:
            continue
        match = found[0]
        if not match.negated:
            misconceptions.append(
                MisconceptionResult(wrong.label, wrong.penalty, match)
            )

    total = rubric.total_weight
    covered = sum(c.weight for c in concepts if c.covered)
    coverage = 100.0 * covered / total if total else 0.0
    score = coverage - sum(m.penalty for m in misconceptions)
    flags = _flags(index, concepts, short_answer_words)
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
        word_count=len(index.tokens),
    )
