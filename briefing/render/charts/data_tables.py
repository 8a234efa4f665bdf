"""A chart's numbers as a small table (`data: show` under the chart, `data: appendix` at the
end), written in the brief's language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from briefing.read.charts.numbers import format_category, format_number
from briefing.read.figure_data import Figure


@dataclass(frozen=True)
class ChartTable:
    """The numbers of one chart: a header and rows of text, and the figure they belong to."""

    name: str
    number: int
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def chart_table(figure: Figure, number: int) -> ChartTable | None:
    """The table of `figure`'s numbers; None when it is no chart of data."""
    chart = figure.chart
    if chart is None:
        return None
    dates = [category for category in chart.categories if isinstance(category, dt.date)]
    unit = f" ({chart.unit})" if chart.unit else ""
    header = (chart.x_name, *(f"{series.name}{unit}" for series in chart.series))
    rows = tuple(
        (
            format_category(category, chart.language, dates),
            *(
                "—" if series.values[index] is None
                else format_number(series.values[index] or 0.0, chart.language)
                for series in chart.series
            ),
        )
        for index, category in enumerate(chart.categories)
    )  # fmt: skip
    return ChartTable(figure.name, number, figure.caption, header, rows)
