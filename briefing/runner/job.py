"""One job: a source built with a config in this process, its outcome as printed lines; the
garbage-collector settings a process's builds run with."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from briefing import cache
from briefing.config import Config
from briefing.errors import BriefingError, BuildProblems, display_path
from briefing.profiles import select_profiles

SECONDS = "{seconds}"
"""Stands in a stored result line for the build time, filled in when the line is printed."""


@dataclass(frozen=True)
class Job:
    """One source to build into `output` (and its profile siblings) with `config`."""

    source: Path
    output: Path
    config: Config


MAX_PROBLEMS = 50
"""A failing build lists at most this many problems, then says how many more there were."""


@dataclass(frozen=True)
class Outcome:
    """What a job printed: result lines for stdout, warnings and errors (a line each) for stderr."""

    lines: tuple[str, ...] = ()
    error: str | None = None
    """The error lines of a failed build, joined by newlines; None when it succeeded."""
    unchanged: bool = False
    warnings: tuple[str, ...] = ()
    title: str = ""
    """The brief's title (for the preview)."""
    claims: tuple[str, ...] = ()
    """Each claim still to verify, as `Claim.listed` shows it (for the preview)."""
    pdfs: tuple[Path, ...] = ()
    """The PDFs written, in the order of their profiles."""


def split_by_profile(jobs: list[Job]) -> list[Job]:
    """One job per profile named on the command line, so one brief's profiles build in
    parallel; jobs whose profiles come from front matter stay whole."""
    split = []
    for job in jobs:
        if not job.config.profiles:
            split.append(job)
            continue
        profiles = select_profiles(list(job.config.profiles))
        # `-o X.pdf` names the one profile's PDF; with several, each keeps its suffix.
        named = job.config.output_named and len(profiles) == 1
        for profile in profiles:
            config = replace(job.config, profiles=(profile.name,), output_named=named)
            split.append(replace(job, config=config))
    return split


def check_cache(job: Job) -> Outcome | None:
    """An outcome from the cache when nothing the last build read or wrote has changed."""
    manifest = cache.lookup(job.source, job.output, job.config)
    if manifest is None:
        return None
    lines = (item.line for item in manifest.outputs)
    unchanged = tuple(line.replace(SECONDS, "0.00 s (unchanged)") for line in lines if line)
    pdfs = tuple(Path(item.path) for item in manifest.outputs if item.path.endswith(".pdf"))
    return Outcome(
        unchanged,
        unchanged=True,
        warnings=manifest.summary.warnings,
        title=manifest.summary.title,
        claims=manifest.summary.claims,
        pdfs=pdfs,
    )


def run_job(job: Job, debug: bool = False) -> Outcome:
    """Build one job in this process; every failure becomes one line."""
    from briefing.pipeline.driver import build  # deferred: an up-to-date run reads nothing

    try:
        results = build(job.source, job.output, job.config)
    except BriefingError as error:
        return Outcome(error=error_lines(error))
    except Exception as error:
        if debug:
            raise
        return Outcome(
            error=one_line(
                f"{display_path(job.source)}: internal error: {type(error).__name__}: {error} "
                "(run again with --debug for the traceback)"
            ),
        )
    outputs: list[tuple[Path, str]] = []  # each file written, with its line ("" for none)
    printed: list[str] = []
    warnings = tuple(one_line(warning) for warning in (results[0].warnings if results else ()))
    for result in results:
        pdf = result.pdf
        counts = _counted(len(result.claims), "claim", " to verify") + _counted(
            len(warnings), "warning", ""
        )
        line = f"{display_path(pdf.path)}  {pdf.pages} pages  {pdf.size / 1024:.1f} KB  {SECONDS}"
        outputs.append((pdf.path, line + counts))
        if result.eml:
            size = result.eml.stat().st_size / 1024
            outputs.append((result.eml, f"{display_path(result.eml)}  email draft  {size:.1f} KB"))
        if job.config.write_html:
            outputs.append((pdf.path.with_suffix(".html"), ""))
        printed.append((line + counts).replace(SECONDS, f"{result.seconds:.2f} s"))
    title, claims = (results[0].title, results[0].claims) if results else ("", ())
    if all(result.pdf.cacheable for result in results):
        inputs = {path: digest for result in results for path, digest in result.inputs.items()}
        summary = cache.Summary(warnings, title, claims)
        cache.store(job.source, job.output, job.config, inputs, outputs, summary)
    drafts = [line for path, line in outputs if line and path.suffix == ".eml"]
    pdfs = tuple(result.pdf.path for result in results)
    return Outcome((*printed, *drafts), warnings=warnings, title=title, claims=claims, pdfs=pdfs)


def _counted(count: int, noun: str, rest: str) -> str:
    """`  3 warnings`, `  1 claim to verify`; nothing for none."""
    return f"  {count} {noun}{'s' if count != 1 else ''}{rest}" if count else ""


def error_lines(error: BriefingError) -> str:
    """A failed build's problems, one line each, at most `MAX_PROBLEMS` of them."""
    problems = error.problems if isinstance(error, BuildProblems) else [error]
    found = list(dict.fromkeys(one_line(problem) for problem in problems))  # each once
    lines = found[:MAX_PROBLEMS]
    if len(found) > MAX_PROBLEMS:
        lines.append(f"… and {len(found) - MAX_PROBLEMS} more problems")
    return "\n".join(lines)


@contextmanager
def collection_paused() -> Iterator[None]:
    """Run the block without automatic garbage collection; restore it after.

    Layout makes millions of objects and few cycles (~12 MB a build): the collector's sweeps
    while it runs only slow it down (~0.1 s a build). The cycles are freed before the next
    build (`free_previous_build`), after a rebuild (`watch.rebuild`) or when the process ends.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def free_previous_build() -> None:
    """Before a process's next build: free the cycles the last one left (~12 MB) when
    automatic collection is off (`collection_paused`). They are all young: collecting the
    two young generations frees them in ~25 ms, a full collection in ~65."""
    if not gc.isenabled():
        gc.collect(1)


def one_line(message: object) -> str:
    """`message` on one line, whatever it holds."""
    return " ".join(str(message).split())
