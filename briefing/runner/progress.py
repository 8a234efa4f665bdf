"""A progress line for long work, only on a terminal: silent when output is piped."""

from __future__ import annotations

import sys
import threading
import time
from types import TracebackType
from typing import TextIO

SHOW_AFTER = 3.0
"""Seconds before a progress line appears: short builds print nothing extra."""

REDRAW_EVERY = 0.2
"""Seconds between two redraws of the progress line."""


class Progress:
    """Show `building … N s (done/total)` on stderr while work runs, if stderr is a terminal.

    The line appears `show_after` seconds after the work starts and stops once every item is
    done (in watch mode the process then waits for changes, which is not work to show).
    `line_drawn` is set when the line is first drawn, so callers and tests can wait for it.
    """

    def __init__(
        self, total: int, stream: TextIO | None = None, show_after: float = SHOW_AFTER
    ) -> None:
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.show_after = show_after
        self.line_drawn = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._shown = False

    def __enter__(self) -> Progress:
        if self.stream.isatty():
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()
        self.clear()

    def advance(self) -> None:
        """Count one finished item."""
        with self._lock:
            self.done += 1

    def clear(self) -> None:
        """Erase the progress line so a result line can take its place."""
        with self._lock:
            if self._shown:
                self.stream.write("\r\033[K")
                self.stream.flush()
                self._shown = False

    def _run(self) -> None:
        started = time.monotonic()
        if self._stop.wait(self.show_after):
            return
        while True:
            with self._lock:
                if self.done >= self.total:
                    return
                elapsed = time.monotonic() - started
                self.stream.write(f"\rbuilding … {elapsed:.1f} s ({self.done}/{self.total} done)")
                self.stream.flush()
                self._shown = True
            self.line_drawn.set()
            if self._stop.wait(REDRAW_EVERY):
                return
