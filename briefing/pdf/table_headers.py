"""Table header cells a screen reader can pair with their data cells: `/Scope` on each `/TH`.

WeasyPrint tags a table's header cells `/TH` (with an `/ID`) and gives each data cell the
`/Headers` of its row and column, but writes no `/Scope` on the header cells themselves, so a
checker (and a reader that goes by the header cell) cannot tell a column's header from a row's.
In the finisher, each `/TH` gets `/Scope /Column` when its row holds only header cells (the
header row) and `/Scope /Row` when its row holds data cells too (the rows' names column of a
comparison table): the same rule for data tables, table parts and Markdown tables.
"""

from __future__ import annotations

import re
from typing import Any

_REFERENCE = re.compile(rb"(\d+) 0 R")


def scope_table_headers(pdf: Any) -> None:
    """Give every `/TH` structure element of `pdf` (pydyf, in the finisher) its `/Scope`."""
    import pydyf  # type: ignore[import-untyped]  # WeasyPrint's PDF writer, loaded with it

    for item in pdf.objects:
        if not isinstance(item, dict) or item.get("S") != "/TR":
            continue
        cells = [cell for cell in _children(pdf, item) if cell.get("S") in ("/TH", "/TD")]
        scope = "/Row" if any(cell["S"] == "/TD" for cell in cells) else "/Column"
        for cell in cells:
            if cell["S"] != "/TH":
                continue
            attributes = cell.get("A")
            if not isinstance(attributes, dict):
                attributes = cell["A"] = pydyf.Dictionary({"O": "/Table"})
            attributes["Scope"] = scope


def _children(pdf: Any, element: dict[str, Any]) -> list[dict[str, Any]]:
    """The structure elements among `element`'s kids (leaving out marked-content numbers)."""
    kids = element.get("K", [])
    found = []
    for kid in kids if isinstance(kids, list) else [kids]:
        text = kid if isinstance(kid, bytes) else str(kid).encode()
        match = _REFERENCE.fullmatch(text.strip())
        if match:
            child = pdf.objects[int(match.group(1))]
            if isinstance(child, dict):
                found.append(child)
    return found
