"""The typed values of a chart: its series, its options and the data as written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

CHART_KINDS = ("bar", "stacked-bar", "line", "dot")
"""The figure types drawn from columns and rows of data."""

ORIENTATIONS = ("vertical", "horizontal")
LABEL_MODES = ("legend", "direct")
SORT_ORDERS = ("none", "ascending", "descending")
DATA_MODES = ("none", "show", "appendix")

MAX_CATEGORIES = 12
"""More categories than this make a chart hard to read: a warning suggests a table."""
MAX_SERIES = 6
"""More series than this make a chart hard to read: a warning suggests a table."""

Category = str | float | dt.date
"""An x value: text for bars and dots, a number or a date for a line."""


@dataclass(frozen=True)
class Series:
    """One plotted column: its name and one value per category (None where a cell is empty)."""

    name: str
    values: tuple[float | None, ...]

    @property
    def present(self) -> list[float]:
        """The values that are there."""
        return [value for value in self.values if value is not None]


@dataclass(frozen=True)
class Chart:
    """A chart's data and options, checked: ready to draw and to describe."""

    kind: str
    """One of CHART_KINDS."""
    x_name: str
    """The column of the categories (the x axis; the y axis of a horizontal bar chart)."""
    categories: tuple[Category, ...]
    series: tuple[Series, ...]
    language: str
    """The brief's language: numbers and dates are written for it."""
    columns: tuple[str, ...] = ()
    """The data file's header, as written (the embedded CSV)."""
    rows: tuple[tuple[str, ...], ...] = ()
    """The data file's rows, as written (the embedded CSV)."""
    orientation: str = "vertical"
    percent: bool = False
    """A stacked bar chart drawn as shares of 100%."""
    unit: str = ""
    """What the values count, e.g. `%` or `bn EUR`: after the numbers and on the axis."""
    y_min: float | None = None
    y_max: float | None = None
    highlight: str = ""
    """A category drawn in the accent colour."""
    labels: str = "legend"
    """`direct`: values on the bars and names at the line ends; `legend`: a legend."""
    data: str = "none"
    """`show`: a table of the numbers under the chart; `appendix`: at the end; `none`."""

    @property
    def dated(self) -> bool:
        """The categories are dates (a line over time)."""
        return bool(self.categories) and isinstance(self.categories[0], dt.date)

    @property
    def numeric(self) -> bool:
        """The categories are numbers (a line over a numeric x)."""
        return bool(self.categories) and isinstance(self.categories[0], float)

    def as_shares(self) -> Chart:
        """The chart with each value as its share (%) of its category's total."""
        totals = [
            sum(series.values[index] or 0.0 for series in self.series)
            for index in range(len(self.categories))
        ]
        series = tuple(
            Series(s.name, tuple(
                None if value is None else round(100 * value / total, 1) if total else 0.0
                for value, total in zip(s.values, totals, strict=True)
            ))
            for s in self.series
        )  # fmt: skip
        return replace(self, series=series, unit="%")

    def csv_text(self) -> str:
        """The data as CSV (header and rows as written), embedded in the PDF."""
        lines = [",".join(_csv_cell(cell) for cell in row) for row in (self.columns, *self.rows)]
        return "\r\n".join(lines) + "\r\n"


def _csv_cell(text: str) -> str:
    """One CSV cell, quoted when it must be; a leading formula character is neutralised."""
    if text[:1] in ("=", "+", "@") or (text[:1] == "-" and not _is_number(text)):
        text = "'" + text
    if any(character in text for character in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
