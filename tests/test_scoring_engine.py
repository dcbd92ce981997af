"""score_answer on small rubrics built in the tests."""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import pytest

from interviewer.rubric import Concept, Misconception, Rubric
from interviewer.scoring import (
    BANDS,
    ConceptResult,
    ConceptStatus,
    MatchKind,
    ScoreResult,
    band_for,
    engine,
    score_answer,
)
from interviewer.scoring.normalize import count_words, stem, tokenize
from interviewer.scoring.result import result_from_json

COVERED = ConceptStatus.COVERED
MISSED = ConceptStatus.MISSED
NEGATED = ConceptStatus.NEGATED


def make_rubric(
    *concepts: tuple[str, float, tuple[str, ...]],
    misconceptions: tuple[tuple[str, tuple[str, ...], float], ...] = (),
) -> Rubric:
    return Rubric(
        question_id="q",
        concepts=tuple(
            Concept(label, weight, phrases) for label, weight, phrases in concepts
        ),
        misconceptions=tuple(
            Misconception(label, phrases, penalty)
            for label, phrases, penalty in misconceptions
        ),
        path=Path("rubric.yaml"),
        line=1,
    )


def concept_for(answer: str, *phrases: str) -> ConceptResult:
    """Score ``answer`` against a one-concept rubric and return that concept."""
    result = score_answer(answer, make_rubric(("Concept", 1.0, phrases)))
    return result.concepts[0]


COLD_STARTS = make_rubric(
    ("New execution environment", 2, ("new execution environment", "cold start")),
    ("Provisioned concurrency", 2, ("provisioned concurrency",)),
    ("Small deployment package", 1, ("small deployment package", "smaller package")),
    ("SnapStart", 1, ("snapstart",)),
    misconceptions=(
        ("Reserved concurrency keeps warm", ("reserved concurrency keeps warm",), 20),
    ),
)

PROSE = (
    "A cold start happens when Lambda has to create a new execution environment "
    "before it can run the handler. To reduce it, I would use provisioned "
    "concurrency so that environments are initialised ahead of traffic, keep a "
    "small deployment package so the init phase is short, and turn on SnapStart "
    "for Java functions."
)


# Typos, compounds and Unicode


def test_typos_cover_concept():
    concept = concept_for(
        "We pay for provisoned concurency on the checkout function.",
        "provisioned concurrency",
    )
    assert concept.status is COVERED
    assert concept.match.kind is MatchKind.FUZZY
    assert concept.match.evidence == "provisoned concurency"


def test_typo_dropping_suffix_letter_covers():
    concept = concept_for("It removes standng privileges.", "standing privileges")
    assert concept.status is COVERED
    assert concept.match.kind is MatchKind.FUZZY


def test_typo_in_five_letter_word_with_short_stem():
    # "cache" has five letters although its stem, "cach", has four.
    concept = concept_for("For a clean build use --no-cahce.", "--no-cache")
    assert concept.status is COVERED
    assert concept.match.evidence == "no-cahce"


def test_long_word_keeps_stem_allowance():
    # "logging" has seven letters, so it keeps the allowance of its stem "log".
    assert concept_for("It takes a long time.", "logging").status is MISSED


def test_exact_canonical_term_kind():
    concept = concept_for("Provisioned concurrency helps.", "provisioned concurrency")
    assert concept.match.kind is MatchKind.EXACT
    assert concept.match.similarity == 100


def test_alias_kind():
    concept = concept_for(
        "Keep a smaller package.", "small deployment package", "smaller package"
    )
    assert concept.match.kind is MatchKind.ALIAS


@pytest.mark.parametrize(
    "written",
    [
        "coldstart",
        "cold-start",
        "cold start",
        "cold\u2010start",
        "cold\u2013start",
        "Cold Start",
    ],
)
def test_compound_spellings_cover(written):
    concept = concept_for(f"A {written} adds latency.", "cold start")
    assert concept.status is COVERED
    assert concept.match.evidence == written


@pytest.mark.parametrize("written", ["coldstart", "cold-start", "cold start"])
def test_hyphenated_phrase_covers_spellings(written):
    concept = concept_for(f"A {written} adds latency.", "cold-start")
    assert concept.status is COVERED


@pytest.mark.parametrize(
    "written",
    ["cold\u00a0start", "cold\u200bstart", "co\u200bld start", "cold\u00adstart"],
)
def test_invisible_characters_inside(written):
    concept = concept_for(f"A {written} adds latency.", "cold start")
    assert concept.status is COVERED
    assert concept.match.evidence == written


def test_full_width_letters():
    concept = concept_for("Attach an \uff29\uff21\uff2d role.", "IAM")
    assert concept.status is COVERED
    assert concept.match.evidence == "\uff29\uff21\uff2d"


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_accented_answer_covers(form):
    answer = unicodedata.normalize(form, "Le café est prêt.")
    concept = concept_for(answer, "café")
    assert concept.status is COVERED


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_accented_phrase_covers(form):
    phrase = unicodedata.normalize(form, "café")
    concept = concept_for("Le café est prêt.", phrase)
    assert concept.status is COVERED


