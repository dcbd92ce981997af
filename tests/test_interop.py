"""Anki export and the import of question tables into bank files."""

from __future__ import annotations

import csv
import io
import os
import stat
from pathlib import Path

import pytest

from interviewer import catalog as catalog_module
from interviewer.bank import Question, load_question_file
from interviewer.cli import main
from interviewer.errors import BankError, InterviewerError, Problem
from interviewer.interop import (
    ANKI_HEADER,
    anki_export_text,
    bank_yaml,
    import_question_table,
    markdown_to_html,
    read_question_table,
    slugify,
    write_new_file,
)

DATA = Path(__file__).parent / "data"
SAMPLE = ["--bank", str(DATA / "bank"), "--rubrics", str(DATA / "rubrics")]


def make_question(**changes: object) -> Question:
    values: dict[str, object] = {
        "id": "tcp-handshake",
        "category": "Networking Basics",
        "prompt": "What is the TCP handshake?",
        "model_answer": "SYN, SYN-ACK, ACK.",
        "time_limit": 300,
        "difficulty": "junior",
        "tags": ("tcp", "transport layer"),
        "path": Path("bank/net.yaml"),
        "line": 3,
    }
    values.update(changes)
    return Question(**values)  # type: ignore[arg-type]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(BankError) as error:
        read_question_table(path)
    return [str(problem) for problem in error.value.problems]


# Anki export


def test_export_starts_with_anki_headers():
    lines = anki_export_text([make_question()]).splitlines()
    assert lines[: len(ANKI_HEADER)] == list(ANKI_HEADER)


def test_export_headers_name_columns():
    assert "#separator:tab" in ANKI_HEADER
    assert "#html:true" in ANKI_HEADER
    assert "#tags column:3" in ANKI_HEADER
    assert "#guid column:4" in ANKI_HEADER


def test_export_row_has_four_fields():
    text = anki_export_text([make_question(), make_question(id="udp")])
    rows = text.splitlines()[len(ANKI_HEADER) :]
    assert len(rows) == 2
    assert [len(row.split("\t")) for row in rows] == [4, 4]


def test_export_fields():
    row = anki_export_text([make_question()]).splitlines()[-1]
    front, back, tags, guid = row.split("\t")
    assert front == "What is the TCP handshake?"
    assert back == "<p>SYN, SYN-ACK, ACK.</p>"
    assert tags == "interviewer networking-basics junior tcp transport_layer"
    assert guid == "interviewer:tcp-handshake"


def test_export_escapes_prompt_html():
    question = make_question(prompt='Is <div> a "block" & why?')
    front = anki_export_text([question]).splitlines()[-1].split("\t")[0]
    assert front == "Is &lt;div&gt; a &quot;block&quot; &amp; why?"


def test_export_escapes_leading_hash():
    front = anki_export_text([make_question(prompt="#1 question?")]).splitlines()[-1]
    assert front.startswith("&#35;1 question?\t")


def test_export_fields_have_no_tabs_or_newlines():
    answer = "Line one\nline two.\n\n```\nif x:\n\treturn 1\n```\n\n- a\n- b\n"
    text = anki_export_text([make_question(model_answer=answer)])
    rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    assert len(rows) == len(ANKI_HEADER) + 1
    assert len(rows[-1]) == 4


def test_markdown_bold_and_code():
    html = markdown_to_html("A **cold start** uses `init`.")
    assert html == "<p>A <strong>cold start</strong> uses <code>init</code>.</p>"


def test_markdown_list():
    html = markdown_to_html("- **One**: first\n- Two\n")
    assert html == "<ul> <li><strong>One</strong>: first</li> <li>Two</li> </ul>"


def test_markdown_code_block_keeps_lines():
    html = markdown_to_html("```\nif x:\n\treturn 1\n```\n")
    assert html == "<pre><code>if x:<br>&#9;return 1</code></pre>"


def test_markdown_soft_break_becomes_space():
    assert markdown_to_html("one\ntwo") == "<p>one two</p>"


