"""Command line: `python build.py [SOURCE ...] [-o OUT]`; exit 0 ok, 1 build error, 2 usage."""

from __future__ import annotations

import argparse
import gc
import os
import re
import signal
import sys
import threading
from pathlib import Path

from . import __version__
from .batch import Job, Outcome, error_lines, run_jobs, split_by_profile
from .config import Config, default_cache_dir, load_config
from .errors import BriefingError, BuildProblems, ConfigError, display_path
from .output import check_output_path, output_for
from .profiles import PDF_VARIANTS, PROFILES
from .progress import Progress
from .project import Project, find_project
from .watch import watch
from .workers import Terminated, raise_terminated


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Build Markdown briefings with YAML front matter into print-ready PDFs. "
        'Start a new one with: briefing new "Title".',
    )
    parser.add_argument(
        "sources",
        nargs="*",
        type=Path,
        metavar="SOURCE",
        help="Markdown briefings to build (default: every content/*.md).",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=_output_file,
        metavar="PATH",
        help="Output PDF path, with one SOURCE (default: build/<name>.pdf).",
    )
    parser.add_argument(
        "-d",
        "--build-dir",
        type=Path,
        metavar="DIR",
        help="Folder for the outputs when -o is not given (default: the project's build/).",
    )
    _add_output_options(parser.add_argument_group("outputs"))
    _add_safety_options(parser.add_argument_group("safety and checks"))
    _add_run_options(parser.add_argument_group("running"))
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    return parser


def _add_output_options(group: argparse._ArgumentGroup) -> None:
    group.add_argument(
        "--profile",
        action="append",
        choices=[*PROFILES, "all"],
        help="Output to build, repeatable: brief (screen), handout (paper), email, "
        "or all (default: the brief's front matter 'profiles', else brief).",
    )
    group.add_argument(
        "--paper",
        choices=["a4", "letter"],
        help="Paper size for every profile (default: front matter 'paper', else a4).",
    )
    group.add_argument(
        "--marks",
        action="store_true",
        help="Add crop marks and a 3 mm bleed for a print shop (default: off).",
    )
    group.add_argument(
        "--eml",
        action="store_true",
        help="Also build the email profile and its draft build/<name>.eml.",
    )
    group.add_argument(
        "--pdf-variant",
        choices=sorted(PDF_VARIANTS),
        metavar="VARIANT",
        help="A WeasyPrint PDF variant such as pdf/a-3b (default: pdf/ua-1).",
    )
    group.add_argument(
        "--html",
        action="store_true",
        help="Also write the exact HTML that WeasyPrint renders beside each PDF.",
    )
    group.add_argument(
        "--brand",
        type=_brand_name,
        metavar="NAME",
        help="House style from brands/NAME.yml (default: front matter 'brand', else the "
        "project's _brand.yml if it has one).",
    )


def _add_safety_options(group: argparse._ArgumentGroup) -> None:
    group.add_argument(
        "--strict", action="store_true", help="Treat every warning as an error (default: off)."
    )
    group.add_argument(
        "--final",
        action="store_true",
        help="Refuse to build while a claim is marked unverified; name each one.",
    )
    group.add_argument(
        "--assets",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="Another folder briefs may load files from, repeatable (default: the "
        "project's assets/ if it exists, besides each brief's own folder).",
    )
    group.add_argument(
        "--allow-remote",
        action="store_true",
        help="Fetch http(s) images and stylesheets (default: never the network).",
    )
    group.add_argument(
        "--trust-html",
        action="store_true",
        help="Keep raw HTML in Markdown as written (default: sanitise it).",
    )


def _add_run_options(group: argparse._ArgumentGroup) -> None:
    group.add_argument(
        "--force",
        action="store_true",
        help="Rebuild even when nothing changed since the last build.",
    )
    group.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        metavar="N",
        help="Build up to N briefs or profiles at once (default: CPU cores).",
    )
    group.add_argument(
        "--watch",
        action="store_true",
        help="Stay running; rebuild when a brief, data, template or style changes.",
    )
    group.add_argument(
        "--debug", action="store_true", help="Show the full traceback when something fails."
    )


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] in (["new"], ["init"]):
        from .start import init_command, new_command  # deferred: builds need none of it

        return (new_command if argv[0] == "new" else init_command)(argv[1:])
    parser = _parser()
    args = parser.parse_args(argv)
    if args.output and len(args.sources) != 1:
        parser.error("-o/--output needs exactly one SOURCE")
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    """Build what `args` asks for; Ctrl-C or SIGTERM stop it with one line (exit 130, 143).

    The process is left as it was found: GC thresholds and the SIGTERM handler are restored.
    """
    thresholds = gc.get_threshold()
    # Layout allocates millions of short-lived objects; collecting young objects less often
    # makes a build ~5% faster for a few MB more memory.
    gc.set_threshold(20_000, 50, 100)
    handles_signals = threading.current_thread() is threading.main_thread()
    if handles_signals:
        on_terminate = signal.signal(signal.SIGTERM, raise_terminated)
    try:
        return _build(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr, flush=True)
        return 128 + signal.SIGINT
    except Terminated as stop:
        print("terminated", file=sys.stderr, flush=True)
        return stop.code if isinstance(stop.code, int) else 128 + signal.SIGTERM
    finally:
        if handles_signals:
            signal.signal(signal.SIGTERM, on_terminate)
        gc.set_threshold(*thresholds)


