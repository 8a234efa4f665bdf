"""One entry for every figure: `draw_figure(figure, style)` returns its SVG, whichever kind;
`svg_data_uri` puts it in an `<img>`."""

from __future__ import annotations

import base64

from briefing.read.charts.model import Chart
from briefing.read.figure_data import Figure, Overlap
from briefing.render.charts.bars import bar_height, draw_bars, draw_stacked_bars
from briefing.render.charts.canvas import Drawer, draw_chart
from briefing.render.charts.lines import dot_height, draw_dots, draw_lines
from briefing.render.charts.overlap import draw_overlap
from briefing.render.charts.style import ChartStyle
from briefing.render.charts.timeline import draw_timeline

LINE_HEIGHT = 2.9
"""Inches: a line chart's height."""

CHART_DRAWERS: dict[str, Drawer] = {
    "bar": draw_bars,
    "stacked-bar": draw_stacked_bars,
    "line": draw_lines,
    "dot": draw_dots,
}
"""Chart type -> the function that draws it on matplotlib axes. Register new types here."""


def draw_figure(figure: Figure, style: ChartStyle) -> str:
    """The figure as SVG text; charts of data in `style`, the drawn figures as they are."""
    drawing = figure.drawing
    if isinstance(drawing, Chart):
        return draw_chart(drawing, style, CHART_DRAWERS[drawing.kind], chart_height(drawing))
    if isinstance(drawing, Overlap):
        return draw_overlap(drawing, figure.name, figure.alt)
    return draw_timeline(drawing, figure.alt)


def chart_height(chart: Chart) -> float:
    """Inches: how tall the chart is drawn (its width is the page's text width)."""
    if chart.kind in ("bar", "stacked-bar"):
        return bar_height(chart)
    return dot_height(chart) if chart.kind == "dot" else LINE_HEIGHT


def svg_data_uri(svg: str) -> str:
    """An SVG as a data: URI, so it stays inside the HTML (and passes the fetcher untouched)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
