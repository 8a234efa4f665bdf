"""Benchmark the briefing build against raw WeasyPrint and its peers; Markdown and JSON out.

    python benchmarks/run.py                    # the full run, about three minutes on two cores
    python benchmarks/run.py --quick            # a smoke run: two runs each, no long builds
    python benchmarks/run.py --runs 9           # more runs for the medians
    python benchmarks/run.py --from-json FILE   # the tables of a saved run, measuring nothing
    python benchmarks/run.py --only copies      # some sections only (keys: speed, size, …)
    python benchmarks/run.py --from-json benchmarks/results.json --readme
                                                # the README's tables made again from the JSON

Every figure is measured in this run, each in fresh processes. The project (build.py,
briefing/, briefing.toml, content/) is copied into a temporary folder first and every build
runs from that snapshot, so edits made meanwhile do not mix into the figures; the snapshot is
compiled and built once before anything is timed. Progress goes to stderr, the Markdown
tables to stdout, the figures as JSON to --json. Pandoc and Typst rows need those tools
(see the README's Performance section); without them the rows say so.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from bench import peers
from bench.briefs import snapshot
from bench.machine import finish, machine
from bench.processes import Bench, BenchError, build, log, python
from bench.report import Report, Row, Section, markdown, read_json, write_json
from bench.sections_charts import section_charts
from bench.sections_editions import section_editions
from bench.sections_long_running import section_copies, section_watch_memory
from bench.sections_math import section_math
from bench.sections_rebuild import section_batch, section_rebuilds
from bench.sections_scale import section_memory, section_scale
from bench.sections_size import section_size
from bench.sections_speed import section_speed, section_stages

REPOSITORY = Path(__file__).resolve().parent.parent
"""The project root: the folder holding build.py."""

DEFAULT_JSON = REPOSITORY / "benchmarks" / "results.json"
"""Where the figures go unless --json says otherwise: the run the README's table shows."""

README = REPOSITORY / "README.md"
README_START, README_END = "<!-- benchmark tables: start -->", "<!-- benchmark tables: end -->"
"""The README's generated tables lie between these lines (`--readme` writes them)."""

SECTIONS: tuple[tuple[str, str, Callable[[Bench], list[Row]]], ...] = (
    ("speed", "1. Cold build of the NATO brief against raw WeasyPrint and peers", section_speed),
    ("stages", "2. Where a cold build's time goes", section_stages),
    ("size", "3. PDF size per profile against the peers", section_size),
    ("rebuild", "4. Rebuilds", section_rebuilds),
    ("scale", "5. Long briefs", section_scale),
    ("batch", "6. A batch of 8 briefs", section_batch),
    ("watch", "7. A watcher's memory over many rebuilds", section_watch_memory),
    ("copies", "8. Numbered copies for 500 recipients", section_copies),
    ("math", "9. Math drawn as vector graphics (Pandoc, Quarto)", section_math),
    ("editions", "10. Editions: sources and the redline", section_editions),
    ("charts", "11. Charts against tables of the same numbers", section_charts),
    ("memory", "12. Peak memory", section_memory),
)
"""Each section's key, title and function, in the order they run (later ones use earlier
figures)."""

