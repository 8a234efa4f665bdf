"""Speed: a cold build against raw WeasyPrint and the peers, and where its time goes."""

from __future__ import annotations

import json
import re
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import BriefingError

from . import peers
from .peer_source import peer_markdown
from .processes import Bench, BenchError, build, log, python, run_process
from .report import Row, Target

COLD_TARGET = 0.9
"""A cold build should take at most this share of raw WeasyPrint's time on the same HTML."""

STAGES = ("read", "load", "preflight", "render", "layout", "pdf", "write")
"""The stages `build()` reports, in the order they run."""

REST = "interpreter start and exit (the rest)"
"""The probe's wall time less every step timed inside it."""


@dataclass
class Contender:
    """One way to make the brief's PDF, timed in fresh processes, round by round."""

    key: str
    label: str
    command: list[str] | None
    output: Path | None
    problem: str = ""
    seconds: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)

    def run_once(self, bench: Bench, timed: bool = True) -> None:
        """One run (kept when `timed`); a failure stops this contender, not the others."""
        if self.command is None or self.problem:
            return
        try:
            run = run_process(bench, self.command)
        except BenchError as error:
            self.problem = f"failed: {error}"
            return
        if timed:
            self.seconds.append(run.seconds)
            self.peaks.append(run.peak_mb)


def section_speed(bench: Bench) -> list[Row]:
    """Cold builds of the NATO brief and its peers, one of each per round (median of N),
    after an untimed round that warms the disk cache for each.

    Interleaving the contenders shares out any change in the machine's load between them,
    and each ratio is the median of the rounds' ratios (`_paired_ratios`).
    """
    contenders = _contenders(bench)
    for number in range(bench.runs + 1):
        log(f"speed: round {number} of {bench.runs}" if number else "speed: warm-up round")
        for contender in contenders:
            contender.run_once(bench, timed=number > 0)
    for contender in contenders:
        if contender.seconds:
            bench.figures[f"speed.{contender.key}"] = statistics.median(contender.seconds)
            bench.peaks[contender.key] = max(contender.peaks)
            if contender.output is not None:
                bench.outputs[f"speed.{contender.key}"] = contender.output
    return [_row(contender, _paired_ratios(contenders)) for contender in contenders]


def _paired_ratios(contenders: list[Contender]) -> dict[str, float]:
    """briefing's cold build divided by each other contender's run of the same round, the
    median of those: a machine that slows down for a while slows both sides of a ratio."""
    cold, *others = contenders
    return {
        other.key: statistics.median(
            mine / theirs for mine, theirs in zip(cold.seconds, other.seconds, strict=True)
        )
        for other in others
        if cold.seconds and len(other.seconds) == len(cold.seconds) and not other.problem
    }


def _contenders(bench: Bench) -> list[Contender]:
    """briefing, raw WeasyPrint on briefing's HTML, Pandoc → WeasyPrint, Typst."""
    folder = bench.work / "speed"
    cold_pdf = folder / "briefing.pdf"
    cold = [sys.executable, str(bench.project / "build.py"), str(bench.nato), "-o", str(cold_pdf)]
    contenders = [Contender("cold", "briefing, cold build", [*cold, "--force"], cold_pdf)]
    raw = Contender("weasyprint", "raw WeasyPrint on briefing's HTML", None, folder / "raw.pdf")
    try:
        html = folder / "html" / "brief.html"
        build(bench, [bench.nato], html.with_suffix(".pdf"), "--html")
        base_url = bench.nato.parent.resolve().as_uri() + "/"
        raw.command = [
            *peers.weasyprint().need(),
            str(html),
            str(raw.output),
            "-u",
            base_url,
            "--pdf-variant",
            "pdf/ua-1",
            "--pdf-tags",
        ]
    except BenchError as error:
        raw.problem = f"failed: {error}"
    contenders.append(raw)
    return [*contenders, *_peers(bench, folder / "peer")]


