"""Draft a rubric from a question's model answer, with no AI model.

The key phrases of a model answer are found from the structure of its
sentences and from how its words are spread across the bank:

1. Candidate phrases are runs of one to four content words, split at stop
   words, punctuation and generic words such as "use" or "usually".
2. Each word is weighted by its inverse document frequency over the bank's
   questions (a word that every answer uses says little about this one) and
   by how often this answer repeats it. Words of the question's prompt weigh
   less, because a candidate can restate the question without knowing more.
   A phrase the author set in bold or as code weighs more.
3. The most salient candidates that share no word become concepts, weighted
   1 to 3 by salience. Each gets the aliases that the scoring engine would
   not find from the canonical term alone: its most distinctive word on its
   own, an acronym or the long form of one, other word forms ("simulate" for
   "simulation"), negated forms when the model answer states an absence, and
   hyphenated or closed spellings where the engine would miss them.

Every concept is checked with the scoring engine against the model answer,
so an answer always covers its own draft. The result is a starting point for
an author and is written as YAML with a header that says it is a draft.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from interviewer.bank import Question
from interviewer.rubric import Concept, Rubric
from interviewer.scoring.denial import is_negated
from interviewer.scoring.engine import SHORT_ANSWER_WORDS
from interviewer.scoring.matcher import AnswerIndex, find_chain
from interviewer.scoring.normalize import (
    NEGATORS,
    STOP_WORDS,
    Tokens,
    phrase_problem,
    stem,
    tokenize,
)

DRAFT_PATH = Path("<draft>")
"""Path given to rubrics that exist only in memory."""
MAX_CONCEPTS = 8
MAX_PHRASE_WORDS = 4
MAX_WEIGHT = 3
PROMPT_FACTOR = 0.35
"""Multiplier on the weight of a word that also occurs in the prompt."""
EMPHASIS_FACTOR = 2.0
"""Multiplier on a phrase that is, as a whole, bold or code in the answer."""
INSIDE_EMPHASIS_FACTOR = 1.25
"""Multiplier on a phrase that lies inside a longer bold or code span."""
DISTINCTIVE_SHARE = 0.1
"""A word in at most this share of the bank's questions may stand alone."""
MAX_WORD_FORMS = 2
ABSENCE_WORDS = frozenset(
    stem(word) for word in "avoid prevent without lack missing eliminate".split()
)
"""Words by which a model answer states a benefit as an absence ("it avoids
making copies"). The engine reads some of them as denials, but in a model
answer the absent thing is still a concept, drafted with negative aliases."""

GENERIC_WORDS = frozenset(
    """
    use uses used using make makes made making get gets got getting give gives
    gave given let lets need needs needed want wants take takes took put puts
    keep keeps kept go goes going come comes like likely unlike well usually
    often typically always sometimes rather instead even still already yet
    really actually simply basically generally mostly mainly especially much
    many few lot lots way ways thing things something anything everything
    nothing one ones several various different certain whole kind kinds sort
    example examples instance say says said see seen know knows look looks
    mean means able unless without within across around through toward
    towards since until upon whether though although because however
    therefore thus hence otherwise good bad better best less least ever every
    quite almost enough against whenever wherever whatever whichever behind
    beyond during along among besides despite except near onto yes okay ok
    ahead before after
    from over under just via per each any all more most other both own same
    only up out off again further once d m
    """.split()
)
"""Words that are not stop words but never start, end or make a concept.

The engine keeps prepositions such as "from" in phrases because they can
change a phrase's meaning, but a drafted concept is made of content words.
"""

