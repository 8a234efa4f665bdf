"""A one-paragraph edit under `build.py --watch`, timed from the save to the result line."""

from __future__ import annotations

import os
import queue
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from .briefs import append_sentence
from .processes import Bench, BenchError, child_env

READY_TIMEOUT = 120.0
"""Seconds to wait for the first build and the watcher's ready line."""

EDIT_TIMEOUT = 30.0
"""Seconds to wait for the rebuild after an edit."""

PAUSE = 0.5
"""Seconds between a result and the next save, as between two saves of a writer."""

READY_LINE = re.compile(r"^watching \d+ folders? for changes")
"""What the watcher prints on stderr once it watches."""

RESULT_LINE = re.compile(r"^\S.*\s\d+ pages\s")
"""The line a build prints for each PDF it wrote: `out.pdf  11 pages  110.3 KB  1.55 s`."""


@dataclass(frozen=True)
class WatchTiming:
    """The edits' median seconds to a rebuilt PDF, and the watcher's peak memory."""

    seconds: float
    peak_mb: float
    memory: dict[int, tuple[float, float]] = field(default_factory=dict)
    """After each edit count asked for: the watcher's peak and current memory, in MB."""


def time_edits(
    bench: Bench, source: Path, output: Path, edits: int, marks: tuple[int, ...] = ()
) -> WatchTiming:
    """Start one watcher on `source`; save `edits` one-paragraph edits, one at a time; after
    the edits counted in `marks`, read its memory."""
    command = [sys.executable, str(bench.project / "build.py"), "--watch", str(source)]
    process = subprocess.Popen(
        [*command, "-o", str(output)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=bench.project,
        env=child_env(bench, PYTHONUNBUFFERED="1"),
        text=True,
    )
    assert process.stdout is not None and process.stderr is not None  # both are pipes
    lines: queue.Queue[tuple[str, str] | None] = queue.Queue()
    readers = [
        threading.Thread(target=_pump, args=(stream, name, lines), daemon=True)
        for stream, name in ((process.stdout, "stdout"), (process.stderr, "stderr"))
    ]
    for reader in readers:
        reader.start()
    seconds: list[float] = []
    memory: dict[int, tuple[float, float]] = {}
    try:
        _wait_for(lines, READY_LINE, "stderr", "the watcher's ready line", READY_TIMEOUT)
        for number in range(1, edits + 1):
            time.sleep(PAUSE)
            append_sentence(source)
            started = time.perf_counter()
            _wait_for(lines, RESULT_LINE, "stdout", "the rebuild after an edit", EDIT_TIMEOUT)
            seconds.append(time.perf_counter() - started)
            if number in marks:
                memory[number] = _memory(process.pid)
    finally:
        peak_mb = _stop(process)
    return WatchTiming(statistics.median(seconds), peak_mb, memory)


def _memory(pid: int) -> tuple[float, float]:
    """Peak and current resident memory of `pid` in MB (VmHWM and VmRSS in /proc)."""
    lines = Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines()
    fields = dict(line.split(":", 1) for line in lines if ":" in line)
    peak, current = (int(fields[key].split()[0]) / 1024 for key in ("VmHWM", "VmRSS"))
    return peak, current


def _pump(stream: IO[str], name: str, lines: queue.Queue[tuple[str, str] | None]) -> None:
    """Move the lines of one of the watcher's streams into `lines`; None at the end."""
    for line in stream:
        lines.put((name, line.rstrip("\n")))
    lines.put(None)


def _wait_for(
    lines: queue.Queue[tuple[str, str] | None],
    pattern: re.Pattern[str],
    stream: str,
    what: str,
    timeout: float,
) -> None:
    """Wait up to `timeout` seconds for a line of `stream` that `pattern` matches."""
    deadline = time.monotonic() + timeout
    seen = ""
    while True:
        try:
            item = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise BenchError(f"no {what} within {timeout:.0f} s (last line: {seen!r})") from None
        if item is None:
            raise BenchError(f"the watcher ended before {what} (last line: {seen!r})")
        name, line = item
        if name == stream and pattern.match(line):
            return
        seen = line


def _stop(process: subprocess.Popen[str]) -> float:
    """End the watcher we started (politely, then by force); its peak memory in MB.

    `os.kill` and `os.wait4` rather than Popen's methods: those would reap the process
    before its resource usage could be read.
    """
    os.kill(process.pid, signal.SIGTERM)  # a zombie takes the signal harmlessly
    deadline = time.monotonic() + 10
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return usage.ru_maxrss / 1024
        if time.monotonic() > deadline:
            os.kill(process.pid, signal.SIGKILL)
            deadline = float("inf")
        time.sleep(0.05)
