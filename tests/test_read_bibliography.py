"""A bibliography file formatted by a CSL style (Chicago author-date by default): citations
with locators and several keys, a References list of what is cited, unknown keys warned."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import WriteProject, build
from .pdfread import bookmarks, page_texts, squash

ITEMS = [
    {
        "id": "nato2024",
        "type": "report",
        "title": "Defence expenditure of NATO countries",
        "author": [{"family": "Stoltenberg", "given": "Jens"}],
        "issued": {"date-parts": [[2024]]},
        "publisher": "NATO",
    },
    {
        "id": "smith2020",
        "type": "book",
        "title": "Alliances in practice",
        "author": [{"family": "Smith", "given": "Anna"}],
        "issued": {"date-parts": [[2020]]},
        "publisher": "Oxford University Press",
    },
    {"id": "unused", "type": "book", "title": "Never cited", "issued": {"date-parts": [[1999]]}},
]
BIBTEX = """@book{doe2019,
  author = {Doe, Jane},
  title = {Deterrence},
  publisher = {Polity},
  year = {2019}
}
"""
BRIEF = """---
title: Cited
bibliography: {file}
sources:
  memo: "An internal memo."
---

# Findings

One [@nato2024]. Two [@smith2020, p. 12]. Both [@nato2024; @smith2020]. Old [@memo].
Lost [@ghost].
"""


def test_citations_and_references_in_chicago_author_date(
    write_project: WriteProject, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_project(
        {"brief.md": BRIEF.format(file="refs.json"), "refs.json": json.dumps(ITEMS)}
    )
    assert build(root / "brief.md", "-o", root / "out.pdf") == 0
    text = squash(" ".join(page_texts(root / "out.pdf")))
    assert squash("One (Stoltenberg 2024). Two (Smith 2020, 12).") in text
    assert squash("Both (Smith 2020; Stoltenberg 2024). Old [1].") in text
    assert squash("Lost [@ghost].") in text
    assert (
        squash(
            "References Smith, A. 2020. Alliances in Practice. Oxford University Press. "
            "Stoltenberg, J. 2024. Defence Expenditure of NATO Countries. NATO."
        )
        in text
    )
    assert squash("Never cited") not in text
    assert "References" in [mark.title for mark in bookmarks(root / "out.pdf")]
    err = capsys.readouterr().err
    assert "brief.md:11: warning: unknown source 'ghost' in '[@ghost]'" in err


def test_bibtex_file_is_read(write_project: WriteProject) -> None:
    brief = BRIEF.format(file="refs.bib").replace("[@nato2024]", "[@doe2019]")
    root = write_project({"brief.md": brief, "refs.bib": BIBTEX, "refs.json": "[]"})
    assert build(root / "brief.md", "-o", root / "out.pdf") == 0
    text = squash(" ".join(page_texts(root / "out.pdf")))
    assert squash("One (Doe 2019).") in text
    assert squash("Doe, J. 2019. Deterrence. Polity.") in text


def test_bibliography_outside_the_folder_is_refused(
    write_project: WriteProject, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_project({"brief.md": BRIEF.format(file="../refs.json")})
    assert build(root / "brief.md", "-o", root / "out.pdf") == 1
    assert "lies outside the briefing's folder" in capsys.readouterr().err


def test_bibliography_and_style_are_cache_inputs(write_project: WriteProject) -> None:
    from briefing.read.document import read_briefing

    root = write_project(
        {
            "brief.md": BRIEF.format(file="refs.json").replace(
                "---\n\n", "csl: style.csl\n---\n\n", 1
            ),
            "refs.json": json.dumps(ITEMS),
            "style.csl": (
                Path(__file__).parents[1] / "briefing/styles_csl/chicago-author-date.csl"
            ).read_text(encoding="utf-8"),
        }
    )
    briefing = read_briefing(root / "brief.md")
    assert {root / "refs.json", root / "style.csl"} <= set(briefing.digests)


def test_a_missing_bibliography_file_warns_and_prints_citations_as_written(
    write_project: WriteProject, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pandoc documents name a .bib file that is often not beside them: the text still builds."""
    root = write_project({"brief.md": BRIEF.format(file="missing.bib")})
    assert build(root / "brief.md", "-o", root / "out.pdf") == 0
    err = capsys.readouterr().err
    assert "brief.md:3: warning: bibliography 'missing.bib' not found" in err
    assert "One [@nato2024]." in "".join(page_texts(root / "out.pdf"))
    (root / "missing.bib").write_text(BIBTEX)
    assert (
        build(root / "brief.md", "-o", root / "out.pdf") == 0
    )  # the file added later is read: the cache knows it was missing
    assert "(unchanged)" not in capsys.readouterr().out
