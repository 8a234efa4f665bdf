"""`briefing sources FILE.pdf -o DIR`, and `briefing diff OLD NEW -o REDLINE.pdf` as the build
arguments it stands for."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.editions.embedded import read_embedded_sources, write_sources
from briefing.errors import BriefingError, display_path


def sources_command(argv: list[str]) -> int:
    """`briefing sources FILE.pdf -o DIR`: write the sources a PDF carries into DIR."""
    parser = argparse.ArgumentParser(
        prog="briefing sources",
        description="Write the sources a PDF built by briefing carries (its Markdown, data, "
        "bibliography and manifest) into a folder, byte for byte.",
    )
    parser.add_argument("pdf", type=Path, metavar="FILE.pdf", help="A PDF built by briefing.")
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="DIR", help="The folder to write to."
    )
    args = parser.parse_args(argv)
    try:
        sources = read_embedded_sources(args.pdf)
        written = write_sources(sources, args.output)
    except BriefingError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{display_path(args.output)}  {len(written)} files")
    return 0


def diff_arguments(argv: list[str]) -> list[str]:
    """`briefing diff OLD NEW -o REDLINE.pdf [options]` as the build's own arguments: NEW
    built with `--changes-since OLD --redline` (any other build option passed on)."""
    parser = argparse.ArgumentParser(
        prog="briefing diff",
        description="Build NEW as a redline against OLD: inserted words underlined with a bar "
        "in the margin, deleted words struck through in place, and a 'What changed' page "
        "after the cover. Other build options (--profile handout…) apply.",
    )
    parser.add_argument(
        "old",
        metavar="OLD",
        help="The old edition: a PDF built by briefing, the old Markdown file, or git:REF.",
    )
    parser.add_argument("new", metavar="NEW", help="The brief's Markdown source.")
    parser.add_argument("-o", "--output", required=True, metavar="PATH", help="The redline PDF.")
    args, rest = parser.parse_known_args(argv)
    return [args.new, "-o", args.output, "--changes-since", args.old, "--redline", *rest]
