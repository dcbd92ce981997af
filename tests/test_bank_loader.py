"""Bank loader: every problem names the file, the line and the key."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from interviewer.bank import Question, load_questions
from interviewer.catalog import load_catalog
from interviewer.errors import Problem

QUESTION = """\
  - id: {id}
    prompt: What is a cold start?
    difficulty: mid
    model_answer: A new execution environment is created first.
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def bank_file(*ids: str, category: str = "Serverless") -> str:
    questions = "".join(QUESTION.format(id=question_id) for question_id in ids)
    return f"category: {category}\nquestions:\n{questions}"


def load(folder: Path) -> tuple[list[Question], list[Problem]]:
    problems: list[Problem] = []
    questions = load_questions([folder], problems)
    return questions, problems


def only_problem(folder: Path) -> Problem:
    _, problems = load(folder)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_valid_file_loads(tmp_path):
    write(tmp_path, "a.yaml", bank_file("first-one", "second-one"))
    questions, problems = load(tmp_path)
    assert problems == []
    assert [q.id for q in questions] == ["first-one", "second-one"]
    assert questions[0].line == 3


def test_time_limit_defaults_from_file(tmp_path):
    write(
        tmp_path,
        "a.yaml",
        """\
        category: Serverless
        time_limit: 200
        questions:
          - id: inherits
            prompt: P?
            difficulty: mid
            model_answer: A.
          - id: overrides
            prompt: P?
            difficulty: mid
            model_answer: A.
            time_limit: 45
        """,
    )
    questions, _ = load(tmp_path)
    limits = {q.id: q.time_limit for q in questions}
    assert limits["inherits"] == 200
    assert limits["overrides"] == 45


def test_missing_field_names_key_and_fix(tmp_path):
    path = write(
        tmp_path,
        "a.yaml",
        """\
        category: Serverless
        questions:
          - id: no-prompt
            difficulty: mid
            model_answer: A.
        """,
    )
    problem = only_problem(tmp_path)
    assert problem.path == path
    assert problem.line == 3
    assert "missing required key 'questions[0].prompt'" in problem.message
    assert "add 'prompt: ...'" in problem.message


def test_list_where_text_expected(tmp_path):
    path = write(
        tmp_path,
        "a.yaml",
        """\
        category: Serverless
        questions:
          - id: list-prompt
            prompt: [what, is, it]
            difficulty: mid
            model_answer: A.
        """,
    )
    problem = only_problem(tmp_path)
    assert problem.path == path
    assert problem.line == 4
    assert "'questions[0].prompt' must be text, not a list" in problem.message
    assert "on one line" in problem.message


def test_text_where_number_expected(tmp_path):
    path = write(
        tmp_path,
        "a.yaml",
        """\
        category: Serverless
        questions:
          - id: word-limit
            prompt: P?
            difficulty: mid
            model_answer: A.
            time_limit: five minutes
        """,
    )
    problem = only_problem(tmp_path)
    assert problem.path == path
    assert problem.line == 7
    assert "'questions[0].time_limit' must be a whole number" in problem.message
    assert "'five minutes'" in problem.message
    assert "write digits" in problem.message


def test_fractional_time_limit_rejected(tmp_path):
    write(tmp_path, "a.yaml", bank_file("one") + "    time_limit: 30.5\n")
    problem = only_problem(tmp_path)
    assert problem.line == 7
    assert "must be a whole number, not 30.5" in problem.message


def test_time_limit_below_minimum(tmp_path):
    write(tmp_path, "a.yaml", bank_file("one") + "    time_limit: 5\n")
    problem = only_problem(tmp_path)
    assert "'questions[0].time_limit' must be at least 10, not 5" in problem.message


def test_unknown_key_suggests_close_key(tmp_path):
    write(
        tmp_path,
        "a.yaml",
        """\
        category: Serverless
        questions:
          - id: typo-key
            prompt: P?
            difficulty: mid
            model_answer: A.
            tgas: [lambda]
        """,
    )
    problem = only_problem(tmp_path)
    assert problem.line == 7
    assert "unknown key 'questions[0].tgas'" in problem.message
    assert "did you mean 'tags'?" in problem.message
    assert (
        "Allowed keys: id, prompt, model_answer, difficulty, tags, time_limit"
        in problem.message
    )


def test_unknown_key_without_close_match(tmp_path):
    write(tmp_path, "a.yaml", "owner: me\n" + bank_file("one"))
    problem = only_problem(tmp_path)
    assert problem.line == 1
    assert "unknown key 'owner'; remove or rename it." in problem.message
    assert "Allowed keys: category, time_limit, questions" in problem.message


