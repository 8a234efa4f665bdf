"""Watch mode with a real watcher process: rebuilds, the last save winning, its own writes
ignored, and memory that stays flat.

Every wait ends on an event (a line from the watcher, its exit) and has a bound only to fail
rather than hang; nothing here sleeps a fixed time.
"""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import watchfiles

from briefing.cli.main import main

from .conftest import DEADLINE, MINIMAL_BRIEF, WriteProject
from .conftest import PROJECT_ROOT as ROOT
from .pdfread import page_texts
from .processes import Lines


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
    output_lines, error_lines = Lines(watcher.stdout), Lines(watcher.stderr)
    try:
        output_lines.wait_for(" pages ")
        # Edits start only once the watcher says it watches: none can fall before that.
        assert "for changes (Ctrl-C to stop)" in error_lines.wait_for("watching ")
        good = output.read_bytes()
        source.write_text(MINIMAL_BRIEF + "\nAn added paragraph.\n")
        output_lines.wait_for(" pages ")
        assert output.read_bytes() != good
        good = output.read_bytes()
        source.write_text("---\ntitle: [unclosed\n---\n")
        error_lines.wait_for("brief.md:2: invalid YAML")
        assert output.read_bytes() == good and watcher.poll() is None
        source.write_text(MINIMAL_BRIEF)
        output_lines.wait_for(" pages ")
    finally:
        watcher.terminate()
        watcher.wait(timeout=DEADLINE)
        output_lines.close()
        error_lines.close()


def _start(command: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            bufsize=1, env=env)  # fmt: skip


def _stop(watcher: subprocess.Popen[str]) -> None:
    """Ctrl-C, as a user stops a watcher; wait for it to exit."""
    if watcher.poll() is None:
        watcher.send_signal(signal.SIGINT)
    try:
        watcher.wait(timeout=DEADLINE)
    finally:
        if watcher.poll() is None:
            watcher.kill()
            watcher.wait()


def _text(pdf: Path) -> str:
    try:
        return " ".join(page_texts(pdf))
    except Exception:  # not there yet
        return ""


def test_watch_builds_the_last_of_ten_quick_saves(
    write_project: WriteProject, tmp_path: Path
) -> None:
    project = write_project({"brief.md": MINIMAL_BRIEF})
    source, output = project / "brief.md", tmp_path / "out" / "b.pdf"
    watcher = _start([sys.executable, str(ROOT / "build.py"), "--watch", str(source),
                      "-o", str(output)])  # fmt: skip
    output_lines, error_lines = Lines(watcher.stdout), Lines(watcher.stderr)
    try:
        output_lines.wait_for(" pages ")
        error_lines.wait_for("watching ")
        for number in range(1, 11):  # ten saves, as fast as Python writes them
            source.write_text(MINIMAL_BRIEF + f"\nSaved {number} times.\n")
        while "Saved 10 times." not in _text(output):
            output_lines.wait_for(" pages ")
    finally:
        _stop(watcher)
        output_lines.close()
        error_lines.close()
    # The watcher has exited, so nothing can replace the PDF any more: the last save stayed.
    assert "Saved 10 times." in _text(output)


RECORDING = """
import sys
import watchfiles
from briefing.cli.main import main

real = watchfiles.watch

def recording(*args, **kwargs):
    for changes in real(*args, **kwargs):
        for _, path in sorted(changes):
            print("changed:", path, file=sys.stderr, flush=True)
        yield changes

watchfiles.watch = recording
sys.exit(main(sys.argv[1:]))
"""
"""The command line, telling on stderr every change the watcher's loop was given."""

DOT = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8"/></svg>'


@pytest.fixture
def image_server(tmp_path: Path) -> Iterator[str]:
    """An http server on 127.0.0.1 serving dot.svg; yields its address."""
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    folder = tmp_path / "served"
    folder.mkdir()
    (folder / "dot.svg").write_text(DOT)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/dot.svg"
    server.shutdown()
    server.server_close()
    thread.join(DEADLINE)


@pytest.mark.parametrize("uncached", ["remote-image", "unwritable-cache"])
def test_watch_ignores_what_it_writes(
    write_project: WriteProject, tmp_path: Path, image_server: str, uncached: str
) -> None:
    """Each build is uncached, with every output beside the brief: were the watcher to see its
    own writes, it would rebuild for ever. Its writes come before the next edit, so by the time
    that edit is built they would have been handed to the loop: none may be."""
    brief = MINIMAL_BRIEF
    options = ["--html"]
    env = dict(os.environ)
    if uncached == "remote-image":
        brief += f"\n![A dot]({image_server})\n"
        options.append("--allow-remote")
    else:
        blocker = tmp_path / "a-file"
        blocker.write_text("")
        env["BRIEFING_CACHE_DIR"] = str(blocker / "cache")  # no folder can be made there
    project = write_project({"brief.md": brief})
    source = project / "brief.md"
    watcher = _start([sys.executable, "-c", RECORDING, "--watch", str(source),
                      "-o", str(project / "b.pdf"), *options], env)  # fmt: skip
    output_lines, error_lines = Lines(watcher.stdout), Lines(watcher.stderr)
    try:
        output_lines.wait_for(" pages ")
        error_lines.wait_for("watching ")
        for edit in ("First edit.", "Second edit."):
            source.write_text(brief + f"\n{edit}\n")
            while edit not in _text(project / "b.pdf"):
                output_lines.wait_for(" pages ")
    finally:
        _stop(watcher)
        results = output_lines.close()
        errors = error_lines.close()
    changed = {line.split(": ", 1)[1].strip() for line in errors if line.startswith("changed:")}
    assert changed <= {str(source.resolve())}, changed
    assert not [line for line in errors if not line.startswith("changed:")], errors
    assert not results, f"rebuilt with no edit: {results}"


def _resident_megabytes() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS in /proc/self/status")


@pytest.mark.parametrize("allowed_growth_mb", [15.0])
def test_watch_memory_stays_flat_and_main_restores_the_process(
    write_project: WriteProject,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    allowed_growth_mb: float,
) -> None:
    """25 rebuilds in this process, the watcher's loop fed by a stand-in for watchfiles: memory
    after rebuild 25 is within `allowed_growth_mb` of memory after rebuild 5 (without collecting
    WeasyPrint's cycles it grows ~1.6 MB per rebuild of this brief), and main() leaves the GC
    thresholds, frozen objects and SIGTERM handler as it found them."""
    project = write_project({"brief.md": MINIMAL_BRIEF})
    source = project / "brief.md"
    resident: dict[int, float] = {}

    def changes(*folders: Path, **options: object) -> Iterator[set[tuple[watchfiles.Change, str]]]:
        yield set()  # the watches are set up
        for number in range(1, 26):
            source.write_text(MINIMAL_BRIEF + f"\nEdit {number}.\n")
            yield {(watchfiles.Change.modified, str(source))}
            resident[number] = _resident_megabytes()  # the loop is back: rebuild done

    monkeypatch.setattr(watchfiles, "watch", changes)
    thresholds, handler = gc.get_threshold(), signal.getsignal(signal.SIGTERM)
    assert main([str(source), "-o", str(tmp_path / "b.pdf"), "--watch"]) == 0
    assert "Edit 25." in _text(tmp_path / "b.pdf")
    growth = resident[25] - resident[5]
    assert growth < allowed_growth_mb, f"{growth:.1f} MB more after 20 more rebuilds"
    assert gc.get_threshold() == thresholds and gc.get_freeze_count() == 0
    assert signal.getsignal(signal.SIGTERM) == handler
