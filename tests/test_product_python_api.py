"""`build()` from Python, without a command line: the README's example, run as it is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import PROJECT_ROOT
from .pdfread import page_texts


def _readme_example() -> str:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    after = readme.split("**From Python**", 1)[1]
    return after.split("```python\n", 1)[1].split("```", 1)[0]


def test_the_readme_python_example_builds_the_handout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(PROJECT_ROOT / "content", tmp_path / "content")
    shutil.copy(PROJECT_ROOT / "briefing.toml", tmp_path / "briefing.toml")
    monkeypatch.chdir(tmp_path)
    exec(compile(_readme_example(), "README.md", "exec"), {})  # our own documentation
    printed = capsys.readouterr().out
    pdf = tmp_path / "build" / "nato-eu-relations-handout.pdf"
    pages = page_texts(pdf)
    assert f"{pdf} {len(pages)} pages" in printed
    assert "NATO" in pages[0]
