"""The verification notice in the brief's language: `briefing new --language fr` (de, ar)
writes the catalogue's `notice` and `notice_short` and its placeholder text; a brief that gives
`notice` alone gets the catalogue's `notice_short` in every page footer."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
import yaml

from briefing.cli.new_brief import new_brief
from briefing.config import Config
from briefing.read.labels import LOCALES_DIR, load_labels, scaffold_words

from .conftest import MINIMAL_BRIEF, WriteProject, build
from .pdfread import page_texts, squash

TODAY = dt.date(2026, 12, 7)
ENGLISH, _ = load_labels("en")


def _front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    return dict(yaml.safe_load(text.split("---\n")[1]))


@pytest.mark.parametrize(
    ("language", "notice_short", "heading"),
    [
        ("fr", "Rédigé avec l’aide de l’IA", "Contexte"),
        ("de", "Mit KI-Unterstützung erstellt", "Hintergrund"),
        ("ar", "أُعدَّ بمساعدة الذكاء الاصطناعي", "السياق"),
    ],
)
def test_new_writes_the_notice_and_placeholders_in_the_language(
    tmp_path: Path, language: str, notice_short: str, heading: str
) -> None:
    [source, comparison, *_] = new_brief("Brief", tmp_path, Config(), TODAY, language)
    labels, _ = load_labels(language)
    front = _front_matter(source)
    assert front["notice"] == labels.notice != ENGLISH.notice
    assert front["notice_short"] == labels.notice_short
    assert str(front["notice_short"]).startswith(notice_short)
    assert front["subtitle"] == scaffold_words(language)["subtitle"]
    assert f"# {heading} {{#background}}" in source.read_text(encoding="utf-8")
    table = yaml.safe_load(comparison.read_text(encoding="utf-8"))
    assert table["caption"] == scaffold_words(language)["table_caption"]


@pytest.mark.parametrize("language", ["fr", "de"])
def test_a_new_brief_prints_its_notice_and_footer_in_its_language(
    tmp_path: Path, language: str
) -> None:
    [source, *_] = new_brief("Brief", tmp_path, Config(), TODAY, language)
    assert build(source, "-o", tmp_path / "out.pdf") == 0
    pages = [squash(text) for text in page_texts(tmp_path / "out.pdf")]
    labels, _ = load_labels(language)
    assert squash(labels.notice) in pages[0]
    assert all(squash(labels.notice_short) in page for page in pages)
    assert squash(ENGLISH.notice_short) not in " ".join(pages)
    assert squash(scaffold_words(language)["timeline_caption"]) in " ".join(pages)
    for written in ("{#", "@sec", "@tbl", "@fig", ":::"):
        assert written not in " ".join(pages)


def test_the_footer_notice_defaults_to_the_brief_language(
    write_project: WriteProject, tmp_path: Path
) -> None:
    brief = MINIMAL_BRIEF.replace("language: en", "language: fr").replace(
        'notice_short: "AI-assisted: verify."\n', ""
    )
    project = write_project({"brief.md": brief})
    assert build(project / "brief.md", "-o", tmp_path / "out.pdf") == 0
    french, _ = load_labels("fr")
    for page in page_texts(tmp_path / "out.pdf"):
        assert squash(french.notice_short) in squash(page)


def test_the_project_default_notice_short_wins_over_the_catalogue(
    write_project: WriteProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    brief = MINIMAL_BRIEF.replace('notice_short: "AI-assisted: verify."\n', "")
    project = write_project({"briefing.toml": 'notice_short = "Team notice."\n', "b.md": brief})
    monkeypatch.chdir(project)
    assert build("b.md", "-o", tmp_path / "out.pdf") == 0
    assert "Team notice." in page_texts(tmp_path / "out.pdf")[0]


def test_every_catalogue_scaffold_is_a_subset_of_the_english_one() -> None:
    english = scaffold_words("en")
    for path in sorted(LOCALES_DIR.glob("*.toml")):
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("new", {})
        assert set(table) <= set(english), path.name
        assert table, f"{path.name} has no [new] table"