_FENCE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL)
_MARKUP = re.compile(
    r"\*\*(?P<bold>.+?)\*\*"
    r"|__(?P<underline>.+?)__"
    r"|`(?P<code>[^`\n]+)`"
    r"|\[(?P<link>[^\]\n]+)\]\([^)\n]*\)"
    r"|(?P<url>https?://\S+)"
    r"|^(?P<heading>[ \t]*#{1,6}[ \t]+)",
    re.MULTILINE,
)
_SIMPLE_CODE = re.compile(r"^[A-Za-z][\w.+#-]*(?: [A-Za-z][\w.+#-]*){0,2}$")
_BRACKETED = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9]{1,9})\s*\)")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*s?\b")


@dataclass(frozen=True, slots=True)
class PlainText:
    """Model-answer Markdown as prose, with the spans the author emphasised."""

    text: str
    emphasized: tuple[tuple[int, int], ...]
    """Character spans of ``text`` that were bold, underlined or code."""


def plain_text(markdown: str) -> PlainText:
    """Return Markdown as plain prose for phrase extraction.

    Fenced code blocks become blank lines, so they end a sentence and give no
    phrases. Inline code that is a name or a short command (`docker run`) is
    kept as emphasised text, while code with symbols (a path, a flag with a
    value) becomes a comma, which ends the phrase before it. Links keep their
    text and bare URLs are dropped.
    """
    markdown = _FENCE.sub("\n\n", markdown)
    pieces: list[str] = []
    emphasized: list[tuple[int, int]] = []
    length = 0
    position = 0
    for match in _MARKUP.finditer(markdown):
        before = markdown[position : match.start()]
        pieces.append(before)
        length += len(before)
        position = match.end()
        kind = match.lastgroup
        inner = match.group(kind) if kind else ""
        if kind in ("bold", "underline", "code"):
            inner = inner.replace("`", "")
            if kind == "code" and not _SIMPLE_CODE.match(inner.strip()):
                pieces.append(", ")
                length += 2
                continue
            emphasized.append((length, length + len(inner)))
        elif kind in ("url", "heading"):
            inner = " " if kind == "url" else ""
        pieces.append(inner)
        length += len(inner)
    pieces.append(markdown[position:])
    return PlainText("".join(pieces).replace("*", " "), tuple(emphasized))


def question_text(question: Question) -> str:
    """Return a question's prompt and model answer as one plain text."""
    return question.prompt + "\n\n" + plain_text(question.model_answer).text


def content_stems(text: str) -> list[str]:
    """Return the stems of the words of ``text`` that are not stop words."""
    tokens = tokenize(text)
    return [
        word_stem
        for word, word_stem in zip(tokens.texts, tokens.stems, strict=True)
        if word not in STOP_WORDS
    ]


@dataclass
class BankProfile:
    """Term statistics, abbreviations and vocabulary of a whole bank.

    Build it once with :meth:`from_questions` and reuse it for every
    question of that bank.
    """

    documents: int
    frequencies: Counter[str]
    """Number of questions whose prompt or model answer has each stem."""
    known_words: frozenset[str]
    """Every content stem of the bank's prompts and model answers."""
    definitions: dict[tuple[str, ...], str]
    """Abbreviations the bank defines in brackets, by the long form's stems."""
    lower_case_words: frozenset[str]
    """Words the bank writes in lower case, so acronyms that spell them are out."""
    texts: dict[str, str] = field(default_factory=dict)
    """Prompt and plain model answer of each question, by id."""

    @classmethod
    def from_questions(cls, questions: Iterable[Question]) -> BankProfile:
        frequencies: Counter[str] = Counter()
        known: set[str] = set()
        definitions: dict[tuple[str, ...], str] = {}
        lower: set[str] = set()
        texts: dict[str, str] = {}
        for question in questions:
            text = question_text(question)
            texts[question.id] = text
            stems = content_stems(text)
            frequencies.update(set(stems))
            known.update(stems)
            definitions.update(defined_abbreviations(text))
            lower.update(re.findall(r"\b[a-z]{2,}\b", text))
        return cls(
            len(texts),
            frequencies,
            frozenset(known),
            definitions,
            frozenset(lower),
            texts,
        )

    def idf(self, word_stem: str) -> float:
        """Return the smoothed inverse document frequency, at least 1."""
        frequency = self.frequencies.get(word_stem, 0)
        return 1.0 + math.log((self.documents + 1) / (frequency + 1))

    def is_distinctive(self, word_stem: str) -> bool:
        """Return True when few of the bank's questions use ``word_stem``."""
        return self.frequencies.get(word_stem, 0) <= max(
            1, DISTINCTIVE_SHARE * self.documents
        )


