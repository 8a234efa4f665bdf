"""Batches in parallel, watch mode and the progress line, with real processes."""

from __future__ import annotations

import gc
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli.main import main
from briefing.config import Config
from briefing.runner.batch import run_jobs
from briefing.runner.job import Job
from briefing.runner.progress import Progress

from .conftest import DEADLINE, MINIMAL_BRIEF, WriteProject
from .conftest import PROJECT_ROOT as ROOT


def test_jobs_build_every_brief_and_report_each_failure(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files: dict[str, str | bytes] = {
        f"b{n}.md": MINIMAL_BRIEF.replace("First section", f"Section {n}") for n in range(3)
    }
    files["bad.md"] = "---\ntitle: [unclosed\n---\n"
    project = write_project(files)
    sources = [str(project / name) for name in sorted(files)]
    assert main([*sources, "--jobs", "2", "--force", "--build-dir", str(tmp_path / "out")]) == 1
    captured = capsys.readouterr()
    assert captured.out.count(" pages ") == 3
    assert captured.err.count("\n") == 1 and "bad.md:2: invalid YAML" in captured.err
    assert sorted(os.listdir(tmp_path / "out")) == ["b0.pdf", "b1.pdf", "b2.pdf"]


def test_profiles_split_into_parallel_jobs(write_project: WriteProject, tmp_path: Path) -> None:
    project = write_project({"brief.md": MINIMAL_BRIEF})
    output = tmp_path / "b.pdf"
    assert main([str(project / "brief.md"), "-o", str(output), "--profile", "all", "-j", "2"]) == 0
    assert sorted(os.listdir(tmp_path)) == ["b-email.pdf", "b-handout.pdf", "b.eml", "b.pdf",
                                            "project"]  # fmt: skip


class _FakeTerminal(io.StringIO):
    """A text stream that says it is a terminal, so a progress line is drawn into it."""

    def isatty(self) -> bool:
        return True


def test_progress_line_drawn_on_a_terminal_and_erased_at_the_end() -> None:
    terminal = _FakeTerminal()
    with Progress(2, terminal, show_after=0) as progress:
        assert progress.line_drawn.wait(DEADLINE), "no progress line drawn"
        progress.advance()
    text = terminal.getvalue()
    assert text.startswith("\rbuilding … ") and "(0/2 done)" in text
    assert text.endswith("\r\033[K"), "the line is not erased for the result lines"


def test_progress_line_never_drawn_when_not_a_terminal() -> None:
    stream = io.StringIO()
    with Progress(2, stream, show_after=0) as progress:
        progress.advance()
    # No drawing thread starts off a terminal, so nothing can be written after the block.
    assert stream.getvalue() == "" and not progress.line_drawn.is_set()


def test_piped_build_prints_only_its_result_line(
    write_project: WriteProject, tmp_path: Path
) -> None:
    project = write_project({"brief.md": MINIMAL_BRIEF})
    command = [sys.executable, str(ROOT / "build.py"), str(project / "brief.md"),
               "-o", str(tmp_path / "b.pdf"), "--force"]  # fmt: skip
    piped = subprocess.run(command, capture_output=True, text=True, check=True, timeout=DEADLINE)
    assert piped.stderr == "" and piped.stdout.count("\n") == 1 and " pages " in piped.stdout


def test_progress_line_waits_before_showing_so_quick_work_draws_none() -> None:
    terminal = _FakeTerminal()
    with Progress(1, terminal) as progress:  # the command line's own delay
        progress.advance()
    assert terminal.getvalue() == "" and not progress.line_drawn.is_set()


def test_a_batch_without_automatic_collection_frees_each_build_before_the_next(
    tmp_path: Path,
) -> None:
    """A one-off command builds with the garbage collector off (`batch.collection_paused`): the
    cycles each layout leaves are freed before the next build, so a long batch stays small."""
    sources = []
    for number in range(3):
        sources.append(tmp_path / f"b{number}.md")
        sources[-1].write_text(MINIMAL_BRIEF, encoding="utf-8")
    config = Config(cache_dir=tmp_path / "cache")
    jobs = [Job(source, source.with_suffix(".pdf"), config) for source in sources]
    freed: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "stop":
            freed.append(info["collected"])

    gc.callbacks.append(record)
    gc.disable()
    try:
        assert run_jobs(jobs, 1, lambda outcome: None) == 0
    finally:
        gc.enable()
        gc.callbacks.remove(record)
    assert len(freed) == 2 and min(freed) > 1000, freed
