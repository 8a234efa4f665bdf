"""Placed tables' column widths, worked out before layout, against WeasyPrint's own."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from briefing.layout.table_check import _tables
from briefing.layout.weasyprint_adapter import load_weasyprint, page_box
from briefing.read.tables import load_table
from briefing.render.table_sizing import (
    PORTRAIT_WIDTH_MM,
    ROW_NAMES_SHARE,
    column_widths,
    size_table,
)
from briefing.render.templates import make_environment

from .conftest import PROJECT_ROOT

THEME = PROJECT_ROOT / "briefing" / "theme"
NATO_TABLES = sorted(
    path
    for path in (PROJECT_ROOT / "content" / "data").glob("*.yaml")
    if "\ncolumns:" in path.read_text(encoding="utf-8")
)

MAX_COLUMN_GAP = 4.0
"""Percentage points a column's width may differ from automatic table layout's."""


def test_shares_add_up_and_the_rows_names_keep_their_share() -> None:
    rows = [("Short", "A long sentence that wants a wide column " * 3, "Brief")]
    widths = column_widths(("Aspect", "Long", "Brief"), rows, PORTRAIT_WIDTH_MM)
    assert sum(widths) == pytest.approx(100, abs=0.05)
    assert widths[0] == pytest.approx(100 * ROW_NAMES_SHARE)
    assert widths[1] > 2 * widths[2]
    assert column_widths(("Only",), [("one",)], PORTRAIT_WIDTH_MM) == (100.0,)


def test_narrow_content_shares_the_room_by_what_each_column_wants() -> None:
    widths = column_widths(("Name", "a", "bb"), [("x", "1", "22")], PORTRAIT_WIDTH_MM)
    assert sum(widths) == pytest.approx(100, abs=0.05)
    assert widths[1] < widths[2]


@pytest.mark.parametrize("path", NATO_TABLES, ids=lambda path: path.stem)
def test_widths_are_close_to_automatic_table_layout(path: Path) -> None:
    """The widths set from the data stay within a few points of what WeasyPrint's automatic
    layout (the slow one) chooses for the same table, column by column."""
    table = load_table(path, path.read_text(encoding="utf-8"))
    environment = make_environment((THEME / "templates",))
    macro = environment.get_template("macros.html").module.comparison_table  # type: ignore[attr-defined]
    labels = {"table": "Table", "colon": ":", "source": "Source"}
    html = f"<html><body>{macro(size_table(table), 1, labels)}</body></html>"
    fixed = _laid_out_widths(html, "")
    without_widths = re.sub(r"<colgroup>.*?</colgroup>", "", html, flags=re.DOTALL)
    automatic = _laid_out_widths(without_widths, ".comparison table { table-layout: auto }")
    assert len(fixed) == len(automatic) >= 1
    for ours, theirs in zip(fixed, automatic, strict=True):
        assert [round(width, 1) for width in ours] == pytest.approx(theirs, abs=MAX_COLUMN_GAP)


def _laid_out_widths(html: str, extra_css: str) -> list[list[float]]:
    """Each laid-out table's column widths in per cent of the table's width."""
    weasyprint = load_weasyprint()
    sheets = [weasyprint.CSS(filename=str(THEME / "styles" / "common.css"))]
    sheets += [weasyprint.CSS(string=extra_css)] if extra_css else []
    document = weasyprint.HTML(string=html).render(stylesheets=sheets)
    found: list[list[float]] = []
    for page in document.pages:
        for box, _ in _tables(page_box(page), None):
            found.append(_shares(box))
    return found


def _shares(box: Any) -> list[float]:
    total = sum(box.column_widths)
    return [100 * width / total for width in box.column_widths]


def _markdown_table(rows: int, cell: str) -> str:
    lines = ["| Option | Description | Effect |", "|---|---|---|"]
    lines += [f"| Option {row} | {cell} {row} | Cost up {row}% |" for row in range(rows)]
    return "\n".join(lines) + "\n"


def _to_html(markdown_text: str) -> str:
    import markdown

    from briefing.render.print_markdown import PrintExtension

    return markdown.markdown(markdown_text, extensions=["tables", PrintExtension()])


def test_a_wide_markdown_table_is_sized_and_a_narrow_one_is_not() -> None:
    wide = _to_html(_markdown_table(5, "A description long enough to wrap in its cell " * 2))
    assert '<table class="sized">' in wide and wide.count("<col ") == 3
    narrow = _to_html(_markdown_table(5, "short"))
    assert "sized" not in narrow and "<col" not in narrow
    spanning = _to_html('<table><tr><td colspan="2">' + "long text " * 40 + "</td></tr></table>")
    assert "sized" not in spanning


def test_markdown_table_widths_are_close_to_automatic_table_layout() -> None:
    cell = "A long description that wraps over lines in its cell " * 2
    html = _to_html(_markdown_table(12, cell))
    assert "sized" in html
    sized = _laid_out_widths(f"<html><body>{html}</body></html>", "")
    plain = re.sub(r"<colgroup>.*?</colgroup>", "", html, flags=re.DOTALL)
    plain = plain.replace(' class="sized"', "")
    automatic = _laid_out_widths(f"<html><body>{plain}</body></html>", "")
    assert len(sized) == len(automatic) >= 1
    for ours, theirs in zip(sized, automatic, strict=True):
        assert [round(width, 1) for width in ours] == pytest.approx(theirs, abs=MAX_COLUMN_GAP)
