"""The command line contract: exit codes, one-line errors, -o, --html, the console script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli.main import main

from .conftest import MINIMAL_BRIEF, WriteProject


def test_builds_one_source_to_the_given_output(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = write_project({"brief.md": MINIMAL_BRIEF})
    output = tmp_path / "out" / "result.pdf"
    assert main([str(project / "brief.md"), "-o", str(output)]) == 0
    assert output.read_bytes().startswith(b"%PDF-")
    line = capsys.readouterr().out.strip()
    assert line.startswith(str(output)) or line.startswith("out/") or "result.pdf" in line
    assert " pages " in line and line.endswith(" s") and " KB " in line


def test_html_option_writes_the_rendered_html_beside_the_pdf(
    write_project: WriteProject, tmp_path: Path
) -> None:
    project = write_project({"brief.md": MINIMAL_BRIEF})
    output = tmp_path / "result.pdf"
    assert main([str(project / "brief.md"), "-o", str(output), "--html"]) == 0
    html = (tmp_path / "result.html").read_text(encoding="utf-8")
    assert "<style>" in html and "@page" in html
    assert "A minimal brief" in html


def test_missing_source_is_one_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["no/such/brief.md"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.startswith("no/such/brief.md: file not found")


def test_bad_front_matter_names_file_and_line(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = write_project({"brief.md": "---\ntitle: x\ndate: 2026-13-01\nlanguage: en\n---\n"})
    output = tmp_path / "out.pdf"
    assert main([str(project / "brief.md"), "-o", str(output)]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.endswith("brief.md:3: invalid value: month must be in 1..12\n")
    assert not output.exists()


def test_output_with_several_sources_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["a.md", "b.md", "-o", "x.pdf"])
    assert exit_info.value.code == 2
    assert "-o/--output needs exactly one SOURCE" in capsys.readouterr().err


def test_unknown_option_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--no-such-option"])
    assert exit_info.value.code == 2


def test_console_script_and_build_py_behave_alike(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "briefing"
    root = Path(__file__).resolve().parent.parent
    for command in ([str(script)], [sys.executable, str(root / "build.py")]):
        version = subprocess.run([*command, "--version"], capture_output=True, text=True)
        assert version.returncode == 0 and version.stdout.startswith("briefing ")
        missing = subprocess.run(
            [*command, str(tmp_path / "none.md")], capture_output=True, text=True
        )
        assert missing.returncode == 1
        assert missing.stderr.strip().endswith("none.md: file not found")
        assert "Traceback" not in missing.stderr


def test_internal_error_is_one_line_unless_debug(
    write_project: WriteProject, tmp_path: Path
) -> None:
    import shutil

    from briefing.config import Config
    from briefing.runner.job import Job, run_job

    templates = tmp_path / "templates"
    shutil.copytree(Config().template_dirs[0], templates)
    (templates / "_summary.html").write_text("{{ 1 / 0 }}\n")  # a template bug, not a content error
    project = write_project({"brief.md": MINIMAL_BRIEF})
    job = Job(project / "brief.md", tmp_path / "x.pdf", Config(template_dirs=(templates,)))
    outcome = run_job(job)
    assert outcome.error is not None and "\n" not in outcome.error
    assert "internal error: ZeroDivisionError: division by zero" in outcome.error
    assert outcome.error.endswith("(run again with --debug for the traceback)")
    with pytest.raises(ZeroDivisionError):
        run_job(job, debug=True)


@pytest.mark.parametrize("kind", ["device source", "pipe as table data"])
def test_special_files_are_refused_without_hanging(
    kind: str, write_project: WriteProject, tmp_path: Path
) -> None:
    import os

    if kind == "device source":
        source = Path("/dev/zero")
    else:
        project = write_project({"brief.md": MINIMAL_BRIEF + "\n::: table feed\n"})
        (project / "data").mkdir()
        os.mkfifo(project / "data" / "feed.yaml")
        source = project / "brief.md"
    run = subprocess.run(
        [sys.executable, str(Path(__file__).resolve().parent.parent / "build.py"), str(source),
         "-o", str(tmp_path / "x.pdf")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert run.returncode == 1
    assert "is not a regular file" in run.stderr and run.stderr.count("\n") == 1
