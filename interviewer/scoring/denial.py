"""Decide whether the words around a match deny it or reject it.

A concept mentioned only in a denied clause ("we do not encrypt data") is
not credited, and a misconception stated only to be rejected ("some say
Swarm is dead, but that is wrong") is not penalised. Every rule works on
the tokens around one match, so the cost grows with the matches, not with
the answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from interviewer.scoring.normalize import (
    ARTICLES,
    CLAUSE_WORDS,
    NEGATORS,
    STOP_WORDS,
    Tokens,
    stem,
)

if TYPE_CHECKING:  # the matcher builds the index and imports this module
    from interviewer.scoring.matcher import AnswerIndex

LOOK_BACK = 4
"""Words before a match searched for a denial in the same clause. A denial
of a list's first item also covers the later items."""
NO_REACH = 2
"""How far "no" and "without" reach: "no automatic retry" denies the
retry, "no person around logs in" does not deny the logging in."""
EVALUATIONS = frozenset(
    stem(word)
    for word in (
        "needed necessary required used useful important supported possible "
        "recommended enabled applied relevant helpful help work matter exist "
        "apply available"
    ).split()
)
"""Words that, after "is not", "does not" or "never", deny the thing before
them: "X is not needed", "X does not help", "X never works"."""
_DISMISSALS = frozenset(
    stem(word)
    for word in "useless pointless unnecessary irrelevant unneeded wrong false "
    "untrue incorrect".split()
)
"""Words that deny the thing before them on their own: "X is useless", "X is
wrong"."""
_COPULAS = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_AUXILIARIES = _COPULAS | {"do", "does", "did", "will", "would", "can", "could"}
"""Only these may stand between a match and a later denial, so "X is not
needed" denies X while "X you do not need" (a relative clause) does not."""


def is_negated(index: AnswerIndex, first: int, last: int, *, denials: int = 0) -> bool:
    """Return True when the words around a match deny it.

    Four patterns count:

    - a denial up to four words before the match in the same clause ("we
      do not encrypt data", "unlike reserved concurrency");
    - one inside the matched span ("encrypt no data");
    - one before the first item of a list the match ends ("never A, B or C");
    - one right after the match ("X is never needed").

    A denial is a negator or a contrast ("unlike", "instead of", "rather
    than", "as opposed to"). A copula between a negator and the match ends
    the negator's reach ("what is not reserved is the unreserved pool").
    "No matter" and "nothing but" are not denials, nor "not only" or "not
    just" when "but" or "also" follows in the same sentence. "no" reaches
    two words unless a noun such as "need" carries it on ("no need to
    encrypt data"). A phrase that holds
    ``denials`` of its own is denied by any denial before it, copula or
    not, because its own leading words ("there are") are often copulas, or
    by more denials inside the span than it holds ("does not mean no
    servers").
    """
    texts = index.tokens.texts
    # Cheap test first: most matches have no denial anywhere near them.
    window = texts[max(0, first - LOOK_BACK) : last + 1 + AFTER_REACH]
    after = index.tokens.stems[last + 1 : last + 1 + AFTER_REACH]
    if (
        NEGATORS.isdisjoint(window)
        and _CONTRAST_WORDS.isdisjoint(window)
        and _AVOIDANCES.isdisjoint(window)
        and _DISMISSALS.isdisjoint(after)
    ):
        return not denials and (
            _in_list_denied(index, first, last) or _in_ignorance(index, first)
        )
    if _denied_before(index, first, denials):
        return True
    inside = span_denials(index, first, last)
    if denials:
        return inside > denials
    if inside or _in_list_denied(index, first, last) or _in_ignorance(index, first):
        return True
    if _answered_no(index, last):
        return True
    clause_of = index.tokens.clause_of
    end_clause = clause_of(last)
    stems = index.tokens.stems
    for i in range(last + 1, min(len(texts), last + 1 + AFTER_REACH)):
        # Only a denial word needs the clause and linking checks.
        if stems[i] not in _DISMISSALS and texts[i] not in NEGATORS:
            continue
        if clause_of(i) != end_clause:
            break
        preceding = texts[last + 1 : i]
        if not _links_to_denial(preceding):
            break
        if stems[i] in _DISMISSALS and preceding:
            return True
        if texts[i] in NEGATORS and not _is_idiom(index.tokens, i):
            following = stems[i + 1 : i + 3]
            if any(word in EVALUATIONS for word in following):
                return True
    return False


