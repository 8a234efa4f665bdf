"""`briefing sources` and `briefing diff` from the command line: the sources every PDF carries,
and the errors that say what to give instead."""

from __future__ import annotations

import base64
import io
import json
import random
import subprocess
import tarfile
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, NameObject

from briefing.editions.embedded import read_embedded_sources, unsafe_name
from briefing.pdf.sources import SOURCES_ARCHIVE

from .conftest import MINIMAL_BRIEF, WriteProject, build

OTHER_BRIEF = MINIMAL_BRIEF.replace("A minimal brief", "Another brief entirely").replace(
    "Some text.", "Grid resilience, substations and the winter load forecast for the north."
)


def _sources(pdf: Path) -> dict[str, str]:
    """The embedded files associated with `pdf` as its source, by name: their relationship."""
    catalog = PdfReader(pdf).trailer["/Root"]
    return {
        str(spec.get_object()["/UF"]): str(spec.get_object()["/AFRelationship"])
        for spec in catalog["/AF"]
    }


def test_every_pdf_carries_its_sources_as_associated_files(
    write_project: WriteProject, tmp_path: Path
) -> None:
    root = write_project({"brief.md": MINIMAL_BRIEF})
    assert build(root / "brief.md", "-o", tmp_path / "brief.pdf", "--profile", "all") == 0
    for name in ("brief.pdf", "brief-handout.pdf", "brief-email.pdf"):
        assert _sources(tmp_path / name) == {SOURCES_ARCHIVE: "/Source"}
        files = read_embedded_sources(tmp_path / name).files
        assert set(files) == {"brief.md", "briefing-manifest.json"}
        assert files["brief.md"] == MINIMAL_BRIEF.encode()
    assert build(root / "brief.md", "-o", tmp_path / "bare.pdf", "--no-sources") == 0
    assert "/AF" not in PdfReader(tmp_path / "bare.pdf").trailer["/Root"]