@dataclass(frozen=True, slots=True)
class Candidate:
    """A phrase of the model answer that could become a concept."""

    stems: tuple[str, ...]
    words: tuple[str, ...]
    """The normalised words, as the tokenizer returns them."""
    text: str
    """The phrase as first written in the answer, capitals kept for names."""
    count: int
    """Occurrences in the answer outside negated clauses."""
    first: int
    """Token position of the first occurrence, for stable ordering."""
    salience: float
    word_weights: tuple[float, ...]
    """The weight of each word, with prompt words reduced."""
    in_prompt: tuple[bool, ...]
    stated_negatively: bool
    """True when the first occurrence shares a clause with a word such as
    "not" or "avoids" that the engine does not read as denying it."""


def _is_content(word: str) -> bool:
    return (
        word not in STOP_WORDS
        and word not in NEGATORS
        and word not in GENERIC_WORDS
        and len(word) > 1
        and any(ch.isalpha() for ch in word)
    )


def _surface(
    text: str, starts: Sequence[int], ends: Sequence[int], first: int, last: int
) -> str:
    """Return the original words ``first``..``last`` with sentence case undone."""
    pieces = []
    for i in range(first, last + 1):
        word = text[starts[i] : ends[i]]
        is_name = sum(ch.isupper() for ch in word) >= 2 or any(
            ch.isdigit() for ch in word
        )
        if not is_name and word[:1].isupper():
            # A capital that starts a sentence or a list item carries no
            # meaning, but "Lambda" in mid-sentence is a name and keeps it.
            preceding = text[: starts[i]].rstrip(" \t\"'(")
            if not preceding or not (preceding[-1].isalnum() or preceding[-1] == ","):
                word = word.lower()
        if i > first:
            # Keep the answer's own hyphen ("cold-start") between two words.
            pieces.append("-" if text[ends[i - 1] : starts[i]] == "-" else " ")
        pieces.append(word)
    return "".join(pieces)


VERB_FOLLOWERS = frozenset(
    "a an the this these those its their your our my his her when whenever "
    "if because before after once until unless".split()
)


def _phrase_runs(text: str, tokens: Tokens) -> list[list[int]]:
    """Return the runs of consecutive content tokens within one clause.

    Brackets, quotes, slashes and other symbols between two words end a run
    as punctuation does; only spaces and a single hyphen join words.
    """
    runs: list[list[int]] = []
    current: list[int] = []
    for i, word in enumerate(tokens.texts):
        joined = (
            bool(current)
            and tokens.clauses[current[-1]] == tokens.clauses[i]
            and current[-1] == i - 1
            and text[tokens.ends[i - 1] : tokens.starts[i]].strip() in ("", "-")
        )
        if _is_content(word) and (not current or joined):
            current.append(i)
            continue
        if len(current) > 1 and word in VERB_FOLLOWERS:
            # A word right before "the" or "when" is most often a verb
            # ("a small package shortens the init phase"), not part of a term.
            current.pop()
        if current:
            runs.append(current)
        current = [i] if _is_content(word) else []
    if current:
        runs.append(current)
    return runs


def _emphasis_factor(
    spans: Sequence[tuple[int, int]], emphasized: Sequence[tuple[int, int]]
) -> float:
    best = 1.0
    for start, end in spans:
        for low, high in emphasized:
            if low <= start and end <= high:
                whole = start - low <= 1 and high - end <= 1
                best = max(best, EMPHASIS_FACTOR if whole else INSIDE_EMPHASIS_FACTOR)
    return best


