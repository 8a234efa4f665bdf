"""Stop signals: Ctrl-C (SIGINT) and SIGTERM unwind what runs, then the command exits with
128 + the signal's number; a signal swallowed by a finalizer is raised again."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import NoReturn


class Terminated(SystemExit):
    """SIGTERM arrived: unwind what is running, then exit with 128 + the signal number."""


received: int | None = None
"""The stop signal (SIGINT, SIGTERM) this process received, if any."""


def on_stop_signal(signum: int, frame: FrameType | None) -> NoReturn:
    """A SIGINT or SIGTERM handler: remember the signal, then unwind (finally blocks run)."""
    global received
    received = signum
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated(128 + signum)


def raise_if_stopped() -> None:
    """Raise for a stop signal received, again: a handler that runs inside a finalizer (during
    garbage collection, say) has its exception swallowed, and the work would go on."""
    if received == signal.SIGINT:
        raise KeyboardInterrupt
    if received is not None:
        raise Terminated(128 + received)


@contextmanager
def stop_signals_handled() -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM unwind what runs (`on_stop_signal`); after it,
    the handlers are restored and the signal forgotten (the command has answered it).

    A stop that arrives while a finalizer runs (a weak reference's callback, say) is
    swallowed there, and Python would print it as "Exception ignored": it is kept quiet, as
    `raise_if_stopped` raises it again once the current build step is done. Signals are only
    handled in the main thread (a test may run the command in another).
    """
    global received
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    stops = (signal.SIGINT, signal.SIGTERM)
    previous = {number: signal.signal(number, on_stop_signal) for number in stops}
    previous_hook = sys.unraisablehook

    def quiet_stops(unraisable: sys.UnraisableHookArgs) -> None:
        if received is None or not isinstance(unraisable.exc_value, KeyboardInterrupt | Terminated):
            previous_hook(unraisable)

    sys.unraisablehook = quiet_stops
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        sys.unraisablehook = previous_hook
        received = None
