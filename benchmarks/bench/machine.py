"""Where and with what a run was made: date, processor, memory, load, versions, code."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import platform
import subprocess
from pathlib import Path
from typing import Any


def machine(
    repository: Path, runs: int, quick: bool, peers: dict[str, str | None]
) -> dict[str, Any]:
    """The facts of this machine and run, for the report's first line and its JSON."""
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "architecture": platform.machine(),
        "cores": len(os.sched_getaffinity(0)),
        "cpu": _cpu_model(),
        "memory_gib": round(_memory_gib(), 1),
        "load_start": round(os.getloadavg()[0], 2),
        "python": platform.python_version(),
        "weasyprint": importlib.metadata.version("weasyprint"),
        "peers": peers,
        "code": _git_revision(repository),
        "runs": runs,
        "quick": quick,
    }


def finish(facts: dict[str, Any], wall_seconds: float) -> dict[str, Any]:
    """`facts` with the run's wall time and the load average at its end."""
    return {
        **facts,
        "wall_seconds": round(wall_seconds, 1),
        "load_end": round(os.getloadavg()[0], 2),
    }


def _cpu_model() -> str:
    """The processor's model name from /proc/cpuinfo."""
    for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
        if line.startswith("model name"):
            return line.partition(":")[2].strip()
    return platform.processor() or "unknown processor"


def _memory_gib() -> float:
    """Total memory from /proc/meminfo, in GiB."""
    for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024**2
    return 0.0


def _git_revision(repository: Path) -> str:
    """The repository's commit, marked when the working tree has changes."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=repository, capture_output=True, text=True)
        return done.stdout.strip()

    revision = git("rev-parse", "--short", "HEAD") or "unknown"
    return revision + (" + uncommitted changes" if git("status", "--porcelain") else "")