def find_candidates(question: Question, profile: BankProfile) -> list[Candidate]:
    """Return every candidate phrase of a model answer, most salient first."""
    plain = plain_text(question.model_answer)
    index = AnswerIndex(plain.text)
    tokens = index.tokens
    prompt_stems = set(content_stems(question.prompt))
    stem_counts = Counter(
        s for t, s in zip(tokens.texts, tokens.stems, strict=True) if _is_content(t)
    )

    def word_weight(word_stem: str) -> float:
        weight = profile.idf(word_stem) * (
            1.0 + math.log(max(1, stem_counts[word_stem]))
        )
        return weight * PROMPT_FACTOR if word_stem in prompt_stems else weight

    occurrences: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    for run in _phrase_runs(plain.text, tokens):
        for size in range(1, min(MAX_PHRASE_WORDS, len(run)) + 1):
            for offset in range(len(run) - size + 1):
                first, last = run[offset], run[offset + size - 1]
                # A phrase starts and ends on a word, never on a number.
                if not (
                    tokens.texts[first][0].isalpha() and tokens.texts[last][0].isalpha()
                ):
                    continue
                if is_negated(index, first, last) and not _states_absence(
                    tokens, first
                ):
                    continue
                occurrences[tuple(tokens.stems[first : last + 1])].append((first, last))

    candidates = []
    for key, spans in occurrences.items():
        first, last = spans[0]
        weights = tuple(word_weight(s) for s in key)
        # A longer phrase must earn its extra words: one the answer repeats
        # as a unit is a term, one seen once is often part of a clause.
        size = len(key)
        cohesion = (0.75 + 0.25 * min(len(spans), 3)) / size**0.25 if size > 1 else 1.0
        char_spans = [(tokens.starts[a], tokens.ends[b]) for a, b in spans]
        salience = (
            sum(weights)
            * cohesion
            * (1.0 + 0.5 * math.log(len(spans)))
            * _emphasis_factor(char_spans, plain.emphasized)
        )
        candidates.append(
            Candidate(
                stems=key,
                words=tuple(tokens.texts[first : last + 1]),
                text=_surface(plain.text, tokens.starts, tokens.ends, first, last),
                count=len(spans),
                first=first,
                salience=salience,
                word_weights=weights,
                in_prompt=tuple(s in prompt_stems for s in key),
                stated_negatively=_in_negative_clause(tokens, first, last),
            )
        )
    candidates.sort(key=lambda c: (-c.salience, c.first))
    return candidates


NEGATION_REACH = 3
"""Words before a phrase searched for the negator that states its absence."""


def _in_negative_clause(tokens: Tokens, first: int, last: int) -> bool:
    # Only a negator just before the phrase denies it: in "it does not scale
    # past the maximum, and it waits for a window", "window" is not denied.
    clause = tokens.clauses[first]
    return any(
        tokens.clauses[i] == clause
        and (tokens.texts[i] in NEGATORS or tokens.stems[i] in ABSENCE_WORDS)
        for i in range(max(0, first - NEGATION_REACH), first)
    )


def _states_absence(tokens: Tokens, first: int) -> bool:
    clause = tokens.clauses[first]
    return any(
        tokens.clauses[i] == clause and tokens.stems[i] in ABSENCE_WORDS
        for i in range(max(0, first - NEGATION_REACH), first)
    )


def concept_limit(question: Question) -> int:
    """Return how many concepts to draft: more for a longer model answer."""
    distinct = len(set(content_stems(plain_text(question.model_answer).text)))
    return max(1, min(MAX_CONCEPTS, round(1.2 * math.sqrt(distinct))))


