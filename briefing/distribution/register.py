"""The distribution register: one CSV row per file issued, so the office can answer "who got
copy 12"; shards' registers are merged with `briefing register merge`."""

from __future__ import annotations

import csv
import io
from dataclasses import astuple, dataclass
from pathlib import Path

from briefing.errors import BriefingError, BuildProblems, ContentError
from briefing.output import write_atomically

EARLIER_COLUMNS = ("copy", "name", "organisation", "email", "file", "sha256", "date")
"""A register's columns before editions and signatures: still read, and merged."""
COLUMNS = (*EARLIER_COLUMNS, "edition", "signer", "signed", "encrypted")


@dataclass(frozen=True, order=True)
class Entry:
    """One file issued: the copy, its recipient, the file (relative to the register), the
    SHA-256 of its final bytes, the date it was made, its edition, who signed it, and whether
    it is signed and encrypted ("yes"/"no"). Never a password."""

    copy: int
    name: str
    organisation: str
    email: str
    file: str
    sha256: str
    date: str
    edition: str = ""
    signer: str = ""
    signed: str = "no"
    encrypted: str = "no"


def register_bytes(entries: list[Entry]) -> bytes:
    """The register as CSV, sorted by copy and file; cells that a spreadsheet would run as a
    formula (starting with = + - @) are prefixed with a quote."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for entry in sorted(entries):
        writer.writerow([_inert(str(value)) for value in astuple(entry)])
    return text.getvalue().encode("utf-8")


def write_register(path: Path, entries: list[Entry]) -> bool:
    """Write the register atomically; False when the file already holds exactly that."""
    data = register_bytes(entries)
    if path.is_file() and path.read_bytes() == data:
        return False
    write_atomically(path, data)
    return True


def read_register(path: Path) -> list[Entry]:
    """The entries of a register written by `write_register`."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(f"cannot read the register: {error}", path) from None
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header not in (list(COLUMNS), list(EARLIER_COLUMNS)):
        raise ContentError(f"not a distribution register: the header must be {COLUMNS}", path, 1)
    entries = []
    for cells in reader:
        if len(cells) != len(header) or not cells[0].isdecimal():
            raise ContentError("malformed register row", path, reader.line_num)
        values = [_plain(cell) for cell in cells]
        entries.append(Entry(int(values[0]), *values[1:]))
    return entries


def merge_registers(paths: list[Path]) -> list[Entry]:
    """Every entry of the registers, once; the same file listed differently is an error."""
    by_file: dict[tuple[int, str], tuple[Entry, Path]] = {}
    problems: list[BriefingError] = []
    for path in paths:
        for entry in read_register(path):
            key = (entry.copy, entry.file)
            earlier = by_file.setdefault(key, (entry, path))
            if earlier[0] != entry:
                message = f"copy {entry.copy} ({entry.file}) differs from {earlier[1]}'s entry"
                problems.append(ContentError(message, path))
    if problems:
        raise problems[0] if len(problems) == 1 else BuildProblems(problems)
    return sorted(entry for entry, _ in by_file.values())


def _inert(cell: str) -> str:
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@") else cell


def _plain(cell: str) -> str:
    return cell[1:] if cell[:2] in ("'=", "'+", "'-", "'@") else cell
