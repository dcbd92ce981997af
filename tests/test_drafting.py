"""Rubric drafting from model answers, and the draft-rubric command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from interviewer.bank import Question, load_questions
from interviewer.cli import main
from interviewer.drafting import (
    BankProfile,
    Candidate,
    derived_forms,
    draft_rubric,
    draft_rubrics,
    find_candidates,
    format_drafts,
    plain_text,
    short_answer_words,
    yaml_text,
)
from interviewer.errors import Problem
from interviewer.paths import builtin_bank_dir
from interviewer.rubric import load_rubric_file
from interviewer.scoring import score_answer
from interviewer.scoring.engine import SHORT_ANSWER_WORDS
from interviewer.scoring.normalize import phrase_problem

DATA = Path(__file__).parent / "data"


def make_question(question_id: str, prompt: str, model_answer: str) -> Question:
    return Question(
        id=question_id,
        category="Test",
        prompt=prompt,
        model_answer=model_answer,
        time_limit=120,
        difficulty="mid",
        tags=(),
        path=Path("test.yaml"),
        line=1,
    )


FILLER = [
    make_question("filler-one", "What is a queue?", "A queue stores items in order."),
    make_question(
        "filler-two", "What is a stack?", "A stack stores items, last in first out."
    ),
    make_question("filler-three", "What is a tree?", "A tree stores items in nodes."),
]


def draft_for(prompt: str, model_answer: str, **options) -> tuple[Question, list]:
    question = make_question("target", prompt, model_answer)
    profile = BankProfile.from_questions([question, *FILLER])
    draft = draft_rubric(question, profile, **options)
    return question, list(draft.concepts)


def all_phrases(concepts) -> list[str]:
    return [phrase for item in concepts for phrase in item.concept.phrases]


def canonical_terms(concepts) -> list[str]:
    return [item.concept.phrases[0] for item in concepts]


# --- Markdown ---------------------------------------------------------------


def test_plain_text_drops_code_blocks():
    plain = plain_text("Use a cache.\n\n```python\nimport secret_module\n```\n\nDone.")
    assert "secret_module" not in plain.text
    assert "Use a cache." in plain.text


def test_plain_text_marks_bold_as_emphasis():
    plain = plain_text("A **cold start** is slow.")
    start, end = plain.emphasized[0]
    assert plain.text[start:end] == "cold start"
    assert "*" not in plain.text


def test_plain_text_keeps_link_text_not_url():
    plain = plain_text(
        "See [the guide](https://example.com/guide) or https://example.com."
    )
    assert "the guide" in plain.text
    assert "example" not in plain.text


def test_plain_text_splits_at_symbolic_code():
    plain = plain_text("Mount `/var/run/docker.sock` carefully and run `docker ps`.")
    assert "docker.sock" not in plain.text
    assert "docker ps" in plain.text


# --- Candidates and weights --------------------------------------------------


def test_prompt_words_weigh_less():
    question = make_question(
        "target",
        "What does a load balancer do?",
        "A load balancer spreads requests over healthy targets.",
    )
    profile = BankProfile.from_questions([question, *FILLER])
    by_term = {c.stems: c for c in find_candidates(question, profile)}
    # Both words occur once in the answer and nowhere else in the bank.
    assert by_term[("balancer",)].salience < by_term[("target",)].salience


def test_phrases_stop_at_punctuation_and_brackets():
    _, concepts = draft_for(
        "What are the stages?",
        "The coding stage (phase five) and the refinement stage matter; testing "
        "influences both.",
        max_concepts=8,
    )
    for term in canonical_terms(concepts):
        assert "stage phase" not in term


def test_negated_phrase_is_not_a_concept():
    _, concepts = draft_for(
        "What kind of storage is it?",
        "It is object storage, not a file system. Objects are replaced whole.",
        max_concepts=8,
    )
    assert not any("file" in term.lower() for term in canonical_terms(concepts))


def test_generic_words_never_make_a_concept():
    _, concepts = draft_for(
        "Why cache?",
        "You usually use a cache because it often makes reads faster.",
        max_concepts=8,
    )
    terms = canonical_terms(concepts)
    assert "usually" not in terms
    assert "use" not in terms
    assert "often" not in terms


def test_concept_weights_stay_between_one_and_three():
    _, concepts = draft_for(
        "How do you reduce Lambda cold starts?",
        "Provisioned concurrency keeps environments initialised. SnapStart "
        "restores a snapshot. Trim dependencies and lazy-load modules.",
    )
    weights = [item.concept.weight for item in concepts]
    assert max(weights) == 3
    assert min(weights) >= 1


def test_max_concepts_limits_the_draft():
    _, concepts = draft_for(
        "How do you reduce Lambda cold starts?",
        "Provisioned concurrency keeps environments initialised. SnapStart "
        "restores a snapshot. Trim dependencies and lazy-load modules.",
        max_concepts=2,
    )
    assert len(concepts) == 2


def test_concepts_share_no_word():
    _, concepts = draft_for(
        "Explain provisioned concurrency.",
        "Provisioned concurrency keeps environments warm, while reserved "
        "concurrency only caps a function. Concurrency is counted per region.",
        max_concepts=8,
    )
    stems_seen: set[str] = set()
    for item in concepts:
        words = {w.lower() for w in item.concept.phrases[0].split()}
        assert not words & stems_seen
        stems_seen |= words


# --- Aliases ------------------------------------------------------------------


def test_acronym_written_in_question_becomes_alias():
    _, concepts = draft_for(
        "How does a container differ from a VM?",
        "A virtual machine runs a full operating system. A container shares the "
        "host OS kernel, so the operating system boots once.",
        max_concepts=8,
    )
    concept = next(i for i in concepts if "operating system" in i.concept.phrases[0])
    assert "OS" in concept.concept.phrases


def test_unwritten_acronym_is_not_invented():
    _, concepts = draft_for(
        "What is provisioned concurrency?",
        "Provisioned concurrency keeps execution environments initialised.",
        max_concepts=8,
    )
    assert "PC" not in all_phrases(concepts)
    assert "EE" not in all_phrases(concepts)


def test_bracketed_abbreviation_becomes_alias():
    _, concepts = draft_for(
        "Where do images live?",
        "Images are pushed to Elastic Container Registry (ECR) and pulled by "
        "each node. Elastic Container Registry scans them.",
        max_concepts=8,
    )
    concept = next(
        i for i in concepts if "Elastic Container Registry" in i.concept.phrases[0]
    )
    assert "ECR" in concept.concept.phrases


def test_key_word_alone_is_an_alias():
    _, concepts = draft_for(
        "Where do C++ programs begin to execute?",
        "At the main function.",
    )
    assert concepts[0].concept.phrases[0] == "main function"
    assert "main" in concepts[0].concept.phrases


def test_other_word_form_is_an_alias():
    _, concepts = draft_for(
        "What are the advantages of object-oriented programming?",
        "Abstraction and reusability.",
    )
    assert "reusable" in all_phrases(concepts)


def test_derived_forms_skip_unsafe_non_words():
    assert derived_forms("simulation") == []
    assert derived_forms("simulation", frozenset({"simulat"})) == ["simulate"]
    assert derived_forms("dynamically") == ["dynamic"]


def test_joined_spelling_skipped_when_engine_matches_it():
    _, concepts = draft_for(
        "What slows the first request to a Lambda function?",
        "A cold start creates a new environment. Every cold start adds latency.",
        max_concepts=8,
    )
    cold = next(i for i in concepts if i.concept.phrases[0] == "cold start")
    assert "coldstart" not in cold.concept.phrases
    assert "cold-start" not in cold.concept.phrases


def test_absence_in_model_answer_adds_negated_alias():
    question, concepts = draft_for(
        "What is the advantage of passing by reference?",
        "It avoids making copies of large data structures.",
    )
    copies = next(i for i in concepts if i.concept.phrases[0] == "copies")
    assert "no copies" in copies.concept.phrases
    rubric = draft_rubric(
        question, BankProfile.from_questions([question, *FILLER])
    ).rubric()
    result = score_answer(
        "No copy of the object is made.", rubric, short_answer_words=0
    )
    covered = [c.label for c in result.covered]
    assert "Copies" in covered


def test_every_alias_is_a_valid_phrase():
    questions = load_questions([DATA / "bank"], [])
    for draft in draft_rubrics(questions):
        for item in draft.concepts:
            for phrase in item.concept.phrases:
                assert phrase_problem(phrase) is None, phrase


def test_alias_reasons_are_recorded():
    _, concepts = draft_for(
        "Where do C++ programs begin to execute?",
        "At the main function.",
    )
    reasons = {alias.reason for alias in concepts[0].aliases}
    assert "key word on its own" in reasons


# --- Whole drafts ------------------------------------------------------------


def test_sample_drafts_score_own_model_answer():
    questions = load_questions([DATA / "bank"], [])
    profile = BankProfile.from_questions(questions)
    for question in questions:
        rubric = draft_rubric(question, profile).rubric()
        result = score_answer(
            question.model_answer, rubric, known_words=profile.known_words
        )
        assert result.score >= 85, (question.id, result.to_json())


def test_builtin_drafts_score_own_model_answers():
    problems: list[Problem] = []
    questions = load_questions([builtin_bank_dir()], problems)
    assert questions, problems
    profile = BankProfile.from_questions(questions)
    low = {}
    for question in questions:
        rubric = draft_rubric(question, profile).rubric()
        result = score_answer(
            question.model_answer, rubric, known_words=profile.known_words
        )
        if result.score < 85:
            low[question.id] = result.score
    assert low == {}


def test_builtin_drafts_pass_validate(tmp_path, capsys):
    rubrics = tmp_path / "rubrics"
    rubrics.mkdir()
    status = main(["draft-rubric", "--all", "-o", str(rubrics / "drafts.yaml")])
    assert status == 0
    capsys.readouterr()
    status = main(["validate", "--rubrics", str(rubrics)])
    output = capsys.readouterr().out
    assert status == 0, output
    assert output.startswith("OK:")


def test_draft_yaml_round_trips(tmp_path):
    questions = load_questions([DATA / "bank"], [])
    drafts = draft_rubrics(questions)
    path = tmp_path / "drafts.yaml"
    path.write_text(format_drafts(drafts), encoding="utf-8")
    problems: list[Problem] = []
    loaded = load_rubric_file(path, problems)
    assert problems == []
    assert [r.question_id for r in loaded] == [q.id for q in questions]
    for rubric, draft in zip(loaded, drafts, strict=True):
        assert rubric.concepts == draft.rubric().concepts


def test_draft_yaml_says_it_is_a_draft():
    questions = load_questions([DATA / "bank"], [])
    text = format_drafts(draft_rubrics(questions))
    assert text.startswith("# DRAFT")
    assert "# misconceptions:" in text


@pytest.mark.parametrize(
    "value",
    ["yes", "no", "3.10", "1.1", "a: b", "#tag", "C#", "it's", "x # y", "null", "-x"],
)
def test_yaml_text_round_trips(value):
    assert yaml.safe_load(f"key: {yaml_text(value)}") == {"key": value}


def test_yaml_text_leaves_plain_words_unquoted():
    assert yaml_text("provisioned concurrency") == "provisioned concurrency"


def test_numeric_question_id_is_quoted(tmp_path):
    question = make_question(
        "1.1", "What is a prototype for?", "To simulate the product."
    )
    drafts = draft_rubrics([question, *FILLER])
    text = format_drafts(drafts[:1])
    assert '"1.1":' in text


# --- Short answers and the engine option -------------------------------------


def test_short_answer_words_for_long_model_answer():
    assert short_answer_words("word " * 200) == SHORT_ANSWER_WORDS


def test_short_answer_words_for_one_line_model_answer():
    assert short_answer_words("A location in memory that can store a value.") == 2


def test_score_answer_short_flag_default_unchanged(sample_catalog):
    rubric = sample_catalog.rubric("sample-layers")
    result = score_answer("A zip archive to share dependencies.", rubric)
    assert [flag.code for flag in result.flags] == ["short"]
    assert result.score == 50


def test_score_answer_short_flag_can_be_lowered(sample_catalog):
    rubric = sample_catalog.rubric("sample-layers")
    result = score_answer(
        "A zip archive to share dependencies.", rubric, short_answer_words=0
    )
    assert result.flags == ()
    assert result.score == 80


# --- Command line ------------------------------------------------------------


def sample_args(*extra: str) -> list[str]:
    return ["--bank", str(DATA / "bank"), "--rubrics", str(DATA / "rubrics"), *extra]


def test_cli_drafts_one_question(capsys):
    status = main(["draft-rubric", "sample-layers", *sample_args()])
    output = capsys.readouterr().out
    assert status == 0
    document = yaml.safe_load(output)
    assert list(document) == ["sample-layers"]
    assert document["sample-layers"]["concepts"]


def test_cli_writes_output_file(tmp_path, capsys):
    target = tmp_path / "draft.yaml"
    status = main(["draft-rubric", "sample-layers", "-o", str(target), *sample_args()])
    assert status == 0
    assert "sample-layers:" in target.read_text(encoding="utf-8")
    assert "wrote 1 draft rubrics" in capsys.readouterr().err


def test_cli_refuses_to_overwrite_without_force(tmp_path, capsys):
    target = tmp_path / "draft.yaml"
    target.write_text("keep me\n", encoding="utf-8")
    status = main(["draft-rubric", "sample-layers", "-o", str(target), *sample_args()])
    assert status == 2
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert "--force" in capsys.readouterr().err


def test_cli_overwrites_with_force(tmp_path):
    target = tmp_path / "draft.yaml"
    target.write_text("old\n", encoding="utf-8")
    args = ["draft-rubric", "sample-layers", "-o", str(target), "--force"]
    assert main([*args, *sample_args()]) == 0
    assert "sample-layers:" in target.read_text(encoding="utf-8")


def test_cli_unknown_id_suggests_close_ids(capsys):
    status = main(["draft-rubric", "sample-layer", *sample_args()])
    assert status == 2
    assert "did you mean: sample-layers" in capsys.readouterr().err


def test_cli_needs_a_selection(capsys):
    status = main(["draft-rubric", *sample_args()])
    assert status == 2
    assert "--all or --missing" in capsys.readouterr().err


def test_cli_missing_drafts_only_questions_without_rubric(tmp_path, capsys):
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "extra.yaml").write_text(
        "category: Extra\nquestions:\n"
        "  - id: extra-queues\n"
        "    prompt: Why put a queue between two services?\n"
        "    difficulty: mid\n"
        "    model_answer: |\n"
        "      A queue decouples the producer from the consumer, absorbs bursts\n"
        "      of traffic and lets failed messages go to a dead-letter queue.\n",
        encoding="utf-8",
    )
    status = main(["draft-rubric", "--missing", "--bank", str(bank)])
    output = capsys.readouterr().out
    assert status == 0
    assert list(yaml.safe_load(output)) == ["extra-queues"]


def test_cli_draft_help_describes_options(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["draft-rubric", "--help"])
    assert exit_info.value.code == 0
    output = capsys.readouterr().out
    assert "--missing" in output
    assert "--max-concepts" in output


def test_candidate_records_prompt_words():
    question = make_question(
        "target", "What does a load balancer do?", "A load balancer spreads requests."
    )
    profile = BankProfile.from_questions([question, *FILLER])
    candidate: Candidate = next(
        c for c in find_candidates(question, profile) if c.stems == ("load", "balancer")
    )
    assert candidate.in_prompt == (True, True)


# --- Benchmark script ----------------------------------------------------------

BENCHMARK = Path(__file__).parent.parent / "benchmarks" / "mohler.py"


def test_mohler_benchmark_json_on_tiny_file(tmp_path):
    stack = {
        "question_id": "1",
        "question": "What is a stack?",
        "reference_answer": "A list where the last item added is removed first.",
    }
    queue = {
        "question_id": "2",
        "question": "What is a queue?",
        "reference_answer": "A list where the first item added is removed first.",
    }
    rows = [
        {**stack, "answer": "The last item added is removed first.", "score_avg": 5},
        {**stack, "answer": "Items are removed last in, first out.", "score_avg": 4},
        {**stack, "answer": "It sorts numbers.", "score_avg": 0},
        {**queue, "answer": "The first item added is removed first.", "score_avg": 5},
        {**queue, "answer": "A kind of array.", "score_avg": 1},
    ]
    path = tmp_path / "graded.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, str(BENCHMARK), str(path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(completed.stdout)
    assert set(result) == {"answers", "questions", "pearson", "spearman", "baselines"}
    assert result["answers"] == 5
    assert result["questions"] == 2
    assert set(result["baselines"]) == {"content_word_recall", "token_set_ratio"}
    assert result["pearson"] > 0.5


def test_mohler_benchmark_reports_bad_line(tmp_path):
    path = tmp_path / "graded.jsonl"
    path.write_text('{"question_id": "1"}\n', encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, str(BENCHMARK), str(path)],
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 2
    assert f"{path}:1: missing question, reference_answer" in completed.stderr


def test_distant_negator_adds_no_negated_alias():
    _, concepts = draft_for(
        "How does the autoscaler behave?",
        "It does not scale past the maximum and then waits for a stabilisation "
        "window before scaling down the deployment.",
    )
    phrases = [p for item in concepts for p in item.concept.phrases]
    assert "no stabilisation" not in phrases
    assert "no waits" not in phrases


def test_repeated_id_is_drafted_once(tmp_path, capsys):
    output = tmp_path / "draft.yaml"
    code = main(["draft-rubric", "lambda-layers", "lambda-layers", "-o", str(output)])
    assert code == 0
    assert (
        output.read_text(encoding="utf-8").count("\nlambda-layers:")
        + (output.read_text(encoding="utf-8").startswith("lambda-layers:"))
        == 1
    )


@pytest.mark.parametrize("grade", ["NaN", "50", "-3", "true", '"4"'])
def test_mohler_benchmark_rejects_bad_grade(tmp_path, grade):
    path = tmp_path / "graded.jsonl"
    path.write_text(
        '{"question_id": "1", "question": "q", "reference_answer": "r", '
        f'"answer": "a", "score_avg": {grade}}}\n',
        encoding="utf-8",
    )
    completed = subprocess.run(
        [sys.executable, str(BENCHMARK), str(path)],
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 2
    assert "is not a number from 0 to 5" in completed.stderr