def concept_weights(chosen: Sequence[Candidate]) -> list[int]:
    """Return weights 1 to 3 in proportion to salience, the strongest 3."""
    if not chosen:
        return []
    top = max(c.salience for c in chosen)
    return [max(1, math.ceil(MAX_WEIGHT * c.salience / top - 1e-9)) for c in chosen]


def initials(words: Sequence[str]) -> str:
    """Return the upper-case initials of ``words``, such as "PC"."""
    return "".join(word[0] for word in words).upper()


def defined_abbreviations(text: str) -> dict[tuple[str, ...], str]:
    """Return the abbreviations a text defines, keyed by the long form's stems.

    "Elastic Container Registry (ECR)" defines ECR: the letters in brackets
    are the initials of the content words just before them.
    """
    found: dict[tuple[str, ...], str] = {}
    for match in _BRACKETED.finditer(text):
        short = match.group(1)
        letters = short[:-1] if short.endswith("s") and short[:-1].isupper() else short
        if sum(ch.isupper() for ch in letters) < 2:
            continue
        before = tokenize(text[: match.start()])
        words = [
            (t, s)
            for t, s in zip(before.texts, before.stems, strict=True)
            if t not in STOP_WORDS
        ][-len(letters) :]
        if (
            len(words) == len(letters)
            and initials([t for t, _ in words]) == letters.upper()
        ):
            found[tuple(s for _, s in words)] = letters
    return found


def _long_forms(short: str, text: str) -> list[str]:
    """Return runs of words in ``text`` whose initials spell ``short``."""
    tokens = tokenize(text)
    size = len(short)
    found = []
    for i in range(len(tokens) - size + 1):
        words = tokens.texts[i : i + size]
        if (
            len(set(tokens.clauses[i : i + size])) == 1
            and all(_is_content(w) and w[0].isalpha() for w in words)
            and initials(words) == short.upper()
        ):
            phrase = " ".join(words)
            if phrase not in found:
                found.append(phrase)
    return found


# (suffix, replacement, safe): suffix pairs that turn an English word into
# another of its family. The engine's stemmer joins only inflections, so the
# other forms are aliases. An unsafe rule often makes a non-word, so its form
# is kept only when the bank writes it somewhere.
_DERIVATIONS = (
    ("ization", "ize", True),
    ("isation", "ise", True),
    ("ability", "able", True),
    ("ibility", "ible", True),
    ("able", "ability", True),
    ("ically", "ic", True),
    ("ative", "ation", True),
    ("ize", "ization", True),
    ("ise", "isation", False),
    ("ation", "ate", False),
    ("ate", "ation", False),
    ("sive", "sion", False),
    ("sion", "sive", False),
    ("ment", "", False),
    ("tion", "tive", False),
)


def derived_forms(word: str, known_words: frozenset[str] = frozenset()) -> list[str]:
    """Return other forms of ``word`` in its family ("simulation" -> "simulate").

    Only forms from reliable suffix rules, or forms whose stem is in
    ``known_words``, are returned.
    """
    forms = []
    for suffix, replacement, safe in _DERIVATIONS:
        if not word.endswith(suffix) or len(word) - len(suffix) < 4:
            continue
        form = word[: -len(suffix)] + replacement
        if stem(form) == stem(word) or form in forms:
            continue
        if safe or stem(form) in known_words:
            forms.append(form)
    return forms


@dataclass(frozen=True, slots=True)
class Alias:
    """An extra phrase of a drafted concept, with why it was added."""

    phrase: str
    reason: str


def _engine_finds(phrase: str, text: str) -> bool:
    """Return True when the engine matches ``phrase`` in ``text`` as written."""
    chain = find_chain(AnswerIndex(text), phrase)
    return chain is not None and not chain.close_only and not chain.negated


def _joined_spellings(candidate: Candidate) -> list[str]:
    """Return hyphenated and closed spellings of a two-word term."""
    if len(candidate.words) != 2:
        return []
    first, second = candidate.words
    return [f"{first}-{second}", f"{first}{second}"]


