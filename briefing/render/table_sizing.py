"""Placed tables sized from their text before layout: landscape or portrait, in parts when
too wide for any page, and their column widths.

WeasyPrint's automatic table layout finds each cell's narrowest width by breaking its text
at every opportunity, shaping the rest of the text again each time: on the NATO brief, most
of the layout time went there. The widths it then chooses follow a short rule (CSS 2.1
§17.5.2.2): each column gets its narrowest width, and the room left is shared out in
proportion to how much wider each column would like to be. The same rule, on character
counts, gives nearly the same widths; they are set as `<col>` widths of a fixed layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import ContentWarning
from briefing.read.files import line_of
from briefing.read.tables import Table

PORTRAIT_WIDTH_MM = 170.0
"""The text width of a portrait page: A4 less its 20 mm side margins (the handout's mirrored
15 + 25 mm give the same; Letter is 6 mm wider, so A4 decides)."""

CHARACTER_MM = 1.6
"""The average width of a character in a table cell (Inter at 8.8 pt)."""

CELL_PADDING_MM = 4.0
"""The padding on both sides of a cell (styles/common.css: 2 mm each side)."""

LINE_CHARACTERS = 24
"""The longest line a column wants: a longer cell wraps, a shorter one sets the column."""

LANDSCAPE_WIDTH_MM = 257.0
"""The text width of a landscape A4 page: 297 mm less its 20 mm side margins."""

READABLE_CHARACTERS = 8
"""The narrowest a column may get and still be read: its longest word, up to this many
characters (a longer word breaks once or twice)."""


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
        parts.append(TablePart(part_columns, part_rows, widths))
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


HEADER_BOLDNESS = 1.1
"""How much wider a bold header word is than the same word in body text."""

ROW_NAMES_SHARE = 0.22
"""The share of the width the rows' names column gets at least (styles/common.css gives
`.comparison tbody th` 22%)."""


def column_widths(
    columns: Sequence[str], rows: Sequence[Sequence[str]], width_mm: float
) -> tuple[float, ...]:
    """Each column's share of a table `width_mm` wide, in per cent; the first column holds the
    rows' names."""
    texts = [
        [heading, *(row[index] for row in rows if index < len(row))]
        for index, heading in enumerate(columns)
    ]
    narrowest = [_narrowest(column) for column in texts]
    widest = [max(_widest(column), least) for column, least in zip(texts, narrowest, strict=True)]
    if len(columns) == 1:
        return (100.0,)
    names = min(max(ROW_NAMES_SHARE * width_mm, narrowest[0]), width_mm / 2)
    shares = _share(width_mm - names, narrowest[1:], widest[1:])
    return tuple(round(100 * width / width_mm, 2) for width in (names, *shares))


def text_widths(columns: Sequence[Sequence[str]], width_mm: float) -> tuple[float, ...] | None:
    """Each column's share in per cent of a table with a header row and no rows' names column
    (a Markdown table), `columns` holding each column's cell texts, header first; None when
    the table would be narrower than `width_mm`: automatic layout then keeps it as narrow as
    its text, and costs little for so little text."""
    narrowest = [
        max(_narrowest(column[1:] or [""]), _header_width(column[0])) for column in columns
    ]
    widest = [max(_widest(column), least) for column, least in zip(columns, narrowest, strict=True)]
    if not columns or sum(widest) < width_mm:
        return None
    return tuple(round(100 * width / width_mm, 2) for width in _share(width_mm, narrowest, widest))


def _header_width(text: str) -> float:
    """A header cell's narrowest width: its longest word whole (header cells do not break
    words anywhere), bold, and its padding."""
    word = longest_word([text])
    return word * CHARACTER_MM * HEADER_BOLDNESS + CELL_PADDING_MM


def _share(room: float, narrowest: list[float], widest: list[float]) -> list[float]:
    """Share `room` between columns as automatic table layout does."""
    if sum(widest) <= room:  # every column fits whole: the spare room in proportion
        return [room * width / sum(widest) for width in widest]
    if sum(narrowest) >= room:  # not even the narrowest fit: in proportion to those
        return [room * width / sum(narrowest) for width in narrowest]
    spare = room - sum(narrowest)
    wants = [most - least for least, most in zip(narrowest, widest, strict=True)]
    return [least + spare * want / sum(wants) for least, want in zip(narrowest, wants, strict=True)]


def _narrowest(texts: Sequence[str]) -> float:
    """A column's narrowest width: its longest word, up to `READABLE_CHARACTERS` (a cell
    breaks longer words anywhere), and its padding."""
    word = longest_word(texts)
    return min(word, READABLE_CHARACTERS) * CHARACTER_MM + CELL_PADDING_MM


def _widest(texts: Sequence[str]) -> float:
    """A column's widest width: its longest cell on one line, and its padding."""
    return max(len(text) for text in texts) * CHARACTER_MM + CELL_PADDING_MM
