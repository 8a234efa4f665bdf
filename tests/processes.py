"""Watching a real process: the lines it writes, read as they come, waited for as events."""

from __future__ import annotations

import queue
import threading
import time
from typing import IO

from .conftest import DEADLINE


class Lines:
    """The lines a process writes to one pipe, read by a thread as they come."""

    def __init__(self, stream: IO[str] | None) -> None:
        assert stream is not None
        self._stream = stream
        self._queue: queue.Queue[str] = queue.Queue()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self._queue.put(line)
        self._queue.put("")  # the pipe closed

    def wait_for(self, text: str) -> str:
        """Return the next line containing `text`; fail after DEADLINE seconds or at the end."""
        give_up = time.monotonic() + DEADLINE
        while (left := give_up - time.monotonic()) > 0:
            try:
                line = self._queue.get(timeout=left)
            except queue.Empty:
                break
            assert line, f"the process closed its output before a line with {text!r}"
            if text in line:
                return line
        raise AssertionError(f"no line with {text!r} within {DEADLINE:.0f} s")

    def close(self) -> list[str]:
        """Close the pipe once the process has ended; return the lines not yet waited for."""
        self._thread.join(DEADLINE)
        self._stream.close()
        rest = []
        while not self._queue.empty():
            rest.append(self._queue.get())
        return [line for line in rest if line]
