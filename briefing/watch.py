"""`--watch`: a warm, long-lived process that rebuilds the briefs whose inputs changed."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable

from .batch import Job, Outcome, run_jobs
from .cache import forget_environment

DEBOUNCE_MS = 50
"""Changes closer together than this are handled as one (editors write files in bursts)."""

READY_AFTER_MS = 250
"""Quiet milliseconds after the watches are set up before saying that watching has begun."""


def watch(jobs: list[Job], emit: Callable[[Outcome], None], debug: bool = False) -> int:
    """Build `jobs`, then rebuild whichever are out of date after each change, until Ctrl-C.

    The cache decides what is out of date, so an edit rebuilds only the briefs that read the
    changed file; a bad edit prints its error and watching goes on with the last good PDF.
    """
    from watchfiles import watch as changes  # deferred: only this mode needs it

    from . import pipeline  # noqa: F401  (import now: every rebuild then runs warm)

    run_jobs(jobs, workers=1, emit=emit, debug=debug)
    # Everything loaded so far lives as long as the process: keeping it out of the garbage
    # collector's sweeps makes each rebuild ~5% faster.
    gc.freeze()
    folders = {job.source.parent.resolve() for job in jobs}
    folders |= {folder for job in jobs
                for folder in (*job.config.template_dirs, *job.config.style_dirs)}  # fmt: skip

    def quiet(outcome: Outcome) -> None:
        if not outcome.unchanged:
            emit(outcome)

    ready = False
    try:
        # Our own writes come back as changes too: the cache finds those builds up to date.
        # watchfiles has no "ready" callback, but its first yield (a timeout yields an empty
        # set) comes only once every folder is watched: an edit after the line below is seen.
        for changed in changes(*sorted(folders), debounce=DEBOUNCE_MS, step=20,
                               rust_timeout=READY_AFTER_MS, yield_on_timeout=True):  # fmt: skip
            if not ready:
                _say_ready(len(folders))
                ready = True
            if changed:
                forget_environment()  # a template or style may be what changed
                run_jobs(jobs, workers=1, emit=quiet, debug=debug)
    except KeyboardInterrupt:
        pass
    return 0


def _say_ready(count: int) -> None:
    """Tell the user (and tests) that edits from now on are rebuilt."""
    folders = "folder" if count == 1 else "folders"
    print(f"watching {count} {folders} for changes (Ctrl-C to stop)", file=sys.stderr, flush=True)
