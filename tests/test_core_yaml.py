"""Safe YAML: a value its tag cannot read is an error on its line, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefing.errors import ContentError
from briefing.yamlio import load_yaml
from tests.conftest import MINIMAL_BRIEF, PROJECT_ROOT


@pytest.mark.parametrize(
    ("text", "line"),
    [("a: 1\nb: !!bool maybe\n", 2), ("a: !!timestamp soon\n", 1), ("a: 2026-02-30\n", 1)],
)
def test_a_value_its_tag_cannot_read_is_an_error_on_its_line(text: str, line: int) -> None:
    with pytest.raises(ContentError) as caught:
        load_yaml(text, Path("data.yaml"))
    assert caught.value.line == line and "invalid value" in caught.value.message


def test_a_bad_tagged_value_in_front_matter_is_one_line(tmp_path: Path) -> None:
    brief = MINIMAL_BRIEF.replace("ai_assisted: true", "ai_assisted: !!bool perhaps")
    (tmp_path / "brief.md").write_text(brief, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), str(tmp_path / "brief.md")],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 1 and "Traceback" not in run.stderr
    [line] = run.stderr.strip().splitlines()
    assert "brief.md:6: invalid value" in line, line
