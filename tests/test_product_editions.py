"""Editions of the NATO brief: the sources each PDF carries, the redline against the last
edition (as its PDF and as a git ref), and the clean edition's "What changed" page."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from .conftest import FIXED_EPOCH, PROJECT_ROOT, build
from .pdfread import page_texts

EDITS = {
    # words edited
    "significantly influence the continent’s defense landscape": (
        "decisively shape the continent’s defence landscape"
    ),
    # a sentence deleted
    " This foundation enabled the development of joint initiatives, despite differences in "
    "their core missions.": "",
    # a claim verified
    "{?Mechanisms include joint analytical centers and interoperable systems that streamline "
    "intelligence flow between allies.?}": "Mechanisms include joint analytical centers and "
    "interoperable systems that streamline intelligence flow between allies.",
    # a section added
    "# Challenges and Limitations in the Partnership": "# Maritime Security Cooperation\n\n"
    "NATO and the EU now coordinate naval patrols in the Mediterranean and the Baltic Sea.\n\n"
    "# Challenges and Limitations in the Partnership",
}
CELL = (
    '"Information exchange and coordinated strategies"',
    '"Shared watch lists and coordinated strategies"',
)


@dataclass(frozen=True)
class Editions:
    """Two editions of the NATO brief: the old one built and committed, the new one edited."""

    folder: Path
    old_pdf: Path
    brief: Path
    old_files: dict[str, bytes]


def _git(folder: Path, *arguments: str) -> None:
    subprocess.run(
        [
            "git",
            "-C",
            str(folder),
            "-c",
            "user.name=T",
            "-c",
            "user.email=t@example.org",
            *arguments,
        ],
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Editions:
    folder = tmp_path_factory.mktemp("editions")
    shutil.copytree(PROJECT_ROOT / "content", folder / "content")
    brief = folder / "content" / "nato-eu-relations.md"
    old_files = {
        path.relative_to(brief.parent).as_posix(): path.read_bytes()
        for path in brief.parent.rglob("*")
        if path.is_file()
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        assert build(brief, "-o", folder / "old.pdf") == 0
    _git(folder, "init", "-q")
    _git(folder, "add", "content")
    _git(folder, "commit", "-q", "-m", "edition of 25 November")
    text = brief.read_text(encoding="utf-8").replace("date: 2026-11-25", "date: 2026-12-02")
    for old, new in EDITS.items():
        assert old in text
        text = text.replace(old, new)
    brief.write_text(text, encoding="utf-8")
    table = brief.parent / "data" / "cooperation-areas.yaml"
    table.write_text(table.read_text(encoding="utf-8").replace(*CELL), encoding="utf-8")
    return Editions(folder, folder / "old.pdf", brief, old_files)


@pytest.fixture(scope="module")
def redline(editions: Editions) -> Path:
    output = editions.folder / "redline.pdf"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        assert build("diff", editions.old_pdf, editions.brief, "-o", output) == 0
    return output


def _listed(pages: list[str]) -> dict[str, int]:
    """The "What changed" page's items, each with the page it names."""
    changes = next(text for text in pages if "What changed since 25 November 2026" in text)
    flat = " ".join(changes.split())
    return {
        m["item"]: int(m["page"])
        for m in re.finditer(r"(?P<item>[^•(]+?)\(page (?P<page>\d+)\)", flat)
    }


def test_the_sources_come_back_byte_for_byte(editions: Editions, tmp_path: Path) -> None:
    assert build("sources", editions.old_pdf, "-o", tmp_path / "out") == 0
    out = tmp_path / "out"
    for name in (
        "nato-eu-relations.md",
        "data/cooperation-areas.yaml",
        "data/nato-eu-timeline.yaml",
    ):
        assert (out / name).read_bytes() == editions.old_files[name]
    manifest = json.loads((out / "briefing-manifest.json").read_text(encoding="utf-8"))
    digests = {item["name"]: item["sha256"] for item in manifest["inputs"]}
    for name, data in editions.old_files.items():
        assert digests[name] == hashlib.sha256(data).hexdigest()
    assert manifest["tool"] == "briefing" and manifest["built"].startswith("2025-11-24")


def test_the_redline_has_the_new_and_the_old_words(redline: Path) -> None:
    text = " ".join(" ".join(page_texts(redline)).split())
    assert "decisively shape the continent’s defence" in text  # inserted
    assert "significantly influence the con" in text  # deleted, struck through in place
    assert "This foundation enabled the development of joint initiatives" in text
    assert "Maritime Security Cooperation" in text and "coordinate naval patrols" in text
    assert "Shared watch lists" in text and "Information exchange" in text  # the old cell value
    assert "[deleted: significantly influence" in text  # what a screen reader and a search find
    assert "/StructTreeRoot" in PdfReader(redline).trailer["/Root"]  # still a tagged PDF


def test_the_what_changed_page_lists_each_change_on_its_page(redline: Path) -> None:
    pages = page_texts(redline)
    assert "What changed since 25 November 2026" in pages[1]  # after the cover
    listed = _listed(pages)
    expected = {
        "Changed: “significantly influence": "decisively shape",
        "Deleted: “This foundation enabled": "This foundation enabled",
        "Table 2, ‘Counter-terrorism’, ‘How it works’": "Shared watch",  # the cell may wrap
        "New section: “Maritime Security Cooperation”": "coordinate naval patrols",
        "Claim now verified: “Mechanisms include": "Mechanisms include joint analytical",
    }
    for start, marked in expected.items():
        page = next(number for item, number in listed.items() if item.strip().startswith(start))
        assert marked in " ".join(pages[page - 1].split()), (start, page)


def test_old_as_a_pdf_or_a_git_ref_gives_the_same_redline(
    editions: Editions, redline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    from_git = editions.folder / "redline-git.pdf"
    assert build("diff", "git:HEAD", editions.brief, "-o", from_git) == 0
    assert page_texts(from_git) == page_texts(redline)


def test_changes_since_adds_the_page_without_marks(
    editions: Editions, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    output = editions.folder / "clean.pdf"
    assert build(editions.brief, "-o", output, "--changes-since", editions.old_pdf) == 0
    pages = page_texts(output)
    text = " ".join(" ".join(pages).split())
    assert "What changed since 25 November 2026" in pages[1]
    assert "decisively shape" in text and "significantly influence" not in text.split("Contents")[1]
    assert "[deleted:" not in text
    listed = _listed(pages)
    page = next(n for item, n in listed.items() if "Maritime Security" in item)
    assert "coordinate naval patrols" in " ".join(pages[page - 1].split())
