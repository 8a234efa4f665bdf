"""Real Markdown documents nobody here wrote build with defaults and keep their prose and code.

Each file in tests/realdocs/ (origin and licence in tests/realdocs/SOURCES.md) is built exactly as
a new user would build it, then the PDF text is compared with the source: at least 95% of the
prose sentences must be there, and every line of every fenced code block must still start a line.
`python -m tests.test_realdocs` prints the retention of each document.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefing.cli.main import main
from tests.realdocs_text import (
    Sentence,
    code_lines,
    missing_from_pdf,
    prose_sentences,
    read_pdf_pages,
    read_pdf_text,
    squash,
)

REALDOCS = Path(__file__).parent / "realdocs"
DOCUMENTS = sorted(path for path in REALDOCS.glob("*.md") if path.name != "SOURCES.md")
MINIMUM_PROSE_RATIO = 0.95
BUILD = Path(__file__).parent.parent / "build.py"


@dataclass(frozen=True)
class Retention:
    """What a built document kept: its exit code, first error line, prose and code found."""

    exit_code: int
    error: str
    sentences: tuple[Sentence, ...]
    missing_sentences: tuple[Sentence, ...]
    code_lines: tuple[str, ...]
    missing_code_lines: tuple[str, ...]

    @property
    def prose_ratio(self) -> float:
        """The share of prose sentences found in the PDF text."""
        found = len(self.sentences) - len(self.missing_sentences)
        return found / len(self.sentences) if self.sentences else 1.0

    @property
    def code_ratio(self) -> float:
        """The share of code lines found as lines of the PDF text."""
        found = len(self.code_lines) - len(self.missing_code_lines)
        return found / len(self.code_lines) if self.code_lines else 1.0


def build_and_measure(document: Path, workspace: Path) -> Retention:
    """Build a copy of `document` in `workspace` with defaults; measure what the PDF kept."""
    copy = workspace / document.name
    copy.write_bytes(document.read_bytes())
    output = workspace / "out.pdf"
    source = document.read_text(encoding="utf-8")
    sentences = tuple(prose_sentences(source))
    lines = tuple(code_lines(source))
    exit_code = main([str(copy), "-o", str(output)])
    if exit_code != 0 or not output.exists():
        return Retention(exit_code, "", sentences, sentences, lines, lines)
    missing, missing_code = missing_from_pdf(read_pdf_text(output), sentences, lines)
    return Retention(exit_code, "", sentences, missing, lines, missing_code)


@pytest.mark.parametrize("document", DOCUMENTS, ids=[path.name for path in DOCUMENTS])
def test_real_document_builds_and_keeps_its_text(
    document: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    retention = build_and_measure(document, tmp_path)
    error = capsys.readouterr().err.strip().splitlines()
    assert retention.exit_code == 0, f"build failed: {error[-1] if error else 'no message'}"
    prose, code = retention.prose_ratio, retention.code_ratio
    missing = [sentence.text[:80] for sentence in retention.missing_sentences[:3]]
    assert prose >= MINIMUM_PROSE_RATIO, f"{prose:.1%} of prose kept; missing: {missing}"
    lines = [line[:80] for line in retention.missing_code_lines[:3]]
    assert code == 1.0, f"{code:.1%} of code lines kept; missing: {lines}"


def test_every_document_has_its_source_noted() -> None:
    sources = (REALDOCS / "SOURCES.md").read_text(encoding="utf-8")
    assert len(DOCUMENTS) >= 30
    assert [path.name for path in DOCUMENTS if f"`{path.name}`" not in sources] == []


def _build_with_cli(name: str, workspace: Path) -> tuple[list[str], str]:
    """Build one real document with the command line as a user would; its pages and stderr."""
    copy = workspace / name
    copy.write_bytes((REALDOCS / name).read_bytes())
    output = workspace / "out.pdf"
    environment = {**os.environ, "BRIEFING_CACHE_DIR": str(workspace / "cache")}
    result = subprocess.run(
        [sys.executable, str(BUILD), str(copy), "-o", str(output)],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    assert result.returncode == 0, f"build failed: {result.stderr.strip()[-300:]}"
    return read_pdf_pages(output), result.stderr


# What a reader sees: (document, texts the PDF must show, texts stderr must not show).
_READER_CHECKS = {
    "footnote": ("pandoc-nix-documents.md", ["This is the text of the footnote."], []),
    "quarto footnote": ("quarto-callout-footnote.md", ["Here is the footnote."], []),
    "details": ("best-readme-template.md", ["Table of Contents", "About The Project"], []),
    "github anchor": ("public-apis-index.md", ["Art & Design"], ["'#art--design'"]),
    "mentions": ("quarto-changelog-1.1.md", ["thanks @FabioRosado", "thanks @jmbuhr"], []),
}


@pytest.mark.parametrize("check", list(_READER_CHECKS), ids=list(_READER_CHECKS))
def test_real_document_shows_what_a_reader_expects(check: str, tmp_path: Path) -> None:
    name, shown, not_warned = _READER_CHECKS[check]
    pages, errors = _build_with_cli(name, tmp_path)
    squashed = squash("\n".join(pages))
    assert [item for item in shown if squash(item) not in squashed] == []
    assert [item for item in not_warned if item in errors] == []


def test_free_form_date_is_printed_as_written_on_the_cover(tmp_path: Path) -> None:
    pages, _ = _build_with_cli("pandoc-polyurethane.md", tmp_path)
    assert "25.01.2018" in pages[0]


def _report() -> int:
    """Build every document and print its exit code and retention ratios, one line each."""
    import contextlib
    import io
    import os
    import time

    with tempfile.TemporaryDirectory(prefix="realdocs-") as temporary:
        os.environ["BRIEFING_CACHE_DIR"] = str(Path(temporary) / "cache")
        for document in DOCUMENTS:
            workspace = Path(temporary) / document.stem
            workspace.mkdir()
            errors = io.StringIO()
            started = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(errors):
                retention = build_and_measure(document, workspace)
            seconds = time.perf_counter() - started
            error = (errors.getvalue().strip().splitlines() or [""])[-1]
            print(
                f"{document.name:34} exit {retention.exit_code}  "
                f"prose {retention.prose_ratio:6.1%} of {len(retention.sentences):3}  "
                f"code {retention.code_ratio:6.1%} of {len(retention.code_lines):3}  "
                f"{seconds:5.1f} s  {error[:110]}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(_report())
