"""The charts' one door to matplotlib: a figure of the page's width in the brief's fonts, axes
styled once, numbers on them written for the brief's language, and the SVG it saves made small.

matplotlib takes ~0.5 s to import: it is imported inside `draw_chart`, so only a brief that has
a chart of data pays for it (never `briefing`'s start-up, nor the timeline and overlap).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from briefing.read.charts.model import Chart
from briefing.read.charts.numbers import format_number
from briefing.render.charts.style import CHART_FONTS, FONT_POINTS, WIDTH_INCHES, ChartStyle
from briefing.render.charts.svg_output import cleaned

if TYPE_CHECKING:
    from matplotlib.axes import Axes

Drawer = Callable[["Axes", Chart, ChartStyle], None]
"""Draws one kind of chart on axes made by `draw_chart`."""


def rc_settings(style: ChartStyle) -> dict[str, Any]:
    """matplotlib's settings for a chart in `style`: text kept as text, in the brief's fonts."""
    return {
        "svg.fonttype": "none",  # text as <text>, set in the PDF by the brief's own fonts
        "svg.hashsalt": "briefing",  # ids the same on every build: the same bytes
        "font.family": list(CHART_FONTS),
        "font.size": FONT_POINTS,
        "text.color": style.ink,
        "axes.edgecolor": style.muted,
        "axes.labelcolor": style.ink,
        "axes.linewidth": 0.6,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.axisbelow": True,
        "axes.grid": False,
        "grid.color": style.rule,
        "grid.linewidth": 0.6,
        "xtick.color": style.muted,
        "ytick.color": style.muted,
        "xtick.labelcolor": style.ink,
        "ytick.labelcolor": style.ink,
        "xtick.major.size": 3,
        "ytick.major.size": 0,
        "hatch.color": style.ink,
        "hatch.linewidth": 0.6,
        "legend.frameon": False,
        "path.simplify": True,
    }


def draw_chart(chart: Chart, style: ChartStyle, draw: Drawer, height: float) -> str:
    """`chart` drawn by `draw` on a figure `height` inches high, as SVG text."""
    # Imported here, not at the top: ~0.5 s that only briefs with a chart of data pay.
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(rc_settings(style)):  # type: ignore[arg-type]
        figure = Figure(figsize=(WIDTH_INCHES, height))
        figure.patch.set_visible(False)
        axes = figure.add_subplot()
        axes.patch.set_visible(False)
        draw(axes, chart, style)
        _fit(figure, axes, chart)
        buffer = io.StringIO()
        metadata = {"Date": None, "Creator": None, "Format": None, "Type": None}
        figure.savefig(buffer, format="svg", metadata=metadata)
    # Nothing is drawn outside the axes, so nothing to cut, unless a limit cuts the data.
    return cleaned(buffer.getvalue(), clipped=chart.y_min is not None or chart.y_max is not None)


def _fit(figure: Any, axes: Axes, chart: Chart) -> None:
    """Margins that hold the labels, worked out from their text: matplotlib's own layout
    engines draw the chart two or three times over to find them (half a chart's time)."""
    width, height = figure.get_size_inches()
    labels = axes.yaxis.get_major_formatter().format_ticks(list(axes.yaxis.get_majorticklocs()))
    left = 1.08 * max((_inches(str(label)) for label in labels), default=0.0) + 0.12
    left += 0.2 if axes.get_ylabel() else 0.0
    bottom = 0.26 + (0.17 if axes.get_xlabel() else 0.0)
    top = 0.34 if axes.get_legend() else 0.16
    outside = chart.orientation == "horizontal" and chart.kind == "bar" and chart.labels == "direct"
    right = 0.45 if outside else 0.12
    figure.subplots_adjust(
        left=left / width, right=1 - right / width, bottom=bottom / height, top=1 - top / height
    )


def _inches(text: str, size: float = FONT_POINTS) -> float:
    """How wide `text` is set in the chart's font at `size` points."""
    from matplotlib.font_manager import FontProperties  # loaded by draw_chart already
    from matplotlib.textpath import text_to_path

    properties = FontProperties(family=list(CHART_FONTS), size=size)
    width, _, _ = text_to_path.get_text_width_height_descent(text, properties, ismath=False)
    return float(width) / 72


def number_formatter(chart: Chart, with_unit: bool) -> Any:
    """A tick formatter writing values in the chart's language (`%` after them if asked)."""
    from matplotlib.ticker import FuncFormatter  # loaded by draw_chart already

    unit = "%" if with_unit and (chart.percent or chart.unit == "%") else ""
    return FuncFormatter(lambda value, _: format_number(value, chart.language, unit))


def embolden(labels: list[Any], chart: Chart) -> None:
    """The highlighted category's label in bold, beside its accent-coloured bar."""
    for label, category in zip(labels, chart.categories, strict=True):
        if chart.highlight and category == chart.highlight:
            label.set_fontweight("bold")


def value_label(chart: Chart) -> str:
    """What the value axis says it measures: the unit, unless the ticks show it (`%`)."""
    return "" if chart.percent or chart.unit == "%" else chart.unit
