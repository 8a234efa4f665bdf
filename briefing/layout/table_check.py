"""Tables that do not fit the page, found in WeasyPrint's laid-out boxes.

A table's cells break long words anywhere (styles/common.css), so every column gets a share of
the width; with too many columns, that share is too narrow to read, or the table is wider than
the page and its last columns are cut off. Either is a warning naming the table, never silent.

Before layout, `render.table_sizing` estimates from the text whether a table needs a landscape
page or parts, and its column widths; this module checks the result on the laid-out pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefing.errors import ContentWarning
from briefing.layout.weasyprint_adapter import page_box
from briefing.read.files import line_of

MIN_CELL_EMS = 2.0
"""A cell narrower than this many ems of its text breaks words every two or three letters."""

_TOLERANCE = 1.0
"""CSS pixels a table may stick out by (rounding) before its columns count as cut off."""


def table_warnings(pages: list[Any], source: Path) -> list[ContentWarning]:
    """A warning for each table wider than its page's content area, naming the columns cut off,
    and for each table whose columns are too narrow to read."""
    warnings: list[ContentWarning] = []
    seen: set[int] = set()
    for page in pages:
        root = page_box(page)
        right = root.content_box_x() + root.width + _TOLERANCE
        landscape = page.width > page.height
        for table, name in _tables(root, None):
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
