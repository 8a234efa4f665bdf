"""The parsed command line as plain settings: the build request, and the copies it asks for."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from briefing.errors import ConfigError
from briefing.runner.job import Job
from briefing.runner.requests import BuildRequest, Sealing

SIGN_PASSWORD = "BRIEFING_SIGN_PASSWORD"
"""The environment variable holding the signing certificate's password."""
PDF_PASSWORD = "BRIEFING_PDF_PASSWORD"
"""The environment variable holding the open password of a single encrypted build."""


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
        embed_sources=not args.no_sources,
        changes_since=args.changes_since,
        redline=args.redline,
        edition=args.edition,
        sealing=_sealing(args),
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


def check_changes_since(args: argparse.Namespace, jobs: list[Job]) -> None:
    """`--changes-since` builds once, each brief against its old edition: refuse what cannot
    go with it, and a PDF or Markdown OLD for several briefs."""
    if args.watch or args.recipients:
        raise ConfigError("--changes-since cannot be combined with --watch or --recipients")
    if args.redline and not args.changes_since:
        raise ConfigError("--redline needs --changes-since OLD (or: briefing diff OLD NEW)")
    if len(jobs) > 1 and not args.changes_since.startswith("git:"):
        raise ConfigError(
            f"--changes-since {args.changes_since}: a PDF or Markdown file is the old edition "
            "of one brief: give one SOURCE, or git:REF"
        )


def _sealing(args: argparse.Namespace) -> Sealing:
    """What `--sign`, `--timestamp` and `--encrypt` ask for, with the passwords, which come
    from the environment or a prompt and never from an argument (others can read those).
    With `--recipients`, each copy is encrypted with its own password, not the brief itself."""
    if args.encrypt and args.html:
        raise ConfigError("--html writes the brief's text unencrypted beside the encrypted PDF")
    encrypt_brief = args.encrypt and args.recipients is None
    open_password = os.environ.get(PDF_PASSWORD, "") if encrypt_brief else ""
    if encrypt_brief and not open_password:
        raise ConfigError(
            f"--encrypt needs the password that will open the PDF in {PDF_PASSWORD} "
            "(or --recipients FILE with a 'password' column)"
        )
    password = b""
    if args.sign is not None:
        password = _sign_password(args.sign)
    return Sealing(args.sign, password, args.timestamp, encrypt_brief, open_password)


def _sign_password(certificate: object) -> bytes:
    """The certificate's password: BRIEFING_SIGN_PASSWORD, else typed at a terminal."""
    if SIGN_PASSWORD in os.environ:
        return os.environ[SIGN_PASSWORD].encode("utf-8")
    if not sys.stdin.isatty():
        raise ConfigError(f"--sign needs the password of {certificate} in {SIGN_PASSWORD}")
    return getpass.getpass(f"password of {certificate}: ").encode("utf-8")


def _profiles(args: argparse.Namespace) -> tuple[str, ...]:
    """Profiles named on the command line; `--eml` adds the email profile."""
    names = list(args.profile or [])
    if args.eml:
        names = [*(names or ["brief"]), "email"]
    if args.print_job and args.recipients:  # the print job is made of handout copies
        names = [*(names or ["brief"]), "handout"]
    return tuple(dict.fromkeys(names))