def test_unaccented_answer_covers_accented_phrase():
    assert concept_for("Le cafe est pret.", "café").status is COVERED


def test_evidence_keeps_nfc_accent():
    concept = concept_for("Le café est prêt.", "café")
    assert concept.match.evidence == "café"


def test_evidence_keeps_nfd_accent():
    answer = unicodedata.normalize("NFD", "Le café est prêt.")
    concept = concept_for(answer, "café")
    assert concept.match.evidence == unicodedata.normalize("NFD", "café")


# Whole tokens


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("I am sure it works.", "IAM"),
        ("We file a claim with support.", "IAM"),
        ("The data sits in Oracle.", "ACL"),
        ("The service is written in C.", "C#"),
        ("The service is written in C#.", "C"),
    ],
)
def test_acronym_not_inside_other_text(answer, phrase):
    assert concept_for(answer, phrase).status is MISSED


@pytest.mark.parametrize(
    ("answer", "phrase", "evidence"),
    [
        ("Bucket ACLs are legacy.", "ACL", "ACLs"),
        ("Grant it through iam roles.", "IAM", "iam"),
        ("The service is written in C#.", "C#", "C#"),
    ],
)
def test_acronym_as_whole_token(answer, phrase, evidence):
    concept = concept_for(answer, phrase)
    assert concept.status is COVERED
    assert concept.match.evidence == evidence


# Inflections, order and gaps


@pytest.mark.parametrize("phrase", ["provision", "provisioned", "provisioning"])
@pytest.mark.parametrize("written", ["provision", "provisioned", "provisioning"])
def test_provision_inflections(phrase, written):
    assert concept_for(f"We {written} capacity early.", phrase).status is COVERED


@pytest.mark.parametrize("phrase", ["retry", "retries", "retried"])
@pytest.mark.parametrize("written", ["retry", "retries", "retried"])
def test_retry_inflections(phrase, written):
    assert concept_for(f"The client {written} the call.", phrase).status is COVERED


@pytest.mark.parametrize(
    ("phrase", "answer"),
    [
        ("use the host kernel", "Containers keep using the host kernel."),
        ("use the host kernel", "The host kernel is used: they used the host kernel."),
        ("make requests", "The client was making requests all day."),
        ("session cookie", "The app sets session cookies on login."),
        ("HTTP API by default", "I pick HTTP APIs by default."),
        ("controlled access", "Entra gives tightly controlled access."),
        ("cancelled order", "A cancelled order releases the stock."),
    ],
)
def test_short_verb_plural_and_doubled_forms_cover(phrase, answer):
    assert concept_for(answer, phrase).status is COVERED


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("pre-initialise environments", "pre-initialized environments"),
        ("optimising the image", "optimized image"),
        ("authorisation server", "authorization servers"),
        ("it serialises events", "serialize events"),
    ],
)
def test_british_spellings_cover(british, american):
    assert concept_for(british, american).status is COVERED
    assert concept_for(american, british).status is COVERED


@pytest.mark.parametrize(
    ("phrase", "answer"),
    [
        ("keep one in a hundred", "We kept one request in a hundred."),
        ("take a snapshot", "Lambda took a snapshot after init."),
        ("sits unused", "The function sat unused for an hour."),
        ("write to the log", "Each call wrote to the log."),
    ],
)
def test_irregular_past_forms_cover(phrase, answer):
    assert concept_for(answer, phrase).status is COVERED


@pytest.mark.parametrize("word", ["need", "bring", "string", "analysis"])
def test_stems_keep_words_whole(word):
    assert stem(word) == word


def test_words_in_order_with_gap():
    concept = concept_for("Lambda does not automatically retry it.", "does not retry")
    assert concept.status is COVERED
    assert concept.match.evidence == "not automatically retry"


def test_words_out_of_order_miss():
    concept = concept_for(
        "Concurrency is provisioned ahead.", "provisioned concurrency"
    )
    assert concept.status is MISSED


def test_words_in_other_sentences_miss():
    answer = "We provisioned capacity. Concurrency was the next topic."
    assert concept_for(answer, "provisioned concurrency").status is MISSED


# Numbers


@pytest.mark.parametrize(
    "written", ["15 minutes", "fifteen minutes", "15-minute", "15 min", "15 mins"]
)
def test_number_spellings_cover(written):
    concept = concept_for(f"The timeout is at most {written} per call.", "15 minutes")
    assert concept.status is COVERED


@pytest.mark.parametrize(
    ("phrase", "written"),
    [
        ("7 days", "168 hours"),
        ("7 days", "one week"),
        ("15 minutes", "900 seconds"),
        ("500 ms", "0.5 seconds"),
    ],
)
def test_equal_durations_cover(phrase, written):
    assert concept_for(f"It lasts {written} at most.", phrase).status is COVERED


def test_other_durations_miss():
    assert concept_for("It lasts 7 hours at most.", "7 days").status is MISSED
    assert concept_for("Pick the second option.", "1 second").status is MISSED


