"""Benchmark the briefing build and print the figures as Markdown tables on stdout.

    python benchmarks/run.py             # the full run, about three minutes on two cores
    python benchmarks/run.py --quick     # a smoke run: two runs each, no x50 or 1,000-row builds
    python benchmarks/run.py --runs 9    # more runs for the medians

Every figure is measured in this run. The project (build.py, briefing/, templates/, styles/,
content/) is first copied into a temporary folder and every build runs from that snapshot, so
nothing is written into the repository (not even build/) and edits made while the benchmark
runs do not mix into its figures. The snapshot is compiled and built once before anything
is timed, so the figures are those of a warm machine with byte code cached, not a first run.
Progress goes to stderr; stdout holds only the report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import os
import platform
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

REPO = Path(__file__).resolve().parent.parent
"""The project root: the folder holding build.py."""

SNAPSHOT = ("build.py", "briefing", "templates", "styles", "content")
"""What the benchmark copies out of the repository and builds from."""

NATO = "nato-eu-relations"
"""The stem of the reference brief in content/."""

RESULT_LINE = re.compile(
    r"^(?P<path>.+?)\s+(?P<pages>\d+) pages\s+(?P<kb>[\d.]+) KB\b.*?\s(?P<seconds>[\d.]+) s\b"
)
"""One line per built PDF on the build's stdout: `path  9 pages  88.6 KB  2.31 s`, with room
for more fields around the seconds (`…  88.6 KB  2.31 s  7 claims to verify`)."""

BLOCK_MARKER = re.compile(r"^::: *(?P<kind>[a-z]+) +(?P<name>\S+) *$", re.MULTILINE)
"""A line placing a block from data/: `::: table NAME`, `::: figure NAME`."""
HEADING = re.compile(r"^(?P<heading>#{1,6}\s+.*?)\s*$", re.MULTILINE)

TAGGED: dict[str, Any] = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}
"""The writer options every build uses."""

FIRST_BUILD_TIMEOUT = 60.0
"""Seconds to wait for the watcher's first result line before giving up."""

EDIT_TIMEOUT = 10.0
"""Seconds to wait for the watcher's rebuild after an edit before giving up."""

WATCH_EDITS = 3
"""Edits timed in one watcher; the median is reported."""

WATCH_PLACEMENTS = (("-o beside the brief", "out.pdf"), ("-o in a subfolder", "out/out.pdf"))
"""Where the watcher writes: beside the brief as asked, else in a subfolder as a fallback."""

ADDED_SENTENCE = " This sentence was appended by the benchmark."

STAGES_CODE = """\
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
marks = [time.perf_counter()]
import briefing.pipeline
marks.append(time.perf_counter())
import weasyprint
marks.append(time.perf_counter())
from briefing.config import Config
from briefing.content import read_briefing
from briefing.render import render_body, render_html
source, config = Path(sys.argv[2]), Config()
marks.append(time.perf_counter())
briefing = read_briefing(source)
marks.append(time.perf_counter())
body = render_body(briefing, config)
marks.append(time.perf_counter())
html = render_html(briefing, config, None, body)
marks.append(time.perf_counter())
base_url = source.parent.resolve().as_uri() + "/"
document = weasyprint.HTML(string=html, base_url=base_url).render()
marks.append(time.perf_counter())
document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
marks.append(time.perf_counter())
steps = [b - a for a, b in zip(marks, marks[1:])]
del steps[2]  # the from-imports of already loaded modules
print(json.dumps(steps))
"""
"""Run in a fresh interpreter: import, then each stage by hand; prints the seconds as JSON."""

STAGE_NAMES = (
    "import briefing.pipeline",
    "import weasyprint",
    "reading and validating (read_briefing)",
    "Markdown (render_body)",
    "templates (render_html)",
    "layout (HTML.render)",
    "PDF writing (write_pdf)",
)

FLOOR_CODE = """\
import sys
from pathlib import Path
from weasyprint import HTML
html = Path(sys.argv[1]).read_text(encoding="utf-8")
document = HTML(string=html, base_url=sys.argv[2]).render()
Path(sys.argv[3]).write_bytes(document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True))
"""
"""The floor: a fresh interpreter that only lays out and writes the HTML our build produced."""


class BenchError(Exception):
    """A measurement could not be made; its section reports the message and the run goes on."""