def _peers(bench: Bench, folder: Path) -> list[Contender]:
    """Pandoc → WeasyPrint and Typst, reading the peer source made here (not timed)."""
    pandoc_label, typst_label = "Pandoc → WeasyPrint", "Typst (compiling Pandoc's Typst output)"
    try:
        source = peer_markdown(bench.nato, folder)
    except (BenchError, BriefingError) as error:
        problem = f"failed: no peer source: {error}"
        return [
            Contender("pandoc", pandoc_label, None, None, problem),
            Contender("typst", typst_label, None, None, problem),
        ]
    pandoc = peers.pandoc()
    pandoc_pdf = folder / "pandoc.pdf"
    try:
        command = peers.pandoc_weasyprint_command(pandoc, source, pandoc_pdf)
        pandoc_contender = Contender("pandoc", pandoc_label, command, pandoc_pdf)
    except BenchError as error:
        pandoc_contender = Contender("pandoc", pandoc_label, None, None, str(error))
    typst_pdf = folder / "typst.pdf"
    try:
        typst_file = peers.typst_source(pandoc, source, folder / "brief.typ")
        command = [*peers.typst().need(), str(typst_file), str(typst_pdf)]
        typst_contender = Contender("typst", typst_label, command, typst_pdf)
    except BenchError as error:
        typst_contender = Contender("typst", typst_label, None, None, str(error))
    return [pandoc_contender, typst_contender]


def _row(contender: Contender, ratios: dict[str, float]) -> Row:
    """A contender's median; briefing's row carries its `ratios` to each of the others."""
    key = f"speed.{contender.key}"
    if not contender.seconds or contender.problem:
        return Row(key, contender.label, note=contender.problem or "no run")
    median = statistics.median(contender.seconds)
    note = f"{min(contender.seconds):.2f}–{max(contender.seconds):.2f} s"
    if contender.key != "cold":
        return Row(key, contender.label, median, "s", note=note)
    labels = {"weasyprint": "raw WeasyPrint", "pandoc": "Pandoc → WeasyPrint", "typst": "Typst"}
    named = {labels[other]: ratio for other, ratio in ratios.items()}
    target = Target(COLD_TARGET, "raw WeasyPrint")
    return Row(key, contender.label, median, "s", named, target, note)


def section_stages(bench: Bench) -> list[Row]:
    """Where a cold build's time goes: each step of a real build, timed inside a fresh process
    (`stage_probe.py`); the rest of that process's wall time is the interpreter's start and
    exit. Medians of N; an empty interpreter's start and exit for comparison."""
    probe = Path(__file__).with_name("stage_probe.py")
    output = bench.work / "stages" / "brief.pdf"
    output.parent.mkdir(parents=True, exist_ok=True)
    samples, walls = [], []
    for _ in range(bench.runs):
        run = python(bench, probe, bench.project, bench.nato, output)
        samples.append(json.loads(run.stdout))
        walls.append(run.seconds)
    missing = [stage for stage in STAGES if stage not in samples[0]]
    if missing:
        raise BenchError(f"build() reported no {', '.join(missing)} stage")
    for sample, wall in zip(samples, walls, strict=True):
        sample[REST] = wall - sum(sample.values())
    steps = {name: statistics.median(sample[name] for sample in samples) for name in samples[0]}
    wall = statistics.median(walls)
    rows = [
        Row(f"stages.{_slug(name)}", name, seconds, "s", note=f"{seconds / wall:.0%}")
        for name, seconds in steps.items()
    ]
    empty = statistics.median(python(bench, "-c", "pass").seconds for _ in range(bench.runs))
    cold = bench.figures.get("speed.cold")
    ratios = {"cold build": wall / cold} if cold else {}
    return [
        *rows,
        Row("stages.total", "the probe process, start to exit", wall, "s", ratios),
        Row("stages.empty_interpreter", "an empty interpreter (`python -c pass`)", empty, "s"),
    ]


def _slug(name: str) -> str:
    """`interpreter start (…)` → `interpreter_start`."""
    return re.sub(r"\W+", "_", name.split(" (")[0].split(":")[0]).strip("_").lower()
