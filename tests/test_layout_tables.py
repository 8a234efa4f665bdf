"""Wide tables on landscape pages, and long Markdown tables that repeat their header."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pypdf
import pytest
import yaml
from PIL import Image, ImageChops

from briefing.read.tables import load_table
from briefing.render.table_sizing import fits_portrait, size_table

from .conftest import WriteProject, build_pdf
from .pdfread import page_texts, render_page, tables
from .test_product_visual import MAX_CHANGED_SHARE

REFERENCE = Path(__file__).parent / "visual" / "reference-landscape.png"

FRONT_MATTER = """---
title: Wide tables
date: 2026-01-02
author: Test Unit
language: en
ai_assisted: true
notice: "Parts of this text were drafted with AI assistance."
notice_short: "AI-assisted: verify."
summary: [One point.]
---
"""


def wide_table(columns: int, orientation: str | None = None) -> str:
    """A table file with `columns` columns of sentence-long cells."""
    data: dict[str, object] = {
        "caption": f"{columns} criteria",
        "source": "Test data",
        "columns": ["Option", *(f"Criterion {number}" for number in range(1, columns))],
        "rows": [
            [f"Option {row}", *(f"Moderate effect, cost up {row * number}%" for number in
                                range(1, columns))]
            for row in range(1, 6)
        ],
    }  # fmt: skip
    if orientation:
        data["orientation"] = orientation
    return yaml.safe_dump(data)


def _page_sizes(pdf: Path) -> list[tuple[float, float]]:
    return [(float(page.mediabox.width), float(page.mediabox.height)) for page in
            pypdf.PdfReader(pdf).pages]  # fmt: skip


def test_landscape_marker_puts_the_table_on_a_landscape_page_of_its_own(
    write_project: WriteProject, tmp_path: Path
) -> None:
    project = write_project({
        "brief.md": FRONT_MATTER + "# Options\n\nBefore.\n\n::: table options landscape\n\n"
                    "# After\n\nText after.\n",
        "data/options.yaml": wide_table(9),
    })  # fmt: skip
    pdf = build_pdf(project / "brief.md", tmp_path / "brief.pdf")
    sizes, texts = _page_sizes(pdf), page_texts(pdf)
    landscape = [number for number, (width, height) in enumerate(sizes) if width > height]
    assert len(landscape) == 1, sizes
    page = landscape[0]
    assert "9 criteria" in texts[page] and "Criterion 8" in texts[page]
    assert "Wide tables" in texts[page]  # the running header
    assert re.search(r"Page \d+ of \d+", texts[page])  # the page number
    assert "Before." not in texts[page] and "Text after." not in texts[page]
    assert "Text after." in texts[page + 1] and sizes[page + 1][0] < sizes[page + 1][1]
    image = render_page(pdf, page, 60 / 72)
    if os.environ.get("BRIEFING_UPDATE_VISUAL"):
        image.save(REFERENCE, optimize=True)
    changed = ImageChops.difference(image, Image.open(REFERENCE).convert("RGB")).convert("L")
    share = changed.point(lambda value: 255 if value > 48 else 0).histogram()[255]
    assert share / (image.width * image.height) <= MAX_CHANGED_SHARE, "landscape page differs"


def test_landscape_page_keeps_the_handout_mirrored_margins(
    write_project: WriteProject, tmp_path: Path
) -> None:
    project = write_project({
        "brief.md": FRONT_MATTER + "# Options\n\n::: table options landscape\n",
        "data/options.yaml": wide_table(9),
    })  # fmt: skip
    pdf = build_pdf(
        project / "brief.md", tmp_path / "brief.pdf", "--profile", "handout", "--paper", "letter"
    )
    pdf = next(tmp_path.glob("brief*handout*.pdf"), pdf)
    sizes = _page_sizes(pdf)
    number = next(index for index, (width, height) in enumerate(sizes) if width > height)
    assert sizes[number] == pytest.approx((792, 612))  # US Letter turned
    with __import__("pdfplumber").open(pdf) as document:
        page = document.pages[number]
        left = min(char["x0"] for char in page.chars)
        right = page.width - max(char["x1"] for char in page.chars)
    inner, outer = (left, right) if number % 2 == 0 else (right, left)  # page 1 is a right page
    assert inner > outer + 20  # 25 mm binding side against 15 mm outside (points)


@pytest.mark.parametrize(("columns", "landscape"), [(4, False), (9, True)])
def test_orientation_auto_turns_only_a_table_too_wide_for_portrait(
    columns: int, landscape: bool
) -> None:
    table = load_table(Path("t.yaml"), wide_table(columns, "auto"))
    assert size_table(table).landscape is landscape
    assert fits_portrait(table.columns, table.rows) is not landscape


def test_orientation_must_be_a_known_value() -> None:
    from briefing.errors import ContentError

    with pytest.raises(ContentError, match="'orientation' must be portrait, landscape, auto"):
        load_table(Path("t.yaml"), wide_table(3, "sideways"))


def test_a_table_too_wide_even_for_landscape_is_a_warning_naming_it(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = write_project({
        "brief.md": FRONT_MATTER + "# Options\n\n::: table huge\n",
        "data/huge.yaml": wide_table(40, "auto"),
    })  # fmt: skip
    pdf = build_pdf(project / "brief.md", tmp_path / "brief.pdf")
    assert any(width > height for width, height in _page_sizes(pdf))
    err = capsys.readouterr().err
    assert re.search(
        r"table 'huge' has 40 columns, too many for a landscape page: printed in \d+ parts", err
    )
    assert "cut off" not in err and "too narrow" not in err
    headings = {cell for table in tables(pdf) for cell in table[0]}
    assert {f"Criterion {number}" for number in range(1, 40)} <= headings, "no column is lost"


def test_a_long_pipe_table_repeats_its_header_and_never_splits_a_row(
    write_project: WriteProject, tmp_path: Path
) -> None:
    rows = "\n".join(f"| Row {n} | Line one of row {n}<br>line two of row {n} | {n * 3} |"
                     for n in range(1, 201))  # fmt: skip
    body = f"# Long\n\n| Name | Description | Number |\n|---|---|---|\n{rows}\n"
    project = write_project({"brief.md": FRONT_MATTER + body})
    texts = page_texts(build_pdf(project / "brief.md", tmp_path / "brief.pdf"))
    pages = [text for text in texts if re.search(r"Row \d+ ", text)]
    assert len(pages) >= 4
    seen: list[int] = []
    for text in pages:
        assert "Name Description Number" in text  # the header, on every page of the table
        numbers = [int(n) for n in re.findall(r"Row (\d+) ", text)]
        seen += numbers
        for number in numbers:  # both lines of each row on the same page as the row
            assert f"line two of row {number}" in text
    assert seen == list(range(1, 201))
