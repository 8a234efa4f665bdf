"""Shared fixtures: projects written into tmp_path, and the NATO brief built once per session."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

# Hypothesis keeps caches in ./.hypothesis unless told otherwise: tests write only to temp.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", tempfile.mkdtemp(prefix="hypothesis-"))

from briefing.cli.main import main

from .certificates import Identities, make_identities

DEADLINE = 120.0
"""Seconds a test waits for an event (a line, a file, an exit) before it fails: long enough for
the slowest machine, and never a delay that passing depends on."""

PROJECT_ROOT = Path(__file__).resolve().parent.parent
"""The repository: its reference project (content/, briefing.toml) and build.py."""
NATO_SOURCE = PROJECT_ROOT / "content" / "nato-eu-relations.md"
ARTICLE = Path(__file__).parent / "source" / "nato-eu-relations.txt"
"""A copy of ../shared/source/nato-eu-relations.txt: the article the brief must keep whole."""
FIXED_EPOCH = "1764000000"

MINIMAL_BRIEF = """---
title: A minimal brief
date: 2026-01-02
author: Test Unit
language: en
ai_assisted: true
notice: "Parts of this text were drafted with AI assistance. Cross-check with sources."
notice_short: "AI-assisted: verify."
summary: [One point.]
---

# First section

Some text.
"""

WriteProject = Callable[[dict[str, str | bytes]], Path]

FONTS_NEEDED = ("Inter", "Symbola", "Noto Sans Arabic", "Noto Sans CJK SC")
"""Font families the tests draw with: Latin, symbols, right-to-left and CJK text."""


def pytest_sessionstart(session: pytest.Session) -> None:
    """Stop at once, with one line, when the fonts the tests draw with are not installed."""
    try:
        listing = subprocess.run(
            ["fc-list", "--format=%{family}\n"], capture_output=True, text=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        listing = ""
    installed = {name.strip().lower() for line in listing.splitlines() for name in line.split(",")}
    missing = [family for family in FONTS_NEEDED if family.lower() not in installed]
    if missing:
        pytest.exit(
            f"fonts missing: {', '.join(missing)}: run ./tasks.sh setup to install them",
            returncode=1,
        )


def build(*arguments: str | Path) -> int:
    """Run the command line in this process, as `briefing ARGUMENTS`; its exit code."""
    return main([str(argument) for argument in arguments])


def build_pdf(source: Path, output: Path | None = None, *options: str) -> Path:
    """Build `source` through the command line into `output` (`build/NAME.pdf` beside the
    source by default) with `options`, which must succeed; the PDF."""
    output = output or source.parent / "build" / f"{source.stem}.pdf"
    assert build(source, "-o", output, *options) == 0
    return output


def benchmark_module(name: str) -> ModuleType:
    """A module of benchmarks/ (`bench.report`), imported as `benchmarks/run.py` imports it."""
    folder = str(PROJECT_ROOT / "benchmarks")
    sys.path.insert(0, folder)
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(folder)


@pytest.fixture(scope="session", autouse=True)
def _cache_outside_the_repository(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Builds in tests keep their manifests in a temporary cache folder, never in the repo."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture
def write_project(tmp_path: Path) -> WriteProject:
    """Write `{relative path: text or bytes}` under tmp_path/project and return that folder."""

    def write(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "project"
        for relative, data in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        return root

    return write


@pytest.fixture(scope="session")
def nato_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The NATO brief, built once through the command line with a fixed SOURCE_DATE_EPOCH."""
    output = tmp_path_factory.mktemp("nato") / "nato-eu-relations.pdf"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        assert main([str(NATO_SOURCE), "-o", str(output), "--html"]) == 0
    return output


@pytest.fixture(scope="session")
def identities(tmp_path_factory: pytest.TempPathFactory) -> Identities:
    """A test authority and its signers (`tests/certificates.py`), made once per session."""
    return make_identities(tmp_path_factory.mktemp("identities"))