class EditMissed(BenchError):
    """The watcher built once but reported no rebuild after the edit."""


@dataclass(frozen=True)
class BuildLine:
    """One result line of a build: the PDF, its pages and size, the seconds the build reported."""

    path: Path
    pages: int
    kb: float
    seconds: float


@dataclass(frozen=True)
class Run:
    """One finished child process: wall seconds, peak resident memory, exit code, output."""

    seconds: float
    max_rss_mb: float
    returncode: int
    stdout: str
    stderr: str

    def results(self, cwd: Path) -> list[BuildLine]:
        """The result lines on stdout, with paths resolved against the child's `cwd`."""
        return [
            BuildLine(cwd / m["path"], int(m["pages"]), float(m["kb"]), float(m["seconds"]))
            for m in map(RESULT_LINE.match, self.stdout.splitlines())
            if m
        ]


@dataclass
class Bench:
    """Shared state of one benchmark run; earlier sections leave figures for later ones."""

    project: Path
    """The snapshot of the project that every build runs from."""
    work: Path
    """Scratch folder for sources, outputs and caches; also the children's working folder."""
    runs: int
    quick: bool
    options: frozenset[str] = frozenset()
    """Options `build.py --help` lists (e.g. --force, --watch, --jobs)."""
    cold_seconds: float | None = None
    cold_pages: int | None = None
    brief_html: Path | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def content(self) -> Path:
        """The snapshot's content folder."""
        return self.project / "content"

    @property
    def nato(self) -> Path:
        """The reference brief inside the snapshot."""
        return self.content / f"{NATO}.md"


# Processes ------------------------------------------------------------------------------------


def child_env(work: Path, **extra: str) -> dict[str, str]:
    """The environment of every child: ours, with caches kept inside the scratch folder.

    Byte code is cached (PYTHONDONTWRITEBYTECODE dropped) so builds run in their steady
    state; the only modules compiled are the snapshot's, so the .pyc files land in it.
    """
    dropped = {"BRIEFING_NO_CACHE", "BRIEFING_CACHE_DIR", "PYTHONDONTWRITEBYTECODE"}
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env["XDG_CACHE_HOME"] = str(work / "xdg-cache")
    env["BRIEFING_CACHE_DIR"] = str(work / "briefing-cache")
    env.update(extra)
    return env


def run_process(args: Sequence[str | Path], bench: Bench, **env: str) -> Run:
    """Run `args` to completion; wall time from start to exit, peak memory from `os.wait4`."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            [str(arg) for arg in args],
            stdout=out,
            stderr=err,
            cwd=bench.work,
            env=child_env(bench.work, **env),
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        return Run(seconds, usage.ru_maxrss / 1024, process.returncode, _text(out), _text(err))


def _text(stream: IO[bytes]) -> str:
    """Everything written to the temporary file `stream`, decoded."""
    stream.seek(0)
    return stream.read().decode("utf-8", errors="replace")


def python(bench: Bench, *args: str | Path) -> Run:
    """Run this interpreter with `args`; fail when it fails."""
    run = run_process([sys.executable, *args], bench)
    if run.returncode != 0:
        raise BenchError(f"python {args[0]} … exited with {run.returncode}: {_last(run.stderr)}")
    return run


def build(
    bench: Bench,
    sources: Sequence[Path],
    output: Path | None = None,
    *options: str,
    force: bool = True,
) -> Run:
    """Run `build.py` on `sources` as a whole process; `force` bypasses any cache."""
    args: list[str | Path] = [sys.executable, bench.project / "build.py", *sources]
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        args += ["-o", output]
    args += options
    if force and "--force" in bench.options:
        args.append("--force")
    run = run_process(args, bench, **({"BRIEFING_NO_CACHE": "1"} if force else {}))
    if run.returncode != 0:
        raise BenchError(f"build exited with {run.returncode}: {_last(run.stderr)}")
    for line in run.stderr.splitlines():
        if line.startswith("warning:") and line not in bench.notes:
            bench.notes.append(line)
    return run


def _last(text: str) -> str:
    """The last non-empty line of `text`, for an error message."""
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "(no output)"


def only_result(run: Run, bench: Bench) -> BuildLine:
    """The single result line a one-PDF build printed."""
    results = run.results(bench.work)
    if len(results) != 1:
        raise BenchError(f"expected one result line, got {len(results)}: {run.stdout!r}")
    return results[0]


def log(message: str) -> None:
    """Progress on stderr, so stdout stays a clean report."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# Set-up ---------------------------------------------------------------------------------------


