"""Anki export of the bank, and import of question tables into a bank file.

The export is a tab-separated text file that Anki's File > Import reads
with no settings to change, because its header lines set the separator, turn
HTML on, pick the Basic note type and name the tags and GUID columns. The GUID is
built from the question id, so importing a newer export updates the notes
already in Anki instead of adding duplicates.

The import reads a two-column table (question, answer) as CSV or TSV and
writes a bank YAML file. Its questions have no rubrics yet, so they cannot
be scored until a rubric is written or drafted for each one.
"""

from __future__ import annotations

import csv
import html
import os
import re
import tempfile
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt

from interviewer.bank import Question, load_question_file, load_questions
from interviewer.errors import BankError, InterviewerError, Problem
from interviewer.scoring.normalize import STOP_WORDS
from interviewer.selection import category_key

ANKI_HEADER = (
    "#separator:tab",
    "#html:true",
    "#notetype:Basic",
    "#tags column:3",
    "#guid column:4",
)
"""File header lines of Anki's text import; columns are numbered from 1."""
GUID_PREFIX = "interviewer:"

DEFAULT_DIFFICULTY = "mid"
DEFAULT_IMPORT_TIME_LIMIT = 300
MAX_SLUG_WORDS = 5
MAX_SLUG_LENGTH = 48
QUESTION_WORDS = frozenset(
    "what why when where which who whom whose would will you your explain "
    "describe define tell give".split()
)
"""Words left out of ids made from prompts, besides the scorer's stop words."""
HEADER_QUESTIONS = frozenset({"question", "questions", "prompt", "front", "q"})
HEADER_ANSWERS = frozenset(
    {"answer", "answers", "model answer", "model_answer", "back", "a"}
)
DELIMITERS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}

_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")
_PRE_BLOCK = re.compile(r"(<pre>.*?</pre>)", re.DOTALL)
ANKI_HEADER_KEYS = frozenset(
    {"separator", "html", "tags", "columns", "notetype", "deck"}
    | {"tags column", "guid column", "notetype column", "deck column"}
)
"""Keys of the ``#key:value`` file header lines that Anki reads."""
ANKI_META_COLUMNS = ("tags column", "guid column", "notetype column", "deck column")
"""Header keys that name a column holding no note field."""

_HTML_ITEM = re.compile(r"<li(?:\s[^>]*)?>", re.IGNORECASE)
_HTML_BREAK = re.compile(r"<br\s*/?>|</div>|</h[1-6]>", re.IGNORECASE)
_HTML_PARAGRAPH_END = re.compile(r"</p>|</pre>|</ul>|</ol>", re.IGNORECASE)
_HTML_TAG = re.compile(r"<[^>]+>")


# -- Anki export -------------------------------------------------------------


def markdown_to_html(text: str) -> str:
    """Render Markdown as HTML on one line, for one field of a text file.

    Raw HTML in the source is escaped, not passed through. Line breaks inside
    code blocks become ``<br>`` and other line breaks become spaces, so no
    field needs quoting.
    """
    rendered = _MARKDOWN.render(text).replace("\t", "&#9;")
    parts = _PRE_BLOCK.split(rendered)
    for index, part in enumerate(parts):
        if index % 2:
            parts[index] = part.replace("\n</code>", "</code>").replace("\n", "<br>")
        else:
            parts[index] = part.replace("\n", " ")
    return "".join(parts).strip()


def anki_tags(question: Question) -> str:
    """Return the question's Anki tags, space-separated as Anki expects."""
    tags = ["interviewer", category_key(question.category), question.difficulty]
    tags += [re.sub(r"\s+", "_", tag.strip()) for tag in question.tags]
    return " ".join(dict.fromkeys(tag for tag in tags if tag))


def anki_export_text(questions: Iterable[Question]) -> str:
    """Return the Anki import file for ``questions``: front, back, tags, GUID."""
    lines = list(ANKI_HEADER)
    for question in questions:
        front = html.escape(question.prompt.strip()).replace("\n", "<br>")
        if front.startswith("#"):
            # Anki reads a line that starts with "#" as a comment.
            front = "&#35;" + front[1:]
        fields = [
            front.replace("\t", "&#9;"),
            markdown_to_html(question.model_answer),
            anki_tags(question),
            GUID_PREFIX + question.id,
        ]
        lines.append("\t".join(fields))
    return "\n".join(lines) + "\n"


# -- reading a question table ------------------------------------------------


@dataclass(frozen=True, slots=True)
class TableRow:
    """One question read from an imported table."""

    prompt: str
    answer: str
    line: int
    """1-based line of the file where the row starts."""


@dataclass(frozen=True, slots=True)
class _TableFormat:
    delimiter: str
    is_html: bool
    header_lines: int
    """Leading Anki ``#key:value`` lines, read as file headers."""
    meta_columns: frozenset[int]
    """0-based columns that Anki's headers mark as tags, GUID, deck or note type."""