def test_markdown_raw_html_escaped():
    assert markdown_to_html("<script>x</script>") == (
        "<p>&lt;script&gt;x&lt;/script&gt;</p>"
    )


# reading tables


def test_header_row_skipped(tmp_path):
    path = write(tmp_path, "q.csv", "Question,Answer\nWhat is DNS?,Name lookup.\n")
    rows = read_question_table(path)
    assert [(r.prompt, r.answer, r.line) for r in rows] == [
        ("What is DNS?", "Name lookup.", 2)
    ]


def test_table_without_header(tmp_path):
    path = write(tmp_path, "q.csv", "What is DNS?,Name lookup.\n")
    assert read_question_table(path)[0].line == 1


def test_quoted_fields_with_commas_and_newlines(tmp_path):
    text = (
        "question,answer\n"
        '"What are TCP, UDP and QUIC?","TCP is reliable, ordered.\n'
        'UDP is not.\n\nQUIC runs over UDP."\n'
        "What is DNS?,Name lookup.\n"
    )
    rows = read_question_table(write(tmp_path, "q.csv", text))
    assert rows[0].prompt == "What are TCP, UDP and QUIC?"
    assert (
        rows[0].answer
        == "TCP is reliable, ordered.\nUDP is not.\n\nQUIC runs over UDP."
    )
    assert rows[1].line == 6


def test_escaped_quotes(tmp_path):
    path = write(tmp_path, "q.csv", '"What does ""idempotent"" mean?",Same result.\n')
    assert read_question_table(path)[0].prompt == 'What does "idempotent" mean?'


def test_crlf_line_endings(tmp_path):
    text = 'question,answer\r\nWhat is DNS?,"Name\r\nlookup."\r\n'
    rows = read_question_table(write(tmp_path, "q.csv", text))
    assert rows[0].answer == "Name\nlookup."


def test_tsv_by_suffix(tmp_path):
    path = write(tmp_path, "q.tsv", "What is a, b?\tA pair, of things.\n")
    rows = read_question_table(path)
    assert (rows[0].prompt, rows[0].answer) == ("What is a, b?", "A pair, of things.")


def test_tab_detected_without_suffix(tmp_path):
    path = write(tmp_path, "q.txt", "What is DNS?\tName lookup, mostly.\n")
    assert read_question_table(path)[0].answer == "Name lookup, mostly."


def test_utf8_bom_ignored(tmp_path):
    path = tmp_path / "q.csv"
    path.write_bytes("\ufeffquestion,answer\nWhat is DNS?,Lookup.\n".encode())
    assert read_question_table(path)[0].prompt == "What is DNS?"


def test_empty_rows_skipped(tmp_path):
    text = (
        "\nquestion,answer\n\nWhat is DNS?,Lookup.\n,\n  ,  \n\n"
        "What is ARP?,MAC lookup.\n"
    )
    rows = read_question_table(write(tmp_path, "q.csv", text))
    assert [(r.prompt, r.line) for r in rows] == [
        ("What is DNS?", 4),
        ("What is ARP?", 8),
    ]


def test_trailing_empty_columns_allowed(tmp_path):
    path = write(tmp_path, "q.csv", "What is DNS?,Lookup.,,\n")
    assert read_question_table(path)[0].answer == "Lookup."


def test_duplicate_prompts_rejected(tmp_path):
    text = "What is DNS?,Lookup.\nWhat is ARP?,MAC.\nwhat is  DNS?,Again.\n"
    path = write(tmp_path, "q.csv", text)
    assert problems_of(path) == [
        f"{path}:3: duplicate question, first at line 1; remove one of the two rows"
    ]


def test_bad_rows_give_file_line(tmp_path):
    text = (
        "question,answer\n"
        "Only a question\n"
        ",An answer without a question\n"
        "What is DNS?,Lookup.,extra\n"
        "What is ARP?,MAC lookup.\n"
    )
    path = write(tmp_path, "q.csv", text)
    found = problems_of(path)
    assert len(found) == 3
    assert found[0].startswith(f"{path}:2: row has no answer")
    assert found[1].startswith(f"{path}:3: question is empty")
    assert found[2].startswith(f"{path}:4: row has 3 columns")


