"""The benchmark's peer source: the NATO brief as plain Markdown, with what briefing prints."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import benchmark_module

REPOSITORY = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def peer_source() -> ModuleType:
    """`bench.peer_source`, imported from benchmarks/ as `benchmarks/run.py` imports it."""
    return benchmark_module("bench.peer_source")


@pytest.fixture
def peer_text(peer_source: ModuleType, tmp_path: Path) -> tuple[str, Path]:
    """The peer source of a copy of the NATO brief, and the folder it was written to."""
    content = tmp_path / "content"
    shutil.copytree(REPOSITORY / "content", content)
    folder = tmp_path / "peer"
    source = peer_source.peer_markdown(content / "nato-eu-relations.md", folder)
    return source.read_text(encoding="utf-8"), folder


def test_peer_source_spells_out_briefing_syntax(peer_text: tuple[str, Path]) -> None:
    text, _ = peer_text
    assert ":::" not in text
    assert "{?" not in text and "?}" not in text
    assert "[@" not in text and "@fig:" not in text
    assert "Figure 1 places the two dated milestones" in text
    assert "^\\[1\\]^" in text and "# Sources" in text


def test_peer_source_has_every_table_and_figure_with_captions(
    peer_text: tuple[str, Path],
) -> None:
    text, folder = peer_text
    captions = re.findall(r"^: (Table \d+): ", text, re.MULTILINE)
    assert captions == ["Table 1", "Table 2", "Table 3"]
    images = re.findall(r"^!\[(Figure \d+): [^\]]+\]\((figure-[\w-]+\.svg)\)", text, re.MULTILINE)
    assert [caption for caption, _ in images] == ["Figure 1", "Figure 2"]
    for _, name in images:
        assert (folder / name).read_text(encoding="utf-8").startswith("<svg")
    assert "| Aspect | NATO | European Union |" in text


def test_peer_source_keeps_the_claims_text(peer_text: tuple[str, Path]) -> None:
    text, _ = peer_text
    assert "In the early 2000s, enhanced dialogue mechanisms, such as the Berlin Plus" in text