def test_duplicate_id_across_files_names_both(tmp_path):
    first = write(tmp_path, "a.yaml", bank_file("same-id"))
    second = write(tmp_path, "b.yaml", bank_file("other-id", "same-id"))
    questions, problems = load(tmp_path)
    assert [q.id for q in questions] == ["same-id", "other-id"]
    assert len(problems) == 1
    assert problems[0].path == second
    assert problems[0].line == 7
    assert "duplicate question id 'same-id'" in problems[0].message
    assert f"first defined at {first}:3" in problems[0].message


def test_duplicate_id_in_one_file(tmp_path):
    path = write(tmp_path, "a.yaml", bank_file("twice", "twice"))
    problem = only_problem(tmp_path)
    assert problem.line == 7
    assert f"first defined at {path}:3" in problem.message


def test_empty_file(tmp_path):
    path = write(tmp_path, "a.yaml", "")
    problem = only_problem(tmp_path)
    assert problem.path == path
    assert "file is empty" in problem.message


def test_comment_only_file_is_empty(tmp_path):
    write(tmp_path, "a.yaml", "# questions come later\n")
    problem = only_problem(tmp_path)
    assert "file is empty" in problem.message


def test_empty_question_list(tmp_path):
    write(tmp_path, "a.yaml", "category: Serverless\nquestions: []\n")
    problem = only_problem(tmp_path)
    assert problem.line == 2
    assert "'questions' is empty" in problem.message


def test_empty_question_list_after_broken_file(tmp_path):
    write(tmp_path, "a.yaml", "category: [broken\n")
    empty = write(tmp_path, "b.yaml", "category: Serverless\nquestions: []\n")
    _, problems = load(tmp_path)
    assert [p.path for p in problems] == [tmp_path / "a.yaml", empty]
    assert "'questions' is empty" in problems[1].message


def test_top_level_list_rejected(tmp_path):
    write(tmp_path, "a.yaml", "- id: one\n- id: two\n")
    problem = only_problem(tmp_path)
    assert problem.line == 1
    assert "must be a mapping with 'category' and 'questions'" in problem.message


def test_tab_indentation_gives_line(tmp_path):
    path = write(
        tmp_path,
        "a.yaml",
        "category: Serverless\nquestions:\n  - id: one\n\tprompt: P?\n",
    )
    problem = only_problem(tmp_path)
    assert problem.path == path
    assert problem.line == 4
    assert "indented with a tab" in problem.message
    assert "replace the tab with spaces" in problem.message


def test_tab_inside_block_scalar_is_valid(tmp_path):
    write(
        tmp_path,
        "a.yaml",
        "category: Serverless\n"
        "questions:\n"
        "  - id: tabbed-code\n"
        "    prompt: P?\n"
        "    difficulty: mid\n"
        "    model_answer: |\n"
        "      A Makefile recipe starts with a tab:\n"
        "      \tgo build ./...\n",
    )
    questions, problems = load(tmp_path)
    assert problems == []
    assert "\tgo build" in questions[0].model_answer


@pytest.mark.parametrize(
    ("line", "source", "kind"),
    [
        ("prompt: no", "no", "a boolean"),
        ("prompt: yes", "yes", "a boolean"),
        ("prompt: 3.10", "3.10", "a number"),
        ("prompt: 2024-01-31", "2024-01-31", "a date"),
    ],
)
def test_unquoted_prompt_converted_by_yaml(tmp_path, line, source, kind):
    write(
        tmp_path,
        "a.yaml",
        f"category: Serverless\nquestions:\n  - id: one\n    {line}\n"
        "    difficulty: mid\n    model_answer: A.\n",
    )
    problem = only_problem(tmp_path)
    assert problem.line == 4
    assert f"YAML read {source!r} as {kind}" in problem.message
    assert f'put it in quotes: prompt: "{source}"' in problem.message


def test_unquoted_category_number(tmp_path):
    write(tmp_path, "a.yaml", bank_file("one", category="3.10"))
    problem = only_problem(tmp_path)
    assert problem.line == 1
    assert (
        "'category' must be text, but YAML read '3.10' as a number" in problem.message
    )
    assert 'category: "3.10"' in problem.message


def test_bad_category_drops_file_questions(tmp_path):
    write(tmp_path, "a.yaml", bank_file("one", category="3.10"))
    questions, _ = load(tmp_path)
    assert questions == []


def test_unquoted_tag_shows_source_text(tmp_path):
    write(tmp_path, "a.yaml", bank_file("one") + "    tags: [lambda, off]\n")
    problem = only_problem(tmp_path)
    assert problem.line == 7
    assert "'questions[0].tags[1]' must be text" in problem.message
    assert "YAML read 'off' as a boolean" in problem.message