def test_a_pdf_without_sources_says_what_to_give(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_project({"brief.md": MINIMAL_BRIEF})
    assert build(root / "brief.md", "-o", tmp_path / "old.pdf", "--no-sources") == 0
    capsys.readouterr()
    assert build("diff", tmp_path / "old.pdf", root / "brief.md", "-o", tmp_path / "r.pdf") == 1
    error = capsys.readouterr().err
    assert "built before sources were embedded: give the old Markdown or a git:REF" in error
    assert not (tmp_path / "r.pdf").exists()


def test_a_different_brief_is_refused(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_project({"brief.md": MINIMAL_BRIEF, "other.md": OTHER_BRIEF})
    assert build("diff", root / "other.md", root / "brief.md", "-o", tmp_path / "r.pdf") == 1
    assert (
        "the old edition is a different brief: ‘Another brief entirely’" in capsys.readouterr().err
    )


def test_git_errors_name_the_problem(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_project({"brief.md": MINIMAL_BRIEF})
    assert build("diff", "git:HEAD", root / "brief.md", "-o", tmp_path / "r.pdf") == 1
    assert "is not in a git repository" in capsys.readouterr().err
    subprocess.run(["git", "-C", str(root), "init", "-q"], check=True)
    assert build("diff", "git:no-such-ref", root / "brief.md", "-o", tmp_path / "r.pdf") == 1
    assert "git:no-such-ref: no such commit, branch or tag" in capsys.readouterr().err
    assert build("diff", "git:--output=x", root / "brief.md", "-o", tmp_path / "r.pdf") == 1
    assert "no such commit" in capsys.readouterr().err  # never read as an option of git


def test_an_old_markdown_file_is_an_edition(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = MINIMAL_BRIEF.replace("Some text.", "Some text. A sentence since deleted.")
    root = write_project({"brief.md": MINIMAL_BRIEF, "old/brief.md": old})
    assert (
        build("diff", root / "old" / "brief.md", root / "brief.md", "-o", tmp_path / "r.pdf") == 0
    )
    assert "redline" not in capsys.readouterr().err


@pytest.mark.parametrize(
    "name", ["../evil.md", "/etc/passwd", "C:evil.md", "a/../../b", "nul\x00.md", "a\\b", ""]
)
def test_names_that_would_climb_out_are_unsafe(name: str) -> None:
    assert unsafe_name(name)


def test_sources_refuses_a_name_that_climbs_out(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_project({"brief.md": MINIMAL_BRIEF})
    assert build(root / "brief.md", "-o", tmp_path / "brief.pdf", "--no-sources") == 0
    writer = PdfWriter(clone_from=tmp_path / "brief.pdf")
    writer.add_attachment("../escaped.md", b"# gotcha\n")
    names = writer.root_object["/Names"]["/EmbeddedFiles"]["/Names"]  # type: ignore[index]
    specification = names[1].get_object()
    specification[NameObject("/AFRelationship")] = NameObject("/Source")
    writer.root_object[NameObject("/AF")] = ArrayObject([names[1]])
    data = io.BytesIO()
    writer.write(data)
    (tmp_path / "hostile.pdf").write_bytes(data.getvalue())
    capsys.readouterr()
    assert build("sources", tmp_path / "hostile.pdf", "-o", tmp_path / "out" / "inner") == 1
    assert "'../escaped.md' refused: a path that climbs out" in capsys.readouterr().err
    assert not (tmp_path / "out").exists() and not (tmp_path / "escaped.md").exists()


@pytest.mark.parametrize(
    ("member", "kind", "refusal"),
    [
        ("../escaped.md", tarfile.REGTYPE, "a path that climbs out"),
        ("/etc/passwd", tarfile.REGTYPE, "an absolute path"),
        ("link.md", tarfile.SYMTYPE, "not a file"),
    ],
)
def test_sources_refuses_an_archive_member_that_is_no_plain_file_inside(
    write_project: WriteProject,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    member: str,
    kind: bytes,
    refusal: str,
) -> None:
    root = write_project({"brief.md": MINIMAL_BRIEF})
    assert build(root / "brief.md", "-o", tmp_path / "brief.pdf", "--no-sources") == 0
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w") as tar:
        entry = tarfile.TarInfo(member)
        entry.type, entry.linkname, entry.size = kind, "/etc/passwd", 0
        tar.addfile(entry, io.BytesIO(b""))
    writer = PdfWriter(clone_from=tmp_path / "brief.pdf")
    writer.add_attachment(SOURCES_ARCHIVE, archive.getvalue())
    names = writer.root_object["/Names"]["/EmbeddedFiles"]["/Names"]  # type: ignore[index]
    specification = names[1].get_object()
    specification[NameObject("/AFRelationship")] = NameObject("/Source")
    writer.root_object[NameObject("/AF")] = ArrayObject([names[1]])
    with (tmp_path / "hostile.pdf").open("wb") as stream:
        writer.write(stream)
    capsys.readouterr()
    assert build("sources", tmp_path / "hostile.pdf", "-o", tmp_path / "out") == 1
    assert refusal in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_the_email_profile_leaves_out_sources_that_would_break_its_budget(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    noise = base64.b64encode(random.Random(23).randbytes(200_000)).decode()
    references = [
        {
            "id": "cited",
            "type": "book",
            "title": "A cited book",
            "issued": {"date-parts": [[2020]]},
        },
        {"id": "uncited", "type": "book", "title": "Noise", "note": noise},
    ]
    brief = MINIMAL_BRIEF.replace("---\n\n#", "bibliography: refs.json\n---\n\n#").replace(
        "Some text.", "Some text [@cited]."
    )
    root = write_project({"brief.md": brief, "refs.json": json.dumps(references)})
    output = tmp_path / "brief.pdf"
    assert build(root / "brief.md", "-o", output, "--profile", "brief", "--profile", "email") == 0
    error = capsys.readouterr().err
    assert "sources not embedded: with them the PDF is over the email profile's budget" in error
    assert "/AF" not in PdfReader(tmp_path / "brief-email.pdf").trailer["/Root"]
    assert "refs.json" in read_embedded_sources(output).files  # no budget: it keeps them
