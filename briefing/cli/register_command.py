"""`briefing register merge A.csv B.csv -o all.csv`: the registers of shards joined into one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.distribution.register import merge_registers, write_register
from briefing.errors import BriefingError


def register_command(argv: list[str]) -> int:
    """`briefing register merge A.csv B.csv -o all.csv`: join the registers of shards."""
    parser = argparse.ArgumentParser(
        prog="briefing register", description="Work with distribution registers."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    merge = commands.add_parser("merge", help="Join the registers of shards into one.")
    merge.add_argument("registers", nargs="+", type=Path, metavar="REGISTER")
    merge.add_argument(
        "-o", "--output", type=Path, required=True, metavar="PATH", help="The merged register."
    )
    args = parser.parse_args(argv)
    try:
        entries = merge_registers(args.registers)
        write_register(args.output, entries)
    except BriefingError as error:
        print(error, file=sys.stderr)
        return 1
    copies = len({entry.copy for entry in entries})
    print(f"{args.output}  {copies} copies  {len(entries)} files")
    return 0
