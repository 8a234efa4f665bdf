"""Command line: `python build.py [SOURCE ...] [-o OUT]`; exit 0 ok, 1 build error, 2 usage."""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
from contextlib import nullcontext, suppress
from pathlib import Path
from typing import NoReturn

from briefing.cli.arguments import make_parser
from briefing.cli.editions_commands import diff_arguments, sources_command
from briefing.cli.new_project import init_command, new_command
from briefing.cli.register_command import register_command
from briefing.cli.requests import build_request, check_changes_since, wants_copies
from briefing.cli.verify_command import verify_command
from briefing.distribution.recipients import Shard
from briefing.errors import BriefingError
from briefing.project import find_project
from briefing.runner.batch import run_jobs
from briefing.runner.job import Outcome, collection_paused, error_lines, split_by_profile
from briefing.runner.progress import Progress
from briefing.runner.requests import make_jobs
from briefing.runner.stdlib_adapter import run_exit_handlers
from briefing.runner.stopping import Terminated, stop_signals_handled


def run() -> NoReturn:
    """The `briefing` command: `main()`, then end the process at once.

    By the time `main()` returns, every output is written, fsync'd and closed. What is left
    is the interpreter's shutdown, which spends 0.1-0.2 s freeing the laid-out documents
    object by object and collecting garbage nobody will use: exit handlers still run (a
    process pool's, a temporary folder's), the streams are flushed, and the rest is skipped.
    """
    code = main(process_ends=True)
    gc.disable()
    run_exit_handlers()
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError):  # a closed pipe (`briefing | head`) has nothing left to take
            stream.flush()
    os._exit(code)


def main(argv: list[str] | None = None, process_ends: bool = False) -> int:
    """Run the command line; return the exit code. `process_ends`: the process ends right
    after (`run`), so a one-off build's garbage is never collected at all."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] in (["new"], ["init"]):
        return (new_command if argv[0] == "new" else init_command)(argv[1:])
    if argv[:1] == ["register"]:
        return register_command(argv[1:])
    if argv[:1] == ["sources"]:
        return sources_command(argv[1:])
    if argv[:1] == ["diff"]:  # the new brief, built with the changes since OLD marked
        argv = diff_arguments(argv[1:])
    if argv[:1] == ["verify"]:
        return verify_command(argv[1:])
    if argv[:1] == ["preview"]:
        argv = ["--watch", "--serve", *argv[1:]]
    parser = make_parser()
    args = parser.parse_args(argv)
    if args.output and len(args.sources) != 1:
        parser.error("-o/--output needs exactly one SOURCE")
    if args.port is not None and not args.serve:
        parser.error("--port needs --serve (or: briefing preview SOURCE)")
    args.watch = args.watch or args.serve
    return _run(args, process_ends)


def _run(args: argparse.Namespace, process_ends: bool = False) -> int:
    """Build what `args` asks for; Ctrl-C or SIGTERM stop it with one line (exit 130, 143).

    The process is left as it was found: the garbage collector and the signal handlers are
    restored, unless the process ends right after (`process_ends`).
    """
    # A one-off command builds without the collector's sweeps; a watcher pauses them for
    # each rebuild and collects after it (`watch.rebuild`). Turning the collector back on
    # after a build sweeps everything the build made (~60 ms): a process about to end skips it.
    collection = nullcontext() if args.watch else collection_paused()
    if process_ends and not args.watch:
        gc.disable()
    try:
        with stop_signals_handled(), collection:
            return _build(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr, flush=True)
        return 128 + signal.SIGINT
    except Terminated as stop:
        print("terminated", file=sys.stderr, flush=True)
        return stop.code if isinstance(stop.code, int) else 128 + signal.SIGTERM


def _build(args: argparse.Namespace) -> int:
    """Build what `args` asks for; report each result or error as one line."""
    distribution = None
    try:
        jobs = make_jobs(build_request(args), find_project(Path.cwd()))
        if args.changes_since:
            check_changes_since(args, jobs)
        every_edition = jobs
        if wants_copies(args):  # every recipient checked before any build
            from briefing.distribution import run  # deferred: pypdf, the stamps' renderer

            shard = args.shard or Shard()
            options = (args.print_job, args.force, args.encrypt)
            distribution, every_edition = run.prepare_distribution(
                args.recipients, shard, options, jobs
            )
    except BriefingError as error:
        _report(error)
        return 1
    shown: set[str] = set()  # a brief split into jobs by profile warns once, not per job
    with Progress(len(jobs)) as progress:

        def emit(outcome: Outcome) -> None:
            progress.advance()
            progress.clear()
            for warning in outcome.warnings:
                if warning not in shown:
                    shown.add(warning)
                    print(warning, file=sys.stderr, flush=True)
            for line in outcome.lines:
                print(line, flush=True)
            if outcome.error:
                print(outcome.error, file=sys.stderr, flush=True)

        if args.serve:
            from briefing.preview.server import serve  # deferred: pypdfium2, a web server

            try:
                return serve(jobs, emit, args.port, debug=args.debug)
            except BriefingError as error:
                _report(error)
                return 1
        if args.watch:
            from briefing.runner.watch import (
                watch,  # deferred: a one-off build needs no file watching
            )

            return watch(jobs, emit, debug=args.debug)
        workers = args.jobs or os.cpu_count() or 1
        built = jobs
        if distribution:  # each edition the recipients are given is built once
            jobs = every_edition
        if workers > 1:
            jobs = split_by_profile(jobs)
        failures = run_jobs(jobs, workers, emit, force=args.force, debug=args.debug)
    if distribution and not failures:
        failures = run.distribute_all(built, distribution)
    return 1 if failures else 0


def _report(error: BriefingError) -> None:
    """Print the error on stderr, a line for each problem it holds."""
    print(error_lines(error), file=sys.stderr, flush=True)
