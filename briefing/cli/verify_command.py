"""`briefing verify FILE.pdf [--register REG.csv] [--trust CA.pem]`: who signed a PDF, when,
whether it is intact and trusted, and whether it is the file its register lists."""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path

from briefing.cli.requests import PDF_PASSWORD
from briefing.distribution.register import Entry, read_register
from briefing.errors import BriefingError
from briefing.pdf.signatures import check_signature


def verify_command(argv: list[str]) -> int:
    """Check one signed PDF; exit 0 only when every check asked for holds."""
    parser = argparse.ArgumentParser(
        prog="briefing verify",
        description="Check a signed PDF: signer, signing time, intact, trusted, registered. "
        f"An encrypted PDF is opened with the password in {PDF_PASSWORD}.",
    )
    parser.add_argument("pdf", type=Path, metavar="FILE.pdf", help="The PDF to check.")
    parser.add_argument(
        "--register",
        type=Path,
        metavar="REG.csv",
        help="The distribution register that lists the file (default: not checked).",
    )
    parser.add_argument(
        "--trust",
        type=Path,
        action="append",
        default=[],
        metavar="CA.pem",
        help="An authority whose certificates are trusted, repeatable (default: not checked).",
    )
    args = parser.parse_args(argv)
    try:
        data = args.pdf.read_bytes()
        trust = [path.read_bytes() for path in args.trust]
        entries = read_register(args.register) if args.register else None
    except OSError as error:
        print(f"{error.filename}: cannot read: {error.strerror}", file=sys.stderr)
        return 1
    except BriefingError as error:
        print(error, file=sys.stderr)
        return 1
    check = check_signature(data, trust, os.environ.get(PDF_PASSWORD, ""))
    lines = [f"{args.pdf}"]
    if check.problem:
        lines.append(f"  problem: {check.problem}")
    if check.signed and not check.problem:
        lines += [f"  signer: {check.signer}", f"  signing time: {check.signing_time}"]
    lines.append(f"  intact: {_yes(check.intact)}")
    trusted = "not checked (give --trust CA.pem)" if check.trusted is None else _yes(check.trusted)
    lines.append(f"  trusted: {trusted}")
    registered, said = _registered(args.pdf, data, entries)
    lines.append(f"  register: {said}")
    print("\n".join(lines))
    holds = check.intact and check.trusted is not False and registered is not False
    return 0 if holds else 1


def _registered(path: Path, data: bytes, entries: list[Entry] | None) -> tuple[bool | None, str]:
    """Whether the file is the one its register lists (by its SHA-256), and what to say."""
    if entries is None:
        return None, "not checked (give --register REG.csv)"
    digest = hashlib.sha256(data).hexdigest()
    for entry in entries:
        if entry.sha256 == digest:
            return True, f"matches copy {entry.copy} ({entry.file}, issued to {entry.name})"
    listed = next((entry for entry in entries if entry.file == path.name), None)
    if listed is not None:
        return False, f"differs from copy {listed.copy}: its SHA-256 is not the one registered"
    return False, f"no entry has this file's SHA-256 ({digest[:16]}…)"


def _yes(value: bool) -> str:
    return "yes" if value else "no"
