"""The benchmark's report: its tables and its JSON, on fixed figures (nothing is timed)."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import PROJECT_ROOT, benchmark_module


@pytest.fixture(scope="module")
def report() -> ModuleType:
    """`bench.report`, imported from benchmarks/ as `benchmarks/run.py` imports it."""
    return benchmark_module("bench.report")


def _sample(report: ModuleType) -> object:
    row, target, section = report.Row, report.Target, report.Section
    speed = [
        row("speed.cold", "briefing, cold build", 1.05, "s", {"raw WeasyPrint": 0.875},
            target(0.9, "raw WeasyPrint"), "1.01–1.10 s"),
        row("speed.typst", "Typst", note="skipped: typst not installed"),
    ]  # fmt: skip
    size = [row("size.email", "briefing, email profile", 90.0, "KB", {}, target(85.0))]
    machine = {"date": "2026-11-26 12:00 UTC", "runs": 5, "peers": {"Typst": None}}
    return report.Report(
        machine,
        [section("speed", "1. Speed", speed), section("size", "3. Size", size)],
        ["brief.pdf: warning: over budget"],
    )


def test_table_shows_values_ratios_and_whether_each_target_is_met(report: ModuleType) -> None:
    text = report.markdown(_sample(report), ("speed.cold", "size.email"))
    times = report.TIMES
    assert f"| speed: briefing, cold build | 1.05 s (1.01–1.10 s) | 0.88{times} raw " in text
    assert f"≤ 0.90{times} raw WeasyPrint: met |" in text
    assert "| size: briefing, email profile | 90.0 KB |  | ≤ 85.0 KB: missed by 6% |" in text
    assert "| Typst | skipped: typst not installed |  |  |" in text
    assert "Typst not installed" in text.splitlines()[0]
    assert "- `brief.pdf: warning: over budget`" in text


def test_json_keeps_every_figure_and_reads_back_to_the_same_report(
    report: ModuleType, tmp_path: Path
) -> None:
    sample = _sample(report)
    path = tmp_path / "results.json"
    report.write_json(sample, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    cold = data["sections"][0]["rows"][0]
    assert cold["value"] == 1.05 and cold["ratios"] == {"raw WeasyPrint": 0.875}
    assert cold["target"] == {"limit": 0.9, "of": "raw WeasyPrint"} and cold["met"] is True
    assert data["sections"][1]["rows"][0]["met"] is False
    assert report.read_json(path) == sample


def test_json_of_another_schema_is_refused(report: ModuleType) -> None:
    with pytest.raises(ValueError, match="schema"):
        report.from_json({"schema": 0, "machine": {}, "sections": []})


def test_readme_tables_are_made_from_the_recorded_json(report: ModuleType) -> None:
    """The README's benchmark tables are `run.py --readme`'s output for results.json, not a
    hand copy: regenerate them with `benchmarks/run.py --from-json benchmarks/results.json
    --readme`."""
    runner = benchmark_module("run")
    recorded = report.read_json(PROJECT_ROOT / "benchmarks" / "results.json")
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    between = readme.split(runner.README_START + "\n")[1].split(runner.README_END)[0]
    assert between.strip() == report.markdown(recorded, runner.HEADLINE).strip()
