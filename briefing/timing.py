"""Stage timings: `build()` tells a listener how long each of its stages took.

The listener is a callable the caller sets on `Config.stage_timer` (the benchmark does); it is
called with a stage's name (read, load, preflight, render, layout, pdf, write) and its seconds,
once per lap, so a stage that runs once per profile is reported once per profile. `load` is the
later stages' imports, when a process builds for the first time.
"""

from __future__ import annotations

import time
from collections.abc import Callable

StageTimer = Callable[[str, float], None]
"""Called with a stage's name and the seconds it took."""


class StageClock:
    """The laps of one build: each `lap(name)` reports the seconds since the previous lap."""

    def __init__(self, listener: StageTimer | None) -> None:
        self._listener = listener
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        """Report the seconds since the last lap (or since the clock started) as stage `name`."""
        now = time.perf_counter()
        if self._listener is not None:
            self._listener(name, now - self._last)
        self._last = now
