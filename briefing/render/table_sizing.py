"""Placed tables sized from their text before layout: landscape or portrait, in parts when
too wide for any page, and each part's column widths (`column_widths.py`).

WeasyPrint's automatic table layout finds each cell's narrowest width by breaking its text
at every opportunity, shaping the rest of the text again each time: on the NATO brief, most
of the layout time went there. Widths worked out from the text are set as `<col>` widths of
a fixed layout instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import ContentWarning
from briefing.read.files import line_of
from briefing.read.tables import Table
from briefing.render.column_widths import column_widths
from briefing.render.text_measure import CELL_PADDING_MM, CHARACTER_MM, READABLE_CHARACTERS

PORTRAIT_WIDTH_MM = 170.0
"""The text width of a portrait page: A4 less its 20 mm side margins (the handout's mirrored
15 + 25 mm give the same; Letter is 6 mm wider, so A4 decides)."""

LINE_CHARACTERS = 24
"""The longest line a column wants: a longer cell wraps, a shorter one sets the column."""

LANDSCAPE_WIDTH_MM = 257.0
"""The text width of a landscape A4 page: 297 mm less its 20 mm side margins."""


def longest_word(texts: Sequence[str]) -> int:
    """The length of the longest word in `texts` (1 when there is none)."""
    return max((len(word) for text in texts for word in text.split()), default=1)


def fits_portrait(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> bool:
    """Whether a table fits the portrait text width: each column wants its longest cell
    (header included), up to `LINE_CHARACTERS` characters, plus its padding."""
    wanted = 0.0
    for index, heading in enumerate(columns):
        longest = max((len(row[index]) for row in rows if index < len(row)), default=0)
        wanted += min(max(longest, len(heading)), LINE_CHARACTERS) * CHARACTER_MM
        wanted += CELL_PADDING_MM
    return wanted <= PORTRAIT_WIDTH_MM


def column_groups(
    columns: Sequence[str], rows: Sequence[Sequence[str]], width_mm: float
) -> tuple[tuple[int, ...], ...]:
    """The columns in groups that each fit `width_mm` at their narrowest readable width, each
    group led by the first column (the rows' names): a table too wide for any page is printed
    in parts, never cut at the page edge."""

    def narrowest(index: int) -> float:
        texts = [columns[index], *(row[index] for row in rows if index < len(row))]
        word = longest_word(texts)
        # Two characters of slack: table layout gives the rows' names column more than its due.
        return (min(max(word, 3), READABLE_CHARACTERS) + 2) * CHARACTER_MM + CELL_PADDING_MM

    first = narrowest(0)
    groups: list[tuple[int, ...]] = []
    current: list[int] = []
    used = first
    for index in range(1, len(columns)):
        wanted = narrowest(index)
        if current and used + wanted > width_mm:
            groups.append((0, *current))
            current, used = [], first
        current.append(index)
        used += wanted
    groups.append((0, *current))
    return tuple(groups)


@dataclass(frozen=True)
class TablePart:
    """Some of a table's columns, with the same rows."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    """Each column's share of the table's width in per cent."""
    whole_words: bool = False
    """Every column fits its longest word: cells never hyphenate (`ColumnWidths`)."""


@dataclass(frozen=True)
class SizedTable:
    """A placed table as printed: its data, its page's orientation and its parts."""

    name: str
    caption: str
    source: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    landscape: bool
    """Set on a landscape page of its own."""
    parts: tuple[TablePart, ...]
    """One part, or several when it has too many columns for its page, each repeating the
    first column."""


def size_table(table: Table) -> SizedTable:
    """`table` on the page its `orientation` asks for (`auto`: landscape when it would not fit
    the portrait width), in parts that each fit that page."""
    columns, rows = table.columns, table.rows
    landscape = table.orientation == "landscape" or (
        table.orientation == "auto" and not fits_portrait(columns, rows)
    )
    width = LANDSCAPE_WIDTH_MM if landscape else PORTRAIT_WIDTH_MM
    parts = []
    for group in column_groups(columns, rows, width):
        part_columns = tuple(columns[index] for index in group)
        part_rows = tuple(tuple(row[index] for index in group) for row in rows)
        widths = column_widths(part_columns, part_rows, width)
        parts.append(TablePart(part_columns, part_rows, widths.shares, widths.whole_words))
    return SizedTable(
        table.name, table.caption, table.source, columns, rows, landscape, tuple(parts)
    )


def table_part_warnings(path: Path, tables: Sequence[SizedTable]) -> list[ContentWarning]:
    """A warning for each table with too many columns for its page: it prints in parts."""
    warnings = []
    for table in tables:
        count = len(table.parts)
        if count > 1:
            page = "a landscape page" if table.landscape else "a portrait page"
            warnings.append(
                ContentWarning(
                    path,
                    line_of(path, f"table {table.name}"),
                    f"table '{table.name}' has {len(table.columns)} columns, too many for "
                    f"{page}: printed in {count} parts, each repeating the first column",
                )
            )
    return warnings
