"""Tables that do not fit the page, found in WeasyPrint's laid-out boxes.

A table's cells break long words anywhere (styles/common.css), so every column gets a share of
the width; with too many columns, that share is too narrow to read, or the table is wider than
the page and its last columns are cut off. Either is a warning naming the table, never silent.

Before layout, `fits_portrait` estimates whether a table with `orientation: auto` needs a
landscape page of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from briefing.errors import ContentWarning
from briefing.read.files import line_of

MIN_CELL_EMS = 2.0
"""A cell narrower than this many ems of its text breaks words every two or three letters."""

_TOLERANCE = 1.0
"""CSS pixels a table may stick out by (rounding) before its columns count as cut off."""

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


def table_warnings(pages: list[Any], source: Path) -> list[ContentWarning]:
    """A warning for each table wider than its page's content area, naming the columns cut off,
    and for each table whose columns are too narrow to read."""
    warnings: list[ContentWarning] = []
    seen: set[int] = set()
    for page in pages:
        page_box = page._page_box
        right = page_box.content_box_x() + page_box.width + _TOLERANCE
        landscape = page.width > page.height
        for table, name in _tables(page_box, None):
            if id(table.element) in seen:  # a table split over pages is judged once
                continue
            seen.add(id(table.element))
            if message := _judge(table, right, name, landscape):
                where = f"table '{name}'" if name else "a table"
                line = line_of(source, f"::: table {name}") if name else None
                warnings.append(ContentWarning(source, line, f"{where} {message}"))
    return warnings


def _tables(box: Any, name: str | None) -> list[tuple[Any, str | None]]:
    """Every table box under `box`, with the name of the placed table it shows (if any)."""
    element = box.element
    if box.element_tag == "figure" and element is not None:
        ident = element.get("id") or ""
        name = ident.removeprefix("table-") if ident.startswith("table-") else name
    if type(box).__name__ == "TableBox":
        return [(box, name)]
    return [found for child in getattr(box, "children", []) for found in _tables(child, name)]


def _judge(table: Any, right: float, name: str | None, landscape: bool) -> str | None:
    """What is wrong with `table`'s fit, or None; for a placed table (`name`), columns too
    narrow to read count too (a Markdown table's columns are the author's own layout). On a
    `landscape` page the advice is to split the table; on a portrait one, a placed table may
    also go on a landscape page."""
    page = "a landscape page" if landscape else "the page"
    where = " even on a landscape page" if landscape else ""
    advice = "split it into narrower tables"
    if name is not None and not landscape:
        advice = f"place it on a landscape page (`::: table {name} landscape`) or {advice}"
    headings = _column_headings(table.element, len(table.column_widths))
    lost = [
        heading
        for heading, start, width in zip(
            headings, table.column_positions, table.column_widths, strict=False
        )
        if start + width > right
    ]
    if lost:
        shown = ", ".join(lost[:5]) + (f" and {len(lost) - 5} more" if len(lost) > 5 else "")
        return (
            f"is too wide for {page}: {len(lost)} of its {len(headings)} columns are cut off "
            f"({shown}); {advice}"
        )
    if name is None:
        return None
    font_size = table.style["font_size"]
    narrowest = min((cell.width for cell in _cells(table)), default=font_size * MIN_CELL_EMS)
    if narrowest < font_size * MIN_CELL_EMS:
        return (
            f"has {len(headings)} columns, too narrow to read{where} (words broken every few "
            f"letters); {advice}"
        )
    return None


def _cells(table: Any) -> list[Any]:
    """The cell boxes of `table`, in every row group and row."""
    return [cell for group in table.children for row in group.children for cell in row.children]


def _column_headings(element: Any, count: int) -> list[str]:
    """The header text of each column, from the table's first row (its number when blank)."""
    first_row = next(element.iter("tr"), None)
    cells = list(first_row) if first_row is not None else []
    texts = [" ".join("".join(cell.itertext()).split()) for cell in cells]
    return [
        (texts[index] if index < len(texts) else "") or f"#{index + 1}" for index in range(count)
    ]
