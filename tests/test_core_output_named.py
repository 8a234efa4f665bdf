"""`-o X.pdf` names the PDF: with one profile exactly `X.pdf`, with several each profile's suffix
is added to `X`; the `--eml` draft and `--html` sidecars sit beside it under the same name."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import MINIMAL_BRIEF, WriteProject, build
from .pdfread import page_texts


@pytest.fixture
def source(write_project: WriteProject) -> Path:
    return write_project({"brief.md": MINIMAL_BRIEF}) / "brief.md"


def _built(source: Path, folder: Path, *options: str) -> list[str]:
    """Build into `folder/X.pdf`; the names written there."""
    folder.mkdir()
    assert build(source, "-o", folder / "X.pdf", *options) == 0
    return sorted(os.listdir(folder))


@pytest.mark.parametrize("profile", ["handout", "email", "brief"])
def test_one_profile_writes_exactly_the_path_named(
    source: Path, tmp_path: Path, profile: str
) -> None:
    written = _built(source, tmp_path / "out", "--profile", profile)
    assert written == (["X.eml", "X.pdf"] if profile == "email" else ["X.pdf"])
    assert "A minimal brief" in page_texts(tmp_path / "out" / "X.pdf")[0]


def test_one_profile_from_front_matter_writes_exactly_the_path_named(
    write_project: WriteProject, tmp_path: Path
) -> None:
    brief = MINIMAL_BRIEF.replace("language: en", "language: en\nprofiles: [handout]")
    source = write_project({"brief.md": brief}) / "brief.md"
    assert _built(source, tmp_path / "out") == ["X.pdf"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_several_profiles_add_their_suffixes_to_the_name(
    source: Path, tmp_path: Path, jobs: str
) -> None:
    """Split into one job per profile (`-j 2`) or not, the names are the same."""
    options = ("--profile", "handout", "--profile", "email", "-j", jobs)
    written = _built(source, tmp_path / "out", *options)
    assert written == ["X-email.pdf", "X-handout.pdf", "X.eml"]


def test_sidecars_follow_the_pdf(source: Path, tmp_path: Path) -> None:
    written = _built(source, tmp_path / "one", "--profile", "handout", "--html")
    assert written == ["X.html", "X.pdf"]
    written = _built(source, tmp_path / "eml", "--eml", "--html", "-j", "1")
    assert written == ["X-email.html", "X-email.pdf", "X.eml", "X.html", "X.pdf"]


def test_without_o_the_profile_suffix_stays(source: Path, tmp_path: Path) -> None:
    assert build(source, "-d", tmp_path / "build", "--profile", "handout") == 0
    assert os.listdir(tmp_path / "build") == ["brief-handout.pdf"]