HEADLINE = (
    "speed.cold",
    "speed.weasyprint",
    "speed.pandoc",
    "speed.typst",
    "size.email",
    "size.pandoc",
    "size.typst",
    "rebuild.warm_edit",
    "scale.x50",
    "memory.cold",
    "math.formula",
    "editions.diff",
    "editions.sources",
)
"""The rows repeated in the first table: the targets of issue 14 and the peers."""


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--runs", type=int, metavar="N", help="runs per median (default 5; 2 with --quick)"
    )
    parser.add_argument("--quick", action="store_true", help="smoke run: 2 runs, no long builds")
    parser.add_argument(
        "--json",
        type=Path,
        default=DEFAULT_JSON,
        metavar="PATH",
        help="write the figures here (default: benchmarks/results.json)",
    )
    parser.add_argument(
        "--from-json",
        type=Path,
        metavar="PATH",
        help="print the tables of a saved run and measure nothing",
    )
    parser.add_argument(
        "--only",
        metavar="KEYS",
        help="run only these sections, comma-separated ("
        + ", ".join(k for k, *_ in SECTIONS)
        + ")",
    )
    parser.add_argument(
        "--readme", action="store_true", help="write the tables into README.md as well"
    )
    args = parser.parse_args(argv)
    known = {key for key, *_ in SECTIONS}
    args.only = set(args.only.split(",")) if args.only else known
    if args.only - known:
        parser.error(f"--only: unknown sections {', '.join(sorted(args.only - known))}")
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")
    args.runs = args.runs or (2 if args.quick else 5)
    return args


def prepare(scratch: Path, runs: int, quick: bool) -> Bench:
    """Snapshot the project, compile it and build once (byte code, font caches)."""
    work = scratch / "work"
    work.mkdir()
    bench = Bench(snapshot(REPOSITORY, scratch / "project"), work, runs, quick)
    log("warm-up: compile the snapshot, build once")
    python(bench, "-m", "compileall", "-q", bench.project / "briefing")
    build(bench, [bench.nato], work / "warm-up" / "brief.pdf")
    return bench


def run_section(
    bench: Bench, key: str, title: str, section: Callable[[Bench], list[Row]]
) -> Section:
    """Run one section; whatever fails in it becomes a row saying why."""
    log(title)
    try:
        rows = section(bench)
    except BenchError as error:
        rows = [Row(f"{key}.failed", "(this section)", note=f"failed: {error}")]
    except Exception as error:  # a bug in one section must not cost the others
        traceback.print_exc()
        rows = [Row(f"{key}.failed", "(this section)", note=f"failed: {error!r}")]
    for row in rows:
        shown = row.note if row.value is None else f"{row.value:.4g} {row.unit}"
        log(f"  {row.label}: {shown}")
    return Section(key, title, rows)


def measure(args: argparse.Namespace) -> Report:
    """Run every section in a scratch folder; the report."""
    started = time.perf_counter()
    tools = {"Pandoc": peers.pandoc().version, "Typst": peers.typst().version}
    facts = machine(REPOSITORY, args.runs, args.quick, tools)
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as scratch:
        bench = prepare(Path(scratch), args.runs, args.quick)
        chosen = [section for section in SECTIONS if section[0] in args.only]
        sections = [run_section(bench, *section) for section in chosen]
        notes = [note.replace(f"{scratch}/", "") for note in bench.notes]
    return Report(finish(facts, time.perf_counter() - started), sections, notes)


def main(argv: Sequence[str] | None = None) -> int:
    """Measure (or read a saved run), print the tables; 1 when a row failed."""
    args = parse_args(argv)
    if args.from_json:
        report = read_json(args.from_json)
    else:
        try:
            report = measure(args)
        except BenchError as error:
            print(f"benchmark set-up failed: {error}", file=sys.stderr)
            return 1
        write_json(report, args.json)
        log(f"figures written to {args.json}")
    tables = markdown(report, HEADLINE)
    if args.readme:
        write_readme_tables(README, tables)
        log(f"tables written into {README}")
    print(tables, end="", flush=True)
    failed = [row for row in report.rows().values() if row.note.startswith("failed")]
    return 1 if failed else 0


def write_readme_tables(readme: Path, tables: str) -> None:
    """Put `tables` between the README's markers, replacing what was there."""
    text = readme.read_text(encoding="utf-8")
    before, start, rest = text.partition(README_START + "\n")
    _, end, after = rest.partition(README_END)
    if not start or not end:
        raise SystemExit(f"{readme}: no {README_START} … {README_END} lines to write between")
    readme.write_text(before + start + "\n" + tables + "\n" + end + after, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