def snapshot(target: Path) -> Path:
    """Copy what a build needs from the repository into `target`; return the copy's root."""
    target.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", ".briefing-cache", "*.pyc")
    for name in SNAPSHOT:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    return target


def build_options(bench: Bench) -> frozenset[str]:
    """The long options `build.py --help` lists."""
    run = python(bench, bench.project / "build.py", "--help")
    return frozenset(re.findall(r"--[a-z][a-z-]*", run.stdout))


def prepare(scratch: Path, runs: int, quick: bool) -> Bench:
    """Snapshot the project, read its options and warm up (byte code, font cache) once."""
    work = scratch / "work"
    work.mkdir()
    bench = Bench(snapshot(scratch / "project"), work, runs, quick)
    bench.options = build_options(bench)
    log("warm-up: compile the snapshot, build once")
    python(bench, "-m", "compileall", "-q", bench.project / "briefing")
    build(bench, [bench.nato], work / "warm-up" / "x.pdf")
    return bench


def copy_brief(bench: Bench, folder: Path, names: Sequence[str]) -> list[Path]:
    """Copies of the reference brief named `names` in `folder`, with data/ beside them."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(bench.content / "data", folder / "data", dirs_exist_ok=True)
    text = bench.nato.read_text(encoding="utf-8")
    paths = [folder / name for name in names]
    for path in paths:
        path.write_text(text, encoding="utf-8")
    return paths


def split_front_matter(text: str) -> tuple[str, str]:
    """The front matter with its `---` fences, and the body after it."""
    if not text.startswith("---\n"):
        return "", text
    end = text.index("\n---\n", 3) + len("\n---\n")
    return text[:end], text[end:]


def repeated_brief(bench: Bench, folder: Path, copies: int) -> Path:
    """The reference brief with its body repeated `copies` times, headings and blocks unique.

    Headings get a " (part k)" suffix; from part 2 on, each `::: KIND NAME` marker (table,
    figure) names `NAME-pK`, backed by a copy of the data file, so no anchor is defined twice.
    """
    [source] = copy_brief(bench, folder, [f"{NATO}-x{copies}.md"])
    front, body = split_front_matter(source.read_text(encoding="utf-8"))
    parts = [_part(body, k, folder / "data") for k in range(1, copies + 1)]
    source.write_text(front + "\n".join(parts), encoding="utf-8")
    return source


def _part(body: str, k: int, data: Path) -> str:
    """Part `k` of a repeated body: headings suffixed, blocks renamed (and copied) from k=2."""
    body = HEADING.sub(lambda m: f"{m['heading']} (part {k})", body)
    if k == 1:
        return body

    def rename(marker: re.Match[str]) -> str:
        name = marker["name"]
        for path in data.glob(f"{name}.*"):
            if path.stem == name:
                shutil.copy2(path, path.with_name(f"{name}-p{k}{path.suffix}"))
        return f"::: {marker['kind']} {name}-p{k}"

    return BLOCK_MARKER.sub(rename, body)


def big_table_brief(folder: Path, rows: int) -> Path:
    """A brief holding one comparison table of `rows` rows of short text."""
    (folder / "data").mkdir(parents=True, exist_ok=True)
    lines = [
        'caption: "A long comparison table"',
        'source: "Generated by benchmarks/run.py"',
        'columns: ["Item", "A", "B"]',
        "rows:",
        *(f'  - ["Item {i}", "Alpha {i}", "Beta {i}"]' for i in range(1, rows + 1)),
    ]
    (folder / "data" / "big.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    source = folder / "big-table.md"
    source.write_text(
        f"# A table of {rows:,} rows\n\nOne long comparison table.\n\n::: table big\n",
        encoding="utf-8",
    )
    return source


# Report helpers -------------------------------------------------------------------------------


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def target(value: float, limit: float) -> str:
    """`≤ limit: met`, or by how much `value` missed it."""
    if value <= limit:
        return f"≤ {limit:.2f}: met"
    return f"≤ {limit:.2f}: missed by {(value / limit - 1) * 100:.0f}%"


def secs(value: float) -> str:
    """Seconds for the report."""
    return f"{value:.2f} s" if value >= 0.1 else f"{value * 1000:.0f} ms"


def cold_reference(bench: Bench) -> float:
    """The cold median of section 1, which later ratios divide by."""
    if bench.cold_seconds is None:
        raise BenchError("no cold build figure (section 1 failed)")
    return bench.cold_seconds


# Header ---------------------------------------------------------------------------------------


def header(bench: Bench) -> list[str]:
    """The title and one line on when, where and with what this ran."""
    now = dt.datetime.now(dt.UTC).strftime("%a %b %d %H:%M:%S UTC %Y")
    machine = (
        f"{platform.machine()}, {len(os.sched_getaffinity(0))} cores, {_cpu_model()}, "
        f"{_memory_gib():.1f} GiB"
    )
    versions = (
        f"Python {platform.python_version()}, WeasyPrint {importlib.metadata.version('weasyprint')}"
    )
    found = ", ".join(
        f"{name} {'yes' if name in bench.options else 'no'}"
        for name in ("--force", "--watch", "--jobs")
    )
    mode = f"runs {bench.runs}" + (", --quick" if bench.quick else "")
    load = f"load average {os.getloadavg()[0]:.2f} at start"
    return [
        "# briefing benchmark",
        "",
        f"{now} · {machine} · {load} · {versions} · code {_git_revision()} · {mode} · {found}",
    ]


def _cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo."""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.partition(":")[2].strip()
    return platform.processor() or "unknown CPU"


