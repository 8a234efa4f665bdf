"""From the command line's arguments and the project to the build's config and jobs."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from briefing.config import Config, default_cache_dir, load_config
from briefing.errors import BriefingError, BuildProblems, ConfigError, display_path
from briefing.output import check_output_path, every_output
from briefing.project import Project
from briefing.runner.batch import Job


def make_jobs(args: argparse.Namespace, project: Project) -> list[Job]:
    """The config (checked) and one job per source that `args` asks for in `project`."""
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
    pairs = _jobs(args.sources, args.output, args.build_dir or project.build_dir, project)
    return [Job(source, output, config) for source, output in pairs]


def _profiles(args: argparse.Namespace) -> tuple[str, ...]:
    """Profiles named on the command line; `--eml` adds the email profile."""
    names = list(args.profile or [])
    if args.eml:
        names = [*(names or ["brief"]), "email"]
    if args.print_job and args.recipients:  # the print job is made of handout copies
        names = [*(names or ["brief"]), "handout"]
    return tuple(dict.fromkeys(names))


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
        if clash := sources & every_output(resolved):
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


def _asset_dirs(folders: list[Path], project: Project) -> tuple[Path, ...]:
    """The declared asset folders, resolved; the project's assets/ comes along if it exists."""
    default = project.assets_dir
    return tuple(
        dict.fromkeys(
            [folder.resolve() for folder in folders] + ([default] if default.is_dir() else [])
        )
    )


def _source_date_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None:
        return None
    if not value.isdigit() or int(value) > 253_402_300_799:  # 9999-12-31T23:59:59Z
        raise ConfigError(
            f"SOURCE_DATE_EPOCH must be whole seconds since 1970 (before year 10000), got {value!r}"
        )
    return int(value)
