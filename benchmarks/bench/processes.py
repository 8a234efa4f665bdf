"""Child processes: run one to its end and keep its wall time, peak memory and output."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO


class BenchError(Exception):
    """A measurement could not be made; its row shows the message and the run goes on."""


@dataclass(frozen=True)
class Run:
    """One finished child process."""

    seconds: float
    """Wall time from start to exit."""
    peak_mb: float
    """Peak resident memory of the process and the children it waited for (`wait4`)."""
    returncode: int
    stdout: str
    stderr: str


@dataclass
class Bench:
    """Shared state of one benchmark run: where it builds, and figures left for later rows."""

    project: Path
    """The snapshot of the project that every build runs from (and in)."""
    work: Path
    """Scratch folder for copies of briefs, outputs and caches."""
    runs: int
    """Runs per median."""
    quick: bool
    """A smoke run: the long builds are skipped."""
    figures: dict[str, float] = field(default_factory=dict)
    """Figures by row key (`speed.cold`), for ratios in later sections."""
    outputs: dict[str, Path] = field(default_factory=dict)
    """PDFs made by the speed section, by row key, for the size section."""
    peaks: dict[str, float] = field(default_factory=dict)
    """Peak memory in MB by what ran (`cold`, `x50`, …), for the memory section."""
    notes: list[str] = field(default_factory=list)
    """Warnings the builds printed, each once."""

    @property
    def nato(self) -> Path:
        """The reference brief inside the snapshot."""
        return self.project / "content" / "nato-eu-relations.md"

    def figure(self, key: str) -> float:
        """The figure of an earlier row; fails this row when that one failed."""
        if key not in self.figures:
            raise BenchError(f"no figure for {key} (its row failed or was skipped)")
        return self.figures[key]


def child_env(bench: Bench, **extra: str) -> dict[str, str]:
    """Our environment, with every cache inside the scratch folder.

    Byte code is cached (PYTHONDONTWRITEBYTECODE dropped) so builds run as they do on a
    machine that has built before; only the snapshot's modules compile, into the snapshot.
    """
    dropped = {"BRIEFING_CACHE_DIR", "PYTHONDONTWRITEBYTECODE", "SOURCE_DATE_EPOCH"}
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env["XDG_CACHE_HOME"] = str(bench.work / "xdg-cache")
    env["BRIEFING_CACHE_DIR"] = str(bench.work / "briefing-cache")
    env.update(extra)
    return env


def run_process(
    bench: Bench,
    args: Sequence[str | Path],
    cwd: Path | None = None,
    extra_env: dict[str, str] | None = None,
) -> Run:
    """Run `args` to its end in the project snapshot (or `cwd`), with `extra_env` added to its
    environment; fail when it fails."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            [str(arg) for arg in args],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            cwd=cwd or bench.project,
            env=child_env(bench, **(extra_env or {})),
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        run = Run(seconds, usage.ru_maxrss / 1024, process.returncode, text(out), text(err))
    if run.returncode != 0:
        name = Path(str(args[0])).name
        raise BenchError(f"{name} exited with {run.returncode}: {last_line(run.stderr)}")
    return run


def build(
    bench: Bench,
    sources: Sequence[Path],
    output: Path | None,
    *options: str,
    force: bool = True,
    extra_env: dict[str, str] | None = None,
) -> Run:
    """Run `build.py` on `sources` as a whole process, as a user would; `force`: no cache;
    `extra_env` is added to its environment."""
    args: list[str | Path] = [sys.executable, bench.project / "build.py", *sources]
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        args += ["-o", output]
    run = run_process(bench, [*args, *options, *(["--force"] if force else [])], None, extra_env)
    for line in run.stderr.splitlines():
        if "warning:" in line and line not in bench.notes:
            bench.notes.append(line)
    return run


def python(bench: Bench, *args: str | Path) -> Run:
    """Run this interpreter with `args`."""
    return run_process(bench, [sys.executable, *args])


def text(stream: IO[bytes]) -> str:
    """Everything written to the temporary file `stream`, decoded."""
    stream.seek(0)
    return stream.read().decode("utf-8", errors="replace")


def last_line(text: str) -> str:
    """The last non-empty line of `text`, for an error message."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "(no output)"


def log(message: str) -> None:
    """Progress on stderr, so stdout holds only the report."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)
