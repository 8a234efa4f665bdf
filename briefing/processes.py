"""Child processes: ones that end with their parent, and work forked off to run meanwhile.

`fork_task` runs a function in a forked child while the parent goes on (a cold build reads,
then renders and draws its charts in children while it imports WeasyPrint and the later
stages). The child inherits everything read, so nothing is read twice, and hands back the
function's result through a pipe. It forks only where that pays and is safe: on a machine with
more than one core, and in a process with a single thread (a fork copies no other thread, nor
any lock one of them holds). Whatever the child does not hand back (it failed, or was stopped)
the caller computes in place, so an error is reported exactly as without the child.
"""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Generic, NoReturn, TypeVar

PR_SET_PDEATHSIG = 1
"""prctl(2) option: the signal this process gets when its parent dies (Linux)."""

Result = TypeVar("Result")


def die_with_parent(parent: int) -> None:
    """Have the kernel SIGTERM this process when `parent` dies (Linux), and end it now if
    `parent` has died already."""
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(128 + signal.SIGTERM)


class ForkedTask(Generic[Result]):
    """A function running in a forked child; `result` waits for what it returns."""

    def __init__(self, child: int, pipe: int) -> None:
        self._child = child
        self._pipe = pipe
        self._done = False
        self._result: Result | None = None

    def result(self) -> Result | None:
        """What the function returned (waiting for it); None if the child failed or stopped."""
        if not self._done:
            with os.fdopen(self._pipe, "rb") as pipe:
                data = pipe.read()
            self._done = True
            os.waitpid(self._child, 0)
            try:  # the bytes of our own child: a pickle is as safe as the objects it forked
                self._result = pickle.loads(data) if data else None
            except Exception:  # cut short: the caller computes it in place
                self._result = None
        return self._result

    def close(self) -> None:
        """Stop the child if it is still running (the build ended early), and reap it."""
        if not self._done:
            self._done = True
            os.kill(self._child, signal.SIGKILL)
            os.close(self._pipe)
            os.waitpid(self._child, 0)

    def __enter__(self) -> ForkedTask[Result]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def fork_task(task: Callable[[], Result]) -> ForkedTask[Result] | None:
    """Start `task` in a forked child; None, and nothing started, where that does not pay."""
    if not forking_pays():
        return None
    parent = os.getpid()
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(reader)
        _run_in_child(task, writer, parent)
    os.close(writer)
    return ForkedTask(child, reader)


def forking_pays() -> bool:
    """Whether a child would run while this process goes on, safely (see the docstring)."""
    if not hasattr(os, "fork"):
        return False
    return usable_cores() > 1 and threading.active_count() == 1


def usable_cores() -> int:
    """How many cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _run_in_child(task: Callable[[], Result], pipe: int, parent: int) -> NoReturn:
    """In the child: run `task`, send its result, and end at once (no exit handlers, no
    flushing of the parent's buffers: they are the parent's)."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to answer
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        die_with_parent(parent)
        try:
            data = pickle.dumps(task(), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # computed again in place, where the error is reported
            data, code = b"", 1
        with os.fdopen(pipe, "wb") as stream:
            stream.write(data)
    except BaseException:
        code = 1
    finally:
        os._exit(code)
