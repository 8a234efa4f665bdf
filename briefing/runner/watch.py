"""`--watch`: a warm, long-lived process that rebuilds the briefs whose inputs changed."""

from __future__ import annotations

import gc
import re
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.cache import forget_environment
from briefing.output import every_output
from briefing.pipeline import driver, production  # noqa: F401  (loaded with the watcher: every rebuild runs warm)
from briefing.runner import stopping
from briefing.runner.batch import run_jobs
from briefing.runner.job import Job, Outcome, collection_paused
from briefing.runner.stopping import Terminated, raise_if_stopped

if TYPE_CHECKING:
    from watchfiles import Change

DEBOUNCE_MS = 50
"""Changes closer together than this are handled as one (editors write files in bursts)."""

READY_AFTER_MS = 250
"""Quiet milliseconds after the watches are set up before saying that watching has begun."""

TEMPORARY = re.compile(r"\.(?P<name>.+)\.\d+\.\d+\.tmp")
"""The hidden temporary an output is written to before it is renamed into place."""


def watch(jobs: list[Job], emit: Callable[[Outcome], None], debug: bool = False) -> int:
    """Build `jobs`, then rebuild whichever are out of date after each change, until Ctrl-C.

    The cache decides what is out of date, so an edit rebuilds only the briefs that read the
    changed file; a bad edit prints its error and watching goes on with the last good PDF.
    """
    from watchfiles import watch as changes  # deferred: only this mode needs it

    folders = {job.source.parent.resolve() for job in jobs}
    folders |= {folder.resolve() for job in jobs
                for folder in (*job.config.template_dirs, *job.config.style_dirs)
                if folder.is_dir()}  # fmt: skip

    def quiet(outcome: Outcome) -> None:
        if not outcome.unchanged:
            emit(outcome)

    ready = False
    try:
        # The watches are set up before the first build, so a save made during any build is
        # queued by watchfiles and yielded next: the loop rebuilds until the inputs are quiet,
        # and the last save always wins. watchfiles has no "ready" callback, but its first
        # yield (a timeout yields an empty set) comes only once every folder is watched.
        for changed in changes(*sorted(folders), watch_filter=OwnWrites(jobs),
                               debounce=DEBOUNCE_MS, step=20, rust_timeout=READY_AFTER_MS,
                               yield_on_timeout=True):  # fmt: skip
            if not ready:
                rebuild(jobs, emit, debug)
                # Everything loaded so far lives as long as the process: keeping it out of
                # the garbage collector's sweeps makes each rebuild ~5% faster.
                gc.freeze()
                _say_ready(len(folders))
                ready = True
            elif changed:
                forget_environment()  # a template or style may be what changed
                rebuild(jobs, quiet, debug)
    except KeyboardInterrupt:
        # watchfiles turns any signal into KeyboardInterrupt: SIGTERM must still say so.
        if stopping.received == signal.SIGTERM:
            raise Terminated(128 + signal.SIGTERM) from None
    finally:
        if ready:
            gc.unfreeze()  # leave the process as it was found
    return 0


def rebuild(jobs: list[Job], emit: Callable[[Outcome], None], debug: bool = False) -> None:
    """Run `jobs` in this process without automatic collection, then collect what they left.

    Layout makes millions of objects and few cycles: sweeping them while it runs only slows
    the rebuild (~0.1 s). The cycles WeasyPrint's layout leaves (~12 MB a rebuild) are freed
    once the outcomes are out, so a watcher does not grow without end.
    """
    with collection_paused():
        run_jobs(jobs, workers=1, emit=emit, debug=debug)
    gc.collect()
    raise_if_stopped()  # a stop signal whose exception a finalizer swallowed


class OwnWrites:
    """A watchfiles filter that drops what the watcher itself writes: every profile's output
    (PDF, HTML, email draft), their hidden temporaries and the cache folder. Without it an
    uncached build (remote resources, an unwritable cache) would rebuild for ever."""

    def __init__(self, jobs: list[Job]) -> None:
        from watchfiles import DefaultFilter

        self._default = DefaultFilter()
        self._outputs = {path for job in jobs for path in every_output(job.output.resolve())}
        self._caches = {job.config.cache_dir.resolve() for job in jobs}

    def __call__(self, change: Change, path: str) -> bool:
        """Whether a change to `path` may need a rebuild."""
        if not self._default(change, path):
            return False
        changed = Path(path)
        if changed in self._outputs:
            return False
        temporary = TEMPORARY.fullmatch(changed.name)
        if temporary and changed.with_name(temporary["name"]) in self._outputs:
            return False
        return not any(changed.is_relative_to(cache) for cache in self._caches)


def _say_ready(count: int) -> None:
    """Tell the user (and tests) that edits from now on are rebuilt."""
    folders = "folder" if count == 1 else "folders"
    print(f"watching {count} {folders} for changes (Ctrl-C to stop)", file=sys.stderr, flush=True)