def _read_table_format(path: Path, lines: list[str]) -> _TableFormat:
    delimiter: str | None = None
    is_html = False
    header_lines = 0
    meta_columns: set[int] = set()
    for line in lines:
        key, colon, value = line[1:].partition(":")
        key, value = key.strip().lower(), value.strip()
        if not line.startswith("#") or not colon or key not in ANKI_HEADER_KEYS:
            break
        header_lines += 1
        if key == "separator":
            single = value if len(value) == 1 else None
            delimiter = DELIMITERS.get(value.lower(), single)
        elif key == "html":
            is_html = value.lower() == "true"
        elif key in ANKI_META_COLUMNS and value.isdigit() and int(value) > 0:
            meta_columns.add(int(value) - 1)
    if delimiter is None:
        suffix = path.suffix.lower()
        first = next((line for line in lines[header_lines:] if line.strip()), "")
        if suffix in (".tsv", ".tab") or (suffix != ".csv" and "\t" in first):
            delimiter = "\t"
        else:
            delimiter = ","
    return _TableFormat(delimiter, is_html, header_lines, frozenset(meta_columns))


def _html_to_text(text: str) -> str:
    # List items become Markdown items, and paragraphs stay apart by one blank
    # line. Other formatting is dropped, and so is indentation.
    text = _HTML_ITEM.sub("\n- ", text)
    text = _HTML_BREAK.sub("\n", text)
    text = _HTML_PARAGRAPH_END.sub("\n\n", text)
    text = html.unescape(_HTML_TAG.sub("", text))
    lines: list[str] = []
    for line in (line.strip() for line in text.splitlines()):
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip()


def _clean(cell: str, is_html: bool) -> str:
    text = cell.replace("\r\n", "\n").replace("\r", "\n")
    if is_html:
        text = _html_to_text(text)
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def _is_header(cells: list[str]) -> bool:
    names = [cell.strip().casefold() for cell in cells]
    return (
        len(names) >= 2 and names[0] in HEADER_QUESTIONS and names[1] in HEADER_ANSWERS
    )


def read_question_table(path: Path) -> list[TableRow]:
    """Read a two-column table of questions and answers, CSV or TSV.

    The separator comes from an Anki ``#separator:`` header line when there
    is one, else from the suffix (``.tsv`` is tab, ``.csv`` is comma), else
    from the first row. An optional header row such as ``question,answer``
    is skipped, and so are empty rows. With ``#html:true``, HTML is turned
    back into plain text.

    Raises:
        BankError: with a ``file:line`` problem for every bad row, such as a
            missing answer, extra columns or a repeated question.
        InterviewerError: the file cannot be read as UTF-8 text.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        message = f"question table not found: {path}"
        raise InterviewerError(message) from None
    except UnicodeDecodeError:
        message = f"{path} is not UTF-8 text; save it as UTF-8 CSV or TSV"
        raise InterviewerError(message) from None
    except OSError as error:
        message = f"cannot read {path}: {error.strerror}"
        raise InterviewerError(message) from None

    lines = text.splitlines(keepends=True)
    table = _read_table_format(path, lines)
    reader = csv.reader(
        lines[table.header_lines :], delimiter=table.delimiter, strict=True
    )
    problems: list[Problem] = []
    rows: list[TableRow] = []
    first_line_of: dict[str, int] = {}
    content_seen = False
    end = table.header_lines
    while True:
        start = end + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            line = reader.line_num + table.header_lines
            problems.append(Problem(path, line, f"invalid CSV: {error}"))
            break
        end = reader.line_num + table.header_lines

        values = [
            _clean(cell, table.is_html)
            for index, cell in enumerate(cells)
            if index not in table.meta_columns
        ]
        while values and not values[-1]:
            values.pop()
        if not values:
            continue
        if not content_seen and _is_header(values):
            content_seen = True
            continue
        content_seen = True
        row_problem = _row_problem(values, table.delimiter)
        if row_problem is not None:
            problems.append(Problem(path, start, row_problem))
            continue

        prompt, answer = values
        key = " ".join(prompt.casefold().split())
        if key in first_line_of:
            message = (
                f"duplicate question, first at line {first_line_of[key]}; "
                "remove one of the two rows"
            )
            problems.append(Problem(path, start, message))
            continue
        first_line_of[key] = start
        rows.append(TableRow(prompt, answer, start))

    if not rows and not problems:
        message = "no questions found; expected rows of question and answer"
        problems.append(Problem(path, None, message))
    if problems:
        raise BankError(problems)
    return rows


def _row_problem(values: list[str], delimiter: str) -> str | None:
    separator = "a tab" if delimiter == "\t" else repr(delimiter)
    if len(values) > 2:
        return (
            f"row has {len(values)} columns; expected 2 (question and answer). "
            "Quote a field that contains the separator"
        )
    if len(values) < 2:
        return (
            "row has no answer; expected 2 columns (question and answer) "
            f"separated by {separator}"
        )
    if not values[0]:
        return "question is empty; write the question in the first column"
    return None


# -- writing a bank file -----------------------------------------------------


def slugify(prompt: str, existing_ids: Collection[str] = ()) -> str:
    """Return a question id made from a prompt, unique among ``existing_ids``.

    The id keeps the first few words that are neither stop words nor
    question words, as ASCII. A suffix of ``-2``, ``-3`` and so on makes it
    unique.
    """
    ascii_text = unicodedata.normalize("NFKD", prompt).encode("ascii", "ignore")
    words = re.findall(r"[a-z0-9]+", ascii_text.decode().lower())
    content_words = [
        w for w in words if w not in STOP_WORDS and w not in QUESTION_WORDS
    ]
    base = ""
    for word in content_words[:MAX_SLUG_WORDS]:
        candidate = f"{base}-{word}" if base else word
        if len(candidate) > MAX_SLUG_LENGTH:
            break
        base = candidate
    base = base or "question"
    slug, number = base, 2
    while slug in existing_ids:
        slug = f"{base}-{number}"
        number += 1
    return slug


class _BankDumper(yaml.SafeDumper):
    """Dumps multi-line text as literal blocks and indents list items."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_BankDumper.add_representer(str, _represent_text)


