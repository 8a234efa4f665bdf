"""Numbered copies for a list of recipients: stamps, metadata, drafts, print job, register."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pypdf
import pypdfium2  # type: ignore[import-untyped]
import pytest

from briefing.cli.main import main
from briefing.distribution.recipients import read_recipients

from .conftest import FIXED_EPOCH
from .pdfread import structure_elements

BRIEF = """---
title: Copies for everyone
date: 2026-01-02
author: Test Unit
language: en
sections_on_right: true
---

## Summary

A short brief, handed out with a number on every copy.

## Detail

| Item | Value |
|------|-------|
| One  | 1     |

## Background

More text.

## Outlook

Even more.
"""

LATIN = ['Anna "Nina" Rossi, Jr.', "Jean Dupont", "Maria Schmidt", "Tomás Ó Briain"]
GREEK = ["Γιώργος Παπαδόπουλος", "Ελένη Νικολάου", "Δημήτρης Κωνσταντίνου"]
CYRILLIC = ["Иван Петров", "Ольга Смирнова", "Дмитрий Иванов"]
ARABIC = ["محمد عبد الله", "فاطمة الزهراء", "عمر الخطيب"]
COPIES = 40


def _people() -> list[tuple[str, str, str]]:
    """40 recipients (name, organisation, email) in four scripts; the third has no email."""
    names = [*LATIN, *GREEK, *CYRILLIC, *ARABIC]
    people = []
    for number in range(1, COPIES + 1):
        name = names[(number - 1) % len(names)] + ("" if number <= len(names) else f" {number}")
        if number == COPIES:  # a long name, wrapped in the stamp and folded in the header
            name = "Dr. " + "Alexandra-Maria Papadopoulou-Smith " * 5 + "Jr."
        email = "" if number == 3 else f"person{number}@example.org"
        organisation = ["NATO", "Υπουργείο Άμυνας", "Минобороны", "وزارة الدفاع"][number % 4]
        people.append((name, organisation, email))
    return people


def _csv(people: list[tuple[str, str, str]]) -> str:
    lines = ["name,organisation,email"]
    lines += [",".join('"' + cell.replace('"', '""') + '"' for cell in row) for row in people]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A small brief distributed to 40 recipients in three profiles, with a print job."""
    root = tmp_path_factory.mktemp("distribution")
    (root / "brief.md").write_text(BRIEF, encoding="utf-8")
    (root / "people.csv").write_text(_csv(_people()), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        patch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        arguments = ["brief.md", "-o", "build/brief.pdf", "-j", "1", "--recipients", "people.csv"]
        assert main([*arguments, "--profile", "all", "--print-job"]) == 0
        yield root


def _copy(project: Path, profile: str, number: int) -> Path:
    suffix = "" if profile == "brief" else f"-{profile}"
    return project / "build" / "brief" / "copies" / f"brief{suffix}-copy-{number:03d}.pdf"


def _texts(pdf: Path) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


@pytest.mark.parametrize("profile", ["brief", "handout", "email"])
def test_every_page_of_every_copy_carries_its_stamp(project: Path, profile: str) -> None:
    for number, (name, organisation, _) in enumerate(_people(), start=1):
        for page, text in enumerate(_texts(_copy(project, profile, number)), start=1):
            where = f"{profile} copy {number}, page {page}"
            stamp = f"Copy {number} of {COPIES} — issued to"
            # A text extractor reads a line that is mostly Arabic from right to left.
            assert stamp in text or " ".join(reversed(stamp.split())) in text, where
            words = (name + " " + organisation).split()
            assert all(word.strip("()") in text for word in words), where


def test_latin_stamp_reads_in_order_with_organisation(project: Path) -> None:
    text = _texts(_copy(project, "brief", 1))[0]
    assert 'Copy 1 of 40 — issued to Anna "Nina" Rossi, Jr. (Υπουργείο Άμυνας)' in text


def test_copy_metadata_names_copy_and_recipient(project: Path) -> None:
    for number, (name, organisation, _) in enumerate(_people(), start=1):
        metadata: Any = pypdf.PdfReader(_copy(project, "brief", number)).metadata or {}
        found = {key: str(value) for key, value in metadata.items()}
        assert found["/BriefingCopy"] == str(number)
        assert found["/BriefingCopies"] == str(COPIES)
        assert found["/BriefingRecipient"] == name
        assert found["/BriefingOrganisation"] == organisation
        assert found["/Title"] == "Copies for everyone"


@pytest.mark.parametrize("profile", ["brief", "handout"])
def test_copies_stay_tagged_and_the_stamp_is_an_artifact(project: Path, profile: str) -> None:
    original = project / "build" / ("brief.pdf" if profile == "brief" else "brief-handout.pdf")
    copy = _copy(project, profile, 12)
    assert copy.read_bytes().startswith(original.read_bytes())  # an incremental update
    root: Any = pypdf.PdfReader(copy).trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    elements = structure_elements(copy)
    assert len(elements) == len(structure_elements(original))
    assert {"/H2", "/Table", "/TH", "/TD", "/P"} <= {str(element["/S"]) for element in elements}
    assert not any("Copy" in str(element.get("/ActualText", "")) for element in elements)
    for page in pypdf.PdfReader(copy).pages:
        content = page.get_contents()
        assert content is not None
        assert content.get_data().rstrip().endswith(b"/Artifact BMC\nq /BriefingStamp Do Q\nEMC")
        resources: Any = page["/Resources"]
        stamp = resources["/XObject"]["/BriefingStamp"].get_object()
        assert b"BDC" not in stamp.get_data() and b"MCID" not in stamp.get_data()


def test_drafts_are_addressed_to_each_recipient_with_their_copy(project: Path) -> None:
    for number, (name, _, email) in enumerate(_people(), start=1):
        draft = _copy(project, "email", number).with_suffix(".eml")
        if not email:
            assert not draft.exists()
            continue
        message = BytesParser(policy=policy.default).parsebytes(draft.read_bytes())
        (address,) = message["To"].addresses
        assert (address.display_name, address.addr_spec) == (name, email)
        assert "\n" not in str(message["To"]) and message["Bcc"] is None
        (attachment,) = message.iter_attachments()
        assert attachment.get_content() == _copy(project, "email", number).read_bytes()


def test_print_job_starts_every_copy_on_a_right_hand_page(project: Path) -> None:
    pages = len(pypdf.PdfReader(project / "build" / "brief-handout.pdf").pages)
    assert pages % 2  # so that a blank page is needed after each copy
    per_copy = pages + pages % 2
    job = project / "build" / "brief" / "copies" / "brief-handout-print-job.pdf"
    texts = _texts(job)
    assert len(texts) == COPIES * per_copy
    for number in range(1, COPIES + 1):
        first = (number - 1) * per_copy  # 0-based, so an odd page number
        assert f"Copy {number} of {COPIES} —" in texts[first] or f"of {number} Copy" in texts[first]
        if pages % 2:
            assert texts[first + pages].strip() == ""  # the blank back of the last page


def test_register_lists_every_file_with_its_hash(project: Path) -> None:
    folder = project / "build" / "brief" / "copies"
    with open(folder / "brief-register.csv", encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == COPIES * 3
    assert list(rows[0]) == [
        "copy", "name", "organisation", "email", "file", "sha256", "date",
        "edition", "signer", "signed", "encrypted",
    ]  # fmt: skip
    for row in rows:
        digest = hashlib.sha256((folder / row["file"]).read_bytes()).hexdigest()
        assert row["sha256"] == digest
        assert row["date"] == "2025-11-24"
    assert {row["name"] for row in rows} == {name for name, _, _ in _people()}


def test_rerun_makes_nothing_and_one_more_recipient_makes_one_copy(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    folder = project / "build" / "brief" / "copies"
    before = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    arguments = ["brief.md", "-o", "build/brief.pdf", "-j", "1", "--recipients", "people.csv"]
    capsys.readouterr()
    assert main([*arguments, "--profile", "all", "--print-job"]) == 0
    assert "40 copies x 3 profiles  0 made" in capsys.readouterr().out
    assert {path.name: path.stat().st_mtime_ns for path in folder.iterdir()} == before
    people = [*_people(), ("Zoë Added", "", "zoe@example.org")]
    (project / "people.csv").write_text(_csv(people), encoding="utf-8")
    assert main([*arguments, "--profile", "all", "--print-job"]) == 0
    assert "41 copies x 3 profiles  3 made" in capsys.readouterr().out
    changed = {p.name for p in folder.iterdir() if p.stat().st_mtime_ns != before.get(p.name)}
    assert changed == {
        "brief-copy-041.pdf", "brief-handout-copy-041.pdf", "brief-email-copy-041.pdf",
        "brief-email-copy-041.eml", "brief-handout-print-job.pdf", "brief-register.csv",
    }  # fmt: skip
    assert "Copy 41 of 41 — issued to Zoë Added" in _texts(folder / "brief-copy-041.pdf")[0]


def test_shards_make_every_copy_exactly_once(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    (project / "shards.csv").write_text(_csv(_people()[:10]), encoding="utf-8")
    arguments = ["brief.md", "-o", "shards/brief.pdf", "--recipients", "shards.csv"]
    for shard in ("1/3", "2/3", "3/3"):
        assert main([*arguments, "--profile", "brief", "--shard", shard]) == 0
    folder = project / "shards" / "brief" / "copies"
    registers = sorted(folder.glob("brief-register-shard-*-of-3.csv"))
    assert len(registers) == 3
    merged = project / "all.csv"
    assert main(["register", "merge", *map(str, registers), "-o", str(merged)]) == 0
    with open(merged, encoding="utf-8", newline="") as stream:
        copies = [int(row["copy"]) for row in csv.DictReader(stream)]
    assert copies == list(range(1, 11))
    assert sorted(path.name for path in folder.glob("*.pdf")) == [
        f"brief-copy-{number:03d}.pdf" for number in range(1, 11)
    ]


def test_bad_rows_are_listed_at_once_with_their_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "brief.md").write_text(BRIEF, encoding="utf-8")
    rows = [
        "name,email,copy",
        "Good Person,good@example.org,2",
        ",nobody@example.org,",
        "Bad Email,not-an-address,",
        "Twin,twin@example.org,2",
        '"Line\nBreak",lb@example.org,',
        f"{'x' * 500},long@example.org,",
        'Eve,"eve@example.org\r\nBcc: all@example.org",',
    ]
    (tmp_path / "bad.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["brief.md", "--recipients", "bad.csv"]) == 1
    error = capsys.readouterr().err.splitlines()
    assert error[:5] == [
        "bad.csv:3: missing name",
        "bad.csv:4: malformed email 'not-an-address': expected one address, a.rossi@example.org",
        "bad.csv:5: copy 2 is already given on line 2",
        "bad.csv:6: name has a line break or a control character: write it on one line",
        "bad.csv:8: name is 500 characters long: at most 200 fit",
    ]
    assert error[5].startswith("bad.csv:9: malformed email")
    assert not (tmp_path / "build").exists()  # nothing built before the list is right


def test_yaml_list_is_read_with_lines_and_free_numbers(tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    path.write_text(
        "- name: First\n  copy: 1\n- name: Second\n  team: blue\n- {name: Third, copy: 2}\n",
        encoding="utf-8",
    )
    recipients = read_recipients(path)
    assert [(p.copy, p.name, p.line) for p in recipients.people] == [
        (1, "First", 1), (2, "Third", 5), (3, "Second", 3),
    ]  # fmt: skip
    assert recipients.people[2].extra == {"team": "blue"}


def test_name_no_font_can_draw_is_refused_before_building(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "brief.md").write_text(BRIEF, encoding="utf-8")
    (tmp_path / "people.csv").write_text("name\nOK\nPrivate \U000f0001\n", encoding="utf-8")
    assert main(["brief.md", "--recipients", "people.csv"]) == 1
    assert capsys.readouterr().err.startswith("people.csv:3: no installed font has a glyph")


def test_shard_must_be_k_of_n(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["brief.md", "--recipients", "people.csv", "--shard", "4/3"])
    assert stopped.value.code == 2
    assert "must be K/N with 1 <= K <= N" in capsys.readouterr().err


def test_print_job_needs_recipients(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "brief.md").write_text(BRIEF, encoding="utf-8")
    assert main(["brief.md", "--print-job"]) == 1
    assert "--print-job and --shard need --recipients FILE" in capsys.readouterr().err


def test_a_project_stamp_template_loads_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A project's own stamp.html is laid out through the safe fetcher, which serves nothing."""
    outside = tmp_path / "secret.svg"
    outside.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>')
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "stamp.html").write_text(f'<img src="{outside.as_uri()}" alt="x">')
    (tmp_path / "briefing.toml").write_text("")
    (tmp_path / "brief.md").write_text(BRIEF, encoding="utf-8")
    (tmp_path / "people.csv").write_text(_csv(_people()[:2]), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    arguments = ["brief.md", "-o", "out/brief.pdf", "--recipients", "people.csv"]
    assert main(arguments) == 1
    assert "stamp.html refers to file://" in capsys.readouterr().err
