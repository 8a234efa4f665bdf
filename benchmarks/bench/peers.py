"""The tools briefing is measured against, found on this machine or reported missing.

- raw WeasyPrint: its own command line on the HTML briefing lays out (`build.py --html`);
- Pandoc → WeasyPrint: `pandoc --pdf-engine=weasyprint`, tagged (PDF/UA-1);
- Typst: `pandoc -t typst` (made once, not timed), then the Typst compiler (tagged by default).

Pandoc and Typst read the peer source (`peer_source.py`): the brief with its tables, figures,
claims and references written out as plain Markdown, so they print what briefing prints.

Pandoc is Debian's `pandoc` or, preferred when installed, the newer one in the `bench` extra
(`pypandoc-binary`); only Pandoc 3.1.2 and later writes Typst. Typst is the `typst` command
or the `typst` Python package of the same extra.
"""

from __future__ import annotations

import importlib.metadata
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

from .peer_source import TYPST_HEADER
from .processes import BenchError

PANDOC_READS = ("-f", "markdown-citations", "-s", "--fail-if-warnings")
"""Pandoc's reading of the peer source: what is left of `@name` as text (the citations are
numbered in it already; the brief's sources are no Pandoc bibliography), as a whole document,
failing rather than printing a figure it cannot find as its caption."""

PANDOC_LOOKS = ("-V", "mainfont=Inter", "-V", "papersize=a4")
"""The brief's typeface and paper, so sizes compare like with like."""


@dataclass(frozen=True)
class Tool:
    """A command found on this machine, or why not."""

    command: tuple[str, ...] | None
    version: str | None
    missing: str = ""
    """Why the tool cannot run: `pandoc not installed`."""

    def need(self) -> tuple[str, ...]:
        """The command; a skipped row when there is none."""
        if self.command is None:
            raise BenchError(f"skipped: {self.missing}")
        return self.command


def weasyprint() -> Tool:
    """WeasyPrint's command line, from this interpreter's environment."""
    script = Path(sys.executable).parent / "weasyprint"
    command = (str(script),) if script.is_file() else (sys.executable, "-m", "weasyprint")
    return Tool(command, importlib.metadata.version("weasyprint"))


def pandoc() -> Tool:
    """The newest Pandoc at hand: the `bench` extra's, else the one on PATH."""
    for candidate in (_bundled_pandoc(), shutil.which("pandoc")):
        if candidate:
            return Tool((str(candidate),), _first_line([str(candidate), "--version"]))
    return Tool(None, None, "pandoc not installed (apt-get install pandoc, or the bench extra)")


def typst() -> Tool:
    """The `typst` command, else the `typst` Python package run by `typst_compile.py`."""
    if command := shutil.which("typst"):
        return Tool((command, "compile"), _first_line([command, "--version"]))
    if find_spec("typst") is not None:
        script = Path(__file__).with_name("typst_compile.py")
        version = f"typst (Python) {importlib.metadata.version('typst')}"
        return Tool((sys.executable, str(script)), version)
    return Tool(None, None, "typst not installed (pip install -e '.[bench]')")


def writes_typst(pandoc_tool: Tool) -> bool:
    """Whether this Pandoc has a Typst writer (3.1.2 and later)."""
    if pandoc_tool.command is None:
        return False
    formats = subprocess.run(
        [*pandoc_tool.command, "--list-output-formats"], capture_output=True, text=True
    )
    return "typst" in formats.stdout.split()


def pandoc_weasyprint_command(pandoc_tool: Tool, source: Path, output: Path) -> list[str]:
    """Pandoc → WeasyPrint on `source`, tagged, into `output`."""
    engine = weasyprint().need()
    if len(engine) != 1:
        raise BenchError("skipped: Pandoc needs a `weasyprint` command beside this Python")
    return [
        *pandoc_tool.need(),
        str(source),
        *PANDOC_READS,
        *PANDOC_LOOKS,
        "-o",
        str(output),
        f"--pdf-engine={engine[0]}",
        "--pdf-engine-opt=--pdf-variant=pdf/ua-1",
        # Pandoc embeds the figures in the HTML it hands WeasyPrint: it looks for them here.
        f"--resource-path={source.parent}",
    ]


def typst_source(pandoc_tool: Tool, source: Path, output: Path) -> Path:
    """Write `source` as Typst markup to `output` with Pandoc (not timed); `output`.

    `output` goes beside `source`: Typst finds the figures relative to it."""
    if not writes_typst(pandoc_tool):
        raise BenchError(f"skipped: {pandoc_tool.version or 'pandoc'} cannot write Typst (< 3.1.2)")
    command = [*pandoc_tool.need(), str(source), *PANDOC_READS, *PANDOC_LOOKS, "-t", "typst"]
    command += ["-V", f"header-includes={TYPST_HEADER}"]
    done = subprocess.run([*command, "-o", str(output)], capture_output=True, text=True)
    if done.returncode != 0:
        raise BenchError(f"pandoc -t typst failed: {done.stderr.strip()[-200:]}")
    return output


def _bundled_pandoc() -> Path | None:
    """The Pandoc binary that the `pypandoc-binary` package ships, if installed."""
    spec = find_spec("pypandoc")
    if spec is None or spec.origin is None:
        return None
    binary = Path(spec.origin).parent / "files" / "pandoc"
    return binary if binary.is_file() else None


def _first_line(command: list[str]) -> str | None:
    """The first line `command` prints: its version."""
    done = subprocess.run(command, capture_output=True, text=True)
    lines = done.stdout.splitlines()
    return lines[0].strip() if lines else None
