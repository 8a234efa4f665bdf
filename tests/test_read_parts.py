"""Parts: several Markdown files assembled in order, numbered across, each keeping its lines."""

from __future__ import annotations

import pytest

from briefing.cli.main import main

from .conftest import WriteProject
from .pdfread import bookmarks, page_texts, squash

TABLE = 'caption: "{caption}"\ncolumns: ["Aspect", "A"]\nrows:\n  - ["Cost", "Low"]\n'
MAIN = """---
title: Assembled
parts: [one.md, two.md]
---

# Opening

First note.[^a]

[^a]: Note in the main file.
"""
ONE = """# Part one

See @tbl:second and @sec:part-two.

::: table first
"""
TWO = """---
title: ignored
---

# Part two

Second note.[^b] Broken @fig:nothing here.

[^b]: Note in part two.

::: table second
"""


def test_parts_number_across_and_keep_their_lines(
    write_project: WriteProject, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_project(
        {
            "brief.md": MAIN,
            "one.md": ONE,
            "two.md": TWO,
            "data/first.yaml": TABLE.format(caption="First table"),
            "data/second.yaml": TABLE.format(caption="Second table"),
        }
    )
    assert main([str(root / "brief.md"), "-o", str(root / "out.pdf")]) == 0
    text = squash(" ".join(page_texts(root / "out.pdf")))
    assert squash("See Table 2 and section 3.") in text
    assert text.index("Opening") < text.index("Partone") < text.index("Parttwo")
    assert squash("1. Note in the main file.") in text or "Note in the main file." in text
    assert squash("Second note.2") in text
    titles = [mark.title for mark in bookmarks(root / "out.pdf")]
    assert titles[-3:] == ["Opening", "Part one", "Part two"]
    err = capsys.readouterr().err
    assert "two.md:1: warning: a part's front matter is ignored" in err
    assert "two.md:7: warning: unknown figure 'nothing'" in err


def test_part_outside_the_folder_is_refused(
    write_project: WriteProject, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_project({"brief.md": MAIN.replace("one.md", "../one.md"), "two.md": TWO})
    assert main([str(root / "brief.md"), "-o", str(root / "out.pdf")]) == 1
    assert "part '../one.md' refused: outside the folders a briefing may" in capsys.readouterr().err


def test_a_missing_part_names_the_front_matter_line_once(
    write_project: WriteProject, capsys: pytest.CaptureFixture[str]
) -> None:
    """A part that does not exist is named with the line that lists it and what to do; listed
    twice, it is said to be listed twice, not missing twice."""
    brief = MAIN.replace("[one.md, two.md]", "[gone.md, gone.md]")
    root = write_project({"brief.md": brief})
    assert main([str(root / "brief.md"), "-o", str(root / "out.pdf")]) == 1
    missing, twice = capsys.readouterr().err.splitlines()
    folder = root.resolve()
    assert missing.endswith(
        f"brief.md:3: part 'gone.md' not found in {folder}: write it, or take it out of 'parts'"
    )
    assert twice.endswith("brief.md:3: part 'gone.md' is listed twice or is the brief itself")
