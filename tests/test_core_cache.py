"""The build cache: an unchanged build is skipped; a change to any input rebuilds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import cache
from briefing.cli.main import main
from briefing.config import Config
from briefing.runner.batch import run_jobs
from briefing.runner.job import Job, Outcome

from .conftest import MINIMAL_BRIEF, WriteProject
from .pdfread import page_texts

ROOT = Path(__file__).resolve().parent.parent
BRIEF_WITH_INPUTS = MINIMAL_BRIEF + "\n![A chart](chart.svg)\n\n::: table facts\n"
FILES = {
    "brief.md": BRIEF_WITH_INPUTS,
    "chart.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="50" height="20"><rect width="50" '
    'height="20"/></svg>',
    "data/facts.yaml": "caption: Facts\nsource: Test\ncolumns: [A, B]\nrows:\n  - [x, y]\n",
}


def _run(project: Path, output: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main([str(project / "brief.md"), "-o", str(output), *args]) == 0
    return capsys.readouterr().out


def test_unchanged_build_is_skipped_and_output_untouched(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project, output = write_project(FILES), tmp_path / "out" / "b.pdf"
    assert "(unchanged)" not in _run(project, output, capsys=capsys)
    written = output.stat().st_mtime_ns
    assert "(unchanged)" in _run(project, output, capsys=capsys)
    assert output.stat().st_mtime_ns == written
    assert os.listdir(output.parent) == ["b.pdf"], "the cache must not live beside the output"
    assert "(unchanged)" not in _run(project, output, "--force", capsys=capsys)


@pytest.mark.parametrize(
    "change",
    ["source", "table data", "image", "output deleted", "output edited", "option", "epoch"],
)
def test_changing_any_input_rebuilds(
    change: str,
    write_project: WriteProject,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project, output = write_project(FILES), tmp_path / "b.pdf"
    _run(project, output, capsys=capsys)
    args: list[str] = []
    if change == "source":
        (project / "brief.md").write_text(BRIEF_WITH_INPUTS + "\nOne more sentence.\n")
    elif change == "table data":
        (project / "data/facts.yaml").write_text(FILES["data/facts.yaml"] + "  - [z, w]\n")
    elif change == "image":
        (project / "chart.svg").write_text(FILES["chart.svg"].replace('width="50"', 'width="60"'))
    elif change == "output deleted":
        output.unlink()
    elif change == "output edited":
        output.write_bytes(b"%PDF-1.7 something else")
    elif change == "option":
        args = ["--paper", "letter"]
    elif change == "epoch":
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert "(unchanged)" not in _run(project, output, *args, capsys=capsys)
    assert output.read_bytes().startswith(b"%PDF-")


def test_changing_a_template_or_style_rebuilds(write_project: WriteProject, tmp_path: Path) -> None:
    templates, styles = tmp_path / "templates", tmp_path / "styles"
    shutil.copytree(Config().template_dirs[0], templates)
    shutil.copytree(Config().style_dirs[0], styles)
    config = Config(template_dirs=(templates,), style_dirs=(styles,), cache_dir=tmp_path / "cache")
    project = write_project(FILES)
    job = Job(project / "brief.md", tmp_path / "b.pdf", config)
    seen: list[Outcome] = []
    assert run_jobs([job], 1, seen.append) == 0
    assert run_jobs([job], 1, seen.append) == 0
    (templates / "_summary.html").write_text("{# changed #}\n")
    cache.forget_environment()
    assert run_jobs([job], 1, seen.append) == 0
    (styles / "common.css").write_text((styles / "common.css").read_text() + "\np { color: red }\n")
    cache.forget_environment()
    assert run_jobs([job], 1, seen.append) == 0
    assert [outcome.unchanged for outcome in seen] == [False, True, False, False]


def test_cache_stays_bounded(tmp_path: Path) -> None:
    config = Config(cache_dir=tmp_path / "cache")
    source = tmp_path / "a.md"
    source.write_text("# A\n")
    for number in range(cache.MAX_ENTRIES + 20):
        inputs = {source: cache.file_digest(source)}
        cache.store(source, tmp_path / f"{number}.pdf", config, inputs, [(source, "line")])
    assert len(list(config.cache_dir.glob("*.json"))) == cache.MAX_ENTRIES


def test_up_to_date_run_does_not_import_weasyprint(
    write_project: WriteProject, tmp_path: Path
) -> None:
    project, output = write_project(FILES), tmp_path / "b.pdf"
    command = [sys.executable, "-X", "importtime", str(ROOT / "build.py"),
               str(project / "brief.md"), "-o", str(output)]  # fmt: skip
    first = subprocess.run(command, capture_output=True, text=True, check=True)
    second = subprocess.run(command, capture_output=True, text=True, check=True)
    assert "weasyprint" in first.stderr
    assert "(unchanged)" in second.stdout
    assert "weasyprint" not in second.stderr


@pytest.mark.parametrize("change", ["saved", "deleted", "image added"])
def test_a_change_made_while_building_is_never_cached_as_built(
    write_project: WriteProject,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    change: str,
) -> None:
    """The manifest records the bytes that were read, not the files as they are afterwards."""
    from briefing.pipeline import reading as pipeline

    files = {**FILES, "brief.md": BRIEF_WITH_INPUTS + "\nOld text.\n\n![Map](map.svg)\n"}
    project, output = write_project(files), tmp_path / "b.pdf"
    source = project / "brief.md"
    read_briefing = pipeline.read_briefing

    def read_then_change(path: Path, *rest: object):  # type: ignore[no-untyped-def]
        briefing = read_briefing(path, *rest)  # the build has read the source: now the user acts
        if change == "saved":
            source.write_text(files["brief.md"].replace("Old text.", "New text."))
        elif change == "deleted":
            source.unlink()
        return briefing

    monkeypatch.setattr(pipeline, "read_briefing", read_then_change)
    assert main([str(source), "-o", str(output)]) == 0
    monkeypatch.setattr(pipeline, "read_briefing", read_briefing)
    capsys.readouterr()
    if change == "image added":
        (project / "map.svg").write_text(FILES["chart.svg"])
    code = main([str(source), "-o", str(output)])
    streams = capsys.readouterr()
    assert "(unchanged)" not in streams.out
    if change == "deleted":
        assert code == 1 and "brief.md: file not found" in streams.err
    else:
        assert code == 0
    if change == "saved":
        assert "New text." in "".join(page_texts(output))
    if change == "image added":
        assert "map.svg" not in streams.err


def test_an_unchanged_build_tells_its_title_claims_and_pdfs_again(tmp_path: Path) -> None:
    """A cached outcome says what the build said (the preview shows it without reading the
    brief again); a manifest from before titles and claims were kept only costs a rebuild."""
    source = tmp_path / "brief.md"
    text = MINIMAL_BRIEF + "\nIt grew {?by a third?} last year.\n"
    source.write_text(text, encoding="utf-8")
    claim = f"line {text.count(chr(10))}: by a third"
    config = Config(cache_dir=tmp_path / "cache", profiles=("handout", "brief"))
    job = Job(source, tmp_path / "out" / "b.pdf", config)
    seen: list[Outcome] = []
    assert run_jobs([job], 1, seen.append) == 0
    assert run_jobs([job], 1, seen.append) == 0
    built, cached = seen
    assert (built.unchanged, cached.unchanged) == (False, True)
    pdfs = (tmp_path / "out" / "b.pdf", tmp_path / "out" / "b-handout.pdf")
    for outcome in seen:
        assert (outcome.title, outcome.claims) == ("A minimal brief", (claim,))
        assert tuple(path.resolve() for path in outcome.pdfs) == tuple(map(Path.resolve, pdfs))
    [manifest] = [
        path for path in config.cache_dir.glob("*.json") if '"outputs"' in path.read_text()
    ]
    older = {key: value for key, value in json.loads(manifest.read_text()).items()
             if key not in ("title", "claims")}  # fmt: skip
    manifest.write_text(json.dumps(older))
    assert run_jobs([job], 1, seen.append) == 0
    assert not seen[-1].unchanged and seen[-1].claims == built.claims
