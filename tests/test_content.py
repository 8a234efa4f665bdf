"""Reading briefings: front matter, fallbacks, encodings and the verification notice rule."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.content import read_briefing
from briefing.errors import ContentError

from .conftest import MINIMAL_BRIEF, WriteProject


def test_read_briefing_parses_front_matter(write_project: WriteProject) -> None:
    briefing = read_briefing(write_project({"brief.md": MINIMAL_BRIEF}) / "brief.md")
    assert briefing.metadata.title == "A minimal brief"
    assert briefing.metadata.date == dt.date(2026, 1, 2)
    assert briefing.metadata.summary == ("One point.",)
    file_lines = MINIMAL_BRIEF.split("\n")
    body_lines = briefing.body.split("\n")
    assert file_lines.index("# First section") + 1 == briefing.body_line + body_lines.index(
        "# First section"
    )


def test_read_briefing_rejects_bad_date_with_its_line(write_project: WriteProject) -> None:
    project = write_project({"b.md": "---\ntitle: T\n\ndate: 12/3\nlanguage: en\n---\n"})
    with pytest.raises(ContentError) as error:
        read_briefing(project / "b.md")
    assert error.value.line == 4
    assert "'date' must be a date YYYY-MM-DD, got '12/3'" in str(error.value)


def test_ai_assisted_brief_without_notice_is_an_error(write_project: WriteProject) -> None:
    project = write_project({"b.md": "---\ntitle: T\nai_assisted: true\nlanguage: en\n---\ntext\n"})
    with pytest.raises(ContentError, match="'notice' is required") as error:
        read_briefing(project / "b.md")
    assert error.value.line == 3


def test_unknown_key_suggests_the_close_one(write_project: WriteProject) -> None:
    project = write_project({"b.md": "---\ntitle: T\nsumary: [x]\nlanguage: en\n---\ntext\n"})
    with pytest.raises(
        ContentError,
        match=r"unknown front matter key 'sumary' \(did you mean "
        r"'summary'\?\)",
    ):
        read_briefing(project / "b.md")


def test_title_falls_back_to_first_heading_then_file_name(write_project: WriteProject) -> None:
    project = write_project({"a.md": "Intro\n\n# The Heading\n", "my-notes.md": "just text\n"})
    assert read_briefing(project / "a.md").metadata.title == "The Heading"
    assert read_briefing(project / "my-notes.md").metadata.title == "My notes"


def test_unknown_table_marker_names_the_line(write_project: WriteProject) -> None:
    project = write_project({"b.md": "# T\n\ntext\n\n::: table nowhere\n"})
    with pytest.raises(ContentError, match="no data file for table 'nowhere'") as error:
        read_briefing(project / "b.md")
    assert error.value.line == 5


def test_crlf_and_bom_are_accepted(write_project: WriteProject) -> None:
    data = "\ufeff---\r\ntitle: Windows\r\nlanguage: en\r\n---\r\n# Heading\r\n".encode()
    briefing = read_briefing(write_project({"b.md": data}) / "b.md")
    assert briefing.metadata.title == "Windows"


def test_invalid_utf8_names_the_byte_offset(write_project: WriteProject) -> None:
    project = write_project({"b.md": b"# Title\n\ncaf\xe9\n"})
    with pytest.raises(ContentError, match="not valid UTF-8 at byte 12") as error:
        read_briefing(project / "b.md")
    assert error.value.line == 3


def test_front_matter_must_name_its_language(write_project: WriteProject) -> None:
    project = write_project({"b.md": "---\ntitle: T\n---\ntext\n", "plain.md": "# Plain\n"})
    with pytest.raises(ContentError, match=r"'language' is required, e\.g\. 'language: en'"):
        read_briefing(project / "b.md")
    assert read_briefing(project / "plain.md").metadata.language == "en"