def propose_aliases(
    candidate: Candidate, text: str, profile: BankProfile
) -> list[Alias]:
    """Return aliases for a concept that the engine would not match from its term.

    ``text`` is the question's prompt and plain model answer, where acronyms
    and their long forms are looked for.
    """
    aliases: list[Alias] = []

    def add(phrase: str, reason: str) -> None:
        if phrase_problem(phrase) or phrase.lower() == candidate.text.lower():
            return
        if any(alias.phrase.lower() == phrase.lower() for alias in aliases):
            return
        if _engine_finds(candidate.text, phrase):
            return  # the canonical term already matches this spelling
        aliases.append(Alias(phrase, reason))

    if candidate.stems in profile.definitions:
        add(profile.definitions[candidate.stems], "abbreviation defined in the bank")
    written = {match.group().rstrip("s") for match in _ACRONYM.finditer(text)}
    for size in range(len(candidate.words), 1, -1):
        for start in range(len(candidate.words) - size + 1):
            short = initials(candidate.words[start : start + size])
            # An acronym that spells a word the bank writes in lower case
            # would match that word, so only acronyms this question writes
            # count ("OS" beside "operating system").
            if short in written and short.lower() not in profile.lower_case_words:
                add(short, "acronym the question uses")
    if len(candidate.words) == 1 and candidate.text.isupper():
        for long_form in _long_forms(candidate.text, text):
            add(long_form, "long form of the acronym")
            break

    if len(candidate.stems) > 1:
        ranked = sorted(
            range(len(candidate.stems)), key=lambda i: -candidate.word_weights[i]
        )
        for rank, position in enumerate(ranked):
            word_stem = candidate.stems[position]
            if candidate.in_prompt[position]:
                continue
            if rank == 0 or profile.is_distinctive(word_stem):
                add(candidate.words[position], "key word on its own")

    if candidate.stated_negatively:
        # "avoids making copies" agrees with a candidate's "no copy": the
        # phrases below carry their negator, so the engine does not treat
        # them as denied.
        for negator in ("no", "not", "without", "avoids"):
            add(f"{negator} {candidate.text}", "the model answer states an absence")

    for spelling in _joined_spellings(candidate):
        add(spelling, "joined spelling")

    forms = 0
    for position, word in enumerate(candidate.words):
        for form in derived_forms(word, profile.known_words):
            if forms >= MAX_WORD_FORMS:
                break
            words = [
                *candidate.words[:position],
                form,
                *candidate.words[position + 1 :],
            ]
            add(" ".join(words), "other word form")
            forms += 1
    return aliases


@dataclass(frozen=True, slots=True)
class DraftConcept:
    """A drafted concept and why each alias is there."""

    concept: Concept
    aliases: tuple[Alias, ...]
    salience: float


@dataclass(frozen=True, slots=True)
class Draft:
    """A drafted rubric for one question."""

    question: Question
    concepts: tuple[DraftConcept, ...]

    def rubric(self) -> Rubric:
        """Return the draft as a rubric the scoring engine accepts."""
        return Rubric(
            self.question.id,
            tuple(item.concept for item in self.concepts),
            (),
            DRAFT_PATH,
            0,
        )


def _overlaps(candidate: Candidate, chosen: Sequence[Candidate]) -> bool:
    words = set(candidate.stems)
    return any(words & set(other.stems) for other in chosen)


def _label(text: str) -> str:
    return text[:1].upper() + text[1:]