def _build(args: argparse.Namespace) -> int:
    """Build what `args` asks for; report each result or error as one line."""
    try:
        project = find_project(Path.cwd())
        config = load_config(
            Config(
                template_dirs=project.template_dirs,
                style_dirs=project.style_dirs,
                defaults=project.defaults,
                cache_dir=default_cache_dir(project.cache_dir),
                write_html=args.html,
                strict=args.strict,
                allow_remote=args.allow_remote,
                trust_html=args.trust_html,
                profiles=_profiles(args),
                paper=args.paper,
                marks=args.marks,
                pdf_variant=args.pdf_variant,
                final=args.final,
                asset_dirs=_asset_dirs(args.assets, project),
                source_date_epoch=_source_date_epoch(),
                project_root=project.root,
                brand=args.brand,
            )
        )
        jobs = [
            Job(source, output, config)
            for source, output in _jobs(
                args.sources, args.output, args.build_dir or project.build_dir, project
            )
        ]
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

        if args.watch:
            return watch(jobs, emit, debug=args.debug)
        workers = args.jobs or os.cpu_count() or 1
        if workers > 1:
            jobs = split_by_profile(jobs)
        failures = run_jobs(jobs, workers, emit, force=args.force, debug=args.debug)
    return 1 if failures else 0


def _profiles(args: argparse.Namespace) -> tuple[str, ...]:
    """Profiles named on the command line; `--eml` adds the email profile."""
    names = list(args.profile or [])
    if args.eml:
        names = [*(names or ["brief"]), "email"]
    return tuple(dict.fromkeys(names))


def _report(error: BriefingError) -> None:
    """Print the error on stderr, a line for each problem it holds."""
    print(error_lines(error), file=sys.stderr, flush=True)


def _jobs(
    sources: list[Path], output: Path | None, build_dir: Path, project: Project
) -> list[tuple[Path, Path]]:
    """Pair each source with its output path (no SOURCE: every brief in the project)."""
    if not sources:
        sources = sorted(project.content_dir.glob("*.md"))
        if not sources:
            raise ConfigError(
                f"no briefings found: {display_path(project.content_dir)} has no *.md files; "
                'start one with: briefing new "Title"'
            )
    pairs = (
        [(sources[0], output)]
        if output is not None
        else [(source, build_dir / f"{source.stem}.pdf") for source in sources]
    )
    _check_outputs(pairs)
    return pairs


def _check_outputs(pairs: list[tuple[Path, Path]]) -> None:
    """Refuse outputs that would overwrite a source, a folder or a device, or each other."""
    problems: list[BriefingError] = []
    sources = {source.resolve() for source, _ in pairs}
    claimed: dict[Path, Path] = {}
    for source, output in pairs:
        resolved = output.resolve()
        if clash := sources & _every_output(resolved):
            problems.append(
                ConfigError(
                    f"output {display_path(output)} would overwrite the source "
                    f"{display_path(next(iter(clash)))}: choose another -o path"
                )
            )
        elif reason := check_output_path(output):
            problems.append(ConfigError(f"output {display_path(output)} {reason}"))
        elif resolved in claimed:
            problems.append(
                ConfigError(
                    f"{display_path(claimed[resolved])} and {display_path(source)} would both "
                    f"be built into {display_path(output)}: rename one, or build them apart"
                )
            )
        claimed.setdefault(resolved, source)
    if problems:
        raise problems[0] if len(problems) == 1 else BuildProblems(problems)


def _every_output(output: Path) -> set[Path]:
    """Every file a build into `output` may write: each profile's PDF, its HTML, the draft."""
    pdfs = {output_for(output, profile.suffix) for profile in PROFILES.values()}
    return {output, *pdfs, *(pdf.with_suffix(".html") for pdf in pdfs), output.with_suffix(".eml")}


def _asset_dirs(folders: list[Path], project: Project) -> tuple[Path, ...]:
    """The declared asset folders, resolved; the project's assets/ comes along if it exists."""
    default = project.assets_dir
    return tuple(
        dict.fromkeys(
            [folder.resolve() for folder in folders] + ([default] if default.is_dir() else [])
        )
    )


def _output_file(value: str) -> Path:
    if value.endswith(("/", os.sep)):
        raise argparse.ArgumentTypeError(
            f"{value!r} names a folder: give a file name, or -d DIR to build into a folder"
        )
    return Path(value)


def _brand_name(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", value):
        raise argparse.ArgumentTypeError(f"must be a brand name (a-z, 0-9, - and _), got {value!r}")
    return value


def _positive(value: str) -> int:
    number = int(value) if value.isdigit() else 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, got {value!r}")
    return number


def _source_date_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None:
        return None
    if not value.isdigit() or int(value) > 253_402_300_799:  # 9999-12-31T23:59:59Z
        raise ConfigError(
            f"SOURCE_DATE_EPOCH must be whole seconds since 1970 (before year 10000), got {value!r}"
        )
    return int(value)
