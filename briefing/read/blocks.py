"""Placed blocks: the `::: table NAME` and `::: figure NAME` lines of a brief, and the data
files they load from `data/` beside it."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from briefing.errors import BriefingError, BuildProblems, ContentError
from briefing.read.figure_data import Figure, load_figure
from briefing.read.files import Door, read_text
from briefing.read.labels import Labels
from briefing.read.parts import Part
from briefing.read.tables import Table, load_table
from briefing.read.writing_systems import NAME

BLOCK_MARKER = re.compile(
    r"^::: *(?P<kind>table|figure) +(?P<name>\S+)(?: +(?P<orientation>landscape))? *$"
)
"""One line on its own that places a table or a figure: `::: table NAME`, `::: figure NAME`;
`::: table NAME landscape` sets the table on a landscape page of its own."""

DATA_SUFFIXES = {"table": (".yaml", ".yml", ".csv"), "figure": (".yaml", ".yml")}
"""The data file kinds a marker looks for, beside the brief in `data/`."""

_DATA_NAME = re.compile(rf"^{NAME}$")


def load_blocks(
    part: Part,
    problems: list[BriefingError],
    reading: tuple[Door, dict[Path, str]],
    labels: Labels,
    blocks: tuple[dict[str, Table], dict[str, Figure]],
) -> None:
    """Load the data file of every `::: table` and `::: figure` line of `part`, in order of
    appearance, through the door of `reading` (door, digests), into `blocks` (tables,
    figures); each problem is added to `problems`."""
    tables = blocks[0]
    for offset, line in enumerate(part.body.split("\n")):
        marker = BLOCK_MARKER.match(line)
        if not marker:
            continue
        kind, name, line_number = marker["kind"], marker["name"], part.body_line + offset
        try:
            _load_block(part.path, (kind, name, line_number), blocks, reading, labels)
        except BuildProblems as found:  # a data file with several problems: each on its line
            problems.extend(found.problems)
            continue
        except BriefingError as error:
            problems.append(error)
            continue
        if marker["orientation"] and kind == "table":  # `::: table NAME landscape`
            tables[name] = replace(tables[name], orientation="landscape")


def _load_block(
    path: Path,
    marker: tuple[str, str, int],
    blocks: tuple[dict[str, Table], dict[str, Figure]],
    reading: tuple[Door, dict[Path, str]],
    labels: Labels,
) -> None:
    """Load the table or figure of one marker (kind, name, line) into `blocks`."""
    kind, name, line_number = marker
    tables, figures = blocks
    door, digests = reading
    data_dir = path.parent / "data"
    if not _DATA_NAME.match(name):
        raise ContentError(
            f"{kind} name {name!r} must be a file name without folders or suffix",
            path,
            line_number,
        )
    suffixes = DATA_SUFFIXES[kind]
    data_file = _data_file(data_dir, name, suffixes)
    if data_file is None:
        raise ContentError(
            f"no data file for {kind} '{name}': expected {data_dir}/{name}{' or '.join(suffixes)}",
            path,
            line_number,
        )
    door.check(data_file, f"{kind} '{name}' (data/{data_file.name})", path, line_number)
    if kind == "table" and name not in tables:
        tables[name] = load_table(data_file, read_text(data_file, door, digests))
    elif kind == "figure" and name not in figures:

        def read_table(table: str) -> tuple[Path, str] | None:
            """The data file of table `table` beside the figure's, for `table: NAME`."""
            found = _data_file(data_dir, table, DATA_SUFFIXES["table"])
            return None if found is None else (found, read_text(found, door, digests))

        text = read_text(data_file, door, digests)
        figures[name] = load_figure(data_file, text, labels, read_table)


def _data_file(data_dir: Path, name: str, suffixes: tuple[str, ...]) -> Path | None:
    """The first of `data_dir/NAME.SUFFIX` that exists."""
    return next(
        (data_dir / f"{name}{suffix}" for suffix in suffixes
         if (data_dir / f"{name}{suffix}").exists()),
        None,
    )  # fmt: skip
