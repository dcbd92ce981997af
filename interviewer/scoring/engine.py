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
    start, end = tokens.starts[chain.first], tokens.ends[chain.last]
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
    index: AnswerIndex, phrases: Iterable[str], *, loose: bool = False
) -> Match | None:
    """Return the most convincing match among ``phrases``, negated ones last."""
    best: tuple[tuple[bool, bool, float, int], Match] | None = None
    for number, phrase in enumerate(phrases):
        chain = find_chain(index, phrase, loose=loose)
        if chain is None or (chain.close_only and not loose):
            continue
        rank = (chain.negated, chain.close_only, -chain.similarity, number)
        if best is None or rank < best[0]:
            best = (rank, _to_match(index, phrase, number, chain))
    return best[1] if best else None


def _score_concept(
    index: AnswerIndex, label: str, weight: float, phrases: tuple[str, ...]
) -> ConceptResult:
    match = _best_match(index, phrases)
    if match is not None and not match.negated:
        return ConceptResult(label, weight, ConceptStatus.COVERED, match)
    if match is not None:
        return ConceptResult(label, weight, ConceptStatus.NEGATED, match)
    near = _best_match(index, phrases, loose=True)
    close = near.evidence if near is not None and not near.negated else None
    return ConceptResult(label, weight, ConceptStatus.MISSED, None, close)


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
    stop_share = sum(1 for text in texts if text in STOP_WORDS) / count
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
        match = _best_match(index, wrong.phrases)
        if match is not None and not match.negated:
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