def test_number_word_phrase_covers_digits():
    concept = concept_for("The timeout is 15 minutes.", "fifteen minutes")
    assert concept.status is COVERED


@pytest.mark.parametrize(
    ("phrase", "written"),
    [
        ("$1.00 per million", "$1 per million"),
        ("3.5 per million", "$3.50 per million"),
        ("10240 MB", "10,240 MB"),
    ],
)
def test_equal_numbers_in_other_forms_cover(phrase, written):
    concept = concept_for(f"It costs about {written} requests.", phrase)
    assert concept.status is COVERED


@pytest.mark.parametrize(
    "written", ["50 minutes", "150 minutes", "1.5 minutes", "5 minutes"]
)
def test_other_numbers_miss(written):
    concept = concept_for(f"The timeout is {written}.", "15 minutes")
    assert concept.status is MISSED


@pytest.mark.parametrize(
    ("phrase", "written"),
    [("10.0.0.1", "10.0.0.10"), ("10.0.0.10", "10.0.0.1"), ("1.1.0", "1.10.0")],
)
def test_addresses_keep_their_zeros(phrase, written):
    concept = concept_for(f"Point the client at {written} today.", phrase)
    assert concept.status is MISSED


# Negation


def test_negated_concept_not_covered():
    concept = concept_for("We do not encrypt data at rest.", "encrypt data at rest")
    assert concept.status is NEGATED
    assert concept.match.evidence == "encrypt data at rest"


def test_never_needed_negates():
    concept = concept_for("Rate limiting is never needed here.", "rate limiting")
    assert concept.status is NEGATED


def test_negated_concept_scores_nothing():
    rubric = make_rubric(("Encryption", 1, ("encrypt data at rest",)))
    result = score_answer("We do not encrypt data at rest.", rubric)
    assert result.coverage == 0


def test_negator_in_other_clause_ignored():
    answer = "Nothing is left unprotected, but we encrypt data at rest."
    concept = concept_for(answer, "encrypt data at rest")
    assert concept.status is COVERED


def test_not_only_is_not_a_denial():
    answer = "We not only encrypt data at rest but also in transit."
    assert concept_for(answer, "encrypt data at rest").status is COVERED


def test_not_only_after_match_is_not_a_denial():
    answer = "Rate limiting is not only needed but vital."
    assert concept_for(answer, "rate limiting").status is COVERED


def test_nobody_and_nothing_deny():
    assert (
        concept_for("Nobody can change the image.", "change the image").status
        is NEGATED
    )
    assert (
        concept_for("Nothing is lost on restart.", "lost on restart").status is NEGATED
    )


@pytest.mark.parametrize(
    "answer",
    [
        "Nothing beats exponential backoff for retries.",
        "Nothing replaces exponential backoff when a service is overloaded.",
        "Nobody regrets adding exponential backoff to a client.",
        "Nobody likes exponential backoff, but clients need it.",
    ],
)
def test_subject_negator_praise_affirms(answer):
    assert concept_for(answer, "exponential backoff").status is COVERED


def test_nothing_but_is_not_a_denial():
    answer = "Nothing but the binary is copied into the final image."
    assert concept_for(answer, "binary is copied").status is COVERED


def test_contrast_ending_a_match_denies_what_follows_only():
    answer = "Start a shell instead of its normal program."
    assert concept_for(answer, "a shell instead").status is COVERED
    assert concept_for(answer, "normal program").status is NEGATED


def test_denial_after_noun_and_copula_negates():
    answer = "A .dockerignore file is not needed for small images."
    assert concept_for(answer, ".dockerignore").status is NEGATED


def test_relative_clause_before_denial_still_covers():
    answer = "Use a .dockerignore you do not regret later."
    assert concept_for(answer, ".dockerignore").status is COVERED


def test_not_a_denies_only_its_own_noun():
    answer = "Cold starts are not a problem once provisioned concurrency is on."
    assert concept_for(answer, "provisioned concurrency").status is COVERED
    assert concept_for("This is not a cache.", "cache").status is NEGATED


@pytest.mark.parametrize("verb", ["forget", "skip", "ignore"])
def test_do_not_forget_affirms(verb):
    answer = f"Don't {verb} a dead-letter queue for failed events."
    assert concept_for(answer, "dead-letter queue").status is COVERED


def test_not_hesitate_affirms():
    answer = "I would not hesitate to use provisioned concurrency."
    assert concept_for(answer, "provisioned concurrency").status is COVERED


@pytest.mark.parametrize("written", ["XRay", "xray", "X-Ray", "x ray"])
def test_hyphenated_short_phrase_matches_one_word(written):
    assert concept_for(f"We trace calls with {written}.", "X-Ray").status is COVERED


def test_short_spaced_phrase_does_not_match_one_word():
    assert concept_for("The team adds more users.", "AD DS").status is MISSED


def test_no_denies_only_its_own_noun():
    answer = "A background job with no person around just logs in as itself."
    assert concept_for(answer, "logs in as itself").status is COVERED
    assert concept_for("There is no automatic retry.", "retry").status is NEGATED