def test_invalid_yaml_syntax(tmp_path):
    path = write(
        tmp_path,
        "a.yaml",
        "category: Serverless\nquestions:\n  - id: one\n    prompt: [unclosed\n"
        "    difficulty: mid\n",
    )
    problem = only_problem(tmp_path)
    assert problem.path == path
    assert problem.line == 5
    assert problem.message.startswith("invalid YAML: ")


def test_colon_in_plain_prompt_is_invalid_yaml(tmp_path):
    write(
        tmp_path,
        "a.yaml",
        "category: Serverless\nquestions:\n  - id: one\n"
        "    prompt: Compare two things: A and B\n",
    )
    problem = only_problem(tmp_path)
    assert problem.line == 4
    assert problem.message.startswith("invalid YAML: mapping values are not allowed")
    assert "put a value that contains ': ' in quotes" in problem.message


def test_duplicate_key_in_question(tmp_path):
    write(tmp_path, "a.yaml", bank_file("one") + "    prompt: Again?\n")
    problem = only_problem(tmp_path)
    assert problem.line == 7
    assert "duplicate key 'prompt'" in problem.message


def test_bad_difficulty(tmp_path):
    write(
        tmp_path,
        "a.yaml",
        bank_file("one").replace("difficulty: mid", "difficulty: expert"),
    )
    problem = only_problem(tmp_path)
    assert problem.line == 5
    assert "difficulty 'expert' is not one of junior, mid, senior" in problem.message


@pytest.mark.parametrize(
    "bad_id", ["Cold-Starts", "cold_starts", "cold--starts", "-cold", "cold starts"]
)
def test_bad_id_slug(tmp_path, bad_id):
    write(tmp_path, "a.yaml", bank_file(f"'{bad_id}'"))
    problem = only_problem(tmp_path)
    assert problem.line == 3
    assert f"id {bad_id!r} is not a slug" in problem.message
    assert "lowercase letters, digits and single hyphens" in problem.message


def test_non_utf8_file(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes(
        "category: Serverless\nquestions:\n  - id: one\n    prompt: Caf\xe9?\n".encode(
            "latin-1"
        )
    )
    problem = only_problem(tmp_path)
    assert problem.path == path
    assert problem.line == 4
    assert "not UTF-8 text" in problem.message
    assert "save it as UTF-8" in problem.message


def test_utf8_byte_order_mark_accepted(tmp_path):
    (tmp_path / "a.yaml").write_bytes(b"\xef\xbb\xbf" + bank_file("one").encode())
    questions, problems = load(tmp_path)
    assert problems == []
    assert [q.id for q in questions] == ["one"]


def test_missing_folder(tmp_path):
    missing = tmp_path / "nowhere"
    problem = only_problem(missing)
    assert problem.path == missing
    assert problem.line is None
    assert "bank folder not found" in problem.message


def test_folder_without_yaml_files(tmp_path):
    (tmp_path / "notes.txt").write_text("not a bank")
    problem = only_problem(tmp_path)
    assert "holds no .yaml files" in problem.message


def test_yml_extension_loaded(tmp_path):
    write(tmp_path, "a.yml", bank_file("from-yml"))
    questions, _ = load(tmp_path)
    assert [q.id for q in questions] == ["from-yml"]


def test_problem_text_is_file_line_message(tmp_path):
    path = write(tmp_path, "a.yaml", bank_file("Bad"))
    problem = only_problem(tmp_path)
    assert str(problem).startswith(f"{path}:3: id 'Bad' is not a slug")


def test_bad_question_keeps_its_neighbours(tmp_path):
    write(tmp_path, "a.yaml", bank_file("good-one", "Bad", "good-two"))
    questions, problems = load(tmp_path)
    assert [q.id for q in questions] == ["good-one", "good-two"]
    assert len(problems) == 1


def test_broken_file_does_not_stop_others(tmp_path):
    bank = tmp_path / "bank"
    rubrics = tmp_path / "rubrics"
    write(bank, "a.yaml", "category: [broken\n")
    write(bank, "b.yaml", bank_file("still-loaded"))
    write(bank, "c.yaml", "")
    write(
        rubrics,
        "r.yaml",
        """\
        still-loaded:
          concepts:
            - label: Execution environment
              phrases: [execution environment]
        """,
    )
    catalog = load_catalog([bank], [rubrics], include_builtin=False)
    assert [q.id for q in catalog.questions] == ["still-loaded"]
    assert [p.path.name for p in catalog.problems] == ["a.yaml", "c.yaml"]
