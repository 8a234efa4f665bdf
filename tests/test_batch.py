"""Batches in parallel, watch mode and the progress line, with real processes."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.cli import main

from .conftest import MINIMAL_BRIEF, WriteProject

ROOT = Path(__file__).resolve().parent.parent


def test_jobs_build_every_brief_and_report_each_failure(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {f"b{n}.md": MINIMAL_BRIEF.replace("First section", f"Section {n}") for n in range(3)}
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


def _read_line(stream: subprocess.Popen[str], timeout: float) -> str:
    assert stream.stdout is not None
    ready, _, _ = select.select([stream.stdout], [], [], timeout)
    assert ready, "no output before the timeout"
    return stream.stdout.readline()


@pytest.mark.parametrize("beside", [False, True], ids=["output-elsewhere", "output-beside-brief"])
def test_watch_rebuilds_on_change_and_survives_bad_input(
    write_project: WriteProject, tmp_path: Path, beside: bool
) -> None:
    project = write_project({"brief.md": MINIMAL_BRIEF})
    source = project / "brief.md"
    output = project / "b.pdf" if beside else tmp_path / "out" / "b.pdf"
    watcher = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--watch", str(source), "-o", str(output)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1,
    )  # fmt: skip
    try:
        assert " pages " in _read_line(watcher, 60)
        good = output.read_bytes()
        time.sleep(0.3)
        source.write_text(MINIMAL_BRIEF + "\nAn added paragraph.\n")
        assert " pages " in _read_line(watcher, 60)
        assert output.read_bytes() != good
        good = output.read_bytes()
        source.write_text("---\nlanguage: en\ndate: nonsense\n---\n")
        assert watcher.stderr is not None
        ready, _, _ = select.select([watcher.stderr], [], [], 60)
        assert ready and "brief.md:3: 'date' must be a date" in watcher.stderr.readline()
        assert output.read_bytes() == good and watcher.poll() is None
        source.write_text(MINIMAL_BRIEF)
        assert " pages " in _read_line(watcher, 60)
    finally:
        watcher.terminate()
        watcher.wait(timeout=30)
        for stream in (watcher.stdout, watcher.stderr):
            assert stream is not None
            stream.close()


def test_progress_line_only_on_a_terminal(write_project: WriteProject, tmp_path: Path) -> None:
    body = "\n\n".join(f"## Part {n}\n\n" + "A sentence of the brief. " * 60 for n in range(150))
    project = write_project({"brief.md": MINIMAL_BRIEF + body})
    command = [sys.executable, str(ROOT / "build.py"), str(project / "brief.md"),
               "-o", str(tmp_path / "b.pdf"), "--force"]  # fmt: skip
    piped = subprocess.run(command, capture_output=True, text=True, check=True)
    assert piped.stderr == "" and "building" not in piped.stdout
    primary, secondary = pty.openpty()
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=secondary)
    os.close(secondary)
    seen = b""
    while run.poll() is None or select.select([primary], [], [], 0.1)[0]:
        if select.select([primary], [], [], 0.2)[0]:
            try:
                seen += os.read(primary, 1024)
            except OSError:
                break
    os.close(primary)
    assert run.wait() == 0
    assert b"building \xe2\x80\xa6" in seen
