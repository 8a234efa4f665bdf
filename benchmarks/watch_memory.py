"""Memory of a long-running watcher: peak RSS after 10 and after 100 rebuilds of a small brief.

    python benchmarks/watch_memory.py               # 100 edits, JSON on stdout
    python benchmarks/watch_memory.py --edits 30    # fewer edits, marks at 10 and 30

One `build.py --watch` process runs on a small brief in a temporary folder; the brief is
edited, the result line of its rebuild awaited, and edited again. After the 10th and the last
rebuild the watcher's peak resident memory (VmHWM) and current memory (VmRSS) are read from
/proc. A watcher that stays flat shows about the same figures at both marks.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parent.parent
"""The project root: the folder holding build.py."""

RESULT_TIMEOUT = 120.0
"""Seconds to wait for one rebuild's result line before giving up."""

BRIEF = """---
title: Watch memory
date: 2026-01-02
author: Benchmark
language: en
summary: [One point.]
---

# First section

Some text, edit {number}.

## A subsection

More text in a second paragraph, long enough to be hyphenated and set in a justified line.
"""


def measure(project: Path, work: Path, edits: int) -> dict[str, dict[str, float]]:
    """Run one watcher over `edits` edits; memory in MB after rebuild 10 and the last one."""
    source = work / "brief.md"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(BRIEF.format(number=0), encoding="utf-8")
    command = [sys.executable, str(project / "build.py"), "--watch", str(source),
               "-o", str(work / "brief.pdf")]  # fmt: skip
    environment = {**os.environ, "BRIEFING_CACHE_DIR": str(work / "cache")}
    watcher = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=environment)  # fmt: skip
    results, errors = _lines(watcher.stdout), _lines(watcher.stderr)
    marks: dict[str, dict[str, float]] = {}
    try:
        _wait_for(results, " pages ")
        _wait_for(errors, "watching ")
        for number in range(1, edits + 1):
            source.write_text(BRIEF.format(number=number), encoding="utf-8")
            _wait_for(results, " pages ")
            if number in (10, edits):
                marks[f"after {number} rebuilds"] = _memory(watcher.pid)
    finally:
        watcher.terminate()
        watcher.wait(timeout=RESULT_TIMEOUT)
    return marks


def _lines(stream: IO[str] | None) -> queue.Queue[str]:
    """The lines of `stream`, read by a thread as they come ('' once it closes)."""
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert stream is not None
        for line in stream:
            lines.put(line)
        lines.put("")

    threading.Thread(target=pump, daemon=True).start()
    return lines


def _wait_for(lines: queue.Queue[str], text: str) -> None:
    """Wait for the next line containing `text`; fail if the watcher stops or is too slow."""
    while True:
        try:
            line = lines.get(timeout=RESULT_TIMEOUT)
        except queue.Empty:
            raise SystemExit(f"no line with {text!r} within {RESULT_TIMEOUT:.0f} s") from None
        if not line:
            raise SystemExit(f"the watcher stopped before a line with {text!r}")
        if text in line:
            return


def _memory(pid: int) -> dict[str, float]:
    """Peak and current resident memory of `pid`, in MB."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return {
        name: round(int(fields[key].split()[0]) / 1024, 1)
        for name, key in (("peak_rss_mb", "VmHWM"), ("rss_mb", "VmRSS"))
    }


def main() -> int:
    """Measure, print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=100, help="edits to make (default 100)")
    args = parser.parse_args()
    if args.edits < 10:
        parser.error("--edits must be at least 10")
    with tempfile.TemporaryDirectory(prefix="briefing-watch-memory-") as scratch:
        marks = measure(REPO, Path(scratch), args.edits)
    print(json.dumps({"edits": args.edits, "memory": marks}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