def _memory_gib() -> float:
    """Total memory from /proc/meminfo, in GiB."""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024**2
    return 0.0


def _git_revision() -> str:
    """The repository's commit, marked when the working tree has changes."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)
        return done.stdout.strip()

    revision = git("rev-parse", "--short", "HEAD") or "unknown"
    return revision + (" + uncommitted changes" if git("status", "--porcelain") else "")


# Sections -------------------------------------------------------------------------------------


def section_cold(bench: Bench) -> list[str]:
    """1. Whole-process cold builds of the NATO brief: median wall time, peak memory."""
    runs = [build(bench, [bench.nato], bench.work / "cold" / "x.pdf") for _ in range(bench.runs)]
    reported = statistics.median(only_result(run, bench).seconds for run in runs)
    walls = [run.seconds for run in runs]
    bench.cold_seconds = statistics.median(walls)
    bench.cold_pages = only_result(runs[0], bench).pages
    return table(
        ["measure", "value"],
        [
            ["runs", str(bench.runs)],
            ["median wall time", secs(bench.cold_seconds)],
            ["fastest / slowest", f"{secs(min(walls))} / {secs(max(walls))}"],
            ["median time the build reports", secs(reported)],
            ["peak memory (max RSS, worst run)", f"{max(r.max_rss_mb for r in runs):.0f} MB"],
            ["pages", str(bench.cold_pages)],
        ],
    )


def section_stages(bench: Bench) -> list[str]:
    """2. Where the time goes: interpreter start, imports and each stage, in fresh processes.

    Each of the runs times every stage in one fresh process; the table shows the medians.
    """
    start = statistics.median(python(bench, "-c", "pass").seconds for _ in range(bench.runs))
    runs = [python(bench, "-c", STAGES_CODE, bench.project, bench.nato) for _ in range(bench.runs)]
    samples = [[float(value) for value in json.loads(run.stdout)] for run in runs]
    steps = [statistics.median(column) for column in zip(*samples, strict=True)]
    wall = statistics.median(run.seconds for run in runs)
    named = [
        ("interpreter start (python -c pass, median)", start),
        *zip(STAGE_NAMES, steps, strict=True),
    ]
    total = sum(seconds for _, seconds in named)
    rows = [[name, secs(seconds), f"{seconds / total:.0%}"] for name, seconds in named]
    rows.append(["**total** (sum of the medians)", f"**{secs(total)}**", "100%"])
    rows.append(["(the stage process, start to exit, for comparison)", secs(wall), "—"])
    if bench.cold_seconds is not None:
        rest = bench.cold_seconds - total
        rows.append(["cold median - total: CLI, fetcher, writing the file", secs(rest), "—"])
    return table(["stage", "time", "share"], rows)


def section_floor(bench: Bench) -> list[str]:
    """3. Our overhead: cold build against WeasyPrint alone on the HTML our build produced."""
    cold = cold_reference(bench)
    folder = bench.work / "floor"
    build(bench, [bench.nato], folder / "brief.pdf", "--html")
    bench.brief_html = folder / "brief.html"
    if not bench.brief_html.is_file():
        raise BenchError("--html wrote no brief.html beside the PDF")
    base_url = bench.content.resolve().as_uri() + "/"
    floor = statistics.median(
        python(bench, "-c", FLOOR_CODE, bench.brief_html, base_url, folder / "floor.pdf").seconds
        for _ in range(bench.runs)
    )
    return table(
        ["measure", "value", "target"],
        [
            ["floor: WeasyPrint alone, fresh process (median)", secs(floor), ""],
            ["our cold build (median, section 1)", secs(cold), ""],
            ["overhead", secs(cold - floor), ""],
            ["ratio cold ÷ floor", f"{cold / floor:.2f}", target(cold / floor, 1.10)],
        ],
    )


def section_scaling(bench: Bench) -> list[str]:
    """4. Long briefs: seconds per page for x1, x10, x50 and a 1,000-row table."""
    cold = cold_reference(bench)
    if bench.cold_pages is None:
        raise BenchError("no page count from section 1")
    per_page = {1: cold / bench.cold_pages}
    rows = [[f"{NATO} x1 (section 1)", str(bench.cold_pages), secs(cold), "", ""]]
    rows[0][3] = f"{per_page[1] * 1000:.0f} ms"
    for copies in (10, 50):
        if copies == 50 and bench.quick:
            rows.append([f"{NATO} x50", "skipped (--quick)", "", "", ""])
            continue
        log(f"scaling: x{copies}")
        source = repeated_brief(bench, bench.work / f"x{copies}", copies)
        row, per_page[copies] = _scaling_row(bench, f"{NATO} x{copies}", source)
        rows.append(row)
    if bench.quick:
        rows.append(["one 1,000-row table", "skipped (--quick)", "", "", ""])
    else:
        log("scaling: 1,000-row table")
        source = big_table_brief(bench.work / "big", 1000)
        rows.append(_scaling_row(bench, "one 1,000-row table", source)[0])
    lines = table(["brief", "pages", "wall time", "per page", "peak memory"], rows)
    ratios = [["x10 s/page ÷ x1 s/page", f"{per_page[10] / per_page[1]:.2f}", "(info)"]]
    if 50 in per_page:
        ratio = per_page[50] / per_page[1]
        ratios.append(["x50 s/page ÷ x1 s/page", f"{ratio:.2f}", target(ratio, 1.3)])
    return [*lines, "", *table(["ratio", "value", "target"], ratios)]


def _scaling_row(bench: Bench, label: str, source: Path) -> tuple[list[str], float]:
    """Build `source` once; its report row and its seconds per page."""
    run = build(bench, [source], source.with_suffix(".pdf"))
    pages = only_result(run, bench).pages
    per_page = run.seconds / pages
    row = [label, str(pages), secs(run.seconds), f"{per_page * 1000:.0f} ms"]
    return [*row, f"{run.max_rss_mb:.0f} MB"], per_page


def section_rebuilds(bench: Bench) -> list[str]:
    """5. Rebuilds: an unchanged brief built again, and one paragraph edited in watch mode."""
    cold = cold_reference(bench)
    folder = bench.work / "rebuild"
    [source] = copy_brief(bench, folder, ["brief.md"])
    build(bench, [source], folder / "out.pdf", force=False)
    again = build(bench, [source], folder / "out.pdf", force=False).seconds
    rows = [
        ["no-change rebuild", secs(again), ""],
        ["ratio to cold", f"{again / cold:.2f}", target(again / cold, 0.15)],
    ]
    if "--watch" not in bench.options:
        rows.append(["one-paragraph edit in watch mode", "n/a (no --watch yet)", ""])
    else:
        rows += watch_rows(bench, cold)
    return table(["measure", "value", "target"], rows)


def watch_rows(bench: Bench, cold: float) -> list[list[str]]:
    """Time a one-paragraph edit in watch mode; if the watcher misses it, try a subfolder."""
    rows = []
    for number, (placement, output) in enumerate(WATCH_PLACEMENTS):
        folder = bench.work / f"watch-{number}"
        [source] = copy_brief(bench, folder, ["brief.md"])
        label = f"one-paragraph edit in watch mode, {placement}"
        try:
            edit = watch_edit_seconds(bench, source, folder / output)
        except EditMissed as error:
            rows.append([label, f"failed: {error}", "missed" if number == 0 else ""])
            continue
        rows.append([label, secs(edit), ""])
        limit = target(edit / cold, 0.6) if number == 0 else "(info)"
        rows.append(["ratio to cold", f"{edit / cold:.2f}", limit])
        break
    return rows


def watch_edit_seconds(bench: Bench, source: Path, output: Path) -> float:
    """Seconds from appending a sentence to a paragraph until the watcher reports a result
    (the median of `WATCH_EDITS` edits in one watcher)."""
    args = [sys.executable, str(bench.project / "build.py"), "--watch", str(source)]
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            [*args, "-o", str(output)],
            stdout=subprocess.PIPE,
            stderr=err,
            cwd=bench.work,
            env=child_env(bench.work, PYTHONUNBUFFERED="1"),
            text=True,
        )
        lines: queue.Queue[str | None] = queue.Queue()
        reader = threading.Thread(target=_pump, args=(process.stdout, lines), daemon=True)
        reader.start()
        try:
            _next_result(lines, "the first build", FIRST_BUILD_TIMEOUT)
            seconds = []
            for _ in range(WATCH_EDITS):
                time.sleep(1.0)  # let the watcher settle into watching
                append_sentence(source)
                started = time.perf_counter()
                _next_result(lines, "the rebuild after the edit", EDIT_TIMEOUT, EditMissed)
                seconds.append(time.perf_counter() - started)
            return statistics.median(seconds)
        except BenchError as error:
            kind = type(error)
            raise kind(f"{error}; watcher stderr: {_last(_text(err))}") from None
        finally:
            _stop(process)
            reader.join(timeout=5)


def _pump(stream: IO[str], lines: queue.Queue[str | None]) -> None:
    """Move the watcher's stdout lines into `lines`; None at the end."""
    for line in stream:
        lines.put(line)
    lines.put(None)


