"""A chart file read into a `Chart`: columns chosen, cells made numbers, options checked, and
the warnings a reader of the chart would want (an empty series, too much for one chart).
Every problem of a file is reported together: each missing column, cell and option."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from briefing.errors import BuildProblems, ContentError, ContentWarning
from briefing.read.charts.model import (
    DATA_MODES,
    LABEL_MODES,
    MAX_CATEGORIES,
    MAX_SERIES,
    ORIENTATIONS,
    SORT_ORDERS,
    Category,
    Chart,
    Series,
)
from briefing.read.charts.records import Records, TableReader, chart_records, date, number, written

CHART_KEYS = ("type", "caption", "source", "alt", "x", "y", "columns", "rows", "table",
              "orientation", "percent", "unit", "y_min", "y_max", "highlight", "labels", "sort",
              "data")  # fmt: skip
"""Every key a chart file may have."""


def load_chart(
    data: dict[str, Any],
    key_lines: dict[str, int],
    path: Path,
    text: str,
    language: str,
    read_table: TableReader,
) -> tuple[Chart, list[ContentWarning]]:
    """The chart that `data` (the parsed file `path`, whose text is `text`) describes."""
    records = chart_records(data, key_lines, path, text, read_table)
    kind = str(data["type"])
    problems: list[ContentError] = []
    x_index, y_indexes = _columns(data, key_lines, path, records, problems)
    percent = data.get("percent") is True
    series = [_series(records, index, kind, percent, problems) for index in y_indexes]
    categories = _categories(records, x_index, kind) if x_index is not None else []
    shown = [written(category) for category in categories] if x_index is not None else None
    options = _options(data, key_lines, path, kind, shown, problems)
    if problems:
        raise problems[0] if len(problems) == 1 else BuildProblems(list(problems))
    assert x_index is not None  # a missing x column is one of the problems
    order = _order(categories, series, kind, str(options.pop("sort")))
    chart = Chart(
        kind,
        records.columns[x_index],
        tuple(categories[i] for i in order),
        tuple(Series(s.name, tuple(s.values[i] for i in order)) for s in series),
        language,
        records.columns,
        records.as_written(),
        **options,
    )
    return chart, _warnings(chart, data, key_lines, path)


def _columns(
    data: dict[str, Any],
    key_lines: dict[str, int],
    path: Path,
    records: Records,
    problems: list[ContentError],
) -> tuple[int | None, list[int]]:
    """The x column's index (None if missing) and the plotted columns' (by default every
    other column); each column that does not exist is added to `problems`."""
    x = data.get("x", records.columns[0])
    x_index = _column(records, (written(x), "x"), path, key_lines.get("x", 1), problems)
    y = data.get("y")
    if y is None:
        names = [name for index, name in enumerate(records.columns) if index != x_index]
    elif isinstance(y, list) and y and not any(isinstance(item, list | dict) for item in y):
        names = [written(item) for item in y]
    elif isinstance(y, str | int | float):
        names = [written(y)]
    else:
        problems.append(
            ContentError("`y` must be a column or a list of columns", path, key_lines["y"])
        )
        return x_index, []
    if not names:
        problems.append(ContentError("the chart has no column to plot beside `x`", path, 1))
    line = key_lines.get("y", key_lines.get("columns", 1))
    found = [_column(records, (name, "y"), path, line, problems) for name in names]
    return x_index, [index for index in found if index is not None]


def _column(
    records: Records, named: tuple[str, str], path: Path, line: int, problems: list[ContentError]
) -> int | None:
    """The index of the column `named` (name, role); None, with the problem added, if none."""
    try:
        return records.column(*named, path, line)
    except ContentError as error:
        problems.append(error)
        return None


def _series(
    records: Records, index: int, kind: str, percent: bool, problems: list[ContentError]
) -> Series:
    """Column `index` as numbers; each cell that is not one is added to `problems`."""
    values: list[float | None] = []
    name = records.columns[index]
    for row, line in zip(records.rows, records.lines, strict=True):
        try:
            value = number(row[index])
        except ValueError:
            shown = written(row[index])[:40]
            message = f"column '{name}' is plotted, but its cell '{shown}' is not a number"
            problems.append(ContentError(message, records.path, line))
            value = None
        if value is not None and value < 0 and kind == "stacked-bar" and percent:
            message = (
                f"column '{name}' has {shown_number(value)}: a 100% stacked chart cannot "
                "show a negative value"
            )
            problems.append(ContentError(message, records.path, line))
        values.append(value)
    return Series(name, tuple(values))


def shown_number(value: float) -> str:
    """A number as the error messages write it."""
    return f"{value:g}"


def _categories(records: Records, index: int, kind: str) -> list[Category]:
    """The x column: dates or numbers for a line when every cell is one; text otherwise."""
    cells = [row[index] for row in records.rows]
    if kind == "line":
        dates = [date(cell) for cell in cells]
        if all(dates):
            return [found for found in dates if found]
        try:
            numbers = [number(cell) for cell in cells]
        except ValueError:
            numbers = [None]
        if all(value is not None for value in numbers):
            return [value for value in numbers if value is not None]
    return [written(cell) or "—" for cell in cells]


def _options(
    data: dict[str, Any],
    key_lines: dict[str, int],
    path: Path,
    kind: str,
    categories: list[str] | None,
    problems: list[ContentError],
) -> dict[str, Any]:
    """The chart's options, each checked against what it may be (a `highlight` against the
    `categories`, when they are known); each that is not added to `problems`."""

    def problem(message: str, key: str) -> None:
        problems.append(ContentError(message, path, key_lines.get(key, 1)))

    options: dict[str, Any] = {}
    for key, allowed in (("orientation", ORIENTATIONS), ("labels", LABEL_MODES),
                         ("sort", SORT_ORDERS), ("data", DATA_MODES)):  # fmt: skip
        value = data.get(key, allowed[0])
        if value not in allowed:
            problem(f"`{key}` must be {' or '.join(allowed)}, got {str(value)[:40]!r}", key)
        options[key] = value if value in allowed else allowed[0]
    percent = data.get("percent", False)
    if not isinstance(percent, bool):
        problem("`percent` must be true or false", "percent")
    options["percent"] = percent is True and kind == "stacked-bar"
    unit = data.get("unit", "")
    if not isinstance(unit, str):
        problem("`unit` must be text, e.g. '%' or 'bn EUR'", "unit")
    options["unit"] = unit.strip() if isinstance(unit, str) else ""
    for key in ("y_min", "y_max"):
        value = data.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            problem(f"`{key}` must be a number", key)
            value = None
        options[key] = None if value is None else float(value)
    highlight = data.get("highlight")
    if highlight is not None:
        highlight = written(highlight)
        if categories is not None and highlight not in categories:
            closest = difflib.get_close_matches(highlight, categories, n=1, cutoff=0.0)
            hint = f": did you mean '{closest[0]}'?" if closest else ""
            problem(
                f"`highlight` names '{highlight[:40]}', which is no category{hint}", "highlight"
            )
    options["highlight"] = highlight or ""
    return options


def _order(categories: list[Category], series: list[Series], kind: str, sort: str) -> list[int]:
    """The order to draw the categories in: a line by its x, bars as `sort` says."""
    indexes = list(range(len(categories)))
    if kind == "line" and not isinstance(categories[0], str):
        return sorted(indexes, key=lambda i: categories[i])
    if sort == "none" or not series:
        return indexes
    first = series[0].values
    present = [i for i in indexes if first[i] is not None]
    missing = [i for i in indexes if first[i] is None]
    ordered = sorted(present, key=lambda i: first[i] or 0.0, reverse=sort == "descending")
    return ordered + missing


def _warnings(
    chart: Chart, data: dict[str, Any], key_lines: dict[str, int], path: Path
) -> list[ContentWarning]:
    """What would make the chart hard to read, and keys a chart file does not use."""
    found = []
    line = key_lines.get("y", key_lines.get("table", key_lines.get("rows")))
    for series in chart.series:
        if not series.present:
            message = f"series '{series.name}' has no values: it draws nothing; leave it out"
            found.append(ContentWarning(path, line, message))
    for count, most, what in ((len(chart.categories), MAX_CATEGORIES, "categories"),
                              (len(chart.series), MAX_SERIES, "series")):  # fmt: skip
        if count > most:
            message = (
                f"the chart has {count} {what} (more than {most} are hard to read): "
                "a table (`::: table`) may serve readers better"
            )
            found.append(ContentWarning(path, line, message))
    unknown = sorted(set(data) - set(CHART_KEYS))
    if unknown:
        message = (
            f"keys a chart file does not use: {', '.join(unknown)} (known: {', '.join(CHART_KEYS)})"
        )
        found.append(ContentWarning(path, key_lines.get(unknown[0]), message))
    return found
