"""The parsed command line as plain settings: the build request, and the copies it asks for."""

from __future__ import annotations

import argparse

from briefing.errors import ConfigError
from briefing.runner.requests import BuildRequest


def build_request(args: argparse.Namespace) -> BuildRequest:
    """What `args` asks to build, as a `BuildRequest` that every other layer takes."""
    return BuildRequest(
        sources=tuple(args.sources),
        output=args.output,
        build_dir=args.build_dir,
        profiles=_profiles(args),
        paper=args.paper,
        marks=args.marks,
        pdf_variant=args.pdf_variant,
        write_html=args.html,
        strict=args.strict,
        final=args.final,
        allow_remote=args.allow_remote,
        trust_html=args.trust_html,
        assets=tuple(args.assets),
        brand=args.brand,
        edition=args.edition,
    )


def wants_copies(args: argparse.Namespace) -> bool:
    """Whether `args` asks for numbered copies; refuse copy options that cannot apply."""
    if args.recipients is None:
        if args.print_job or args.shard:
            raise ConfigError("--print-job and --shard need --recipients FILE")
        return False
    if args.watch:
        raise ConfigError("--recipients cannot be combined with --watch: build, then distribute")
    return True


def _profiles(args: argparse.Namespace) -> tuple[str, ...]:
    """Profiles named on the command line; `--eml` adds the email profile."""
    names = list(args.profile or [])
    if args.eml:
        names = [*(names or ["brief"]), "email"]
    if args.print_job and args.recipients:  # the print job is made of handout copies
        names = [*(names or ["brief"]), "handout"]
    return tuple(dict.fromkeys(names))