AFTER_REACH = 6
"""Words after a match searched for a denial that reaches back to it,
through the words that :func:`_links_to_denial` accepts."""
_AVOIDANCES = frozenset(
    "avoid avoids avoided avoiding skip skips skipped skipping lack lacks lacking "
    "forget forgot".split()
)
"""Words that deny their object: "we avoid lifecycle rules", "we skip the
dead-letter queue", "the lack of a DLQ". Like "no", they deny only their
object."""
CANCEL_REACH = 3
"""Words before a denial searched for another denial that cancels it."""
_DOUBLED = NEGATORS | _AVOIDANCES
CONDITION_REACH = 3
"""Words before a negator searched for the "if" that makes it a condition."""


_IGNORANCE_WORDS = frozenset(
    "know sure idea remember recall familiar heard understand".split()
)
IGNORANCE_REACH = 15
"""Words before a match searched for an admission such as "I don't know":
it covers the rest of its sentence up to a "but", lists included."""


def _in_ignorance(index: AnswerIndex, first: int) -> bool:
    """Return whether the match follows the candidate's admission of not
    knowing in its sentence: "I don't know how unreserved, reserved and
    provisioned concurrency differ", "I have no idea what X is", "I never
    heard of X"."""
    tokens = index.tokens
    texts = tokens.texts
    start = max(0, first - IGNORANCE_REACH)
    window = texts[start:first]
    if _IGNORANCE_WORDS.isdisjoint(window) or NEGATORS.isdisjoint(window):
        return False
    sentence = tokens.sentence_of(first)
    for i in range(first - 1, start - 1, -1):
        if texts[i] in CLAUSE_WORDS or tokens.sentence_of(i) != sentence:
            return False
        if texts[i] in _IGNORANCE_WORDS:
            # Only the speaker's own admission ("I do not know", "I have no
            # idea"), not "when you don't know the load" or "nobody I know".
            before = texts[max(0, i - 4) : i]
            for j in (len(before) - 1, len(before) - 2):
                if j >= 0 and before[j] in NEGATORS:
                    return "i" in before[:j]
            return False
    return False


def _reach(texts: list[str], i: int) -> int:
    """Return how many words denial ``i`` reaches. "no", "without", "not a"
    and avoidance words deny their own noun: in "no person around logs in",
    "without a VPC and with NAT" or "not a problem once X is on", the rest
    is stated."""
    word = texts[i]
    following = texts[i + 1] if i + 1 < len(texts) else ""
    if word in ("no", "without") and following not in _NO_NEED_NOUNS:
        return NO_REACH
    if word == "not" and following in ("a", "an"):
        return NO_REACH
    if word in _AVOIDANCES:
        return AVOID_REACH
    return LOOK_BACK


def _denied_before(index: AnswerIndex, first: int, denials: int) -> bool:
    """Return whether a denial up to ``LOOK_BACK`` words before word
    ``first``, in its clause, reaches it. :func:`is_negated` has the rules."""
    texts = index.tokens.texts
    clause_of = index.tokens.clause_of
    clause = clause_of(first)
    for i in range(max(0, first - LOOK_BACK), first):
        if not _denies(index.tokens, i) or clause_of(i) != clause:
            continue
        if first - i > _reach(texts, i):
            continue
        if not _DOUBLED.isdisjoint(texts[i + 1 : first]):
            # Two denials cancel: "never retry without exponential backoff",
            # "no reason not to use X", "nobody should skip X".
            continue
        if any(
            texts[j] in NEGATORS and clause_of(j) == clause
            for j in range(max(0, i - CANCEL_REACH), i)
        ):
            # The later of two denials, cancelled by the earlier one.
            continue
        if "if" in texts[max(0, i - CONDITION_REACH) : i]:
            # A condition states no fact: "if clients do not back off, ...".
            continue
        between = texts[i + 1 : first]
        if denials or texts[i] not in NEGATORS or texts[i] in _SUBJECT_NEGATORS:
            # A subject ("nothing is lost") is followed by its verb, copula or
            # not, so the copula rule below does not apply to it.
            return True
        if not any(word in _COPULAS for word in between):
            return True
    return False


LIST_ITEMS = 6
"""Items of a list searched, either way from a match, for the denial that
covers it and for the "or" that closes the list."""
LIST_ITEM_WORDS = 4
"""Words a list item may have, articles aside."""
_LIST_CLOSERS = frozenset({"or", "nor"})
_LIST_REACH = LIST_ITEMS * (LIST_ITEM_WORDS + 1) + LOOK_BACK
_LIST_BREAKERS = frozenset({"only", "just", "but", "except", "also"})
"""Words that open a fresh statement within a list: "no A, only B or C"."""