@pytest.mark.parametrize("noun", ["need", "reason", "point", "way"])
def test_no_need_to_denies_the_verb(noun):
    answer = f"There is no {noun} to encrypt data at rest."
    assert concept_for(answer, "encrypt data at rest").status is NEGATED


def test_not_just_without_but_denies():
    answer = "Bucket names are global, not just unique within the account."
    concept = concept_for(answer, "unique within the account")
    assert concept.status is NEGATED


def test_not_just_with_next_sentence_but_denies():
    answer = (
        "Bucket names are global, not just unique within the account. "
        "But a deleted name can be taken again."
    )
    concept = concept_for(answer, "unique within the account")
    assert concept.status is NEGATED


def test_not_just_with_but_also_is_not_a_denial():
    answer = "It is not just a cache but also a queue."
    assert concept_for(answer, "cache").status is COVERED


@pytest.mark.parametrize(
    "answer",
    [
        "Unlike reserved concurrency, provisioned concurrency keeps functions warm.",
        "Rather than reserved concurrency keeping it warm, we pay for provisioning.",
        "Instead of reserved concurrency keeping things warm, use provisioning.",
        "As opposed to reserved concurrency, provisioned keeps it warm.",
    ],
)
def test_contrast_denies_what_follows(answer):
    concept = concept_for(answer, "reserved concurrency keeps warm")
    assert concept.status is NEGATED


def test_comparison_is_not_a_denial():
    answer = "S3 is cheap compared with EBS volumes."
    assert concept_for(answer, "EBS volumes").status is COVERED


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("Writes go to the story behind it.", "store"),
        ("We keep calm under load.", "calls"),
    ],
)
def test_five_letter_word_ignores_other_real_words(answer, phrase):
    assert concept_for(answer, phrase).status is MISSED


def test_contrast_leaves_the_other_clause_alone():
    answer = (
        "Unlike reserved concurrency, provisioned concurrency keeps functions warm."
    )
    assert concept_for(answer, "provisioned concurrency").status is COVERED


def test_rather_without_than_is_not_a_denial():
    answer = "I would rather use named volumes for database files."
    assert concept_for(answer, "named volumes").status is COVERED


def test_phrase_with_its_own_contrast_matches():
    answer = (
        "Put the shared libraries in a layer instead of copying them into "
        "every function."
    )
    concept = concept_for(answer, "instead of copying into every function")
    assert concept.status is COVERED


def test_idiom_does_not_supply_a_negative_phrase():
    answer = "Lambda not only retries twice but also sends failures to a queue."
    assert concept_for(answer, "does not retry").status is MISSED


def test_extra_negator_inside_negative_phrase_denies():
    answer = "Reserved concurrency does not mean no cold starts."
    concept = concept_for(answer, "reserved concurrency means no cold starts")
    assert concept.status is NEGATED


@pytest.mark.parametrize(
    "answer",
    [
        "For cold data we never use Standard-IA, One Zone-IA or Glacier.",
        "We don't use One Zone-IA, Standard-IA, or Glacier Deep Archive.",
        "We do not pick Standard-IA or One Zone-IA for it.",
        "I don't know what Standard-IA, One Zone-IA or Glacier are.",
        "We use neither Standard-IA nor One Zone-IA.",
    ],
)
def test_denial_covers_or_list_items(answer):
    assert concept_for(answer, "standard ia").status is NEGATED
    assert concept_for(answer, "one zone ia").status is NEGATED


@pytest.mark.parametrize(
    "answer",
    [
        # A comma or "and" after a denied clause usually starts a new one.
        "We do not need Standard-IA, One Zone-IA is enough for us.",
        "We do not use Standard-IA, and One Zone-IA holds the copies.",
        "We never use Standard-IA, One Zone-IA and Glacier cover the rest.",
        # "only" opens a fresh statement inside the list.
        "No Standard-IA, no Glacier, only One Zone-IA or Intelligent-Tiering.",
        # A list closed by "and" may deny only the combination.
        "We don't mix Standard-IA, Glacier and One Zone-IA in one bucket.",
        # Notes with one topic per line are separate statements.
        "lifecycle: no Standard-IA\nreplicas: One Zone-IA, Glacier or Deep Archive",
        # A linking word makes the earlier part a clause, not a list item.
        "Nothing is lost if it fails, or One Zone-IA would be a risk.",
    ],
)
def test_denial_spares_other_statements(answer):
    assert concept_for(answer, "one zone ia").status is COVERED


@pytest.mark.parametrize("negator", ["don't", "do not", "never", "cannot", "won't"])
def test_negator_spellings(negator):
    answer = f"We {negator} encrypt data at rest."
    assert concept_for(answer, "encrypt data at rest").status is NEGATED


def test_without_denies_noun_only():
    answer = "We run without provisioned concurrency and without root."
    assert concept_for(answer, "provisioned concurrency").status is NEGATED
    assert concept_for(answer, "without root").status is COVERED


