"""The scoring core, the loaders and the CLI module never import Textual."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

SCRIPT = """
import json, sys
import interviewer.scoring, interviewer.catalog, interviewer.session, interviewer.cli
import interviewer.checks, interviewer.selection, interviewer.timer
import interviewer.recording, interviewer.trends
print(json.dumps(sorted(m for m in sys.modules if m.startswith("textual"))))
"""


def test_core_imports_no_textual():
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == []


def test_textual_is_importable():
    # Without this, the check above would pass on a machine missing Textual.
    completed = subprocess.run(
        [sys.executable, "-c", "import textual"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
