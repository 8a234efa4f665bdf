"""Charts: the NATO brief with four charts against the same brief with the four tables of the
same numbers; what each chart adds to the email PDF; matplotlib loaded only for charts."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from pathlib import Path

from .briefs import copy_brief
from .pdfs import pdf_facts
from .processes import Bench, Run, build, python
from .report import Row, Target

SPEED_TARGET = 1.3
"""A brief with four charts should build in at most this multiple of its tables' time."""
SIZE_TARGET_KB = 6.0
"""Each chart should add at most this to the email PDF."""

DATA = {
    "spend": ("bar", "Defence spending, share of GDP", ["Member", "2014", "2024"],
              [["Poland", 1.9, 4.1], ["Germany", 1.2, 2.1], ["France", 1.8, 2.1],
               ["Italy", 1.1, 1.5], ["Spain", 0.9, 1.3]]),
    "budget": ("stacked-bar", "Budget by category", ["Country", "Personnel", "Equipment", "Other"],
               [["Estonia", 1234.5, 900, 120], ["Latvia", 2200, 1300, 300],
                ["Lithuania", 2100, 1100, 200]]),
    "readiness": ("line", "Readiness over time", ["Month", "Army", "Navy"],
                  [["2024-01-01", 61.5, 70], ["2024-07-01", 70, 66.5],
                   ["2025-01-01", 78.25, 63]]),
    "troops": ("dot", "Troops, target and actual", ["Country", "Target", "Actual"],
               [["Estonia", 3000, 2600], ["Latvia", 3500, 2100], ["Lithuania", 4000, 3900]]),
}  # fmt: skip
"""Four charts, one of each type: type, caption, columns, rows."""

PROBE = """
import sys
from briefing.cli.main import main
code = main([sys.argv[1], "-o", sys.argv[2], "--force"])
"""
"""A build whose imports `-X importtime` logs: its own and those of the child that draws its
charts (which loads matplotlib, the building process then does not)."""


def section_charts(bench: Bench) -> list[Row]:
    """Cold builds of the chart and table briefs, alternated; sizes; the import probe."""
    folder = bench.work / "charts"
    charts, tables, plain = _briefs(bench.nato, folder)
    seconds: dict[Path, list[float]] = {charts: [], tables: []}
    for number in range(bench.runs + 1):
        for source in (charts, tables):
            run = build(bench, [source], folder / "out" / f"{source.stem}.pdf")
            if number:  # the first round warms the disk cache and the font caches
                seconds[source].append(run.seconds)
    ratios = [c / t for c, t in zip(seconds[charts], seconds[tables], strict=True)]
    chart_s, table_s = (statistics.median(seconds[source]) for source in (charts, tables))
    sizes = {}
    for source in (charts, plain):
        output = folder / "email" / f"{source.stem}.pdf"
        # Without the sources, which differ between the two briefs: what the charts add.
        build(bench, [source], output, "--profile", "email", "--no-sources")
        sizes[source] = pdf_facts(output).kilobytes
    per_chart = (sizes[charts] - sizes[plain]) / len(DATA)
    loaded = {}
    for source in (charts, plain):
        probe = folder / "probe" / f"{source.stem}.pdf"
        run = python(bench, "-X", "importtime", "-c", PROBE, source, probe)
        loaded[source] = "matplotlib" in _imported(run)
    return [
        Row("charts.tables", "NATO brief + 4 tables, cold build", table_s, "s"),
        Row("charts.charts", "NATO brief + the same 4 as charts, cold build", chart_s, "s",
            {"the tables": statistics.median(ratios)}, Target(SPEED_TARGET, "the tables"),
            "median of paired rounds"),
        Row("charts.size", "email PDF size added per chart", per_chart, "KB",
            target=Target(SIZE_TARGET_KB),
            note=f"{sizes[charts]:.1f} KB with 4 charts, {sizes[plain]:.1f} KB without"),
        Row("charts.import", "matplotlib loaded by a brief without a chart",
            float(loaded[plain]), "", target=Target(0.0),
            note=f"loaded for the chart brief: {'yes' if loaded[charts] else 'NO'}"),
    ]  # fmt: skip


def _imported(run: Run) -> set[str]:
    """The modules a `-X importtime` run's log shows imported."""
    return {line.split("|")[-1].strip() for line in run.stderr.splitlines() if "|" in line}


def _briefs(nato: Path, folder: Path) -> tuple[Path, Path, Path]:
    """The NATO brief with the four charts, with the four tables, and with neither."""
    charts, tables, plain = copy_brief(nato, folder, ["charts.md", "tables.md", "plain.md"])
    data = folder / "data"
    for name, (kind, caption, columns, rows) in DATA.items():
        lines = [f"  - {_flow(row)}" for row in rows]
        body = f"columns: {_flow(columns)}\nrows:\n" + "\n".join(lines) + "\n"
        (data / f"bench-{name}.yaml").write_text(
            f'type: {kind}\ncaption: "{caption}"\n{body}', encoding="utf-8"
        )
        (data / f"bench-{name}-table.yaml").write_text(
            f'caption: "{caption}"\n{body}', encoding="utf-8"
        )
    for source, marker in ((charts, "figure bench-{}"), (tables, "table bench-{}-table")):
        blocks = "\n\n".join(f"::: {marker.format(name)}" for name in DATA)
        text = source.read_text(encoding="utf-8")
        source.write_text(text + f"\n\n## Numbers\n\n{blocks}\n", encoding="utf-8")
    text = plain.read_text(encoding="utf-8")
    plain.write_text(text + "\n\n## Numbers\n\nNone.\n", encoding="utf-8")
    return charts, tables, plain


def _flow(cells: Sequence[object]) -> str:
    """A YAML flow list of cells, text quoted."""
    return "[" + ", ".join(f'"{c}"' if isinstance(c, str) else str(c) for c in cells) + "]"