@pytest.mark.parametrize(
    "answer",
    [
        "We skip the dead-letter queue for these events.",
        "We avoid dead-letter queues entirely.",
        "The lack of a dead-letter queue is fine for us.",
        "Forget about the dead-letter queue, it is noise.",
        "Hardly anyone needs a dead-letter queue.",
    ],
)
def test_avoidance_denies_its_object(answer):
    assert concept_for(answer, "dead letter queue").status is NEGATED


@pytest.mark.parametrize(
    "answer",
    [
        "A dead-letter queue in the client is not needed.",
        "A dead-letter queue per function does not help.",
        "A retry policy and a dead-letter queue are both pointless here.",
        "I don't know how a retry policy, a dead-letter queue or a destination differ.",
        "I have no idea what a dead-letter queue is.",
    ],
)
def test_more_denial_forms(answer):
    assert concept_for(answer, "dead letter queue").status is NEGATED


@pytest.mark.parametrize(
    "answer",
    [
        "Dead-letter queue? Never.",
        "Do we add a dead-letter queue? No.",
        "A dead-letter queue here is wrong.",
        "We never use retries, alarms or a dead-letter queue.",
    ],
)
def test_short_replies_and_dismissals_deny(answer):
    assert concept_for(answer, "dead letter queue").status is NEGATED


def test_rejected_report_denies_concept():
    answer = "People say you need a dead-letter queue. They are wrong."
    assert concept_for(answer, "dead letter queue").status is NEGATED


def test_myth_sentence_keeps_other_concepts():
    answer = "It is a myth that Lambda is cheap, but a dead-letter queue helps."
    assert concept_for(answer, "dead letter queue").status is COVERED


def test_match_across_denied_or_list():
    answer = "We never use usage plans, API keys or per-client quotas."
    assert concept_for(answer, "API key quota").status is NEGATED


@pytest.mark.parametrize(
    "answer",
    [
        "There is no reason not to use a dead-letter queue.",
        "Nobody should skip the dead-letter queue.",
        "Nobody I know skips the dead-letter queue.",
        "Without a dead-letter queue, failed events are lost.",
        "Nothing is safer than a dead-letter queue for async events.",
        "Do you need a dead-letter queue? Yes, always.",
    ],
)
def test_double_negatives_and_conditions_affirm(answer):
    assert concept_for(answer, "dead letter queue").status is COVERED


def test_conditional_ignorance_not_admission():
    answer = "When you don't know the load yet, a dead-letter queue catches failures."
    assert concept_for(answer, "dead letter queue").status is COVERED


@pytest.mark.parametrize(
    "answer",
    [
        "Never run async functions without a dead-letter queue.",
        "If you do not add a dead-letter queue, failed events are lost.",
        "Don't skip the dead-letter queue for async events.",
        "Do not avoid a dead-letter queue for async events.",
        "Avoid it for jobs that need a dead-letter queue.",
        "To avoid losing events, add a dead-letter queue.",
    ],
)
def test_avoidance_spares_the_rest(answer):
    assert concept_for(answer, "dead letter queue").status is COVERED


def test_negation_without_apostrophe():
    answer = "We dont encrypt data at rest."
    assert concept_for(answer, "encrypt data at rest").status is NEGATED


def test_negative_phrase_still_matches():
    concept = concept_for("Lambda does not retry synchronous calls.", "does not retry")
    assert concept.status is COVERED


def test_covered_mention_wins_over_negated_one():
    answer = "We do not skip it: we encrypt data at rest with KMS keys."
    assert concept_for(answer, "encrypt data at rest").status is COVERED


# Misconceptions


def test_misconception_penalty_applied():
    answer = PROSE + " Reserved concurrency keeps environments warm."
    result = score_answer(answer, COLD_STARTS)
    assert result.coverage == 100
    # 100 - 20 is 80, but an answer stating a misconception is never strong.
    assert result.score == 79
    assert result.band == "solid"
    assert [m.label for m in result.misconceptions] == [
        "Reserved concurrency keeps warm"
    ]


def test_central_misconception_penalty_reaches_below_the_cap():
    rubric = make_rubric(
        ("A", 1, ("provisioned concurrency",)),
        misconceptions=(("Wrong", ("reserved concurrency keeps warm",), 45),),
    )
    answer = PROSE + " Reserved concurrency keeps environments warm."
    result = score_answer(answer, rubric)
    assert result.coverage == 100
    assert result.score == 55
    assert result.band == "partial"
    flag = next(flag for flag in result.flags if flag.code == "misconception")
    assert "never strong" in flag.message


def test_misconception_evidence_is_answer_text():
    answer = PROSE + " Reserved concurrency keeps environments warm."
    result = score_answer(answer, COLD_STARTS)
    match = result.misconceptions[0].match
    assert match.evidence == "Reserved concurrency keeps environments warm"
    assert answer[match.start : match.end] == match.evidence


def test_negated_misconception_does_not_fire():
    answer = PROSE + " Reserved concurrency does not keep environments warm."
    result = score_answer(answer, COLD_STARTS)
    assert result.misconceptions == ()
    assert result.score == 100


