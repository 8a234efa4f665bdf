"""The alt text of a chart that gives none, made from its data in the brief's language: the
kind of chart, what it measures, the range, the highest and lowest categories, a line's trend."""

from __future__ import annotations

from briefing.read.charts.model import Chart, Series
from briefing.read.charts.numbers import format_category, format_number
from briefing.read.labels import Labels

FLAT = 0.05
"""A line whose last value is within this share of its first "stays at about" it."""


def describe(chart: Chart, caption: str, labels: Labels) -> str:
    """A few sentences that tell a reader who cannot see the chart what it shows."""
    if chart.percent:
        chart = chart.as_shares()
    kinds = {"bar": labels.chart_bar, "stacked-bar": labels.chart_stacked_bar,
             "line": labels.chart_line, "dot": labels.chart_dot}  # fmt: skip
    what = caption.rstrip(".")
    if len(chart.series) > 1:
        what += f" ({', '.join(series.name for series in chart.series)})"
    sentences = [labels.chart_of.format(kind=kinds[chart.kind], what=what, x=chart.x_name)]
    cells = [
        (value, index, series)
        for series in chart.series
        for index, value in enumerate(series.values)
        if value is not None
    ]
    if not cells:
        return " ".join(sentences)
    low, high = min(cells, key=lambda cell: cell[0]), max(cells, key=lambda cell: cell[0])
    sentences.append(
        labels.chart_range.format(low=_number(chart, low[0]), high=_number(chart, high[0]))
    )
    if chart.kind != "line" or len(chart.categories) <= 1:
        sentences.append(
            labels.chart_extremes.format(high=_cell(chart, high), low=_cell(chart, low))
        )
    else:
        sentences += [_trend(chart, series, labels) for series in chart.series if series.present]
    return " ".join(sentences)


def _number(chart: Chart, value: float) -> str:
    return format_number(value, chart.language, chart.unit)


def _category(chart: Chart, index: int) -> str:
    dates = [c for c in chart.categories if not isinstance(c, str | float)]
    return format_category(chart.categories[index], chart.language, dates)


def _cell(chart: Chart, cell: tuple[float, int, Series]) -> str:
    """`Poland (4.1)`, or `Poland, 2024 (4.1)` when there are several series."""
    value, index, series = cell
    name = _category(chart, index)
    if len(chart.series) > 1:
        name += f", {series.name}"
    return f"{name} ({_number(chart, value)})"


def _trend(chart: Chart, series: Series, labels: Labels) -> str:
    """Where a line starts and ends, and whether it rose, fell or stayed."""
    known = [(index, value) for index, value in enumerate(series.values) if value is not None]
    (start, first), (end, last) = known[0], known[-1]
    if abs(last - first) <= FLAT * max(abs(first), abs(last), 1e-9):
        template = labels.chart_flat
    else:
        template = labels.chart_rises if last > first else labels.chart_falls
    return template.format(
        series=series.name,
        first=_number(chart, first),
        last=_number(chart, last),
        start=_category(chart, start),
        end=_category(chart, end),
    )
