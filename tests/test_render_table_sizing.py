"""Placed tables' column widths, worked out before layout: shared by content, each column as
wide as its longest word where the page allows, no word cut to fill a line."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from briefing.cli.main import main
from briefing.layout.table_check import _tables
from briefing.layout.weasyprint_adapter import load_weasyprint, page_box
from briefing.read.tables import load_table
from briefing.render.column_widths import column_widths
from briefing.render.table_sizing import LANDSCAPE_WIDTH_MM, PORTRAIT_WIDTH_MM, size_table
from briefing.render.templates import make_environment
from briefing.render.text_measure import CELL_PADDING_MM, longest_word_mm, words

from .conftest import PROJECT_ROOT, WriteProject
from .pdfread import page_texts

THEME = PROJECT_ROOT / "briefing" / "theme"
NATO_TABLES = sorted(
    path
    for path in (PROJECT_ROOT / "content" / "data").glob("*.yaml")
    if "\ncolumns:" in path.read_text(encoding="utf-8")
)


COMMITMENTS = (
    ("Area", *(f"Level {number}" for number in range(1, 10))),
    [(f"Row {row}", *["Commitment level 1.1 with detail"] * 9) for row in range(1, 6)],
)
"""The issue's table: ten columns, short row names, and nine columns of the same sentence."""


def test_shares_add_up_and_a_short_label_column_stays_short() -> None:
    rows = [("Short", "A long sentence that wants a wide column " * 3, "Brief")]
    widths = column_widths(("Aspect", "Long", "Brief"), rows, PORTRAIT_WIDTH_MM).shares
    assert sum(widths) == pytest.approx(100, abs=0.05)
    assert widths[0] < 12 and widths[2] < 12 and widths[1] > 75
    assert column_widths(("Only",), [("one",)], PORTRAIT_WIDTH_MM).shares == (100.0,)


def test_narrow_content_shares_the_room_by_what_each_column_wants() -> None:
    widths = column_widths(("Name", "a", "bb"), [("x", "1", "22")], PORTRAIT_WIDTH_MM).shares
    assert sum(widths) == pytest.approx(100, abs=0.05)
    assert widths[1] < widths[2]


def test_a_wide_table_gives_each_column_its_longest_word() -> None:
    """The rows' names column takes what "Row 1" needs, not a quarter of the page, and every
    other column holds "Commitment" whole."""
    columns, rows = COMMITMENTS
    widths = column_widths(columns, rows, LANDSCAPE_WIDTH_MM)
    assert widths.whole_words
    assert widths.shares[0] < 8, widths.shares
    for index, share in enumerate(widths.shares):
        texts = [columns[index], *(row[index] for row in rows)]
        longest = longest_word_mm(texts, bold=index == 0) + CELL_PADDING_MM
        assert share * LANDSCAPE_WIDTH_MM / 100 >= longest - 0.01, (index, widths.shares)


def test_a_page_too_narrow_for_every_word_still_shares_it_all() -> None:
    columns, rows = COMMITMENTS
    widths = column_widths(columns, rows, 120.0)
    assert not widths.whole_words
    assert sum(widths.shares) == pytest.approx(100, abs=0.05)


def test_the_wide_table_prints_every_word_whole(write_project: WriteProject) -> None:
    """Built, its cells are never hyphenated ("Commit-/ment", "de-/tail" before)."""
    columns, rows = COMMITMENTS
    data = {"caption": "Levels", "columns": list(columns), "rows": [list(row) for row in rows]}
    project = write_project(
        {
            "brief.md": "---\ntitle: Wide\n---\n\n# Section\n\n::: table commitments landscape\n",
            "data/commitments.yaml": json.dumps(data),
        }
    )
    output = project / "brief.pdf"
    assert main([str(project / "brief.md"), "-o", str(output)]) == 0
    text = "\n".join(page_texts(output))
    assert text.count("Commitment") == 45 and text.count("detail") == 45
    assert "Commit-" not in text and "de-" not in text


@pytest.mark.parametrize("path", NATO_TABLES, ids=lambda path: path.stem)
def test_laid_out_cells_keep_every_word_whole(path: Path) -> None:
    """Laid out with the widths set from the data, no cell breaks a word (automatic table
    layout, the slow one, hyphenates some), and the table is at most a few lines taller."""
    table = size_table(load_table(path, path.read_text(encoding="utf-8")))
    environment = make_environment((THEME / "templates",))
    macro = environment.get_template("macros.html").module.comparison_table  # type: ignore[attr-defined]
    labels = {"table": "Table", "colon": ":", "source": "Source"}
    html = f"<html><body>{macro(table, 1, labels)}</body></html>"
    fixed = _laid_out_widths(html, "")
    assert len(fixed) == 1
    source = {word for row in (table.columns, *table.rows) for cell in row for word in words(cell)}
    laid_out = _laid_out_words(html)
    assert laid_out and set(laid_out) <= source, set(laid_out) - source


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


def _laid_out_words(html: str) -> list[str]:
    """The words of the tables' laid-out lines, as each line shows them."""
    weasyprint = load_weasyprint()
    sheets = [weasyprint.CSS(filename=str(THEME / "styles" / "common.css"))]
    document = weasyprint.HTML(string=html).render(stylesheets=sheets)
    found: list[str] = []
    for page in document.pages:
        for box, _ in _tables(page_box(page), None):
            found += [word for text in _texts(box) for word in words(text)]
    return found


def _texts(box: Any) -> list[str]:
    """The text of every text box inside `box`, one line's piece each."""
    if hasattr(box, "text") and isinstance(box.text, str):
        return [box.text]
    return [text for child in getattr(box, "children", ()) for text in _texts(child)]


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
    assert '<table class="sized whole-words">' in wide and wide.count("<col ") == 3
    narrow = _to_html(_markdown_table(5, "short"))
    assert "sized" not in narrow and "<col" not in narrow
    spanning = _to_html('<table><tr><td colspan="2">' + "long text " * 40 + "</td></tr></table>")
    assert "sized" not in spanning


def test_a_markdown_table_is_no_taller_than_automatic_layout_makes_it() -> None:
    """Its short columns stay short and the long one takes the room: a table at most as tall
    as WeasyPrint's automatic layout (the slow one) makes it, every word whole."""
    cell = "A long description that wraps over lines in its cell " * 2
    html = _to_html(_markdown_table(12, cell))
    assert 'class="sized whole-words"' in html
    sized = _laid_out_heights(f"<html><body>{html}</body></html>")
    plain = re.sub(r"<colgroup>.*?</colgroup>", "", html, flags=re.DOTALL)
    plain = re.sub(r' class="[^"]*"', "", plain)
    automatic = _laid_out_heights(f"<html><body>{plain}</body></html>")
    assert len(sized) == len(automatic) >= 1
    assert sum(sized) <= sum(automatic) + 0.5, (sized, automatic)
    assert "-" not in "".join(_laid_out_words(f"<html><body>{html}</body></html>"))


def _laid_out_heights(html: str) -> list[float]:
    """Each laid-out table's height (in CSS pixels), page by page."""
    weasyprint = load_weasyprint()
    sheets = [weasyprint.CSS(filename=str(THEME / "styles" / "common.css"))]
    document = weasyprint.HTML(string=html).render(stylesheets=sheets)
    return [
        box.margin_height() for page in document.pages for box, _ in _tables(page_box(page), None)
    ]