def test_never_misconception_does_not_fire():
    answer = PROSE + " Reserved concurrency never keeps environments warm."
    result = score_answer(answer, COLD_STARTS)
    assert result.misconceptions == ()


RETRIES = make_rubric(
    ("Dead-letter queue", 1, ("dead letter queue",)),
    misconceptions=(("Sync calls retried", ("lambda retries synchronous calls",), 15),),
)


def test_stated_misconception_fires():
    result = score_answer("Lambda retries synchronous calls twice.", RETRIES)
    assert [m.match.evidence for m in result.misconceptions] == [
        "Lambda retries synchronous calls"
    ]


def test_denied_misconception_does_not_fire():
    result = score_answer("Lambda does not retry synchronous calls.", RETRIES)
    assert result.misconceptions == ()


@pytest.mark.parametrize(
    "answer",
    [
        "Some say Lambda retries synchronous calls, but that is wrong.",
        "People think Lambda retries synchronous calls. That is not true.",
        "Many assume Lambda retries synchronous calls. It does not.",
        "It is a myth that Lambda retries synchronous calls.",
        "A common misconception is that Lambda retries synchronous calls.",
        "A common mistake is to assume Lambda retries synchronous calls.",
        "It is wrong to say that Lambda retries synchronous calls.",
        "It is not true that Lambda retries synchronous calls.",
        "Many people believe Lambda retries synchronous calls. They are mistaken.",
        "Some say Lambda retries synchronous calls. But that is wrong.",
    ],
)
def test_rejected_belief_not_penalised(answer):
    assert score_answer(answer, RETRIES).misconceptions == ()


@pytest.mark.parametrize(
    "answer",
    [
        # The candidate's own belief, however hedged, still counts.
        "I think Lambda retries synchronous calls, so nobody needs a retry loop.",
        "Lambda retries synchronous calls, I believe.",
        # A reported belief that nothing rejects.
        "People say Lambda retries synchronous calls and that it is not slow.",
        # Double negatives affirm.
        "I don't doubt that Lambda retries synchronous calls.",
        "It is not a myth that Lambda retries synchronous calls.",
        # A rejected mention does not hide a later claim.
        "Some say Lambda retries synchronous calls, but that is wrong. "
        "Honestly, Lambda retries synchronous calls.",
    ],
)
def test_held_belief_penalised(answer):
    result = score_answer(answer, RETRIES)
    assert [m.label for m in result.misconceptions] == ["Sync calls retried"]


# Restating the question

CONCURRENCY_PROMPT = (
    "How do unreserved, reserved and provisioned concurrency differ, and what "
    "happens when a function is throttled?"
)
CONCURRENCY = make_rubric(
    ("Reserved", 1, ("reserved concurrency",)),
    ("Provisioned", 1, ("provisioned concurrency",)),
)


def score_with_prompt(answer: str) -> ScoreResult:
    return score_answer(answer, CONCURRENCY, prompt=CONCURRENCY_PROMPT)


def test_copied_question_earns_nothing():
    result = score_with_prompt(f"No idea. {CONCURRENCY_PROMPT} Pass.")
    assert result.score == 0
    assert [flag.code for flag in result.flags][-1] == "question-echo"


def test_copied_question_scores_without_prompt():
    answer = f"No idea. {CONCURRENCY_PROMPT} Pass."
    assert score_answer(answer, CONCURRENCY).coverage == 100


def test_explanation_after_copied_question_counts():
    answer = (
        f"{CONCURRENCY_PROMPT} Reserved concurrency caps one function, while "
        "provisioned concurrency keeps environments warm."
    )
    result = score_with_prompt(answer)
    assert result.coverage == 100
    assert "question-echo" not in [flag.code for flag in result.flags]


def test_short_lead_in_from_question_counts():
    answer = (
        "Reserved and provisioned concurrency differ a lot: reserved caps a "
        "function and provisioned keeps it warm."
    )
    assert score_with_prompt(answer).concepts[1].status is COVERED


# Evidence, ranges and bands


def test_evidence_is_exact_original_span():
    answer = "Then   PROVISIONED\tConcurrency,  as\nconfigured."
    concept = concept_for(answer, "provisioned concurrency")
    assert concept.match.evidence == "PROVISIONED\tConcurrency"
    assert answer[concept.match.start : concept.match.end] == concept.match.evidence


@pytest.mark.parametrize(
    ("answer", "phrase", "evidence"),
    [
        ("Use the \ufb01le system cache.", "file system", "\ufb01le system"),
        ("Die Stra\u00dfe ist lang.", "strasse", "Stra\u00dfe"),
        ("x \uff29\uff21\uff2d roles", "IAM roles", "\uff29\uff21\uff2d roles"),
        ("cold start\u200b now", "cold start", "cold start"),
        (
            unicodedata.normalize("NFD", "Mon r\u00e9sum\u00e9 est"),
            "resume est",
            unicodedata.normalize("NFD", "r\u00e9sum\u00e9 est"),
        ),
    ],
)
def test_evidence_for_unicode_spellings(answer, phrase, evidence):
    assert concept_for(answer, phrase).match.evidence == evidence