def _in_list_denied(index: AnswerIndex, first: int, last: int) -> bool:
    """Return whether a denied list covers the match, which may itself run
    across an "or" of that list: in "we never use usage plans, API keys or
    per-client quotas", "API keys or per-client quotas" can match "API key
    quota", and its last item is denied with the rest."""
    if _in_denied_list(index, first, last):
        return True
    texts = index.tokens.texts
    for i in range(last - 1, first, -1):
        if texts[i] in _LIST_CLOSERS:
            return _in_denied_list(index, i + 1, last)
    return False


def _in_denied_list(index: AnswerIndex, first: int, last: int) -> bool:
    """Return whether the match is a later item of a list whose first item
    is denied: "we never use Standard-IA, One Zone-IA or Glacier" denies
    all three.

    Only lists closed by "or" or "nor" count, and only items of a few words
    without linking words. A list closed by "and" may deny the combination
    only, and a comma or "and" after a denied clause more often starts a new
    statement ("we do not need X, Y is enough").
    """
    tokens = index.tokens
    texts = tokens.texts
    # Cheap tests first: a denial must precede the match within the list,
    # "or" or "nor" must be near, and "or", "nor" or a comma must open the
    # match's item.
    before = texts[max(0, first - _LIST_REACH) : first]
    if (
        NEGATORS.isdisjoint(before)
        and _CONTRAST_WORDS.isdisjoint(before)
        and _AVOIDANCES.isdisjoint(before)
    ):
        return False
    if _LIST_CLOSERS.isdisjoint(
        texts[max(0, first - LIST_ITEM_WORDS) : last + _LIST_REACH]
    ):
        return False
    item_start = max(0, first - LIST_ITEM_WORDS)
    if _LIST_CLOSERS.isdisjoint(texts[item_start:first]) and (
        "," not in index.text[tokens.start(item_start) : tokens.start(first)]
    ):
        return False
    start = _item_start(index, first, LIST_ITEM_WORDS - (last - first))
    if start == 0:
        return False
    if texts[start - 1] not in _LIST_CLOSERS and not (
        _comma_between(index, start - 1, start) and _closes_with_or(index, last)
    ):
        return False
    for _ in range(LIST_ITEMS):
        end = start - 1
        if texts[end] in _LIST_CLOSERS:
            end -= 1
        if (
            end < 0
            or _separated(index, end, start)
            and not _comma_between(index, end, start)
        ):
            return False
        start = _item_start(index, end, LIST_ITEM_WORDS)
        if _denied_before(index, start, 0):
            return True
        if start == 0 or not (
            texts[start - 1] in _LIST_CLOSERS or _comma_between(index, start - 1, start)
        ):
            return False
    return False


def _item_start(index: AnswerIndex, end: int, words: int) -> int:
    """Return where the list item ending at word ``end`` starts: up to
    ``words`` words back, stopping at a separator, a denial or a linking
    word, or after an article."""
    texts = index.tokens.texts
    start = end
    counted = 1
    while start > 0:
        previous = texts[start - 1]
        if previous in ARTICLES:
            # An article opens the item.
            return start - 1
        if (
            counted >= words
            or previous in STOP_WORDS
            or previous in _LIST_CLOSERS
            or previous in _LIST_BREAKERS
            or _denies(index.tokens, start - 1)
            or _separated(index, start - 1, start)
        ):
            break
        start -= 1
        counted += 1
    return start


def _closes_with_or(index: AnswerIndex, last: int) -> bool:
    """Return whether the list item holding word ``last`` is followed by
    more items and then "or" or "nor" ("A, B, C or D"). Items are a few
    words each, with no linking word."""
    texts = index.tokens.texts
    words = 1
    items = 0
    for position in range(last + 1, len(texts)):
        word = texts[position]
        if word in _LIST_CLOSERS:
            return True
        if _comma_between(index, position - 1, position):
            items += 1
            words = 0
        elif _separated(index, position - 1, position):
            return False
        if items > LIST_ITEMS or word in STOP_WORDS and word not in ARTICLES:
            return False
        words += word not in ARTICLES
        if words > LIST_ITEM_WORDS:
            return False
    return False


