"""The command line's arguments: one parser, its groups, and the checks of single values."""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from briefing import __version__
from briefing.distribution.recipients import Shard, parse_shard
from briefing.profiles import PDF_VARIANTS, PROFILES
from briefing.read.editions.sections import EDITION_NAME


def make_parser() -> argparse.ArgumentParser:
    """The parser of `briefing [SOURCE ...] [-o OUT] [options]`."""
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
    _add_distribution_options(parser.add_argument_group("numbered copies"))
    _add_sealing_options(parser.add_argument_group("signatures and encryption"))
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
        "--no-sources",
        action="store_true",
        help="Leave the brief's sources and manifest out of each PDF (default: embedded).",
    )
    group.add_argument(
        "--changes-since",
        metavar="OLD",
        help="Add a 'What changed' page after the cover, against OLD: a PDF briefing built, "
        "the old Markdown, or git:REF (default: none).",
    )
    group.add_argument(
        "--redline",
        action="store_true",
        help="With --changes-since: mark the changes in the text too, as briefing diff does.",
    )
    group.add_argument(
        "--edition",
        type=_edition_name,
        metavar="NAME",
        help="Build this edition: audience sections for other editions are removed, and the "
        "PDF is build/<name>-NAME.pdf (default: every section, build/<name>.pdf).",
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
        "--serve",
        action="store_true",
        help="Watch, and show the pages, warnings and claims on a web page on 127.0.0.1 that "
        "refreshes after each build (briefing preview SOURCE does the same; default: off).",
    )
    group.add_argument(
        "--port",
        type=_port,
        metavar="N",
        help="Port of the --serve page on 127.0.0.1; 0 picks a free one (default: 8642).",
    )
    group.add_argument(
        "--debug", action="store_true", help="Show the full traceback when something fails."
    )


def _add_distribution_options(group: argparse._ArgumentGroup) -> None:
    group.add_argument(
        "--recipients",
        type=Path,
        metavar="FILE",
        help="Also make a numbered, stamped copy per recipient in this CSV or YAML list "
        "(name, optional email, organisation, copy) under build/<name>/copies/ (default: none).",
    )
    group.add_argument(
        "--print-job",
        action="store_true",
        help="With --recipients, also build the handout and one PDF of all its copies, each "
        "starting on a right-hand page (default: off).",
    )
    group.add_argument(
        "--shard",
        type=_shard,
        metavar="K/N",
        help="With --recipients, make only copies K, K+N, K+2N… (default: 1/1, every copy).",
    )


def _add_sealing_options(group: argparse._ArgumentGroup) -> None:
    group.add_argument(
        "--sign",
        type=Path,
        metavar="CERT.p12",
        help="Sign every PDF written (PAdES) with this PKCS#12 key and certificate; its "
        "password comes from BRIEFING_SIGN_PASSWORD or a prompt (default: unsigned).",
    )
    group.add_argument(
        "--timestamp",
        metavar="URL",
        help="With --sign and --allow-remote, add a time stamp from this authority "
        "(PAdES B-T; default: none, B-B).",
    )
    group.add_argument(
        "--encrypt",
        action="store_true",
        help="Encrypt every PDF (AES-256): a copy with its recipient's 'password' column, a "
        "single build with BRIEFING_PDF_PASSWORD; printing allowed, changes not (default: off).",
    )


def _shard(value: str) -> Shard:
    try:
        return parse_shard(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


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


def _edition_name(value: str) -> str:
    if not EDITION_NAME.match(value):
        raise argparse.ArgumentTypeError(
            f"must be an edition name (letters, digits, - and _), got {value!r}"
        )
    return value


def _port(value: str) -> int:
    number = int(value) if value.isdigit() else -1
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"must be a port number from 0 to 65535, got {value!r}")
    return number


def _positive(value: str) -> int:
    number = int(value) if value.isdigit() else 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, got {value!r}")
    return number
