"""Cross-references: `@tbl:`, `@sec:` and Quarto's `@fig-`/`@tbl-`/`@sec-` print numbers as links,
with the page in the handout; a reference to nothing is printed as written and warned about."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from briefing.cli.main import main

from .conftest import WriteProject
from .pdfread import page_texts, squash

TABLE = 'caption: "Costs"\ncolumns: ["Aspect", "A"]\nrows:\n  - ["Cost", "Low"]\n'
BRIEF = """---
title: References
---

# Background

See @tbl:costs, @sec:options and @sec-missing.

## Detail

Text.

# Options

Back to @sec-detail and @tbl-costs.

::: table costs
"""


def _link_targets(pdf: Path) -> list[str]:
    """The named destination of every internal link, in page order."""
    reader = pypdf.PdfReader(pdf)
    targets = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            destination = annotation.get_object().get("/Dest") or action.get("/D")
            if destination is not None:
                targets.append(str(destination))
    return targets


@pytest.fixture
def built(write_project: WriteProject, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    root = write_project({"brief.md": BRIEF, "data/costs.yaml": TABLE})
    assert main([str(root / "brief.md"), "-o", str(root / "out.pdf"), "--profile", "all"]) == 0
    return root, capsys.readouterr().err


def test_references_print_numbers_and_link_to_targets(built: tuple[Path, str]) -> None:
    root, _ = built
    text = squash(" ".join(page_texts(root / "out.pdf")))
    assert squash("See Table 1, section 2 and @sec-missing.") in text
    assert squash("Back to section 1.1 and Table 1.") in text
    targets = _link_targets(root / "out.pdf")
    assert {"table-costs", "options", "detail"} <= {target.strip("/") for target in targets}


def test_handout_references_give_the_page(built: tuple[Path, str]) -> None:
    root, _ = built
    pages = page_texts(root / "out-handout.pdf")
    table_page = next(number for number, text in enumerate(pages, 1) if "Costs" in text)
    text = squash(" ".join(pages))
    assert squash(f"See Table 1, page {table_page}, section 2, page") in text


def test_unknown_section_is_warned_with_its_line(built: tuple[Path, str]) -> None:
    _, err = built
    assert "brief.md:7: warning: unknown section 'missing' in '@sec-missing'" in err
