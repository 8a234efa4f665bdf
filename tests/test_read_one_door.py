"""One door for every file a build reads: its resolved path lies inside the readable root (the
enclosing project, else the brief's own folder) or an allowed folder, and no name in it below
that folder starts with a dot. One test per kind of file a build reads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.read.bibliography import DEFAULT_STYLE
from briefing.read.files import readable_root

from .conftest import MINIMAL_BRIEF, WriteProject, build
from .pdfread import page_texts

SECRET = "OUTSIDE-SECRET-TEXT"
TABLE = 'caption: "A table"\ncolumns: ["Aspect", "A"]\nrows:\n  - ["Cost", "%s"]\n'
TIMELINE = (
    'type: timeline\ncaption: "Dates"\nalt: "Two dates"\nevents:\n  - {year: 2020, label: "%s"}\n'
)
REFERENCES = '[{"id": "doe", "type": "book", "title": "%s", "issued": {"date-parts": [[2019]]}}]'
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="30">'
    '<text x="0" y="20" font-family="Inter">%s</text></svg>'
)


@pytest.fixture
def project(write_project: WriteProject, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project made as `briefing init` makes one (briefing.toml), the working folder."""
    root = write_project({"briefing.toml": "", "content/brief.md": MINIMAL_BRIEF})
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the project, holding files with a secret."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.md").write_text(f"# Secret\n\n{SECRET}\n")
    (folder / "t.yaml").write_text(TABLE % SECRET)
    (folder / "f.yaml").write_text(TIMELINE % SECRET)
    (folder / "refs.json").write_text(REFERENCES % SECRET)
    (folder / "style.csl").write_text(DEFAULT_STYLE.read_text())
    (folder / "template.html").write_text(SECRET)
    (folder / "style.css").write_text(f'body::after {{ content: "{SECRET}" }}')
    (folder / "brand.yml").write_text(f"meta:\n  name: {SECRET}\n")
    (folder / "secret.svg").write_text(SVG % SECRET)
    return folder


def _brief(front: str = "", body: str = "") -> str:
    """MINIMAL_BRIEF with more front matter and more body."""
    return MINIMAL_BRIEF.replace("---\n\n", f"{front}---\n\n", 1) + body


def _link(link: Path, target: Path) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)


def _leads_out(project: Path, target: Path) -> str:
    """How the error line ends for a file that links to `target` out of `project`."""
    return (
        f"refused: outside the folders a briefing may read (the project {project}): "
        f"it links to {target}"
    )


def _refused(capsys: pytest.CaptureFixture[str], *arguments: str) -> str:
    """Build; it must fail with the one line naming the link and where it points."""
    assert build(*arguments) == 1
    err = capsys.readouterr().err
    assert SECRET not in err
    return err


