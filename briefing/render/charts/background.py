"""Charts drawn in a second process while the build loads its later stages.

matplotlib takes ~0.4 s to import and a chart ~40 ms to draw. A cold build that has charts
forks as soon as it has read them, before it imports WeasyPrint, Markdown and the other later
stages (~0.3 s), and the child draws every chart in every look the profiles need while the
parent loads and renders. The child inherits what is read, so nothing is read twice, and hands
back SVG text only. A chart the child is still drawing when the body is rendered gets a
placeholder `data:` URI (`source`), which the layout's fetcher fills in when WeasyPrint loads
the image (`drawing`): the parent waits, if at all, only once it has parsed the whole HTML.

It forks only where that pays and is safe: on a machine with more than one core, in a process
with a single thread (a fork copies no other thread, nor any lock one of them holds), and with
matplotlib not loaded yet (a warm process, `--watch` say, draws as fast in place). Any drawing
the child does not hand over (it failed, or was stopped) is drawn in place, so a chart's
error is reported exactly as without the child.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import threading
from collections.abc import Mapping
from types import TracebackType
from typing import NoReturn
from urllib.parse import quote, unquote

from briefing.processes import die_with_parent
from briefing.read.figure_data import Figure
from briefing.render.charts.drawing import draw_figure, svg_data_uri
from briefing.render.charts.style import ChartStyle

PLACEHOLDER = "data:image/svg+xml;briefing-chart="
"""How a placeholder starts: a `data:` URI (so it passes the sanitizer), naming look and chart."""
_PLACEHOLDERS = re.compile(re.escape(PLACEHOLDER) + r"[^,\"'\s]*,")


class BackgroundCharts:
    """The charts a child process is drawing; `svg` takes one, or draws it in place."""

    def __init__(
        self,
        figures: Mapping[str, Figure],
        styles: Mapping[str, ChartStyle],
        child: int = 0,
        pipe: int = -1,
    ):
        self._figures = dict(figures)
        self._styles = dict(styles)
        self._child = child
        self._pipe = pipe
        self._drawings: dict[str, str] | None = None if child else {}

    @property
    def forked(self) -> bool:
        """Whether a child process was started to draw the charts."""
        return self._child != 0

    def source(self, figure: Figure, look: str, style: ChartStyle) -> str:
        """The `src` of `figure`'s image in `look`: its drawing as a data URI, or a placeholder
        while the child is still drawing it."""
        if self._drawings is None and self._styles.get(look) == style:
            return f"{PLACEHOLDER}{look}:{quote(figure.name, safe='')},"
        return svg_data_uri(self.svg(figure, look, style))

    def drawing(self, url: str) -> bytes | None:
        """The SVG a placeholder `url` stands for (waiting for the child if need be); None for
        any other URL."""
        if not url.startswith(PLACEHOLDER):
            return None
        look, _, name = url.removeprefix(PLACEHOLDER).rstrip(",").partition(":")
        figure, style = self._figures.get(unquote(name)), self._styles.get(look)
        if figure is None or style is None:
            return None
        return self.svg(figure, look, style).encode("utf-8")

    def inline(self, html: str) -> str:
        """`html` with each placeholder replaced by its drawing, as a data URI."""

        def inlined(match: re.Match[str]) -> str:
            drawing = self.drawing(match.group())
            return svg_data_uri(drawing.decode("utf-8")) if drawing else match.group()

        return _PLACEHOLDERS.sub(inlined, html)

    def wait(self) -> None:
        """Wait for the child's drawings: from now on, `source` gives no placeholder."""
        self._received()

    def svg(self, figure: Figure, look: str, style: ChartStyle) -> str:
        """`figure` drawn in `look` with `style`: the child's drawing when it made this one."""
        drawn = self._received().get(_key(figure.name, look))
        if drawn is None or self._styles.get(look) != style:
            return draw_figure(figure, style)
        return drawn

    def close(self) -> None:
        """Stop the child if it is still drawing (the build ended early), and reap it."""
        if self._drawings is None:
            os.kill(self._child, signal.SIGKILL)
            self._drawings = {}
            self._reap()

    def __enter__(self) -> BackgroundCharts:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _received(self) -> dict[str, str]:
        """Every drawing the child made, once it has finished (read once)."""
        if self._drawings is None:
            with os.fdopen(self._pipe, "rb") as pipe:
                data = pipe.read()
            self._pipe = -1
            self._drawings = {}
            self._reap()
            try:
                received = json.loads(data) if data else {}
            except ValueError:  # cut short: whatever is missing is drawn in place
                received = {}
            if isinstance(received, dict):
                self._drawings = {k: v for k, v in received.items() if isinstance(v, str)}
        return self._drawings

    def _reap(self) -> None:
        if self._pipe >= 0:
            os.close(self._pipe)
            self._pipe = -1
        os.waitpid(self._child, 0)


def start_background_charts(
    figures: Mapping[str, Figure], styles: Mapping[str, ChartStyle]
) -> BackgroundCharts:
    """Start drawing the charts among `figures` in each of `styles`, in a child process when
    that pays (see the module's docstring); else nothing starts and each is drawn in place."""
    charts = [figure for figure in figures.values() if figure.chart]
    if not charts or not _forking_pays():
        return BackgroundCharts(figures, styles)
    parent = os.getpid()
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(reader)
        _draw_in_child(charts, styles, writer, parent)
    os.close(writer)
    return BackgroundCharts(figures, styles, child, reader)


def _forking_pays() -> bool:
    """Whether a child would draw while this process loads, safely (see the docstring)."""
    if not hasattr(os, "fork") or "matplotlib" in sys.modules:
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) > 1 and threading.active_count() == 1


def _draw_in_child(
    charts: list[Figure], styles: Mapping[str, ChartStyle], pipe: int, parent: int
) -> NoReturn:
    """In the child: draw every chart in every style, send the SVGs as JSON, and end at once
    (no exit handlers, no flushing of the parent's buffers: they are the parent's)."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to answer
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        die_with_parent(parent)
        drawings: dict[str, str] = {}
        for figure in charts:
            for look, style in styles.items():
                try:
                    drawings[_key(figure.name, look)] = draw_figure(figure, style)
                except Exception:  # drawn again in place, where the error is reported
                    continue
        with os.fdopen(pipe, "wb") as stream:
            stream.write(json.dumps(drawings).encode("utf-8"))
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _key(name: str, look: str) -> str:
    return f"{look}:{name}"
