"""Stage timings: build() tells the config's stage timer about each of its stages."""

from __future__ import annotations

import time
from pathlib import Path

from briefing.cache import environment_key
from briefing.config import Config
from briefing.pipeline.driver import build

from .conftest import MINIMAL_BRIEF, WriteProject


def test_build_reports_every_stage_in_order_to_the_stage_timer(
    write_project: WriteProject, tmp_path: Path
) -> None:
    source = write_project({"brief.md": MINIMAL_BRIEF}) / "brief.md"
    reported: list[tuple[str, float]] = []
    config = Config(stage_timer=lambda name, seconds: reported.append((name, seconds)))
    started = time.perf_counter()
    build(source, tmp_path / "brief.pdf", config)
    elapsed = time.perf_counter() - started
    names = [name for name, _ in reported]
    assert names == ["read", "load", "preflight", "render", "layout", "pdf", "write"]
    assert 0 < sum(seconds for _, seconds in reported) <= elapsed  # parts of the one build
    assert (tmp_path / "brief.pdf").read_bytes().startswith(b"%PDF-")


def test_a_stage_timer_changes_neither_the_config_nor_the_cache_key() -> None:
    timed = Config(stage_timer=lambda name, seconds: None)
    assert timed == Config()
    assert environment_key(timed) == environment_key(Config())
