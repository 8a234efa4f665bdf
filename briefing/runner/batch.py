"""Running builds: skip what the cache says is up to date, build the rest, in parallel
processes when there are several."""

from __future__ import annotations

from collections.abc import Callable

from briefing.runner.job import Job, Outcome, check_cache, free_previous_build, run_job
from briefing.runner.stopping import raise_if_stopped
from briefing.runner.workers import run_in_pool


def run_jobs(
    jobs: list[Job],
    workers: int,
    emit: Callable[[Outcome], None],
    force: bool = False,
    debug: bool = False,
) -> int:
    """Run `jobs` (cached ones skipped unless `force`), emit each outcome as it finishes;
    return how many failed."""
    outcomes: list[Outcome] = []

    def finish(outcome: Outcome) -> None:
        outcomes.append(outcome)
        emit(outcome)

    pending = []
    for job in jobs:
        hit = None if force else check_cache(job)
        if hit:
            finish(hit)
        else:
            pending.append(job)
    if workers <= 1 or len(pending) <= 1:
        for number, job in enumerate(pending):
            if number:
                free_previous_build()
            finish(run_job(job, debug))
            raise_if_stopped()
    else:
        run_in_pool(pending, workers, finish, debug)
    return sum(1 for outcome in outcomes if outcome.error)
