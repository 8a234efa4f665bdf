"""Bar charts: vertical or horizontal, one series or several grouped; stacked, or stacked to
100%. Series told apart by fill and pattern, a `highlight` in the accent colour, values written
on the bars with `labels: direct`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from briefing.brand.colours import ink_on
from briefing.read.charts.model import Chart
from briefing.read.charts.numbers import format_category, format_number
from briefing.render.charts.canvas import embolden, number_formatter, value_label
from briefing.render.charts.style import ChartStyle

if TYPE_CHECKING:
    from matplotlib.axes import Axes

GROUP_WIDTH = 0.8
"""The share of a category's slot its bars fill."""


def bar_height(chart: Chart) -> float:
    """Inches: a vertical chart is of one height; a horizontal one grows with its bars."""
    if chart.orientation == "vertical":
        return 2.9
    bars = len(chart.categories) * (1 if chart.kind == "stacked-bar" else len(chart.series))
    return min(7.5, 0.9 + 0.22 * bars + 0.12 * len(chart.categories))


def draw_bars(axes: Axes, chart: Chart, style: ChartStyle) -> None:
    """Grouped bars, one group per category."""
    count = len(chart.series)
    width = GROUP_WIDTH / count
    for index, series in enumerate(chart.series):
        offsets = [
            c - GROUP_WIDTH / 2 + width * (index + 0.5) for c in range(len(chart.categories))
        ]
        values = [value if value is not None else 0.0 for value in series.values]
        fills = _fills(chart, style, index)
        bars = _bar(
            axes, chart, offsets, values, width, fills, style.hatch(index), style, series.name
        )
        if chart.labels == "direct":
            shown = [_value(chart, value) for value in series.values]
            axes.bar_label(bars, labels=shown, padding=2, fontsize=7, color=style.ink)
    _finish(axes, chart, style, legend=count > 1)


def draw_stacked_bars(axes: Axes, chart: Chart, style: ChartStyle) -> None:
    """One bar per category, its series stacked (as shares of 100% with `percent`)."""
    columns = len(chart.categories)
    totals = [sum(s.values[c] or 0.0 for s in chart.series) for c in range(columns)]
    above, below = [0.0] * columns, [0.0] * columns
    for index, series in enumerate(chart.series):
        values = [value or 0.0 for value in series.values]
        if chart.percent:
            values = [
                100 * value / total if total else 0.0
                for value, total in zip(values, totals, strict=True)
            ]
        bases = [above[c] if values[c] >= 0 else below[c] for c in range(columns)]
        bars = _bar(axes, chart, list(range(columns)), values, 0.6, [style.fill(index)] * columns,
                    style.hatch(index), style, series.name, bases)  # fmt: skip
        for c, value in enumerate(values):
            if value >= 0:
                above[c] += value
            else:
                below[c] += value
        if chart.labels == "direct":
            shown = [
                _value(chart, v) if abs(v) >= 0.06 * max(map(abs, totals or [1])) else ""
                for v in values
            ]
            if chart.percent:
                shown = [_value(chart, v) if v >= 6 else "" for v in values]
            colours = ink_on(style.fill(index)) if not style.hatch(index) else style.ink
            axes.bar_label(bars, labels=shown, label_type="center", fontsize=7, color=colours)
    _finish(axes, chart, style, legend=True)


def _bar(axes: Axes, chart: Chart, positions: list[float], values: list[float], width: float,
         fills: list[str], hatch: str, style: ChartStyle, name: str,
         bases: list[float] | None = None) -> Any:  # fmt: skip
    """One series' bars, upright or lying down."""
    options: dict[str, Any] = {"color": fills, "label": name, "linewidth": 0.6,
                               "edgecolor": style.edge, "hatch": hatch or None}  # fmt: skip
    if chart.orientation == "horizontal":
        return axes.barh(positions, values, height=width, left=bases, **options)
    return axes.bar(positions, values, width=width, bottom=bases, **options)


def _fills(chart: Chart, style: ChartStyle, index: int) -> list[str]:
    """Each bar's fill: the series' own, or accent and quiet when one category is highlighted."""
    if not chart.highlight or len(chart.series) > 1:
        return [style.fill(index)] * len(chart.categories)
    return [style.accent if c == chart.highlight else style.quiet for c in chart.categories]


def _value(chart: Chart, value: float | None) -> str:
    """A value written on its bar: a share of 100% in a percent chart."""
    unit = "%" if chart.percent or chart.unit == "%" else ""
    return "" if value is None else format_number(value, chart.language, unit)


def _finish(axes: Axes, chart: Chart, style: ChartStyle, legend: bool) -> None:
    """Category ticks, the value axis in the brief's numbers, grid, limits and legend."""
    positions = list(range(len(chart.categories)))
    names = [format_category(category, chart.language) for category in chart.categories]
    horizontal = chart.orientation == "horizontal"
    category_axis, value_axis = (axes.yaxis, axes.xaxis) if horizontal else (axes.xaxis, axes.yaxis)
    category_axis.set_ticks(positions, names)
    category_axis.set_tick_params(length=0)
    value_axis.set_major_formatter(number_formatter(chart, with_unit=True))
    value_axis.set_tick_params(length=0)
    (axes.set_xlabel if horizontal else axes.set_ylabel)(value_label(chart))
    axes.grid(True, axis="x" if horizontal else "y")
    if horizontal:
        axes.invert_yaxis()  # the first category on top, as a table reads
        axes.spines["left"].set_visible(True)
        axes.spines["bottom"].set_visible(False)
    else:
        axes.spines["left"].set_visible(False)
    limits = axes.set_xlim if horizontal else axes.set_ylim
    if chart.y_min is not None or chart.y_max is not None:
        limits(chart.y_min, chart.y_max)
    elif chart.percent:
        limits(0, 100)
    embolden(category_axis.get_ticklabels(), chart)
    if legend:  # values may be written on the bars; the series' names need the legend
        axes.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=min(len(chart.series), 6),
                    fontsize=7.5, handlelength=1.4, borderaxespad=0.2)  # fmt: skip