def test_bad_row_after_multiline_field_has_right_line(tmp_path):
    text = 'Q1,"line one\nline two\nline three"\nOnly a question\n'
    path = write(tmp_path, "q.csv", text)
    assert problems_of(path)[0].startswith(f"{path}:4: row has no answer")


def test_unterminated_quote_reported(tmp_path):
    path = write(tmp_path, "q.csv", 'What is DNS?,"Lookup.\n')
    assert "invalid CSV" in problems_of(path)[0]


def test_header_only_is_error(tmp_path):
    path = write(tmp_path, "q.csv", "question,answer\n")
    assert problems_of(path) == [
        f"{path}: no questions found; expected rows of question and answer"
    ]


def test_missing_table_file(tmp_path):
    with pytest.raises(InterviewerError, match="not found"):
        read_question_table(tmp_path / "nope.csv")


def test_non_utf8_table(tmp_path):
    path = tmp_path / "q.csv"
    path.write_bytes("What is caf\xe9?,A shop.\n".encode("latin-1"))
    with pytest.raises(InterviewerError, match="not UTF-8"):
        read_question_table(path)


def test_anki_export_reads_back(tmp_path):
    answer = "A **three-way** handshake:\n\n- SYN\n- ACK\n\nThen data & more."
    question = make_question(prompt="What is <the> TCP handshake?", model_answer=answer)
    path = write(tmp_path, "deck.txt", anki_export_text([question]))
    [row] = read_question_table(path)
    assert row.prompt == "What is <the> TCP handshake?"
    assert row.answer == "A three-way handshake:\n\n- SYN\n- ACK\n\nThen data & more."
    assert row.line == len(ANKI_HEADER) + 1


def test_hash_line_that_is_no_header_is_data(tmp_path):
    path = write(tmp_path, "q.csv", "#1 question: DNS?,Lookup.\n")
    assert read_question_table(path)[0].prompt == "#1 question: DNS?"


def test_anki_two_column_file_reads_html(tmp_path):
    text = (
        "#separator:Pipe\n#html:true\n"
        "What is &lt;b&gt;?|Bold text<br>in <b>HTML</b> &amp; more.\n"
    )
    rows = read_question_table(write(tmp_path, "deck.txt", text))
    assert rows[0].prompt == "What is <b>?"
    assert rows[0].answer == "Bold text\nin HTML & more."
    assert rows[0].line == 3


# ids and bank YAML


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("What is the TCP handshake?", "tcp-handshake"),
        ("Explain how DNS resolution works.", "dns-resolution-works"),
        ("Qu'est-ce qu'un café réseau ?", "qu-est-ce-qu-un"),
        ("What is it?", "question"),
        (
            "Why would you use idempotency keys in payment APIs at scale?",
            "use-idempotency-keys-payment-apis",
        ),
    ],
)
def test_slugify(prompt, expected):
    assert slugify(prompt) == expected


def test_slugify_unique():
    assert slugify("What is DNS?", {"dns", "dns-2"}) == "dns-3"


def test_slugify_max_length():
    slug = slugify("Supercalifragilisticexpialidocious antidisestablishmentarianism x")
    assert len(slug) <= 48
    assert slug == "supercalifragilisticexpialidocious"


def test_bank_yaml_loads_cleanly(tmp_path):
    text = (
        "question,answer\n"
        '"What is DNS: really?","- **Names** to addresses\n- Cached: yes"\n'
        "What is DNS?,Lookup.\n"
        '"# Not a comment?",Plain.\n'
    )
    rows = read_question_table(write(tmp_path, "q.csv", text))
    yaml_text, ids = bank_yaml(rows, category="Networking", source=Path("q.csv"))
    bank = write(tmp_path, "net.yaml", yaml_text)
    problems: list[Problem] = []
    questions = load_question_file(bank, problems)
    assert problems == []
    assert [q.id for q in questions] == ids == ["dns-really", "dns", "not-comment"]
    assert questions[0].prompt == "What is DNS: really?"
    assert (
        questions[0].model_answer.strip() == "- **Names** to addresses\n- Cached: yes"
    )
    assert questions[2].prompt == "# Not a comment?"