def _next_result(
    lines: queue.Queue[str | None],
    what: str,
    timeout: float,
    missed: type[BenchError] = BenchError,
) -> None:
    """Wait up to `timeout` seconds for the next result line from the watcher; else `missed`."""
    deadline = time.monotonic() + timeout
    other: list[str] = []
    while True:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            seen = f" (other stdout: {other[-1]!r})" if other else ""
            raise missed(f"no result line for {what} within {timeout:.0f} s{seen}") from None
        if line is None:
            raise BenchError(f"the watcher exited before {what}")
        if RESULT_LINE.match(line.rstrip("\n")):
            return
        other.append(line.rstrip("\n"))


def _stop(process: subprocess.Popen[str]) -> None:
    """End the watcher we started: politely, then by force."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def append_sentence(source: Path) -> None:
    """Append a sentence to the first body paragraph of `source`."""
    front, body = split_front_matter(source.read_text(encoding="utf-8"))
    lines = body.split("\n")
    for index, line in enumerate(lines):
        if line.strip() and not re.match(r"\s*(#|:::|[-*+>|]|\d+\.)", line):
            lines[index] = line.rstrip() + ADDED_SENTENCE
            source.write_text(front + "\n".join(lines), encoding="utf-8")
            return
    raise BenchError(f"no paragraph to edit in {source}")


def section_batch(bench: Bench) -> list[str]:
    """6. Eight copies of the NATO brief in one command, with --jobs 1 and --jobs 2."""
    if "--jobs" not in bench.options:
        return table(["measure", "value", "target"], [["batch of 8", "n/a (no --jobs yet)", ""]])
    names = [f"brief-{n}.md" for n in range(1, 9)]
    sources = copy_brief(bench, bench.work / "batch", names)
    seconds = {}
    for jobs in (1, 2):
        log(f"batch: --jobs {jobs}")
        run = build(bench, sources, None, "--jobs", str(jobs))
        built = len(run.results(bench.work))
        if built != len(sources):
            raise BenchError(f"--jobs {jobs}: {built} result lines for {len(sources)} briefs")
        seconds[jobs] = run.seconds
    ratio = seconds[2] / seconds[1]
    return table(
        ["measure", "value", "target"],
        [
            ["8 briefs, --jobs 1", secs(seconds[1]), ""],
            ["8 briefs, --jobs 2", secs(seconds[2]), ""],
            ["ratio --jobs 2 ÷ --jobs 1", f"{ratio:.2f}", target(ratio, 0.6)],
        ],
    )


def section_profiles(bench: Bench) -> list[str]:
    """7. The size and pages of the brief, handout and email PDFs from `--profile all`."""
    output = bench.work / "profiles" / f"{NATO}.pdf"
    run = build(bench, [bench.nato], output, "--profile", "all")
    pages = {line.path.resolve(): line.pages for line in run.results(bench.work)}
    rows = []
    for profile, suffix in (("brief", ""), ("handout", "-handout"), ("email", "-email")):
        path = output.with_name(f"{NATO}{suffix}.pdf")
        if not path.is_file():
            rows.append([profile, "missing", ""])
            continue
        count = pages.get(path.resolve())
        rows.append([profile, f"{path.stat().st_size / 1024:.1f} KB", str(count or "?")])
    return table(["profile", "size", "pages"], rows)


def section_savings(bench: Bench) -> list[str]:
    """8. PDF size of the brief's HTML under writer options, in this process."""
    from weasyprint import HTML  # imported here: the rest of the benchmark runs it in children

    if bench.brief_html is None:
        raise BenchError("no brief HTML (section 3 failed)")
    html = bench.brief_html.read_text(encoding="utf-8")
    base_url = bench.content.resolve().as_uri() + "/"
    variants: list[tuple[str, dict[str, Any]]] = [
        ("default: tagged, PDF/UA-1, subset fonts, compressed", TAGGED),
        ("uncompressed (uncompressed_pdf=True)", {**TAGGED, "uncompressed_pdf": True}),
        ("full fonts, no subsetting (full_fonts=True)", {**TAGGED, "full_fonts": True}),
        ("untagged (no pdf_tags, no variant)", {}),
    ]
    sizes = {}
    for label, options in variants:
        sizes[label] = len(HTML(string=html, base_url=base_url).render().write_pdf(**options))
    default = sizes[variants[0][0]]
    rows = [
        [label, f"{size / 1024:.1f} KB", f"{(size - default) / 1024:+.1f} KB"]
        for label, size in sizes.items()
    ]
    return table(["writer options", "size", "vs default"], rows)


