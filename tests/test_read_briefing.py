"""Reading briefings: front matter, fallbacks, encodings and the verification notice rule."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.errors import BuildProblems, ContentError
from briefing.read.document import read_briefing
from briefing.read.labels import load_labels

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


def test_read_briefing_rejects_impossible_date_with_its_line(write_project: WriteProject) -> None:
    project = write_project({"b.md": "---\ntitle: T\n\ndate: '2026-02-30'\n---\n"})
    with pytest.raises(ContentError) as error:
        read_briefing(project / "b.md")
    assert error.value.line == 4
    assert "'date' is not a real date: '2026-02-30'" in str(error.value)


def test_free_form_date_is_kept_as_text(write_project: WriteProject) -> None:
    project = write_project({"b.md": '---\ntitle: T\ndate: "February 2019"\n---\ntext\n'})
    briefing = read_briefing(project / "b.md")
    assert briefing.metadata.date == "February 2019"
    assert briefing.warnings == ()


@pytest.mark.parametrize("language", ["en", "fr", "de", "ar"])
def test_ai_assisted_brief_without_notice_gets_its_language_s_notice(
    write_project: WriteProject, language: str
) -> None:
    text = f"---\ntitle: T\nai_assisted: true\nlanguage: {language}\n---\ntext\n"
    briefing = read_briefing(write_project({"b.md": text}) / "b.md")
    labels = load_labels(language)[0]
    assert briefing.metadata.notice == labels.notice
    assert briefing.metadata.notice_short == labels.notice_short
    assert (language == "en") == (labels.notice.startswith("Parts of this content"))


def test_unknown_keys_are_ignored_with_one_warning(write_project: WriteProject) -> None:
    text = "---\ntitle: T\nlayout: post\nsumary: [x]\npermalink: /x/\nlanguage: en\n---\ntext\n"
    briefing = read_briefing(write_project({"b.md": text}) / "b.md")
    [warning] = briefing.warnings
    assert warning.line == 3
    assert warning.message == (
        "front matter keys ignored: 'layout', 'sumary' (did you mean 'summary'?), 'permalink'"
    )


def test_front_matter_of_other_tools_is_read(write_project: WriteProject) -> None:
    project = write_project(
        {
            "quarto.md": "---\nTitle: Q\nlang: fr\nauthor:\n  - name: A\n  - name: B\n---\nx\n",
            "hugo.md": '+++\ntitle = "H"\ndate = 2019-02-01\n[params]\n  x = 1\n+++\n\nHello\n',
            "rfc.md": "---\ntitle: R\nabbrev: r\n--- abstract\n\nAbstract.\n\n--- middle\n\n"
            "# Intro\n\nText.\n\n--- back\n",
        }
    )
    quarto = read_briefing(project / "quarto.md").metadata
    assert (quarto.title, quarto.language, quarto.author) == ("Q", "fr", "A, B")
    hugo = read_briefing(project / "hugo.md")
    assert (hugo.metadata.title, hugo.metadata.date) == ("H", dt.date(2019, 2, 1))
    assert hugo.body_line == 7 and hugo.body.strip() == "Hello"
    assert hugo.warnings[0].line == 4 and "'params'" in hugo.warnings[0].message
    rfc = read_briefing(project / "rfc.md")
    assert rfc.body.split() == ["#", "Abstract", "Abstract.", "#", "Intro", "Text."]
    assert rfc.body_line == 4


def test_toml_error_names_its_line(write_project: WriteProject) -> None:
    project = write_project({"b.md": '+++\ntitle = "T"\ndate = = 3\n+++\ntext\n'})
    with pytest.raises(ContentError, match="invalid TOML front matter") as error:
        read_briefing(project / "b.md")
    assert error.value.line == 3


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


def test_language_defaults_to_english_without_a_message(write_project: WriteProject) -> None:
    project = write_project({"b.md": "---\ntitle: T\n---\ntext\n", "plain.md": "# Plain\n"})
    for name in ("b.md", "plain.md"):
        briefing = read_briefing(project / name)
        assert (briefing.metadata.language, briefing.warnings) == ("en", ())


def test_every_problem_of_a_brief_is_reported(write_project: WriteProject) -> None:
    text = "---\ntitle: T\npaper: a3\n---\n\n::: table one\n\n::: figure two\n"
    with pytest.raises(BuildProblems) as error:
        read_briefing(write_project({"b.md": text}) / "b.md")
    assert [problem.line for problem in error.value.problems] == [3, 6, 8]
