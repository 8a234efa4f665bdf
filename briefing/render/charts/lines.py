"""Line charts (series over numbers, dates or steps, with markers) and dot charts (categories
compared on one scale; two series drawn as a dumbbell). Lines told apart by marker and, in
greys, by dash; names written at the line ends with `labels: direct` and in the handout."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from briefing.read.charts.model import Chart
from briefing.read.charts.numbers import format_category, format_date, format_number
from briefing.render.charts.canvas import embolden, number_formatter, value_label
from briefing.render.charts.style import ChartStyle

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def dot_height(chart: Chart) -> float:
    """Inches: a row per category."""
    return min(7.5, 0.8 + 0.27 * len(chart.categories))


def draw_lines(axes: Axes, chart: Chart, style: ChartStyle) -> None:
    """One line per series, a marker on each value, gaps where a cell is empty."""
    positions = _positions(chart)
    direct = chart.labels == "direct" or style.look == "grey"
    for index, series in enumerate(chart.series):
        colour, dash, marker = style.line(index)
        values = [float("nan") if value is None else value for value in series.values]
        axes.plot(positions, values, color=colour, linestyle=dash, marker=marker, markersize=3.5,
                  linewidth=1.4, label=series.name, markerfacecolor=colour)  # fmt: skip
        known = [(p, v) for p, v in zip(positions, series.values, strict=True) if v is not None]
        if direct and known:
            x, y = known[-1]
            axes.annotate(f"{series.name} {format_number(y, chart.language, _unit(chart))}",
                          (x, y), xytext=(5, 0), textcoords="offset points", va="center",
                          fontsize=7.5, color=style.ink)  # fmt: skip
    if chart.dated:  # ticks on the data's own dates, at most seven
        dates = [c for c in chart.categories if isinstance(c, dt.date)]
        step = -(-len(dates) // 7)
        shown = dates[::step]
        labels = [format_date(day, chart.language, dates) for day in shown]
        axes.set_xticks([float(day.toordinal()) for day in shown], labels)
    elif chart.numeric:
        axes.xaxis.set_major_formatter(number_formatter(chart, with_unit=False))
    else:
        names = [format_category(category, chart.language) for category in chart.categories]
        axes.set_xticks(positions, names)
    axes.yaxis.set_major_formatter(number_formatter(chart, with_unit=True))
    axes.set_ylabel(value_label(chart))
    axes.set_xlabel(chart.x_name)
    axes.grid(True, axis="y")
    axes.spines["left"].set_visible(False)
    axes.tick_params(axis="y", length=0)
    if chart.y_min is not None or chart.y_max is not None:
        axes.set_ylim(chart.y_min, chart.y_max)
    if direct:
        axes.margins(x=0.02)
        axes.set_xlim(right=positions[-1] + 0.18 * (positions[-1] - positions[0] or 1))
    elif len(chart.series) > 1:
        axes.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=min(len(chart.series), 6),
                    fontsize=7.5, borderaxespad=0.2)  # fmt: skip


def draw_dots(axes: Axes, chart: Chart, style: ChartStyle) -> None:
    """A row per category, a dot per series; two series joined by a line (a dumbbell)."""
    rows = list(range(len(chart.categories)))
    if len(chart.series) == 2:
        first, second = chart.series
        for row, a, b in zip(rows, first.values, second.values, strict=True):
            if a is not None and b is not None:
                axes.plot([a, b], [row, row], color=style.quiet, linewidth=2.2, zorder=1)
    for index, series in enumerate(chart.series):
        colour, _, marker = style.line(index)
        hollow = style.look == "grey" and index % 2 == 1
        known = [(v, r) for r, v in zip(rows, series.values, strict=True) if v is not None]
        edge = colour if style.look == "grey" else "none"
        axes.scatter([v for v, _ in known], [r for _, r in known], s=30, marker=marker,
                     color="#ffffff" if hollow else colour, edgecolors=edge,
                     linewidths=1.1, zorder=2, label=series.name)  # fmt: skip
        if chart.labels == "direct":
            for value, row in known:
                side = _side(chart, index, row)
                axes.annotate(format_number(value, chart.language, _unit(chart)), (value, row),
                              xytext=(6 * side, 0), textcoords="offset points", va="center",
                              ha="left" if side > 0 else "right", fontsize=7,
                              color=style.ink)  # fmt: skip
    names = [format_category(category, chart.language) for category in chart.categories]
    axes.set_yticks(rows, names)
    axes.set_ylim(len(rows) - 0.4, -0.6)  # the first category on top, room around the dots
    axes.margins(x=0.08)
    axes.xaxis.set_major_formatter(number_formatter(chart, with_unit=True))
    axes.set_xlabel(value_label(chart))
    axes.grid(True, axis="both")
    axes.tick_params(length=0)
    for spine in ("left", "bottom"):
        axes.spines[spine].set_visible(False)
    if chart.y_min is not None or chart.y_max is not None:
        axes.set_xlim(chart.y_min, chart.y_max)
    embolden(axes.get_yticklabels(), chart)
    if len(chart.series) > 1:
        axes.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=min(len(chart.series), 6),
                    fontsize=7.5, borderaxespad=0.2)  # fmt: skip


def _positions(chart: Chart) -> list[float]:
    """Where each category sits on the x axis: its number, its date as a day count, its step."""
    if chart.dated:
        return [float(c.toordinal()) for c in chart.categories if isinstance(c, dt.date)]
    if chart.numeric:
        return [float(c) for c in chart.categories if isinstance(c, float)]
    return [float(index) for index in range(len(chart.categories))]


def _side(chart: Chart, index: int, row: int) -> int:
    """Where a dot's value is written: outside a dumbbell (left of its lower end), else right."""
    if len(chart.series) != 2:
        return 1
    mine, other = chart.series[index].values[row], chart.series[1 - index].values[row]
    if other is None or mine is None:
        return 1
    return 1 if mine > other or (mine == other and index == 1) else -1


def _unit(chart: Chart) -> str:
    return "%" if chart.unit == "%" else ""
