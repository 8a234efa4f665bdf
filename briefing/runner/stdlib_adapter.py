"""The standard library's private corners, in one place: a process pool's worker processes
and running the exit handlers before the process ends. `tests/test_house_adapters.py` pins
each, so a Python that changes them fails a test instead of a build."""

from __future__ import annotations

import atexit
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a single build never starts a pool, nor loads its modules
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.process import BaseProcess


def pool_processes(pool: ProcessPoolExecutor) -> dict[int, BaseProcess]:
    """The worker processes `pool` has started, by process id (none before its first submit)."""
    return dict(pool._processes or {})


def run_exit_handlers() -> None:
    """Run every `atexit` handler now, as the interpreter would at exit, and forget them."""
    atexit._run_exitfuncs()