def draft_rubric(
    question: Question, profile: BankProfile, *, max_concepts: int | None = None
) -> Draft:
    """Draft a rubric for ``question`` from its model answer.

    Args:
        question: The question; its prompt words weigh less.
        profile: The bank the question belongs to, for term weights and
            acronyms.
        max_concepts: Upper bound on concepts; by default it grows with the
            length of the model answer, up to eight.
    """
    limit = concept_limit(question) if max_concepts is None else max_concepts
    index = AnswerIndex(question.model_answer, profile.known_words)
    text = profile.texts.get(question.id) or question_text(question)
    chosen: list[Candidate] = []
    for candidate in find_candidates(question, profile):
        if len(chosen) >= limit:
            break
        if _overlaps(candidate, chosen):
            continue
        # The engine reads the raw Markdown, where markup may split a phrase
        # or a negation may cover it; such a phrase would not be covered.
        chain = find_chain(index, candidate.text)
        if chain is None or chain.close_only:
            continue
        if chain.negated and not candidate.stated_negatively:
            continue
        chosen.append(candidate)

    concepts = []
    for candidate, weight in zip(chosen, concept_weights(chosen), strict=True):
        aliases = tuple(propose_aliases(candidate, text, profile))
        phrases = (candidate.text, *(alias.phrase for alias in aliases))
        concept = Concept(_label(candidate.text), float(weight), phrases)
        concepts.append(DraftConcept(concept, aliases, candidate.salience))
    return Draft(question, tuple(concepts))


def draft_rubrics(
    questions: Sequence[Question],
    bank: Sequence[Question] | None = None,
    *,
    max_concepts: int | None = None,
) -> list[Draft]:
    """Draft a rubric for each of ``questions``.

    Term weights come from ``bank`` (by default the questions themselves),
    which should be every question the drafted ones are asked alongside.
    """
    profile = BankProfile.from_questions(bank if bank is not None else questions)
    return [draft_rubric(q, profile, max_concepts=max_concepts) for q in questions]


def short_answer_words(model_answer: str) -> int:
    """Return the word count under which an answer counts as too short.

    The engine's fixed limit suits model answers of a paragraph or more. For
    a shorter model answer, a quarter of its length is the limit instead.
    """
    words = len(tokenize(model_answer))
    return min(SHORT_ANSWER_WORDS, words // 4)


# --- YAML output -------------------------------------------------------------

DRAFT_HEADER = """\
# DRAFT rubrics written by `interviewer draft-rubric` from the model answers,
# with no AI model. Review every concept before use: merge or drop weak ones,
# fix the labels and weights, add the synonyms a candidate would use, and add
# misconceptions. Then run `interviewer validate --strict`.
"""

_PLAIN_SCALAR = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._+/#-]*$")


def yaml_text(value: str) -> str:
    """Return ``value`` as a YAML scalar, quoted only when it must be."""
    if (
        _PLAIN_SCALAR.match(value)
        and " #" not in value
        and not value.endswith(" ")
        and yaml.safe_load(value) == value
    ):
        return value
    return yaml.safe_dump(value, default_style='"', width=1000).strip()


def format_drafts(drafts: Sequence[Draft], *, header: bool = True) -> str:
    """Return drafts as one rubric YAML file in the format of ``rubrics/``.

    Each alias carries a comment with the reason it was proposed.
    """
    lines = [DRAFT_HEADER.rstrip("\n")] if header else []
    for draft in drafts:
        if lines:
            lines.append("")
        question = draft.question
        lines.append(f"# {question.id}: {' '.join(question.prompt.split())}")
        lines.append(f"{yaml_text(question.id)}:")
        lines.append("  concepts:")
        for item in draft.concepts:
            concept = item.concept
            lines.append(f"    - label: {yaml_text(concept.label)}")
            lines.append(f"      weight: {concept.weight:g}")
            lines.append("      phrases:")
            lines.append(f"        - {yaml_text(concept.phrases[0])}")
            for alias in item.aliases:
                lines.append(f"        - {yaml_text(alias.phrase)}  # {alias.reason}")
        lines.append("  # misconceptions:")
        lines.append("  #   - label: A wrong belief a candidate might state")
        lines.append("  #     phrases: [the wrong claim, another wording]")
        lines.append("  #     penalty: 15")
    return "\n".join(lines) + "\n"