def _gap(index: AnswerIndex, before: int, after: int) -> str:
    """Return the text between two neighbouring words."""
    tokens = index.tokens
    return index.text[tokens.end(before) : tokens.start(after)]


def _comma_between(index: AnswerIndex, before: int, after: int) -> bool:
    """Return whether a comma separates neighbouring words on one line. A
    line break ends a list, as in notes with one topic per line."""
    gap = _gap(index, before, after)
    return "," in gap and "\n" not in gap


_SEPARATORS = frozenset(",;:.!?\n")


def _separated(index: AnswerIndex, before: int, after: int) -> bool:
    """Return whether punctuation or a line break separates neighbouring
    words. Reading the gap is much cheaper than working out clauses."""
    return not _SEPARATORS.isdisjoint(_gap(index, before, after))


_MYTH_WORDS = frozenset(
    stem(word)
    for word in "myth misconception misbelief fallacy mistake misunderstanding".split()
)
_REPORTING_WORDS = frozenset(
    stem(word)
    for word in "say says said claim claims think thinks believe believes "
    "assume assumes hear heard told".split()
)
_REJECTIONS = frozenset(
    stem(word)
    for word in "wrong false incorrect untrue mistaken outdated inaccurate".split()
)
_REFERRING_WORDS = frozenset({"that", "this", "it", "which", "they", "these", "those"})
_SENTENCE_LINKS = frozenset({"but", "however", "and"})
_TRUTHS = frozenset({"true", "correct", "right", "case", "so", "accurate"})
_REJECTION_REACH = 3
"""Words after "that", "this", "it" or "which" searched for a rejection,
and words from a rejection to the "that" or "say" it governs ("it is wrong
to say that X")."""


def is_disowned(
    index: AnswerIndex, first: int, last: int, *, myths: bool = True
) -> bool:
    """Return True when the answer states the match only to reject it.

    Three patterns count: the sentence calls it a myth, a misconception or
    a mistake ("it is a myth that Swarm is dead", but not "it is not a
    myth"); a rejection governs it ("it is wrong to say that X", "it is not
    true that X"); or the sentence reports what others believe ("some say",
    "people think", but not "I think") and a rejection follows, later in the
    sentence or at the start of the next ("but that is wrong", "They are
    mistaken."). With ``myths`` false the first pattern is skipped: a
    sentence that names a myth may still state a concept correctly.
    """
    if index.rejects is None:
        stems = index.tokens.stems
        index.rejects = not (
            _REJECTIONS.isdisjoint(stems)
            and _MYTH_WORDS.isdisjoint(stems)
            and _REPORTING_WORDS.isdisjoint(stems)
            and "true" not in index.tokens.texts
        )
    if not index.rejects:
        return False
    tokens = index.tokens
    stems = tokens.stems
    texts = tokens.texts
    sentence = tokens.sentence_of(first)
    start = first
    while start > 0 and tokens.sentence_of(start - 1) == sentence:
        start -= 1
    end = last
    while end + 1 < len(stems) and tokens.sentence_of(end + 1) == sentence:
        end += 1
    if myths and any(
        stems[i] in _MYTH_WORDS and NEGATORS.isdisjoint(texts[max(0, i - 2) : i])
        for i in range(start, end + 1)
    ):
        return True
    if any(_governs_rejection(index, i, first) for i in range(start, first)):
        return True
    reported = any(
        stems[i] in _REPORTING_WORDS and (i == 0 or texts[i - 1] not in ("i", "we"))
        for i in range(start, first)
    )
    if not reported:
        return False
    following = end + 1
    if following < len(texts) and texts[following] in _SENTENCE_LINKS:
        following += 1
    return any(_rejection_at(index, i) for i in (*range(last + 1, end + 1), following))


def _governs_rejection(index: AnswerIndex, i: int, first: int) -> bool:
    """Return whether a rejection at word ``i`` governs a later "that" or
    reporting verb before the match: "it is wrong to say that", "it is not
    true that", "it is false that"."""
    texts = index.tokens.texts
    stems = index.tokens.stems
    rejects = stems[i] in _REJECTIONS or (
        texts[i] in _TRUTHS and i > 0 and texts[i - 1] in NEGATORS
    )
    if not rejects:
        return False
    return any(
        texts[j] == "that" or stems[j] in _REPORTING_WORDS
        for j in range(i + 1, min(first, i + 1 + _REJECTION_REACH))
    )


