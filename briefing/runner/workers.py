"""Builds in worker processes: they die with their parent, stop cleanly on Ctrl-C or SIGTERM,
and a worker killed by the kernel costs only the brief it was building.

Ctrl-C reaches every process of the terminal's group: workers ignore it and the parent decides.
The parent stops its workers with SIGTERM, which unwinds the build a worker is running (so the
output module removes its temporaries and rolls back a half-renamed set) before it exits. On
Linux a worker also gets SIGTERM when its parent dies, however it dies.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from types import FrameType
from typing import TYPE_CHECKING, Any

from briefing.errors import display_path
from briefing.processes import die_with_parent
from briefing.runner.job import Job, Outcome, free_previous_build, run_job
from briefing.runner.stdlib_adapter import pool_processes
from briefing.runner.stopping import Terminated, raise_if_stopped

if TYPE_CHECKING:
    from concurrent.futures import Future
    from multiprocessing.process import BaseProcess

STOP_SECONDS = 30.0
"""How long the parent waits for a stopped worker to unwind before killing it outright."""

FINISHED = -1
"""A job's slot once its worker has finished it (0 before it starts, the worker's pid during)."""


_slots: Any = None
"""In a worker: the shared array where each job's slot says which process runs it."""

_busy = False
"""In a worker: whether a build is running (SIGTERM then unwinds it, else exits at once)."""

_built = False
"""In a worker: whether it has built a job before (whose cycles are then freed first)."""


def run_in_pool(
    jobs: list[Job], workers: int, finish: Callable[[Outcome], None], debug: bool
) -> None:
    """Build `jobs` in up to `workers` processes, `finish` each outcome; a job whose worker was
    killed is reported in one line and the jobs that worker's death interrupted run again."""
    remaining = jobs
    while remaining:
        finished, lost, remaining = _run_pool(remaining, workers, finish, debug)
        if not finished and not lost:
            lost, remaining = remaining, []  # nothing moved: stop rather than retry for ever
        for job in lost:
            message = "the build process was killed (out of memory?)"
            finish(Outcome(error=f"{display_path(job.source)}: {message}"))


def _run_pool(
    jobs: list[Job], workers: int, finish: Callable[[Outcome], None], debug: bool
) -> tuple[int, list[Job], list[Job]]:
    """One pool over `jobs`: how many finished, the jobs lost with a killed worker, the rest."""
    # Loaded here, not at the top: a single build starts no pool (~10 ms of imports).
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork")  # workers inherit what is already imported
    slots = context.RawArray("i", len(jobs))
    pool = ProcessPoolExecutor(
        min(workers, len(jobs)),
        mp_context=context,
        initializer=_start_worker,
        initargs=(slots, os.getpid()),
    )
    futures: dict[Future[Outcome], int] = {}
    processes: dict[int, BaseProcess] = {}
    done: set[int] = set()
    try:
        for index, job in enumerate(jobs):
            futures[pool.submit(_run_in_worker, index, job, debug)] = index
            processes.update(pool_processes(pool))  # every worker is forked at the first submit
        for future in as_completed(futures):
            try:
                outcome = future.result()
            except BrokenProcessPool:
                continue  # a worker died: its jobs are sorted out below
            done.add(futures[future])
            finish(outcome)
            raise_if_stopped()
    except BaseException:  # Ctrl-C or SIGTERM: drop the queue, stop what runs, then go
        pool.shutdown(wait=False, cancel_futures=True)
        _stop(list(processes.values()))
        raise
    pool.shutdown(wait=True)
    unfinished = [index for index in range(len(jobs)) if index not in done]
    exits = {pid: process.exitcode for pid, process in processes.items()}
    stopped = {128 + signal.SIGTERM, -signal.SIGTERM}  # ended by the pool, not by the kernel
    lost = [index for index in unfinished if exits.get(slots[index]) not in {None, *stopped}]
    rest = [jobs[index] for index in unfinished if index not in lost]
    return len(done), [jobs[index] for index in lost], rest


def _stop(processes: list[BaseProcess]) -> None:
    """SIGTERM each worker, wait for it to unwind, and kill any that do not."""
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(STOP_SECONDS)
        if process.is_alive():
            process.kill()
            process.join()


def _start_worker(slots: Any, parent: int) -> None:
    """Set up a worker: ignore Ctrl-C, unwind on SIGTERM, die with the parent."""
    global _slots
    _slots = slots
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_worker)
    die_with_parent(parent)


def _stop_worker(signum: int, frame: FrameType | None) -> None:
    """SIGTERM in a worker: unwind a running build (removing its temporaries), else exit."""
    if _busy:
        raise Terminated(128 + signum)
    os._exit(128 + signum)


def _run_in_worker(index: int, job: Job, debug: bool) -> Outcome:
    """Run one job in a worker, marking its slot while it runs."""
    global _busy, _built
    _slots[index] = os.getpid()
    if _built:
        free_previous_build()
    _built = _busy = True
    try:
        outcome = run_job(job, debug)
        _busy = False
    except Terminated as stop:
        # Exit here: the pool would send the exception back and wait for the next job.
        os._exit(stop.code if isinstance(stop.code, int) else 1)
    _slots[index] = FINISHED
    return outcome
