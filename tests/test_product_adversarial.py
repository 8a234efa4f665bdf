"""The adversarial corpus: one folder per case in tests/cases, with the outcome it must get.

Each case folder holds a `brief.md` (plus any files it needs) and `expect.yaml`:
`outcome` (builds | fails), `message` (regex for the one stderr line of a failure),
`warning`, `text`, `text_lacks`, `html_has`, `html_lacks`, `attachments`, `args`, and set-up
helpers `symlinks`, `fifos`, `pad_bytes`, `repeat` (a list of [text, times] appended to
`brief.md`, for hostile input too big to keep as a file). `@OUTSIDE@` in any file stands for a
folder outside the project that holds canary files; no build may leak their token.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from pathlib import Path
from typing import Any

import pypdf
import pytest
import yaml

from briefing.cli.main import main
from briefing.pdf.sources import SOURCES_ARCHIVE

from .pdfread import page_texts

CASES = sorted(path for path in (Path(__file__).parent / "cases").iterdir() if path.is_dir())
PREVIOUS_PDF = b"%PDF-1.7\n% the previous good PDF\n"


def _plant_canaries(outside: Path) -> str:
    token = f"CANARY-{uuid.uuid4().hex}"
    outside.mkdir()
    (outside / "canary.txt").write_text(token)
    (outside / "canary.css").write_text(f'body::after {{ content: "{token}" }}')
    (outside / "canary.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="30">'
        f'<text x="0" y="20">{token}</text></svg>'
    )
    return token


def _lay_out_case(case: Path, project: Path, outside: Path, expect: dict[str, Any]) -> None:
    shutil.copytree(case, project, ignore=shutil.ignore_patterns("expect.yaml"))
    for path in project.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if b"@OUTSIDE@" in data:
                path.write_bytes(data.replace(b"@OUTSIDE@", str(outside).encode()))
    for link, target in (expect.get("symlinks") or {}).items():
        (project / link).symlink_to(target.replace("@OUTSIDE@", str(outside)))
    for fifo in expect.get("fifos") or []:
        os.mkfifo(project / fifo)
    with (project / "brief.md").open("a") as stream:
        for text, times in expect.get("repeat") or []:
            stream.write(text * times)
    if expect.get("pad_bytes"):
        with (project / "brief.md").open("a") as stream:
            stream.write(("padding " * 16 + "\n") * (expect["pad_bytes"] // 129 + 1))


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_adversarial_case(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expect = yaml.safe_load((case / "expect.yaml").read_text())
    token = _plant_canaries(tmp_path / "outside")
    project = tmp_path / "project"
    _lay_out_case(case, project, tmp_path / "outside", expect)
    output = tmp_path / "out" / "brief.pdf"
    output.parent.mkdir()
    output.write_bytes(PREVIOUS_PDF)

    code = main([str(project / "brief.md"), "-o", str(output), "--html", *expect.get("args", [])])
    captured = capsys.readouterr()

    if expect["outcome"] == "fails":
        assert code == 1, captured.err
        assert captured.err.count("\n") == 1, captured.err
        assert re.search(expect["message"], captured.err), captured.err
        assert output.read_bytes() == PREVIOUS_PDF, "the previous PDF was touched"
        assert sorted(os.listdir(output.parent)) == ["brief.pdf"]
        return
    assert code == 0, captured.err
    assert sorted(os.listdir(output.parent)) == ["brief.html", "brief.pdf"]
    if "warning" in expect:
        assert re.search(expect["warning"], captured.err), captured.err
        assert captured.err.count("\n") == 1, captured.err
    text = "\n".join(page_texts(output))
    html = (output.parent / "brief.html").read_text()
    reader = pypdf.PdfReader(output)
    for wanted in expect.get("text", []):
        assert wanted in text
    for unwanted in expect.get("text_lacks", []):
        assert unwanted not in text
    for wanted in expect.get("html_has", []):
        assert wanted in html
    for unwanted in expect.get("html_lacks", []):
        assert unwanted not in html
    if "attachments" in expect:  # those named in front matter, besides the brief's sources
        named = set(reader.attachments) - {SOURCES_ARCHIVE}
        assert len(named) == expect["attachments"]
    assert token not in text
    assert token.encode() not in output.read_bytes()
    assert token not in html
    for contents in reader.attachments.values():
        assert all(token.encode() not in content for content in contents)