def _rejection_at(index: AnswerIndex, i: int) -> bool:
    """Return whether word ``i`` opens a rejection of what came before:
    "that is wrong", "which is false", "that is not true", "it does not.",
    "they are mistaken"."""
    texts = index.tokens.texts
    if i >= len(texts) or texts[i] not in _REFERRING_WORDS:
        return False
    sentence = index.tokens.sentence_of(i)
    for j in range(i + 1, min(len(texts), i + 1 + _REJECTION_REACH)):
        if index.tokens.sentence_of(j) != sentence:
            return False
        if index.tokens.stems[j] in _REJECTIONS:
            return True
        if texts[j] in NEGATORS:
            following = j + 1
            return (
                following >= len(texts)
                or index.tokens.sentence_of(following) != sentence
                or texts[following] in _TRUTHS
            )
    return False


_PREPOSITIONS = frozenset(
    {"in", "on", "at", "for", "from", "inside", "within", "per", "of", "with"}
)
_DEGREE_WORDS = frozenset(
    {
        "all", "both", "really", "completely", "totally", "entirely", "simply",
        "just", "here", "there", "today",
    }
)  # fmt: skip
"""Words that may stand between a match and its denial: "A and B are all
pointless", "X here is wrong"."""


_SHORT_NO = frozenset({"no", "never", "nope"})


def _answered_no(index: AnswerIndex, last: int) -> bool:
    """Return whether the match ends a question that the next sentence
    answers with a bare "No." or "Never." ("Dead-letter queue? Never.")."""
    if not index.has_question:
        return False
    tokens = index.tokens
    texts = tokens.texts
    sentence = tokens.sentence_of(last)
    reply = last + 1
    while reply < len(texts) and tokens.sentence_of(reply) == sentence:
        reply += 1
    if reply >= len(texts) or texts[reply] not in _SHORT_NO:
        return False
    if "?" not in index.text[tokens.end(reply - 1) : tokens.start(reply)]:
        return False
    following = reply + 1
    return following >= len(texts) or tokens.sentence_of(following) != (
        tokens.sentence_of(reply)
    )


def _links_to_denial(words: list[str]) -> bool:
    """Return whether ``words``, between a match and a later denial, let the
    denial reach back to it: auxiliaries only ("X is not needed"), or one
    noun then a copula ("a .dockerignore file is not needed"). "X you do not
    need" is a relative clause, so "you do" does not link."""
    if words and words[0] in _PREPOSITIONS:
        # "X in the client is not needed": step over the place, which may
        # still be incomplete while the caller reads word by word.
        rest = [word for word in words[1:] if word not in ARTICLES]
        if not rest:
            return True
        if rest[0] in STOP_WORDS:
            return False
        words = rest[1:]
    if all(word in _AUXILIARIES or word in _DEGREE_WORDS for word in words):
        return True
    if words[0] in STOP_WORDS:
        return False
    # The noun alone may still be followed by its copula.
    return len(words) == 1 or (
        words[1] in _COPULAS and all(word in _AUXILIARIES for word in words[1:])
    )


def span_denials(index: AnswerIndex, first: int, last: int) -> int:
    """Return the denials inside a match. A contrast that ends the match
    denies what follows it, not the match: "start a shell instead of its
    normal program"."""
    tokens = index.tokens
    inside = sum(_denies(tokens, i) for i in range(first, last))
    return inside + (tokens.texts[last] in NEGATORS and _denies(tokens, last))


_SUBJECT_NEGATORS = frozenset({"nobody", "nothing"})
_NEGATOR_IDIOMS = frozenset(
    {("no", "matter"), ("nothing", "but")}
    | {
        (negator, verb)
        for negator in ("not", "never")
        for verb in (
            "hesitate",
            "forget",
            "skip",
            "ignore",
            "overlook",
            "neglect",
            "avoid",
        )
    }
    | {
        ("nothing", verb)
        for verb in ("beats", "beat", "replaces", "replace", "compares", "rivals")
    }
    | {
        ("nobody", verb)
        for verb in ("regrets", "regretted", "regret", "likes", "like", "wants")
    }
    | {
        (negator, verb)
        for negator in ("not", "never", "nobody", "no")
        for verb in ("doubt", "doubts", "dispute", "disputes", "deny", "denies")
    }
)
"""Pairs that affirm what follows: "I would not hesitate to use X", "do not
forget a dead-letter queue", "nothing beats X", "nobody regrets adding X",
"nobody likes X" (which names X as a drawback),
"I do not doubt that X", "no doubt X"."""
_NO_NEED_NOUNS = frozenset({"need", "reason", "point", "way"})
"""Nouns that carry "no" on to the verb after them, so "no need to encrypt
data" denies the encryption as "do not encrypt data" does."""
_CONTRAST_WORDS = frozenset({"unlike", "instead", "rather", "opposed"})
_CONTRAST_PAIRS = frozenset({("instead", "of"), ("rather", "than")})
"""A comparison ("compared with X") is not among these: it does not deny X."""
_LIMITERS = frozenset({"only", "just"})
_IDIOM_REACH = 12
"""Words after "not only" or "not just" searched for the "but" or "also"
that makes it an idiom rather than a denial."""


