"""A Pandoc grid table whose cells hold lists and several paragraphs prints them as lists and
paragraphs inside the cell, the table numbered and captioned like any other."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from .conftest import build_pdf
from .pdfread import page_texts, tables

BRIEF = """---
title: Fruit
---

# Fruit

+---------------+--------------------------------+---------+
| Fruit         | Advantages                     | Price   |
+===============+================================+=========+
| Bananas       | - built-in wrapper             | 1.34    |
|               | - bright colour                |         |
+---------------+--------------------------------+---------+
| Oranges       | 1. cures scurvy                | 2.10    |
|               | 2. tasty                       |         |
|               |                                |         |
|               | Peel before eating.            |         |
+---------------+--------------------------------+---------+
| Plain *cell*  | one sentence that goes on      | 3 \\| 4  |
|               | over two lines of the source   |         |
+---------------+--------------------------------+---------+

: Fruit and what they offer {#tbl-fruit}

See @tbl-fruit.
"""


@pytest.fixture(scope="module")
def fruit_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("grid")
    (folder / "fruit.md").write_text(BRIEF, encoding="utf-8")
    return build_pdf(folder / "fruit.md")


def _words(pdf: Path) -> dict[str, dict[str, float]]:
    with pdfplumber.open(pdf) as document:
        return {word["text"]: word for page in document.pages for word in page.extract_words()}


def test_a_list_in_a_cell_prints_one_item_a_line_with_its_markers(fruit_pdf: Path) -> None:
    words = _words(fruit_pdf)
    built_in, bright = words["built-in"], words["bright"]
    assert bright["top"] - built_in["top"] > 5  # one item under the other, not in a row
    assert abs(bright["x0"] - built_in["x0"]) < 1
    with pdfplumber.open(fruit_pdf) as document:
        (rows,) = [table for page in document.pages for table in page.extract_tables()]
    assert rows[1][1] == "• built-in wrapper\n• bright colour"
    assert rows[2][1] == "1. cures scurvy\n2. tasty\nPeel before eating."


def test_several_paragraphs_stay_apart_and_a_list_sits_inside_its_column(fruit_pdf: Path) -> None:
    words = _words(fruit_pdf)
    assert words["Peel"]["top"] - words["tasty"]["top"] > 5
    assert words["Advantages"]["x0"] <= words["Peel"]["x0"] < words["cures"]["x0"]
    assert words["cures"]["x1"] < words["Price"]["x0"]


def test_the_grid_table_keeps_its_rows_cells_and_caption(fruit_pdf: Path) -> None:
    (table,) = tables(fruit_pdf)
    assert [row[0] for row in table] == ["Fruit", "Bananas", "Oranges", "Plain cell"]
    assert table[3][1:] == ["one sentence that goes on over two lines of the source", "3 | 4"]
    text = "\n".join(page_texts(fruit_pdf))
    assert "Table 1: Fruit and what they offer" in text and "See Table 1." in text
    assert "{#tbl" not in text and "+---" not in text
