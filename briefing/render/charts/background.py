"""Charts drawn in a second process while the build loads its later stages.

matplotlib takes ~0.4 s to import and a chart ~40 ms to draw. A cold build that has charts
forks as soon as it has read them (`processes.fork_task`), before it imports WeasyPrint,
Markdown and the other later stages (~0.3 s), and the child draws every chart in every look
the profiles need while the parent loads and renders. A chart the child is still drawing when
the body is rendered gets a placeholder `data:` URI (`source`), which the layout's fetcher
fills in when WeasyPrint loads the image (`drawing`): the parent waits, if at all, only once
it has parsed the whole HTML. A process that has loaded matplotlib already (`--watch`, say)
draws as fast in place; a chart the child did not hand over is drawn in place, so its error
is reported exactly as without the child.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from types import TracebackType
from urllib.parse import quote, unquote

from briefing.processes import ForkedTask, fork_task
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
        task: ForkedTask[dict[str, str]] | None = None,
    ):
        self._figures = dict(figures)
        self._styles = dict(styles)
        self._task = task
        self._drawings: dict[str, str] | None = None if task else {}

    @property
    def forked(self) -> bool:
        """Whether a child process was started to draw the charts."""
        return self._task is not None

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
        if self._task is not None:
            self._task.close()
        if self._drawings is None:
            self._drawings = {}

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
            received = self._task.result() if self._task else None
            self._drawings = received if isinstance(received, dict) else {}
        return self._drawings


def start_background_charts(
    figures: Mapping[str, Figure], styles: Mapping[str, ChartStyle]
) -> BackgroundCharts:
    """Start drawing the charts among `figures` in each of `styles`, in a child process when
    that pays (see the module's docstring); else nothing starts and each is drawn in place."""
    charts = [figure for figure in figures.values() if figure.chart]
    if not charts or "matplotlib" in sys.modules:
        return BackgroundCharts(figures, styles)
    return BackgroundCharts(figures, styles, fork_task(lambda: _drawn(charts, styles)))


def _drawn(charts: list[Figure], styles: Mapping[str, ChartStyle]) -> dict[str, str]:
    """Every chart in every style, by `_key`; one that fails is left for the parent."""
    drawings: dict[str, str] = {}
    for figure in charts:
        for look, style in styles.items():
            try:
                drawings[_key(figure.name, look)] = draw_figure(figure, style)
            except Exception:  # drawn again in place, where the error is reported
                continue
    return drawings


def _key(name: str, look: str) -> str:
    return f"{look}:{name}"