def bank_yaml(
    rows: Sequence[TableRow],
    *,
    category: str,
    source: Path,
    difficulty: str = DEFAULT_DIFFICULTY,
    time_limit: int = DEFAULT_IMPORT_TIME_LIMIT,
    taken_ids: Collection[str] = (),
) -> tuple[str, list[str]]:
    """Return the bank YAML for ``rows`` and the question ids it gives them."""
    ids: list[str] = []
    questions: list[dict[str, Any]] = []
    used_ids = set(taken_ids)
    for row in rows:
        question_id = slugify(row.prompt, used_ids)
        used_ids.add(question_id)
        ids.append(question_id)
        questions.append(
            {
                "id": question_id,
                "prompt": row.prompt,
                "difficulty": difficulty,
                "model_answer": row.answer + "\n",
            }
        )
    document = {"category": category, "time_limit": time_limit, "questions": questions}
    body = yaml.dump(
        document,
        Dumper=_BankDumper,
        sort_keys=False,
        allow_unicode=True,
        width=88,
    )
    header = (
        f"# Imported from {source.name} by 'interviewer import'.\n"
        "# These questions have no rubrics yet, so they cannot be scored. Write a\n"
        "# rubric for each id, or draft them all to edit with:\n"
        "#   interviewer draft-rubric --missing --bank BANK_DIR -o RUBRIC_FILE\n"
    )
    return header + body, ids


def existing_question_ids(bank_dirs: Iterable[Path], output: Path) -> set[str]:
    """Return the ids an imported question must not take.

    These are the ids in ``bank_dirs`` and in the folder of ``output``,
    including questions that have no rubric yet, less the ids of ``output``
    itself, which the import replaces.
    """
    folders = list(bank_dirs)
    if output.parent.is_dir():
        folders.append(output.parent)
    ignored: list[Problem] = []
    ids = {q.id for q in load_questions(folders, ignored)}
    if output.is_file():
        ids -= {q.id for q in load_question_file(output, ignored)}
    return ids


def write_new_file(path: Path, text: str, *, force: bool) -> None:
    """Write ``text`` to ``path``; an existing file needs ``force``.

    A regular file is replaced atomically, through a temporary file in the
    same folder, with the permissions the umask gives a new file. Anything
    else at the path (a device such as /dev/null, a FIFO, or a symlink) is
    written through in place, because replacing it would destroy it; a
    symlink to a regular file needs ``force`` like the file itself.

    Raises:
        InterviewerError: the file exists and ``force`` is false, or the
            write failed.
    """
    special = path.is_symlink() or (path.exists() and not path.is_file())
    if path.is_file() and not force:
        message = f"{path} already exists; pass --force to replace it"
        raise InterviewerError(message)
    try:
        if special:
            with path.open("w", encoding="utf-8") as handle:
                handle.write(text)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False
        ) as temporary:
            temporary.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary.name, 0o666 & ~umask)
        os.replace(temporary.name, path)
    except OSError as error:
        message = f"cannot write {path}: {error.strerror or error}"
        raise InterviewerError(message) from None


def import_question_table(
    source: Path,
    output: Path,
    *,
    category: str,
    difficulty: str = DEFAULT_DIFFICULTY,
    time_limit: int = DEFAULT_IMPORT_TIME_LIMIT,
    taken_ids: Collection[str] = (),
    force: bool = False,
) -> list[str]:
    """Read a question table and write it as a bank file; return the new ids.

    Nothing is written when any row is bad.

    Raises:
        BankError: bad rows, each with its ``file:line``.
        InterviewerError: a bad category, or the output exists without
            ``force``, or a file could not be read or written.
    """
    category = category.strip()
    if not category:
        message = "the category is empty; give a name such as 'Networking'"
        raise InterviewerError(message)
    if output.exists() and not force:
        message = f"{output} already exists; pass --force to replace it"
        raise InterviewerError(message)
    rows = read_question_table(source)
    text, ids = bank_yaml(
        rows,
        category=category,
        source=source,
        difficulty=difficulty,
        time_limit=time_limit,
        taken_ids=taken_ids,
    )
    write_new_file(output, text, force=force)
    return ids
