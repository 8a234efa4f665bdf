"""The error and warning policy: warnings are data, printed once, cached; --strict and --final
fail at the end listing them all; a failing build lists every problem it found."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from briefing.cli.main import main
from briefing.runner.job import MAX_PROBLEMS

from .conftest import WriteProject
from .pdfread import page_texts, squash, structure_elements

MESSY = """---
layout: post
Title: A post written for Jekyll
permalink: /notes/
date: "February 2019"
---

# Notes

Thanks [@someone] for the review; see [the setup](#from-the-repository--with-setup).

![](figure.png)

![Logo](/assets/logo.png)

![Chart](missing.png)
"""

WARNINGS = [
    "brief.md:2: warning: front matter keys ignored: 'layout', 'permalink'",
    "brief.md:10: warning: link '#from-the-repository--with-setup' points to no heading",
    "brief.md:10: warning: unknown source 'someone' in '[@someone]', printed as written",
    "brief.md:12: warning: image 'figure.png' has no alt text",
    "brief.md:14: warning: file not found, left out (its alt text shows instead): /assets/logo.png",
    "brief.md:16: warning: file not found, left out (its alt text shows instead): missing.png",
]


def _png() -> bytes:
    stream = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(stream, "PNG")
    return stream.getvalue()


@pytest.fixture
def messy(write_project: WriteProject) -> Path:
    return write_project({"brief.md": MESSY, "figure.png": _png()}) / "brief.md"


def _warning_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if ": warning: " in line]


def test_a_messy_document_builds_with_every_warning_once_in_source_order(
    messy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out.pdf"
    assert main([str(messy), "-o", str(output)]) == 0
    streams = capsys.readouterr()
    lines = _warning_lines(streams.err)
    assert len(lines) == len(WARNINGS) == len(streams.err.splitlines())
    for line, expected in zip(lines, WARNINGS, strict=True):
        assert line.endswith(expected.split(": warning: ")[1]) or expected in line, line
        assert line.split(": warning: ")[0].endswith(expected.split(": warning: ")[0])
    assert streams.out.rstrip().endswith(f"{len(WARNINGS)} warnings")
    text = squash("".join(page_texts(output)))
    assert squash("Thanks [@someone] for the review; see the setup.") in text
    assert squash("February 2019") in text


def test_an_unchanged_rebuild_shows_the_warnings_again(
    messy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out.pdf"
    assert main([str(messy), "-o", str(output)]) == 0
    first = capsys.readouterr()
    assert main([str(messy), "-o", str(output)]) == 0
    second = capsys.readouterr()
    assert "(unchanged)" in second.out
    assert second.out.rstrip().endswith(f"{len(WARNINGS)} warnings")
    assert _warning_lines(second.err) == _warning_lines(first.err)


@pytest.mark.parametrize("flag", ["--strict", "--final"])
def test_strict_and_final_fail_at_the_end_listing_every_warning(
    messy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: str
) -> None:
    output = tmp_path / "out.pdf"
    output.write_bytes(b"%PDF previous")
    assert main([str(messy), "-o", str(output), flag]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == len(WARNINGS)
    assert all(line.endswith(f"({flag})") for line in errors)
    assert [line.split(": ")[0].rsplit(":", 1)[1] for line in errors] == [
        "2", "10", "10", "12", "14", "16"
    ]  # fmt: skip
    assert output.read_bytes() == b"%PDF previous"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.pdf", "project"]


def test_an_image_without_alt_text_is_tagged_with_its_file_name(
    messy: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out.pdf"
    assert main([str(messy), "-o", str(output)]) == 0
    figures = [element for element in structure_elements(output) if element["/S"] == "/Figure"]
    # The two missing images show their alt text; the one without alt text is named by its file.
    assert sorted(str(figure.get("/Alt")) for figure in figures) == ["Chart", "Logo", "figure.png"]


def test_a_failing_build_lists_every_problem(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    brief = "---\ntitle: T\npaper: a3\nlanguage: en\n---\n\n::: table one\n\n::: figure two\n"
    project = write_project({"brief.md": brief})
    assert main([str(project / "brief.md"), "-o", str(tmp_path / "out.pdf")]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert [line.split(": ")[0].rsplit(":", 1)[1] for line in errors] == ["3", "7", "9"]
    assert "'paper' must be one of a4, letter" in errors[0]
    assert "no data file for table 'one'" in errors[1]
    assert "no data file for figure 'two'" in errors[2]


def test_a_flood_of_problems_is_capped(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    markers = "".join(f"::: table missing-{number}\n\n" for number in range(MAX_PROBLEMS + 7))
    project = write_project({"brief.md": f"# T\n\n{markers}"})
    assert main([str(project / "brief.md"), "-o", str(tmp_path / "out.pdf")]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == MAX_PROBLEMS + 1
    assert errors[-1] == "… and 7 more problems"
