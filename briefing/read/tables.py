"""Comparison tables: a YAML or CSV data file becomes a `Table`."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import ContentError
from briefing.yamlio import load_yaml

MISSING = "—"
"""What an empty cell shows: an explicit dash, never a blank."""

ORIENTATIONS = ("portrait", "landscape", "auto")
"""The values of a table file's `orientation` (`# orientation:` in a CSV file); `auto` is
landscape when the table would not fit the portrait width (`render.table_sizing`)."""

_KEYS = ("caption", "source", "columns", "rows", "orientation")


@dataclass(frozen=True)
class Table:
    """A comparison table: header cells, body rows, a caption and a source line."""

    name: str
    caption: str
    source: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    path: Path
    """The data file the table was read from."""
    orientation: str = "portrait"
    """The page it asks for: `portrait`, `landscape` (also `::: table NAME landscape`) or
    `auto` (landscape when it would not fit the portrait width: `render.table_sizing`)."""


def load_table(path: Path, text: str) -> Table:
    """Parse the data file `path`, whose contents are `text`, into a `Table`."""
    if path.suffix == ".csv":
        caption, source, orientation, records = _read_csv(text)
        first_line = orientation_line = 1
    else:
        data, key_lines = load_yaml(text, path)
        if not isinstance(data, dict):
            raise ContentError(
                "a table file needs the keys caption, source, columns, rows", path, 1
            )
        unknown = sorted(set(data) - set(_KEYS))
        if unknown:
            raise ContentError(
                f"unknown table key '{unknown[0]}' (expected {', '.join(_KEYS)})",
                path,
                key_lines.get(unknown[0], 1),
            )
        for key in _KEYS:
            _check_type(data.get(key), key, path, key_lines.get(key, 1))
        caption, source = str(data.get("caption") or ""), str(data.get("source") or "")
        orientation = str(data.get("orientation") or "portrait")
        orientation_line = key_lines.get("orientation", 1)
        records = [data.get("columns") or [], *(data.get("rows") or [])]
        first_line = key_lines.get("rows", 1)
    if not caption:
        raise ContentError("the table needs a caption", path, 1)
    if orientation not in ORIENTATIONS:
        raise ContentError(
            f"'orientation' must be {', '.join(ORIENTATIONS)}, got '{orientation[:40]}'",
            path,
            orientation_line,
        )
    if not records or not records[0] or not all(isinstance(r, list) for r in records):
        raise ContentError(
            "the table needs a header row and rows, each a list of cells", path, first_line
        )
    columns = tuple(_cell(cell) for cell in records[0])
    rows = []
    for number, record in enumerate(records[1:], start=1):
        if len(record) != len(columns):
            raise ContentError(
                f"row {number} has {len(record)} cells, the header has {len(columns)}",
                path,
                first_line,
            )
        for cell in record:
            if isinstance(cell, list | dict):
                raise ContentError(
                    f"row {number} has a {_KINDS[type(cell)]} for a cell: each cell must be text "
                    "or a number",
                    path,
                    first_line,
                )
        rows.append(tuple(_cell(cell) for cell in record))
    if not rows:
        raise ContentError("the table has no rows", path, first_line)
    return Table(path.stem, caption, source, columns, tuple(rows), path, orientation)


_KINDS: dict[type, str] = {list: "list", dict: "mapping"}


def _check_type(value: object, key: str, path: Path, line: int) -> None:
    """`caption` and `source` are text (or a number); `columns` and `rows` are lists."""
    wanted = list if key in ("columns", "rows") else str | int | float
    if (value is not None and not isinstance(value, wanted)) or isinstance(value, bool):
        what = "a list" if wanted is list else "text"
        found = _KINDS.get(type(value)) or type(value).__name__
        raise ContentError(f"'{key}' must be {what}, got {found}: {str(value)[:40]}", path, line)


def _read_csv(text: str) -> tuple[str, str, str, list[list[str]]]:
    """Read `# caption:`, `# source:` and `# orientation:` comment lines, then the header and
    rows."""
    meta: dict[str, str] = {}
    lines = text.splitlines()
    while lines and lines[0].startswith("#"):
        key, _, value = lines.pop(0).lstrip("# ").partition(":")
        meta[key.strip().lower()] = value.strip()
    records = [row for row in csv.reader(io.StringIO("\n".join(lines))) if row]
    orientation = meta.get("orientation") or "portrait"
    return meta.get("caption", ""), meta.get("source", ""), orientation, records


def _cell(value: object) -> str:
    text = "" if value is None else str(value).strip()
    return text or MISSING