def _denies(tokens: Tokens, i: int) -> bool:
    """Return whether word ``i`` denies what follows it in its clause."""
    texts = tokens.texts
    word = texts[i]
    if word in NEGATORS:
        return not _is_idiom(tokens, i)
    if word in _AVOIDANCES:
        return _avoids(tokens, i)
    if word not in _CONTRAST_WORDS:
        return False
    if word == "unlike":
        return True
    if word == "opposed":
        return i > 0 and texts[i - 1] == "as"
    following = texts[i + 1] if i + 1 < len(texts) else ""
    return (word, following) in _CONTRAST_PAIRS


AVOID_REACH = 3
"""How far an avoidance word reaches: its object, past "of", "about" or an
article ("the lack of a dead-letter queue")."""
_OBJECT_OPENERS = ARTICLES | {"of", "our", "any", "all", "their", "your", "my"}


def _avoids(tokens: Tokens, i: int) -> bool:
    """Return whether avoidance word ``i`` denies what follows: its object,
    not after a negator ("do not skip X"), and "forget" only as "forget
    about"."""
    texts = tokens.texts
    if any(texts[j] in NEGATORS for j in range(max(0, i - 2), i)):
        return False
    following = texts[i + 1] if i + 1 < len(texts) else ""
    if texts[i] in ("forget", "forgot"):
        return following == "about"
    # The object must follow: in "avoid it for long batch jobs" the jobs are
    # where to avoid it, which the question may well ask about.
    return following not in STOP_WORDS or following in _OBJECT_OPENERS


def _opens_condition(tokens: Tokens, i: int) -> bool:
    """Return whether word ``i`` opens a clause that a comma closes within
    a few words, as in "Without X, Y happens"."""
    clause = tokens.clause_of(i)
    if i > 0 and tokens.clause_of(i - 1) == clause:
        return False
    sentence = tokens.sentence_of(i)
    end = min(len(tokens.texts), i + 2 + LOOK_BACK)
    # The clause must end inside the sentence: ", without X." is no condition.
    return any(
        tokens.clause_of(j) != clause and tokens.sentence_of(j) == sentence
        for j in range(i + 1, end)
    )


def _is_idiom(tokens: Tokens, i: int) -> bool:
    """Return whether negator ``i`` opens "no matter", or "not only" or
    "not just" followed by "but" or "also" in the same sentence ("not just X
    but also Y"), or is a "without" after another negator."""
    texts = tokens.texts
    following = texts[i + 1] if i + 1 < len(texts) else ""
    if (texts[i], following) in _NEGATOR_IDIOMS:
        return True
    if texts[i] == "without" and _opens_condition(tokens, i):
        # "Without provisioned concurrency, a spike causes cold starts"
        # states what X prevents, so it argues for X.
        return True
    if texts[i] == "nothing" and "than" in texts[i + 1 : i + 4]:
        # "Nothing is faster than SnapStart" praises it.
        return True
    if texts[i] == "without" and any(
        texts[j] in NEGATORS and i - j <= _reach(texts, j)
        for j in range(max(0, i - LOOK_BACK), i)
    ):
        # "never run it without a DLQ" calls for the DLQ.
        return True
    if texts[i] != "not" or following not in _LIMITERS:
        return False
    # A "But" that opens the next sentence leaves the denial standing.
    sentence = tokens.sentence_of(i)
    end = min(len(texts), i + 2 + _IDIOM_REACH)
    return any(
        texts[j] in ("but", "also") and tokens.sentence_of(j) == sentence
        for j in range(i + 2, end)
    )


def denials_in(tokens: Tokens) -> int:
    """Return how many words of ``tokens`` deny what follows them. A rubric
    phrase with its own denial ("does not retry") is matched differently."""
    return sum(_denies(tokens, i) for i in range(len(tokens.texts)))
