"""Long briefs: seconds per page as a brief grows; and the peak memory of every process."""

from __future__ import annotations

from pathlib import Path

from .briefs import big_table_brief, repeated_brief
from .pdfs import pdf_facts
from .processes import Bench, BenchError, build, log
from .report import Row, Target

PER_PAGE_TARGET = 1.3
"""The 50-fold brief should cost at most this many times the seconds per page of the brief."""

TABLE_ROWS = 1000
"""Rows of the long-table brief."""


def section_scale(bench: Bench) -> list[Row]:
    """The brief once (from the speed section), 10 and 50 times over, and a long table."""
    rows = [_single(bench)]
    for copies in (10, 50):
        label = f"the brief x{copies}, seconds per page"
        if bench.quick:
            rows.append(Row(f"scale.x{copies}", label, note="skipped (--quick)"))
            continue
        log(f"scale: x{copies}")
        source = repeated_brief(bench.nato, bench.work / f"x{copies}", copies)
        target = Target(PER_PAGE_TARGET, "the brief x1") if copies == 50 else None
        rows.append(_per_page(bench, f"scale.x{copies}", label, source, target))
    label = f"one table of {TABLE_ROWS:,} rows, seconds per page"
    if bench.quick:
        rows.append(Row("scale.table", label, note="skipped (--quick)"))
    else:
        log("scale: long table")
        source = big_table_brief(bench.work / "table", TABLE_ROWS)
        rows.append(_per_page(bench, "scale.table", label, source, None))
    return rows


def _single(bench: Bench) -> Row:
    """The brief's seconds per page: the cold build's median over its pages."""
    key, label = "scale.x1", "the brief x1, seconds per page"
    try:
        pages = pdf_facts(bench.outputs.get("speed.cold") or Path()).pages
        per_page = bench.figure("speed.cold") / pages
    except BenchError as error:
        return Row(key, label, note=str(error))
    bench.figures[key] = per_page
    return Row(key, label, per_page, "s/page", note=f"{pages} pages, cold median")


def _per_page(bench: Bench, key: str, label: str, source: Path, target: Target | None) -> Row:
    """Build `source` once, as a whole process: its seconds per page, its ratio to x1."""
    try:
        run = build(bench, [source], source.with_suffix(".pdf"))
        pages = pdf_facts(source.with_suffix(".pdf")).pages
    except BenchError as error:
        return Row(key, label, note=f"failed: {error}")
    bench.peaks[key.split(".")[1]] = run.peak_mb
    per_page = run.seconds / pages
    ratios = (
        {"the brief x1": per_page / bench.figures["scale.x1"]}
        if "scale.x1" in bench.figures
        else {}
    )
    note = f"{pages} pages in {run.seconds:.1f} s"
    return Row(key, label, per_page, "s/page", ratios, target if ratios else None, note)


MEMORY_LABELS = {
    "cold": "briefing, cold build of the brief",
    "weasyprint": "raw WeasyPrint on briefing's HTML",
    "pandoc": "Pandoc → WeasyPrint",
    "typst": "Typst",
    "watch": "briefing --watch, after its edits",
    "x10": "briefing, the brief x10",
    "x50": "briefing, the brief x50",
    "table": f"briefing, one table of {TABLE_ROWS:,} rows",
}
"""What each key of `Bench.peaks` measured."""


def section_memory(bench: Bench) -> list[Row]:
    """The peak resident memory of each kind of process this run started (`wait4`: the
    process and the children it waited for), the worst of its runs."""
    if not bench.peaks:
        raise BenchError("no process finished")
    raw = bench.peaks.get("weasyprint")
    rows = []
    for key, label in MEMORY_LABELS.items():
        if key not in bench.peaks:
            continue
        peak = bench.peaks[key]
        ratios = {"raw WeasyPrint": peak / raw} if raw and key == "cold" else {}
        rows.append(Row(f"memory.{key}", label, peak, "MB", ratios))
    return rows
