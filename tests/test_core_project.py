"""Projects: found by walking up, a config of shared defaults, the theme overridden file by file."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from briefing.cli.main import main
from briefing.errors import BuildProblems, ConfigError
from briefing.project import THEME_DIR, find_project

from .pdfread import page_texts

BRIEF = "---\ntitle: Project brief\n---\n\n# Section\n\nSome text.\n\n# Two\n\n# Three\n"
"""Three headings: enough for a contents page."""
A4, LETTER = (595.3, 841.9), (612.0, 792.0)


def _write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _page_size(pdf: Path) -> tuple[float, float]:
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        return round(page.width, 1), round(page.height, 1)


def test_the_project_is_found_by_walking_up(tmp_path: Path) -> None:
    root = _write(tmp_path / "office", {"briefing.toml": 'build_dir = "out"\n'})
    (root / "content" / "deep").mkdir(parents=True)
    project = find_project(root / "content" / "deep")
    assert project.root == root.resolve()
    assert project.build_dir == root.resolve() / "out"
    assert project.content_dir == root.resolve() / "content"
    assert project.template_dirs == (THEME_DIR / "templates",)


def test_pyproject_tool_briefing_is_a_config_too(tmp_path: Path) -> None:
    root = _write(tmp_path, {"pyproject.toml": '[tool.briefing]\nlanguage = "fr"\n'})
    assert find_project(root).defaults.language == "fr"


def test_without_a_config_the_working_folder_is_the_project(tmp_path: Path) -> None:
    project = find_project(tmp_path)
    assert (project.root, project.config_file) == (tmp_path.resolve(), None)
    assert project.content_dir == tmp_path.resolve() / "content"


def test_every_unknown_or_bad_key_is_reported_with_its_line(tmp_path: Path) -> None:
    config = 'language = "de"\norganization = "X"\npaper = "a3"\nprofils = ["brief"]\n'
    root = _write(tmp_path, {"briefing.toml": config})
    with pytest.raises(BuildProblems) as error:
        find_project(root)
    lines = str(error.value).splitlines()
    assert lines[0].endswith("briefing.toml:2: unknown key 'organization' (did you mean "
                             "'organisation'?)")  # fmt: skip
    assert lines[1].endswith("briefing.toml:3: 'paper' must be a4 or letter, got 'a3'")
    assert lines[2].endswith("briefing.toml:4: unknown key 'profils' (did you mean 'profiles'?)")


def test_invalid_toml_names_its_line(tmp_path: Path) -> None:
    root = _write(tmp_path, {"briefing.toml": 'language = "de"\npaper = \n'})
    with pytest.raises(ConfigError) as error:
        find_project(root)
    assert error.value.line == 2


def test_config_defaults_front_matter_and_command_line_in_that_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = 'organisation = "Policy Unit"\npaper = "letter"\nlanguage = "fr"\n'
    root = _write(
        tmp_path / "office",
        {
            "briefing.toml": config,
            "content/plain.md": BRIEF,
            "content/a4.md": BRIEF.replace("---\n\n", "paper: a4\n---\n\n"),
        },
    )
    monkeypatch.chdir(root)
    assert main(["content/plain.md", "content/a4.md", "-j", "1"]) == 0
    plain, a4 = root / "build" / "plain.pdf", root / "build" / "a4.pdf"
    assert _page_size(plain) == LETTER  # the config's paper
    assert _page_size(a4) == A4  # the front matter wins over the config
    assert "POLICY UNIT" in page_texts(plain)[0].upper()
    assert "Sommaire" in "".join(page_texts(plain))  # the config's language
    assert main(["content/a4.md", "--paper", "letter", "--force"]) == 0
    assert _page_size(a4) == LETTER  # the command line wins over both


def test_a_project_template_or_style_overrides_the_theme_file_by_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cover = (THEME_DIR / "templates" / "_cover.html").read_text(encoding="utf-8")
    root = _write(
        tmp_path / "office",
        {
            "briefing.toml": "",
            "content/brief.md": BRIEF,
            "templates/_cover.html": cover.replace(
                "{{ metadata.title }}", "{{ metadata.title }} (house cover)", 1
            ),
        },
    )
    monkeypatch.chdir(root)
    assert main([]) == 0
    text = "".join(page_texts(root / "build" / "brief.pdf"))
    assert "Project brief (house cover)" in text
    assert "Contents" in text  # every other template still comes from the theme
    _write(root, {"styles/paper-a4.css": "@page { size: 100mm 150mm; }\n"})
    assert main([]) == 0
    assert _page_size(root / "build" / "brief.pdf") == (283.5, 425.2)


def test_no_briefs_in_the_project_says_how_to_start_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([]) == 1
    assert 'start one with: briefing new "Title"' in capsys.readouterr().err