def test_evidence_span_after_non_ascii_text():
    answer = "Déjà vu — “quotes” first, then provisioned concurrency."
    concept = concept_for(answer, "provisioned concurrency")
    assert concept.match.evidence == "provisioned concurrency"
    assert answer[concept.match.start : concept.match.end] == "provisioned concurrency"


@pytest.mark.parametrize("answer", ["", "   \n\t  ", "...", "\u200b"])
def test_empty_answer_scores_zero(answer):
    result = score_answer(answer, COLD_STARTS)
    assert result.score == 0
    assert result.band == "weak"
    assert result.word_count == 0


def test_empty_answer_misses_every_concept():
    result = score_answer("", COLD_STARTS)
    assert [c.status for c in result.concepts] == [MISSED] * 4


def test_full_answer_scores_100():
    result = score_answer(PROSE, COLD_STARTS)
    assert result.score == 100
    assert result.flags == ()


def test_partial_coverage_uses_weights():
    rubric = make_rubric(
        ("A", 3, ("provisioned concurrency",)), ("B", 1, ("snapstart",))
    )
    answer = (
        "Provisioned concurrency keeps a pool of execution environments initialised "
        "before any request arrives, so the first callers of the day do not wait "
        "for the runtime to start."
    )
    result = score_answer(answer, rubric)
    assert result.coverage == 75
    assert result.score == 75


def test_penalties_clamp_at_zero():
    rubric = make_rubric(
        ("A", 1, ("provisioned concurrency",)),
        misconceptions=(("Wrong", ("reserved concurrency keeps warm",), 150),),
    )
    answer = PROSE + " Reserved concurrency keeps environments warm."
    result = score_answer(answer, rubric)
    assert result.score == 0


def test_score_in_range_for_generated_answers():
    vocabulary = (
        "cold start provisioned concurrency provisoned concurency small deployment "
        "package snapstart reserved keeps warm not never no the a of is and but "
        "15 fifteen minutes ÉTÉ café ＩＡＭ C# -- , . ; ! ? \n \u200b \u00a0 \u2013"
    ).split(" ")
    generator = random.Random(20260501)
    for _ in range(300):
        answer = " ".join(generator.choices(vocabulary, k=generator.randint(0, 60)))
        result = score_answer(answer, COLD_STARTS)
        assert 0 <= result.score <= 100, answer
        assert result.band == band_for(result.score), answer


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (100, "strong"),
        (80, "strong"),
        (79, "solid"),
        (60, "solid"),
        (59, "partial"),
        (35, "partial"),
        (34, "weak"),
        (0, "weak"),
    ],
)
def test_band_names(score, band):
    assert band_for(score) == band


def test_band_table_best_first():
    assert [name for name, _ in BANDS] == ["strong", "solid", "partial", "weak"]


def test_result_band_matches_score():
    result = score_answer(PROSE, COLD_STARTS)
    assert result.band == band_for(result.score)


def test_same_input_same_result():
    answer = (
        PROSE + " Reserved concurrency keeps environments warm. Provisonal concurency."
    )
    assert score_answer(answer, COLD_STARTS) == score_answer(answer, COLD_STARTS)


# Hints and flags


def test_near_miss_gives_close_hint():
    concept = concept_for("We used provisional concurrency.", "provisioned concurrency")
    assert concept.status is MISSED
    assert concept.close == "provisional concurrency"
    assert concept.close_phrase == "provisioned concurrency"


def test_close_hint_phrase_survives_json():
    rubric = make_rubric(("Concept", 1.0, ("provisioned concurrency",)))
    result = score_answer("We used provisional concurrency.", rubric)
    data = result.to_json()
    assert data["concepts"][0]["close_phrase"] == "provisioned concurrency"
    again = result_from_json(data)
    assert again.concepts[0].close == "provisional concurrency"
    assert again.concepts[0].close_phrase == "provisioned concurrency"


def test_far_miss_gives_no_hint():
    concept = concept_for("We used a bigger instance.", "provisioned concurrency")
    assert concept.close is None


def test_one_edit_counts_as_typo():
    assert concept_for("It sets concurency limits.", "concurrency").status is COVERED


def test_known_word_is_not_a_typo():
    rubric = make_rubric(("Concept", 1, ("concurrency",)))
    result = score_answer(
        "It sets concurency limits.", rubric, known_words=frozenset({"concurency"})
    )
    assert result.concepts[0].status is MISSED


def test_keyword_list_capped():
    answer = "cold start, provisioned concurrency, small deployment package, snapstart"
    result = score_answer(answer, COLD_STARTS)
    assert "keyword-list" in [f.code for f in result.flags]
    assert result.score <= 40


def test_keyword_list_without_commas_capped():
    answer = (
        "Cold start provisioned concurrency small deployment package SnapStart Lambda"
    )
    result = score_answer(answer, COLD_STARTS)
    assert "keyword-list" in [f.code for f in result.flags]


def test_paragraph_with_same_terms_not_flagged():
    result = score_answer(PROSE, COLD_STARTS)
    assert "keyword-list" not in [f.code for f in result.flags]