def test_bank_yaml_defaults(tmp_path):
    rows = read_question_table(write(tmp_path, "q.csv", "What is DNS?,Lookup.\n"))
    yaml_text, _ = bank_yaml(rows, category="Networking", source=Path("q.csv"))
    [question] = load_question_file(write(tmp_path, "net.yaml", yaml_text), [])
    assert question.category == "Networking"
    assert question.difficulty == "mid"
    assert question.time_limit == 300


def test_bank_yaml_avoids_taken_ids(tmp_path):
    rows = read_question_table(
        write(tmp_path, "q.csv", "What is DNS?,Lookup.\nDNS?,Also lookup.\n")
    )
    _, ids = bank_yaml(rows, category="Net", source=Path("q.csv"), taken_ids={"dns"})
    assert ids == ["dns-2", "dns-3"]


def test_bank_yaml_says_rubrics_missing(tmp_path):
    rows = read_question_table(write(tmp_path, "q.csv", "What is DNS?,Lookup.\n"))
    yaml_text, _ = bank_yaml(rows, category="Net", source=Path("q.csv"))
    assert "interviewer draft-rubric --missing" in yaml_text


def test_import_never_overwrites(tmp_path):
    source = write(tmp_path, "q.csv", "What is DNS?,Lookup.\n")
    output = write(tmp_path, "net.yaml", "keep me\n")
    with pytest.raises(InterviewerError, match="--force"):
        import_question_table(source, output, category="Net")
    assert output.read_text() == "keep me\n"


def test_import_force_replaces(tmp_path):
    source = write(tmp_path, "q.csv", "What is DNS?,Lookup.\n")
    output = write(tmp_path, "net.yaml", "keep me\n")
    assert import_question_table(source, output, category="Net", force=True) == ["dns"]
    assert "What is DNS?" in output.read_text()


def test_import_writes_nothing_on_bad_rows(tmp_path):
    source = write(tmp_path, "q.csv", "What is DNS?,Lookup.\nno answer\n")
    output = tmp_path / "net.yaml"
    with pytest.raises(BankError):
        import_question_table(source, output, category="Net")
    assert not output.exists()


def test_import_empty_category_rejected(tmp_path):
    source = write(tmp_path, "q.csv", "What is DNS?,Lookup.\n")
    with pytest.raises(InterviewerError, match="category is empty"):
        import_question_table(source, tmp_path / "net.yaml", category="  ")


# commands


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """An empty built-in bank and no config file."""
    empty = tmp_path / "builtin-empty"
    empty.mkdir()
    monkeypatch.setattr(catalog_module, "builtin_bank_dir", lambda: empty)
    monkeypatch.setattr(catalog_module, "builtin_rubrics_dir", lambda: empty)
    monkeypatch.setattr("interviewer.practice_commands.builtin_bank_dir", lambda: empty)
    monkeypatch.setenv("INTERVIEWER_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INTERVIEWER_CACHE_DIR", "")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv), stdin=io.StringIO(""))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_anki_export_command(capsys, isolated, tmp_path):
    output = tmp_path / "deck.txt"
    code, _, err = run(capsys, "anki-export", "-o", str(output), *SAMPLE)
    rows = output.read_text().splitlines()[len(ANKI_HEADER) :]
    assert code == 0
    assert "wrote 2 notes" in err
    assert [row.split("\t")[3] for row in rows] == [
        "interviewer:sample-cold-starts",
        "interviewer:sample-layers",
    ]


