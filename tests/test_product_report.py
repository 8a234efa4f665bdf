"""One report that uses every writing feature of issue 11 together: cross-references, a
bibliography, parts, a landscape table, a long pipe table, callouts, a page break and code."""

from __future__ import annotations

import json
from pathlib import Path

import pypdf
import pytest
import yaml

from briefing.cli.main import main

from .pdfread import bookmarks, page_texts, squash

ITEMS = [
    {
        "id": "smith2020",
        "type": "book",
        "title": "Alliances in practice",
        "author": [{"family": "Smith", "given": "Anna"}],
        "issued": {"date-parts": [[2020]]},
        "publisher": "Oxford University Press",
    }
]
WIDE = {
    "caption": "Options compared",
    "source": "Test data",
    "orientation": "auto",
    "columns": ["Option", *(f"Criterion {number}" for number in range(1, 9))],
    "rows": [
        [f"Option {row}", *(f"Moderate effect, cost up {row * number}%" for number in range(1, 9))]
        for row in range(1, 4)
    ],
}
MAIN = """---
title: The whole report
bibliography: refs.json
parts: [part-two.md]
---

# Summary

Costs are in @tbl:options; the method is in @sec:method [@smith2020, p. 12].

!!! judgement "Key judgements"
    The alliance holds.

::: table options

{{< pagebreak >}}

# Method

```python
def cost(option: int) -> int:
    return option * 3  # a comment
```
"""
PART_TWO = """# Appendix

See @sec-summary and @tbl-options.

| Name | Value |
|---|---|
""" + "".join(f"| Row {number} | {number * 7} |\n" for number in range(1, 121))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("report")
    (root / "data").mkdir()
    (root / "data" / "options.yaml").write_text(yaml.safe_dump(WIDE))
    (root / "refs.json").write_text(json.dumps(ITEMS))
    (root / "brief.md").write_text(MAIN)
    (root / "part-two.md").write_text(PART_TWO)
    output = root / "report.pdf"
    assert main([str(root / "brief.md"), "-o", str(output), "--profile", "all", "-j", "1"]) == 0
    return output, "".join(page_texts(output))


def test_references_resolve_to_numbers_and_links(report: tuple[Path, str]) -> None:
    pdf, text = report
    assert squash("Costs are in Table 1; the method is in section 2") in squash(text)
    assert squash("See section 1 and Table 1.") in squash(text)
    links = [
        annotation.get_object()
        for page in pypdf.PdfReader(pdf).pages
        for annotation in page.get("/Annots", [])
    ]
    assert sum(1 for link in links if "/Dest" in link or "/A" in link) >= 4


def test_the_handout_gives_the_page_of_each_reference(report: tuple[Path, str]) -> None:
    pdf, _ = report
    handout = squash("".join(page_texts(pdf.with_name("report-handout.pdf"))))
    assert "Table1,page" in handout


def test_bibliography_callout_code_and_parts_are_printed(report: tuple[Path, str]) -> None:
    pdf, text = report
    assert "Smith, A. 2020. Alliances in Practice." in text  # Chicago author-date
    assert "KEY JUDGEMENTS" in text.upper() and "The alliance holds." in text
    assert squash("def cost(option: int) -> int: return option * 3  # a comment") in squash(text)
    assert "Row 120" in text
    titles = [mark.title for mark in bookmarks(pdf)]
    assert {"Summary", "Method", "Appendix", "References"} <= set(titles)


def test_the_wide_table_is_on_a_landscape_page_and_the_break_starts_a_page(
    report: tuple[Path, str],
) -> None:
    pdf, _ = report
    pages = pypdf.PdfReader(pdf).pages
    texts = page_texts(pdf)
    [landscape] = [
        number for number, page in enumerate(pages)
        if float(page.mediabox.width) > float(page.mediabox.height)
    ]  # fmt: skip
    assert "Options compared" in texts[landscape]
    method = next(number for number, page in enumerate(texts) if page.startswith("Method") or
                  ("\nMethod\n" in page and "def cost" in page))  # fmt: skip
    assert method == landscape + 1, "no blank page between the landscape table and the break"
    assert texts[method].split("\n").index("Method") <= 2, "the break puts Method on top"