SECTIONS: tuple[tuple[str, Callable[[Bench], list[str]]], ...] = (
    ("1. Cold build of the NATO brief", section_cold),
    ("2. Where the time goes", section_stages),
    ("3. Our overhead vs the floor", section_floor),
    ("4. Scaling", section_scaling),
    ("5. Rebuilds", section_rebuilds),
    ("6. Batch of 8 briefs", section_batch),
    ("7. PDF size per profile", section_profiles),
    ("8. What the email savings buy", section_savings),
)


# Main -----------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line: --runs N and --quick."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, metavar="N", help="runs per median (default 5; 2 with --quick)"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: 2 runs, no x50 build and no 1,000-row table",
    )
    args = parser.parse_args(argv)
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")
    args.runs = args.runs or (2 if args.quick else 5)
    return args


def emit(lines: Sequence[str]) -> None:
    """Print report lines now, so a long run shows its sections as they finish."""
    print("\n".join(lines), flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run every section; exit 1 when any of them failed."""
    args = parse_args(argv)
    started = time.perf_counter()
    failed = 0
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as scratch:
        try:
            bench = prepare(Path(scratch), args.runs, args.quick)
        except BenchError as error:
            print(f"benchmark set-up failed: {error}", file=sys.stderr)
            return 1
        emit(header(bench))
        for title, section in SECTIONS:
            log(title)
            try:
                lines = section(bench)
            except BenchError as error:
                failed += 1
                lines = [f"**failed**: {error}"]
            emit(["", f"## {title}", "", *lines])
        if bench.notes:
            emit(["", "## Warnings printed by the builds", "", *(f"- `{n}`" for n in bench.notes)])
    finished = f"Benchmark wall time: {secs(time.perf_counter() - started)}"
    emit(["", f"{finished}; load average {os.getloadavg()[0]:.2f} at the end."])
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
