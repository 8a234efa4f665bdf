"""Ctrl-C, SIGTERM and a worker killed by the kernel, sent to real batches at real moments.

Every wait here ends on an event (a result line, a worker process that has loaded the layout
engine, the process exiting) and has a bound only to fail rather than hang.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import DEADLINE, FIXED_EPOCH, MINIMAL_BRIEF, WriteProject
from .conftest import PROJECT_ROOT as ROOT
from .processes import Lines

BRIEFS = 6
"""Briefs per batch: enough that work is still queued when the signal arrives."""


def _children(pid: int) -> set[int]:
    """The processes `pid` started and that still exist."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(child) for child in (task / "children").read_text().split()}
        except OSError:
            continue
    return found


def _alive(pid: int) -> bool:
    """Whether `pid` exists and is not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _wait_until(condition: object, what: str) -> None:
    """Poll `condition()` until it holds; fail after DEADLINE seconds."""
    assert callable(condition)
    give_up = time.monotonic() + DEADLINE
    while not condition():
        assert time.monotonic() < give_up, f"{what} within {DEADLINE:.0f} s"
        time.sleep(0.02)


def _in_a_build(pid: int) -> bool:
    """Whether process `pid` has loaded the layout engine, i.e. is inside a build."""
    try:
        return "libpango" in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


def _project(write_project: WriteProject) -> list[Path]:
    files: dict[str, str | bytes] = {
        f"b{n}.md": MINIMAL_BRIEF.replace("First section", f"Section {n}") for n in range(BRIEFS)
    }
    project = write_project(files)
    return [project / name for name in sorted(files)]


def _command(sources: list[Path], out: Path, jobs: int) -> list[str]:
    paths = [str(source) for source in sources]
    return [sys.executable, str(ROOT / "build.py"), *paths, "-d", str(out), "-j", str(jobs),
            "--force"]  # fmt: skip


def _environment() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": FIXED_EPOCH}


def _outputs(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in folder.iterdir()}


@pytest.mark.parametrize(
    ("sent", "code", "said", "jobs"),
    [
        (signal.SIGINT, 130, "interrupted", 1),
        (signal.SIGINT, 130, "interrupted", 2),
        (signal.SIGTERM, 143, "terminated", 1),
        (signal.SIGTERM, 143, "terminated", 2),
    ],
    ids=["ctrl-c-j1", "ctrl-c-j2", "sigterm-j1", "sigterm-j2"],
)
def test_signal_stops_batch_with_one_line_and_leaves_outputs_intact(
    write_project: WriteProject, tmp_path: Path, sent: int, code: int, said: str, jobs: int
) -> None:
    sources, out = _project(write_project), tmp_path / "out"
    command = _command(sources, out, jobs)
    subprocess.run(command, env=_environment(), check=True, capture_output=True, timeout=600)
    before = _outputs(out)
    batch = subprocess.Popen(command, env=_environment(), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)  # fmt: skip
    output_lines = Lines(batch.stdout)
    workers: set[int] = set()
    try:
        output_lines.wait_for(" pages ")  # one brief done: the batch is in full swing
        workers = _children(batch.pid)
        batch.send_signal(sent)
        assert batch.wait(timeout=DEADLINE) == code
    finally:
        if batch.poll() is None:
            batch.kill()
            batch.wait()
        assert batch.stderr is not None
        error = batch.stderr.read()
        batch.stderr.close()
        output_lines.close()
    assert error == f"{said}\n", error
    _wait_until(lambda: not any(_alive(pid) for pid in workers), "workers still running")
    after = _outputs(out)
    assert after.keys() == before.keys(), "temporary files left behind"
    assert {name: data for name, (data, _) in after.items()} == {
        name: data for name, (data, _) in before.items()
    }
    if jobs > 1:  # queued work is cancelled, and no worker writes after the command ended
        results = sum(after[name][1] != before[name][1] for name in after)
        assert results < len(sources), "every brief was rebuilt after the signal"


def test_worker_killed_by_the_kernel_costs_only_its_brief(
    write_project: WriteProject, tmp_path: Path
) -> None:
    sources, out = _project(write_project)[:4], tmp_path / "out"
    batch = subprocess.Popen(_command(sources, out, 2), env=_environment(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        victims: list[int] = []

        def worker_in_a_build() -> bool:
            victims[:] = [pid for pid in _children(batch.pid) if _in_a_build(pid)]
            return bool(victims)

        _wait_until(worker_in_a_build, "no worker started a build")
        os.kill(victims[0], signal.SIGKILL)  # what the kernel's OOM killer does
        output, error = batch.communicate(timeout=DEADLINE)
    finally:
        if batch.poll() is None:
            batch.kill()
            batch.wait()
    assert batch.returncode == 1, error
    [line] = error.splitlines()
    assert line.endswith(".md: the build process was killed (out of memory?)"), error
    lost = Path(line.split(":")[0]).stem
    assert "Traceback" not in error and output.count(" pages ") == len(sources) - 1
    assert sorted(path.name for path in out.iterdir()) == sorted(
        f"{source.stem}.pdf" for source in sources if source.stem != lost
    )
