"""Hyphenation dictionaries kept between builds hyphenate exactly as freshly parsed ones."""

from __future__ import annotations

import marshal
from pathlib import Path

import pyphen  # type: ignore[import-untyped]
import pytest

from briefing.cli.main import main
from briefing.layout.hyphenation import document_languages, preload_hyphenation

from .conftest import MINIMAL_BRIEF
from .pdfread import page_texts

WORDS = ("intergovernmental", "cooperation", "Verteidigungsbündnis", "responsabilité",
         "interoperability", "Sicherheitspolitik", "complémentarité", "hyphenation")  # fmt: skip


@pytest.fixture
def fresh_pyphen(monkeypatch: pytest.MonkeyPatch) -> dict[Path, object]:
    """pyphen's cache of parsed dictionaries, empty for the test."""
    cache: dict[Path, object] = {}
    monkeypatch.setattr(pyphen, "hdcache", cache)
    return cache


@pytest.mark.parametrize("language", ["en-GB", "de", "fr", "hu"])
def test_a_kept_dictionary_hyphenates_as_a_parsed_one(
    language: str, tmp_path: Path, fresh_pyphen: dict[Path, object]
) -> None:
    """Parsed and kept, then loaded: the same break points for every word. Hungarian has
    nonstandard breaks (`ssz` → `sz-sz`), which are not kept: it is parsed each time."""
    parsed = pyphen.HyphDict(pyphen.LANGUAGES[pyphen.language_fallback(language)])
    preload_hyphenation([language], tmp_path)  # parses, and keeps
    fresh_pyphen.clear()
    preload_hyphenation([language], tmp_path)  # loads what was kept
    [loaded] = fresh_pyphen.values()
    kept = list(tmp_path.glob("hyphenation-*.marshal"))
    assert len(kept) == (0 if language == "hu" else 1)
    for word in WORDS:
        assert loaded.positions(word) == parsed.positions(word), word  # type: ignore[attr-defined]


@pytest.mark.parametrize("damage", [b"\x00not marshal data", marshal.dumps({"ab": (1, "2")})])
def test_a_damaged_kept_dictionary_is_parsed_again(
    damage: bytes, tmp_path: Path, fresh_pyphen: dict[Path, object]
) -> None:
    preload_hyphenation(["en-GB"], tmp_path)
    [kept] = tmp_path.glob("hyphenation-*.marshal")
    kept.write_bytes(damage)
    fresh_pyphen.clear()
    preload_hyphenation(["en-GB"], tmp_path)
    [(path, loaded)] = fresh_pyphen.items()
    parsed = pyphen.HyphDict(path)
    assert loaded.positions("cooperation") == parsed.positions("cooperation")  # type: ignore[attr-defined]


def test_every_language_of_the_document_is_preloaded() -> None:
    html = '<html lang="en-GB"><p lang="de">Wort</p><q lang=fr>mot</q><p lang="de">x</p>'
    assert document_languages("en-GB", html) == ["en-GB", "de", "fr"]


def test_a_second_build_hyphenates_from_the_kept_dictionary_as_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Narrow columns of long words: the first build parses and keeps the dictionary, the
    second (a new process's view: pyphen's cache emptied) loads it; the text is the same."""
    words = " ".join(["intergovernmental interoperability responsibilities"] * 12)
    source = tmp_path / "brief.md"
    # Nine columns of long words: too narrow for each word whole, so cells hyphenate.
    source.write_text(MINIMAL_BRIEF + "\n|" + " A |" * 9 + "\n|" + "---|" * 9 + "\n|"
                      + f" {words} |" * 9 + "\n", encoding="utf-8")  # fmt: skip
    cache = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(cache))
    texts = []
    for number in range(2):
        pyphen.hdcache.clear()
        output = tmp_path / f"{number}.pdf"
        assert main([str(source), "-o", str(output), "--force"]) == 0
        texts.append(page_texts(output))
    assert list(cache.glob("hyphenation-hyph_en*.marshal"))
    assert texts[0] == texts[1] and "\u2010\n" in "\n".join(texts[0])  # a hyphen at a break
