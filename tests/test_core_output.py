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

from .conftest import DEADLINE, FIXED_EPOCH, MINIMAL_BRIEF, NATO_SOURCE, WriteProject
from .conftest import PROJECT_ROOT as ROOT


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


"""Seconds a build may take before the test fails: a failure bound, never a pause."""

_FREEZE_BEFORE_RENAME = """
import os, signal, sys

def freeze(event, arguments):
    # Stop the build once its temporary PDF is written, before it replaces the output, so a
    # test can kill it there however fast the machine is.
    if event == "os.rename" and str(arguments[1]).endswith(".pdf"):
        os.kill(os.getpid(), signal.SIGSTOP)

sys.addaudithook(freeze)
from briefing.cli.main import main
raise SystemExit(main(sys.argv[1:]))
"""
"""A build (`python -c` this, then the usual arguments) that freezes just before its rename."""


def _wait_until_frozen(run: subprocess.Popen[bytes]) -> None:
    """Poll until the build stops at its rename; fail if it ends first or stalls."""
    give_up = time.monotonic() + DEADLINE
    while time.monotonic() < give_up:
        # WNOWAIT leaves the status to be collected: Popen still sees the process end later.
        flags = os.WSTOPPED | os.WEXITED | os.WNOHANG | os.WNOWAIT
        if (state := os.waitid(os.P_PID, run.pid, flags)) is not None:
            assert state.si_code == os.CLD_STOPPED, "the build ended before writing its output"
            return
        time.sleep(0.02)  # polling step only: the outcome waits for the build, not the clock
    raise AssertionError(f"the build did not reach its rename within {DEADLINE:.0f} s")


def test_killed_build_leaves_previous_pdf_intact(
    write_project: WriteProject, tmp_path: Path
) -> None:
    project = write_project({"brief.md": MINIMAL_BRIEF})
    output = tmp_path / "out" / "brief.pdf"
    previous = b"%PDF-1.7\n% previous good PDF\n"
    output.parent.mkdir()
    output.write_bytes(previous)
    command = [sys.executable, "-c", _FREEZE_BEFORE_RENAME, str(project / "brief.md"),
               "-o", str(output), "--force"]  # fmt: skip
    for _ in range(2):
        run = subprocess.Popen(command, env=_environment(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)  # fmt: skip
        _wait_until_frozen(run)
        # Killed with its temporary file written: the output is untouched, and only this
        # build's hidden files are left (each build removes those of dead builds).
        leftovers = [name for name in os.listdir(output.parent) if name != "brief.pdf"]
        run.send_signal(signal.SIGKILL)
        assert run.wait(timeout=DEADLINE) == -signal.SIGKILL
        assert output.read_bytes() == previous
        assert leftovers, "no temporary file beside the output"
        pattern = rf"\.brief\.pdf\.{run.pid}\.\d+\.tmp"
        assert all(re.fullmatch(pattern, name) for name in leftovers), leftovers
        assert sorted(os.listdir(output.parent)) == sorted(["brief.pdf", *leftovers])
    # The next build clears what the killed build left, and replaces the PDF.
    subprocess.run(_build_command(project / "brief.md", output), env=_environment(), check=True,
                   capture_output=True, timeout=DEADLINE)  # fmt: skip
    assert os.listdir(output.parent) == ["brief.pdf"]
    assert len(pypdf.PdfReader(output).pages) >= 1
