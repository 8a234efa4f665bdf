"""`briefing new "Title"` names the brief from its title in any script: letters, marks and
digits of the title's own script (Latin loses its accents), punctuation dropped, words joined
by '-'; a name already taken gets `-2`, `-3`…"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from briefing.cli.new_brief import new_brief, slugify
from briefing.config import Config

from .conftest import build
from .pdfread import page_texts

TODAY = dt.date(2026, 12, 7)


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("电网韧性简报", "电网韧性简报"),
        ("ガス・電力の強靭性", "ガス-電力の強靭性"),
        ("العلاقات بين الناتو والاتحاد الأوروبي", "العلاقات-بين-الناتو-والاتحاد-الأوروبي"),
        ("भारत की ऊर्जा नीति", "भारत-की-ऊर्जा-नीति"),  # vowel signs kept with their letters
        ("Безопасность сетей!", "безопасность-сетей"),
        ("Ελληνική ενέργεια", "ελληνική-ενέργεια"),
        ("한국 전력망", "한국-전력망"),
        ("Relations OTAN–UE", "relations-otan-ue"),
        (unicodedata.normalize("NFD", "Sécurité « réseau »"), "securite-reseau"),
        ("Grid Resilience: Options", "grid-resilience-options"),
    ],
)
def test_a_title_in_any_script_names_its_file(title: str, name: str) -> None:
    assert slugify(title) == name
    assert unicodedata.is_normalized("NFC", slugify(title))


def test_a_long_title_is_cut_to_a_name_a_file_system_takes() -> None:
    name = slugify("电网" * 100)
    assert len(name.encode()) <= 120 and name == "电网" * 20
    title = "a" + "कि" * 40  # the 120-byte cut falls between a letter and its vowel sign
    name = slugify(title)
    assert not unicodedata.category(title[len(name)]).startswith("M")


def test_two_titles_in_one_script_on_one_day_get_two_names(tmp_path: Path) -> None:
    [first, *_] = new_brief("电网韧性简报", tmp_path, Config(), TODAY, "zh")
    [second, *_] = new_brief("能源安全简报", tmp_path, Config(), TODAY, "zh")
    assert (first.name, second.name) == ("电网韧性简报.md", "能源安全简报.md")


def test_a_real_clash_gets_the_next_free_name(tmp_path: Path) -> None:
    [first, *_] = new_brief("电网韧性简报", tmp_path, Config(), TODAY, "zh")
    text = first.read_text(encoding="utf-8")
    [second, *second_data] = new_brief("电网韧性简报", tmp_path, Config(), TODAY, "zh")
    assert second.name == "电网韧性简报-2.md"
    assert first.read_text(encoding="utf-8") == text
    assert [path.name for path in second_data] == [
        "电网韧性简报-2-comparison.yaml",
        "电网韧性简报-2-timeline.yaml",
        "电网韧性简报-2-costs.yaml",
        "电网韧性简报-2-references.json",
    ]
    [symbols, *_] = new_brief("✓ → ✓", tmp_path, Config(), TODAY)
    [again, *_] = new_brief("✓ → ✓", tmp_path, Config(), TODAY)
    assert (symbols.name, again.name) == ("brief-2026-12-07.md", "brief-2026-12-07-2.md")


def test_a_brief_named_in_chinese_builds_with_its_table_and_figure(tmp_path: Path) -> None:
    [source, *_] = new_brief("电网韧性简报", tmp_path, Config(), TODAY, "zh")
    assert build(source, "-o", tmp_path / "out.pdf") == 0
    text = " ".join(page_texts(tmp_path / "out.pdf"))
    for wanted in ("Table 1", "Figure 1", "Two options side by side", "Key dates"):
        assert wanted in text
    assert ":::" not in text and "@tbl" not in text and "@fig" not in text
