"""Outputs never destroy inputs or each other, and a build's files are written as a set."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli.main import main

from .conftest import MINIMAL_BRIEF, WriteProject

ROOT = Path(__file__).resolve().parent.parent


def test_output_that_is_the_source_is_refused(
    write_project: WriteProject, capsys: pytest.CaptureFixture[str]
) -> None:
    project = write_project({"brief.md": MINIMAL_BRIEF})
    source = project / "brief.md"
    assert main([str(source), "-o", str(source)]) == 1
    assert "would overwrite the source" in capsys.readouterr().err
    assert source.read_text() == MINIMAL_BRIEF


@pytest.mark.parametrize("suffix", ["html", "eml"])
def test_a_sibling_output_that_is_an_input_is_refused(
    write_project: WriteProject, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    """`--html` and `--eml` write beside the PDF; neither may replace the source it read."""
    source = write_project({f"b.{suffix}": MINIMAL_BRIEF}) / f"b.{suffix}"
    output = source.with_suffix(".pdf")
    assert main([str(source), "-o", str(output), "--html", "--eml"]) == 1
    assert f"would overwrite the source {source}" in capsys.readouterr().err
    assert source.read_text() == MINIMAL_BRIEF
    assert not output.exists()


def test_an_output_that_is_a_data_file_or_image_is_refused(
    write_project: WriteProject, capsys: pytest.CaptureFixture[str]
) -> None:
    table = "caption: C\nsource: S\ncolumns: [A]\nrows: [[x]]\n"
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>'
    text = MINIMAL_BRIEF + "\n::: table t\n\n![A square](square.svg)\n"
    project = write_project({"brief.md": text, "data/t.yaml": table, "square.svg": svg})
    for target in (project / "data" / "t.yaml", project / "square.svg"):
        before = target.read_bytes()
        assert main([str(project / "brief.md"), "-o", str(target)]) == 1
        assert "is one of the build's inputs: refusing to overwrite it" in capsys.readouterr().err
        assert target.read_bytes() == before


def test_two_sources_with_one_output_are_refused_before_building(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = write_project({"a/x.md": MINIMAL_BRIEF, "b/x.md": MINIMAL_BRIEF})
    out = tmp_path / "out"
    assert main([str(project / "a/x.md"), str(project / "b/x.md"), "-d", str(out)]) == 1
    assert "would both be built into" in capsys.readouterr().err
    assert not out.exists()


def test_folder_device_and_pipe_outputs_are_refused(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_project({"brief.md": MINIMAL_BRIEF}) / "brief.md"
    folder = tmp_path / "outdir"
    folder.mkdir()
    pipe = tmp_path / "pipe.pdf"
    os.mkfifo(pipe)
    for output, message in (
        (str(folder), "is a folder"),
        ("/dev/null", "is not a regular file"),
        (str(pipe), "is not a regular file"),
    ):
        assert main([str(source), "-o", output]) == 1
        assert message in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main([str(source), "-o", f"{folder}/"])
    assert exit_info.value.code == 2
    assert "names a folder" in capsys.readouterr().err
    assert os.listdir(folder) == []
    assert not Path("/dev/null.pdf").exists()


def test_a_newline_in_an_output_name_stays_on_one_result_line(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_project({"brief.md": MINIMAL_BRIEF}) / "brief.md"
    output = tmp_path / "two\nlines.pdf"
    assert main([str(source), "-o", str(output)]) == 0
    assert output.exists()
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "two\\nlines.pdf" in out


def test_a_write_that_fails_midway_replaces_no_output(
    write_project: WriteProject, tmp_path: Path
) -> None:
    """A file size limit (as a full disk would) stops the second file: the first, already
    written to its temporary, must not replace the previous PDF either."""
    source = write_project({"brief.md": MINIMAL_BRIEF + "\n" + "Filler text. " * 3000}) / "brief.md"
    output = tmp_path / "out" / "brief.pdf"
    output.parent.mkdir()
    assert main([str(source), "-o", str(output), "--html"]) == 0
    pdf_size, html_size = output.stat().st_size, output.with_suffix(".html").stat().st_size
    assert pdf_size < html_size, "the test needs the HTML to be the larger file"
    output.write_bytes(b"%PDF previous")
    output.with_suffix(".html").write_text("previous html")
    source.write_text(source.read_text() + "\nA change.\n")
    limit = (pdf_size + html_size) // 2

    def limit_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    completed = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), str(source), "-o", str(output), "--html"],
        capture_output=True,
        text=True,
        preexec_fn=limit_file_size,
        check=False,
    )
    assert completed.returncode == 1, completed.stderr
    assert "cannot write" in completed.stderr and "Traceback" not in completed.stderr
    assert output.read_bytes() == b"%PDF previous"
    assert output.with_suffix(".html").read_text() == "previous html"
    assert sorted(os.listdir(output.parent)) == ["brief.html", "brief.pdf"]