def test_default_scan_refuses_a_linked_brief_and_builds_the_others(
    project: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _link(project / "content" / "link.md", outside / "secret.md")
    err = _refused(capsys)
    assert err == (
        "content/link.md: refused: outside the folders a briefing may read (the project "
        f"{project}): it links to {outside / 'secret.md'}\n"
    )
    assert (project / "build" / "brief.pdf").is_file()
    assert not (project / "build" / "link.pdf").exists()


def test_a_source_named_inside_the_project_is_checked(
    project: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _link(project / "content" / "link.md", outside / "secret.md")
    err = _refused(capsys, "content/link.md")
    assert (
        f"content/link.md: refused: outside the folders a briefing may read (the project {project})"
        in err
    )


def test_a_source_typed_outside_any_project_is_the_users_choice(
    project: Path, outside: Path, tmp_path: Path
) -> None:
    (outside / "brief.md").write_text(MINIMAL_BRIEF)
    _link(tmp_path / "loose" / "brief.md", outside / "brief.md")
    assert build(tmp_path / "loose" / "brief.md", "-o", tmp_path / "loose.pdf") == 0


def test_table_data_linked_outside_is_refused(
    project: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content" / "brief.md").write_text(_brief(body="\n::: table t\n"))
    _link(project / "content" / "data" / "t.yaml", outside / "t.yaml")
    err = _refused(capsys)
    assert "content/brief.md:16: table 't' (data/t.yaml) refused: outside the folders" in err
    assert f"it links to {outside / 't.yaml'}" in err


def test_figure_data_linked_outside_is_refused(
    project: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content" / "brief.md").write_text(_brief(body="\n::: figure f\n"))
    _link(project / "content" / "data" / "f.yaml", outside / "f.yaml")
    err = _refused(capsys)
    assert "figure 'f' (data/f.yaml) " + _leads_out(project, outside / "f.yaml") in err


def test_a_part_linked_outside_is_refused(
    project: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content" / "brief.md").write_text(_brief("parts: [more.md]\n"))
    _link(project / "content" / "more.md", outside / "secret.md")
    err = _refused(capsys)
    assert (
        "content/brief.md:10: part 'more.md' " + _leads_out(project, outside / "secret.md") in err
    )


def test_a_part_elsewhere_in_the_project_is_read(project: Path) -> None:
    """The same rule read the other way: a file inside the project is inside."""
    (project / "content" / "brief.md").write_text(_brief("parts: [../shared/more.md]\n"))
    (project / "shared").mkdir()
    (project / "shared" / "more.md").write_text("# Shared\n\nSHARED-PART-TEXT\n")
    assert build() == 0
    assert "SHARED-PART-TEXT" in " ".join(page_texts(project / "build" / "brief.pdf"))


def test_bibliography_linked_outside_is_refused(
    project: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content" / "brief.md").write_text(
        _brief("bibliography: refs.json\n", "\nAs shown [@doe].\n")
    )
    _link(project / "content" / "refs.json", outside / "refs.json")
    err = _refused(capsys)
    assert "content/brief.md:10: 'bibliography' 'refs.json' refused: outside the folders" in err
    assert f"it links to {outside / 'refs.json'}" in err


def test_csl_style_linked_outside_is_refused(
    project: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content" / "brief.md").write_text(
        _brief("bibliography: refs.json\ncsl: style.csl\n", "\nAs shown [@doe].\n")
    )
    (project / "content" / "refs.json").write_text(REFERENCES % "Deterrence")
    _link(project / "content" / "style.csl", outside / "style.csl")
    err = _refused(capsys)
    assert "content/brief.md:11: 'csl' 'style.csl' refused: outside the folders" in err
    assert f"it links to {outside / 'style.csl'}" in err


def test_brand_file_linked_outside_is_refused(
    project: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _link(project / "_brand.yml", outside / "brand.yml")
    err = _refused(capsys)
    assert "_brand.yml: " + _leads_out(project, outside / "brand.yml") in err


def test_what_the_brand_names_is_checked_too(
    project: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "_brand.yml").write_text("logo:\n  small: logo.svg\n")
    _link(project / "logo.svg", outside / "secret.svg")
    err = _refused(capsys)
    assert (
        "_brand.yml:2: logo.small: logo.svg " + _leads_out(project, outside / "secret.svg") in err
    )


def test_template_override_linked_outside_is_refused(
    project: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _link(project / "templates" / "_cover.html", outside / "template.html")
    err = _refused(capsys)
    assert "templates/_cover.html: template '_cover.html' refused: outside the folders" in err
    assert f"it links to {outside / 'template.html'}" in err


def test_style_override_linked_outside_is_refused(
    project: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _link(project / "styles" / "common.css", outside / "style.css")
    err = _refused(capsys)
    assert "styles/common.css: " + _leads_out(project, outside / "style.css") in err


def test_attachment_linked_outside_is_refused(
    project: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content" / "brief.md").write_text(_brief("attachments: [data.md]\n"))
    _link(project / "content" / "data.md", outside / "secret.md")
    err = _refused(capsys)
    assert "content/brief.md:10: attachment 'data.md' refused: outside the folders" in err


def test_an_image_in_a_sibling_folder_of_the_project_is_read(project: Path) -> None:
    """`![](../pics/badge.svg)` from `chapters/x.md`, as Pandoc and Quarto print it."""
    (project / "chapters").mkdir()
    (project / "chapters" / "x.md").write_text(_brief(body="\n![A badge](../pics/badge.svg)\n"))
    (project / "pics").mkdir()
    (project / "pics" / "badge.svg").write_text(SVG % "BADGE-TEXT")
    assert build("chapters/x.md", "-o", "x.pdf") == 0
    assert "BADGE-TEXT" in " ".join(page_texts(project / "x.pdf"))


def test_an_image_linked_outside_is_refused(
    project: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content" / "brief.md").write_text(_brief(body="\n![A badge](badge.svg)\n"))
    _link(project / "content" / "badge.svg", outside / "secret.svg")
    err = _refused(capsys)
    assert "content/brief.md:16: refused to load file://" in err
    assert f"badge.svg: outside the folders a briefing may read (the project {project}" in err
    assert f"it links to {outside / 'secret.svg'}" in err


def test_hidden_files_inside_the_project_are_never_read(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / ".env").write_text(f"TOKEN={SECRET}\n")
    (project / "content" / "brief.md").write_text(_brief("parts: [../.env]\n"))
    err = _refused(capsys)
    assert (
        "content/brief.md:10: part '../.env' refused: hidden ('.env' starts with a dot): "
        "a briefing never reads hidden files or folders"
    ) in err
    (project / ".git").mkdir()
    (project / ".git" / "badge.svg").write_text(SVG % SECRET)
    (project / "content" / "brief.md").write_text(_brief(body="\n![A badge](../.git/badge.svg)\n"))
    err = _refused(capsys)
    assert "badge.svg: hidden ('.git' starts with a dot)" in err


def test_a_link_to_a_hidden_file_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / ".env").write_text(f"TOKEN={SECRET}\n")
    (project / "content" / "brief.md").write_text(_brief("parts: [notes.md]\n"))
    _link(project / "content" / "notes.md", project / ".env")
    assert "part 'notes.md' refused: hidden ('.env' starts with a dot)" in _refused(capsys)


@pytest.mark.parametrize("marker", ["briefing.toml", "_quarto.yml", ".git", "pyproject.toml"])
def test_the_readable_root_is_the_nearest_marked_folder(tmp_path: Path, marker: str) -> None:
    (tmp_path / "repo" / "chapters").mkdir(parents=True)
    text = "[tool.briefing]\n" if marker == "pyproject.toml" else ""
    if marker == ".git":
        (tmp_path / "repo" / ".git").mkdir()
    else:
        (tmp_path / "repo" / marker).write_text(text)
    document = tmp_path / "repo" / "chapters" / "x.md"
    assert readable_root(document) == ((tmp_path / "repo").resolve(), True)


def test_without_a_marked_folder_the_readable_root_is_the_documents_folder(
    tmp_path: Path,
) -> None:
    (tmp_path / "home" / "Downloads").mkdir(parents=True)
    (tmp_path / "home" / "pyproject.toml").write_text("[project]\nname = 'other'\n")
    document = tmp_path / "home" / "Downloads" / "x.md"
    assert readable_root(document) == ((tmp_path / "home" / "Downloads").resolve(), False)


def test_a_copy_inside_the_project_still_builds(project: Path, outside: Path) -> None:
    """The check refuses links out, not content: the same file copied in builds."""
    (project / "content" / "data").mkdir()
    shutil.copy(outside / "t.yaml", project / "content" / "data" / "t.yaml")
    (project / "content" / "brief.md").write_text(_brief(body="\n::: table t\n"))
    assert build() == 0
    assert SECRET in " ".join(page_texts(project / "build" / "brief.pdf"))