@pytest.mark.parametrize(
    "answer",
    [
        "Cold start, provisioned concurrency, SnapStart, small deployment package, "
        "init code, warm pings, Java, Python, VPC. These are the tools I rely on "
        "in production every day.",
        "Cold starts are something I have dealt with, and they involve a new "
        "execution environment, provisioned concurrency, SnapStart, a smaller "
        "package, lazy loading, warm pings, runtime choice, VPC settings, init "
        "code, idle reclaim, scale-out bursts, new versions, Java, Python, Go, "
        "tiered compilation and memory size. That covers it.",
    ],
)
def test_list_wrapped_in_sentences_capped(answer):
    result = score_answer(answer, COLD_STARTS)
    assert "keyword-list" in [f.code for f in result.flags]
    assert result.score <= 40


@pytest.mark.parametrize(
    "answer",
    [
        "There is a cold start. There is provisioned concurrency. There is "
        "SnapStart. There is a small deployment package.",
        "We use provisioned concurrency. We use SnapStart. We use small "
        "deployment packages. We use warm pings. That is all.",
    ],
)
def test_alike_sentence_list_capped(answer):
    result = score_answer(answer, COLD_STARTS)
    assert "keyword-list" in [f.code for f in result.flags]
    assert result.score <= 40


@pytest.mark.parametrize(
    "answer",
    [
        "There is a cold start. There is provisioned concurrency. There are "
        "SnapStart snapshots. There are small deployment packages.",
        "I would mention the cold start, the provisioned concurrency, the "
        "SnapStart, the small deployment package and the warm pings.",
    ],
)
def test_varied_opening_list_capped(answer):
    result = score_answer(answer, COLD_STARTS)
    assert "keyword-list" in [f.code for f in result.flags]
    assert result.score <= 40


@pytest.mark.parametrize(
    "answer",
    [
        "A cold start is important. Provisioned concurrency is important. "
        "SnapStart is important. A small deployment package is important.",
        "Cold starts, which is good, provisioned concurrency, which is good, "
        "SnapStart, which is good, and small deployment packages, which is good.",
    ],
)
def test_padded_list_capped(answer):
    result = score_answer(answer, COLD_STARTS)
    assert "keyword-list" in [f.code for f in result.flags]
    assert result.score <= 40


@pytest.mark.parametrize(
    "answer",
    [
        # Long sentences with the same opening are prose.
        "We use provisioned concurrency for the checkout API because latency "
        "matters there. We use SnapStart for the Java services that start "
        "slowly. We use small deployment packages everywhere to cut init "
        "time. We use warm pings only as a last resort.",
        # Short sentences that open differently are terse prose.
        "A cold start adds latency. Provisioned concurrency removes it. "
        "SnapStart helps Java. Smaller packages load faster.",
    ],
)
def test_sentences_with_content_not_flagged(answer):
    assert not engine._reads_as_list(answer, tokenize(answer).texts)


def test_prose_of_short_clauses_not_flagged():
    answer = (
        "I would use events: the order service publishes an OrderPlaced event, "
        "the payment service charges the card and publishes PaymentCompleted, "
        "and then inventory reserves the stock. If the payment fails, the order "
        "service cancels the order. This is eventually consistent."
    )
    assert not engine._reads_as_list(answer, tokenize(answer).texts)


def test_short_answer_flagged():
    result = score_answer("A cold start needs provisioned concurrency.", COLD_STARTS)
    assert "short" in [f.code for f in result.flags]
    assert result.score <= 50


def test_short_answer_counts_words_as_written():
    # 19 words as a reader counts them, though "read-only" is two tokens.
    answer = (
        "Each Dockerfile instruction adds a read-only layer with the filesystem "
        "changes, and layers are cached and shared between images."
    )
    result = score_answer(answer, COLD_STARTS)
    flag = next(flag for flag in result.flags if flag.code == "short")
    assert "(19 words)" in flag.message
    assert result.word_count == 19


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("X-Ray traces", 2),
        ("  ", 0),
        ("don't stop", 2),
        ("3.5 GB", 2),
        ("a - b .", 2),
        ("end. Next", 2),
    ],
)
def test_count_words_as_a_reader_does(text, words):
    assert count_words(text) == words


def test_long_answer_not_short():
    result = score_answer(PROSE, COLD_STARTS)
    assert "short" not in [f.code for f in result.flags]


@pytest.mark.parametrize(
    "sentence",
    [
        "Provisioned concurrency never helps with cold starts.",
        "Provisioned concurrency does not help at all.",
        "Provisioned concurrency doesn't work for this.",
        "Provisioned concurrency is useless here.",
    ],
)
def test_denial_after_concept_negates(sentence):
    concept = concept_for(sentence, "provisioned concurrency")
    assert concept.status == ConceptStatus.NEGATED


def test_limit_stated_after_concept_still_covers():
    sentence = "Provisioned concurrency does not eliminate every cold start."
    concept = concept_for(sentence, "provisioned concurrency")
    assert concept.status == ConceptStatus.COVERED
