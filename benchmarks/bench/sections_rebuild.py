"""Rebuilds: an unchanged brief built again, an edit under --watch, a batch in parallel."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

from .briefs import copy_brief
from .processes import Bench, BenchError, build, log, python
from .report import Row, Target
from .watching import time_edits

NO_CHANGE_TARGET = 0.15
"""A rebuild of an unchanged brief should take at most this share of a cold build."""

WARM_EDIT_TARGET = 0.3
"""A one-paragraph edit under --watch should rebuild in at most this share of a cold build."""

JOBS_TARGET = 0.6
"""Eight briefs with --jobs 2 should take at most this share of the time with --jobs 1."""

BATCH = 8
"""Briefs in the batch."""


def section_rebuilds(bench: Bench) -> list[Row]:
    """The no-change rebuild and the warm edit, each as a share of the cold build; the warm
    edit's stages, and what it would cost if no page had to be laid out again."""
    return [_no_change(bench), _warm_edit(bench), *_warm_stages(bench)]


def _no_change(bench: Bench) -> Row:
    key, label = "rebuild.no_change", "no-change rebuild (cache hit)"
    try:
        folder = bench.work / "no-change"
        [source] = copy_brief(bench.nato, folder, ["brief.md"])
        build(bench, [source], folder / "out.pdf", force=False)
        seconds = build(bench, [source], folder / "out.pdf", force=False).seconds
    except BenchError as error:
        return Row(key, label, note=f"failed: {error}")
    return _share_of_cold(bench, Row(key, label, seconds, "s"), NO_CHANGE_TARGET)


def _warm_edit(bench: Bench) -> Row:
    key, label = "rebuild.warm_edit", "one-paragraph edit under --watch, save to result line"
    try:
        folder = bench.work / "watch"
        [source] = copy_brief(bench.nato, folder, ["brief.md"])
        timing = time_edits(bench, source, folder / "out.pdf", max(3, bench.runs))
    except BenchError as error:
        return Row(key, label, note=f"failed: {error}")
    bench.peaks["watch"] = timing.peak_mb
    note = f"median of {max(3, bench.runs)} edits"
    return _share_of_cold(bench, Row(key, label, timing.seconds, "s", note=note), WARM_EDIT_TARGET)


def _warm_stages(bench: Bench) -> list[Row]:
    """The warm edit's stages in the watcher's process (`warm_probe.py`), and the floor that
    reusing every laid-out page could reach: the same without its pagination, as the new
    HTML must still be parsed, styled and made into boxes, and the PDF drawn and written."""
    key = "rebuild.warm_stages"
    label = "the same edit in the watcher's process, build() alone"
    try:
        folder = bench.work / "warm-stages"
        [source] = copy_brief(bench.nato, folder, ["brief.md"])
        probe = Path(__file__).with_name("warm_probe.py")
        edits = max(3, bench.runs)
        run = python(bench, probe, bench.project, source, folder / "out.pdf", str(edits))
        laps: list[dict[str, float]] = json.loads(run.stdout)
    except (BenchError, ValueError) as error:
        return [Row(key, label, note=f"failed: {error}")]
    stages = {name: statistics.median(lap.get(name, 0.0) for lap in laps) for name in laps[0]}
    boxes = stages.pop("boxes", 0.0)  # part of the layout stage
    total = sum(stages.values())
    note = ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in stages.items())
    note += f"; of the layout, parsing, styles and boxes {boxes * 1000:.0f} ms"
    floor = total - stages.get("layout", 0.0) + boxes
    return [
        _share_of_cold(bench, Row(key, label, total, "s", note=note), WARM_EDIT_TARGET),
        _share_of_cold(
            bench,
            Row(
                "rebuild.warm_floor",
                "the same with every page reused: read, render, parsing, styles and boxes, "
                "pdf, write",
                floor,
                "s",
            ),
            WARM_EDIT_TARGET,
        ),
    ]


def _share_of_cold(bench: Bench, row: Row, limit: float) -> Row:
    """`row` with its ratio to the cold build and a target on it, when there is a cold build."""
    if row.value is None or "speed.cold" not in bench.figures:
        return row
    ratios = {"cold build": row.value / bench.figures["speed.cold"]}
    return Row(
        row.key, row.label, row.value, row.unit, ratios, Target(limit, "cold build"), row.note
    )


def section_batch(bench: Bench) -> list[Row]:
    """Eight copies of the NATO brief in one command, with --jobs 1 and with --jobs 2."""
    if bench.quick:
        return [Row("batch.jobs_2", f"{BATCH} briefs, --jobs 2", note="skipped (--quick)")]
    names = [f"brief-{number}.md" for number in range(1, BATCH + 1)]
    sources = copy_brief(bench.nato, bench.work / "batch", names)
    seconds = {}
    for jobs in (1, 2):
        log(f"batch: --jobs {jobs}")
        folder = bench.work / "batch" / f"jobs-{jobs}"
        seconds[jobs] = build(bench, sources, None, "-d", str(folder), "-j", str(jobs)).seconds
        missing = [path.name for path in sources if not (folder / f"{path.stem}.pdf").is_file()]
        if missing:
            raise BenchError(f"--jobs {jobs} built no PDF for {', '.join(missing)}")
    ratio = {"--jobs 1": seconds[2] / seconds[1]}
    return [
        Row("batch.jobs_1", f"{BATCH} briefs, --jobs 1", seconds[1], "s"),
        Row(
            "batch.jobs_2",
            f"{BATCH} briefs, --jobs 2",
            seconds[2],
            "s",
            ratio,
            Target(JOBS_TARGET, "--jobs 1"),
        ),
    ]
