"""Output safety: atomic replacement, concurrent builds, SIGKILL mid-build, reproducibility."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pypdf

from .conftest import FIXED_EPOCH, MINIMAL_BRIEF, NATO_SOURCE, WriteProject

ROOT = Path(__file__).resolve().parent.parent


def _build_command(source: Path, output: Path) -> list[str]:
    return [sys.executable, str(ROOT / "build.py"), str(source), "-o", str(output)]


def _environment() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": FIXED_EPOCH}


def test_same_inputs_and_epoch_give_identical_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "brief.pdf", tmp_path / "b" / "brief.pdf"
    for output in (first, second):
        subprocess.run(_build_command(NATO_SOURCE, output), env=_environment(), check=True,
                       capture_output=True)  # fmt: skip
    assert first.read_bytes() == second.read_bytes()


def test_two_builds_writing_one_output_both_finish_with_a_valid_pdf(
    write_project: WriteProject, tmp_path: Path
) -> None:
    project = write_project({"brief.md": MINIMAL_BRIEF})
    output = tmp_path / "out" / "brief.pdf"
    command = _build_command(project / "brief.md", output)
    runs = [subprocess.Popen(command, env=_environment(), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE) for _ in range(2)]  # fmt: skip
    assert [run.wait(timeout=120) for run in runs] == [0, 0]
    for run in runs:
        assert run.stdout is not None and run.stderr is not None
        run.stdout.close()
        run.stderr.close()
    assert len(pypdf.PdfReader(output).pages) >= 1
    assert os.listdir(output.parent) == ["brief.pdf"]


def test_killed_build_leaves_previous_pdf_intact(
    write_project: WriteProject, tmp_path: Path
) -> None:
    long_body = "\n\n".join(
        f"## Part {n}\n\n" + "A sentence of the brief. " * 60 for n in range(120)
    )
    project = write_project({"brief.md": MINIMAL_BRIEF + long_body})
    output = tmp_path / "out" / "brief.pdf"
    previous = b"%PDF-1.7\n% previous good PDF\n"
    output.parent.mkdir()
    killed = 0
    for delay in (0.3, 1.0, 2.0, 3.5):
        output.write_bytes(previous)
        run = subprocess.Popen(_build_command(project / "brief.md", output), env=_environment(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(delay)
        run.send_signal(signal.SIGKILL)
        killed += run.wait(timeout=60) == -signal.SIGKILL
        data = output.read_bytes()
        assert data == previous or (data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"))
        leftovers = [name for name in os.listdir(output.parent) if name != "brief.pdf"]
        assert all(re.fullmatch(r"\.brief\.pdf\.\d+\.\d+\.tmp", name) for name in leftovers)
    assert killed >= 3, "the builds finished before the kill: make the brief longer"
    # The next build clears whatever a killed build left, and replaces the PDF.
    subprocess.run(_build_command(project / "brief.md", output), env=_environment(), check=True,
                   capture_output=True, timeout=300)  # fmt: skip
    assert os.listdir(output.parent) == ["brief.pdf"]
    assert len(pypdf.PdfReader(output).pages) > 10
