"""The rows of a chart's data, with the line each row is on: from the chart's own file
(`columns`/`rows`) or from a table's data file (`table: NAME`, YAML or CSV)."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from briefing.errors import ContentError
from briefing.yamlio import load_yaml

Cell = str | int | float | dt.date | None
"""A cell as the data file holds it."""

TableReader = Callable[[str], tuple[Path, str] | None]
"""Reads the data file of table NAME (its path and text), None when there is none."""

_MISSING = {"", "—", "-", "–"}
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


@dataclass(frozen=True)
class Records:
    """A header and rows as written, the file they are in and each row's line."""

    path: Path
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    lines: tuple[int, ...]
    """The line of each row."""
    header_line: int

    def column(self, name: str, key: str, path: Path, line: int) -> int:
        """The index of column `name`; an error naming the closest column when there is none."""
        if name in self.columns:
            return self.columns.index(name)
        closest = difflib.get_close_matches(name, self.columns, n=1, cutoff=0.0)
        hint = f": did you mean '{closest[0]}'?" if closest else ""
        known = ", ".join(f"'{column}'" for column in self.columns)
        raise ContentError(
            f"`{key}` names column '{name}', which the data does not have{hint} (columns: {known})",
            path,
            line,
        )

    def as_written(self) -> tuple[tuple[str, ...], ...]:
        """The rows' cells as text."""
        return tuple(tuple(written(cell) for cell in row) for row in self.rows)


def written(cell: Cell) -> str:
    """A cell as text, the way it reads in the file."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 1e15:
        return str(cell)
    return cell.isoformat() if isinstance(cell, dt.date) else str(cell).strip()


def number(cell: Cell) -> float | None:
    """The cell's number; None for an empty cell; ValueError for anything else."""
    if isinstance(cell, bool | dt.date):
        raise ValueError(cell)
    if isinstance(cell, int | float):
        return float(cell)
    text = (cell or "").strip()
    if text in _MISSING:
        return None
    if not _NUMBER.match(text):
        raise ValueError(text)
    return float(text)


def date(cell: Cell) -> dt.date | None:
    """The cell's date (a YAML date, `2024-03-01` or `2024-03`), None when it is not one."""
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, str) and _ISO_DATE.match(cell.strip()):
        text = cell.strip()
        try:
            return dt.date.fromisoformat(text if len(text) == 10 else f"{text}-01")
        except ValueError:
            return None
    return None


def chart_records(
    data: dict[str, Any], key_lines: dict[str, int], path: Path, text: str, read: TableReader
) -> Records:
    """The records of a chart file: its own `columns`/`rows`, or those of `table: NAME`."""
    name = data.get("table")
    if name is None:
        return _yaml_records(data, key_lines, path, text)
    line = key_lines.get("table", 1)
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", name):
        raise ContentError("`table` must name a table's data file, without suffix", path, line)
    if "columns" in data or "rows" in data:
        raise ContentError("give either `table` or `columns` and `rows`, not both", path, line)
    found = read(name)
    if found is None:
        message = f"`table` names '{name}', which has no data file ({name}.yaml or {name}.csv)"
        raise ContentError(message, path, line)
    table_path, table_text = found
    if table_path.suffix == ".csv":
        return _csv_records(table_path, table_text)
    table, table_lines = load_yaml(table_text, table_path)
    if not isinstance(table, dict):
        raise ContentError("a table file needs the keys columns and rows", table_path, 1)
    return _yaml_records(table, table_lines, table_path, table_text)


def _yaml_records(
    data: dict[str, Any], key_lines: dict[str, int], path: Path, text: str
) -> Records:
    columns, rows = data.get("columns"), data.get("rows")
    rows_line = key_lines.get("rows", key_lines.get("columns", 1))
    if (
        not isinstance(columns, list)
        or not columns
        or any(isinstance(c, list | dict) for c in columns)
    ):
        line = key_lines.get("columns", 1)
        raise ContentError("`columns` must be a list of column names", path, line)
    if not isinstance(rows, list) or not rows:
        raise ContentError("`rows` must be a non-empty list of rows", path, rows_line)
    lines = _row_lines(text, len(rows), rows_line)
    header = tuple(written(column) for column in columns)
    for row, line in zip(rows, lines, strict=True):
        if not isinstance(row, list) or len(row) != len(header):
            count = len(row) if isinstance(row, list) else 1
            message = f"a row has {count} cells, the header has {len(header)}"
            raise ContentError(message, path, line)
        if any(isinstance(cell, list | dict) for cell in row):
            raise ContentError("each cell must be text or a number", path, line)
    return Records(
        path, header, tuple(tuple(row) for row in rows), lines, key_lines.get("columns", 1)
    )


def _row_lines(text: str, count: int, fallback: int) -> tuple[int, ...]:
    """The line of each item of the top-level `rows` list (the file parsed already)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "rows" and isinstance(value, yaml.SequenceNode):
                return tuple(item.start_mark.line + 1 for item in value.value)
    return (fallback,) * count


def _csv_records(path: Path, text: str) -> Records:
    """A CSV table: `#` comment lines, a header, rows; blank lines skipped."""
    numbered = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]
    if len(numbered) < 2:
        raise ContentError("the table needs a header row and rows", path, 1)
    parsed = [next(csv.reader(io.StringIO(line))) for _, line in numbered]
    header = tuple(cell.strip() for cell in parsed[0])
    for (line, _), row in zip(numbered[1:], parsed[1:], strict=True):
        if len(row) != len(header):
            message = f"a row has {len(row)} cells, the header has {len(header)}"
            raise ContentError(message, path, line)
    rows = tuple(tuple(cell.strip() for cell in row) for row in parsed[1:])
    lines = tuple(line for line, _ in numbered[1:])
    return Records(path, header, rows, lines, numbered[0][0])