def test_anki_export_command_category(capsys, isolated, tmp_path):
    other = tmp_path / "other-bank"
    other.mkdir()
    (other / "dns.yaml").write_text(
        "category: Networking\nquestions:\n  - id: dns\n    prompt: What is DNS?\n"
        "    difficulty: junior\n    model_answer: Lookup.\n"
    )
    rubrics = tmp_path / "other-rubrics"
    rubrics.mkdir()
    (rubrics / "dns.yaml").write_text(
        "dns:\n  concepts:\n    - label: Lookup\n      phrases: [lookup]\n"
    )
    code, out, _ = run(
        capsys,
        "anki-export",
        "--category",
        "networking",
        "-o",
        "-",
        *SAMPLE,
        "--bank",
        str(other),
        "--rubrics",
        str(rubrics),
    )
    rows = out.splitlines()[len(ANKI_HEADER) :]
    assert code == 0
    assert [row.split("\t")[3] for row in rows] == ["interviewer:dns"]


def test_anki_export_unknown_category_exits_2(capsys, isolated, tmp_path):
    code, _, err = run(
        capsys, "anki-export", "--category", "cooking", "-o", "-", *SAMPLE
    )
    assert code == 2
    assert "'cooking' is not a category" in err


def test_import_command_then_validate(capsys, isolated, tmp_path):
    source = write(tmp_path, "q.csv", "question,answer\nWhat is DNS?,Name lookup.\n")
    bank = tmp_path / "my-bank"
    output = bank / "net.yaml"
    code, out, _ = run(
        capsys, "import", str(source), "--category", "Networking", "-o", str(output)
    )
    assert code == 0
    assert "wrote 1 questions" in out
    assert "draft-rubric --missing" in out

    code, out, _ = run(capsys, "validate", "--bank", str(bank))
    assert code == 1
    assert "question 'dns' has no rubric" in out
    assert f"interviewer draft-rubric dns --bank {bank}" in out


def test_import_command_refuses_existing(capsys, isolated, tmp_path):
    source = write(tmp_path, "q.csv", "What is DNS?,Lookup.\n")
    output = write(tmp_path, "net.yaml", "keep me\n")
    code, _, err = run(
        capsys, "import", str(source), "--category", "N", "-o", str(output)
    )
    assert code == 2
    assert "pass --force" in err
    assert output.read_text() == "keep me\n"


def test_import_command_bad_rows_exit_2(capsys, isolated, tmp_path):
    source = write(tmp_path, "q.csv", "What is DNS?,Lookup.\nno answer\n")
    output = tmp_path / "net.yaml"
    code, _, err = run(
        capsys, "import", str(source), "--category", "N", "-o", str(output)
    )
    assert code == 2
    assert "nothing was written" in err
    assert f"{source}:2: row has no answer" in err
    assert not output.exists()


def test_import_command_avoids_ids_in_bank_folder(capsys, isolated, tmp_path):
    bank = tmp_path / "my-bank"
    bank.mkdir()
    (bank / "old.yaml").write_text(
        "category: Old\nquestions:\n  - id: dns\n    prompt: What is DNS?\n"
        "    difficulty: junior\n    model_answer: Lookup.\n"
    )
    source = write(tmp_path, "q.csv", "DNS?,Lookup.\n")
    code, out, _ = run(
        capsys, "import", str(source), "--category", "N", "-o", str(bank / "new.yaml")
    )
    assert code == 0
    assert "new.yaml: dns-2" in out


def test_import_command_needs_yaml_suffix(capsys, isolated, tmp_path):
    source = write(tmp_path, "q.csv", "What is DNS?,Lookup.\n")
    code, _, err = run(
        capsys, "import", str(source), "--category", "N", "-o", str(tmp_path / "x.txt")
    )
    assert code == 2
    assert "does not end in .yaml" in err


def test_write_keeps_a_device_a_device():
    write_new_file(Path(os.devnull), "text", force=False)
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_write_through_symlink_keeps_link(tmp_path):
    target = tmp_path / "target.txt"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_new_file(link, "new", force=True)
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "new"


def test_write_gives_umask_permissions(tmp_path):
    path = tmp_path / "out.txt"
    write_new_file(path, "text", force=False)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
