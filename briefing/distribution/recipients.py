"""The recipients file (CSV with a header row, or a YAML list): read, check, number, shard."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefing.errors import BriefingError, BuildProblems, ContentError
from briefing.yamlio import load_yaml

MAX_NAME = 200
"""Characters a name or an organisation may have: what the stamp can show on three lines."""

MAX_COPY = 999_999
"""The highest copy number a recipient may ask for."""

_EMAIL = re.compile(r"[^\s@<>(),;:\"\[\]\\]+@[^\s@<>(),;:\"\[\]\\]+\.[^\s@<>(),;:\"\[\]\\.]{2,}")
_SURPLUS = "\0surplus"  # marks a CSV row with more cells than the header has columns
_KNOWN = ("name", "email", "organisation", "copy", "edition", "password", _SURPLUS)


@dataclass(frozen=True)
class Recipient:
    """One person on the list and the copy they are given."""

    copy: int
    name: str
    organisation: str = ""
    email: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    """Any other columns, for templates."""
    line: int = 0
    """The line of the recipients file the recipient starts on."""
    edition: str = ""
    """The edition their copy is made from (the `edition` column); '': the brief as built."""
    password: str = field(default="", repr=False, compare=False)
    """The password that opens their copy with `--encrypt` (the `password` column): kept out
    of templates, the register, messages and the value's text."""


@dataclass(frozen=True)
class Recipients:
    """Everyone on the list, by copy number, and how many copies there are in all."""

    path: Path
    people: tuple[Recipient, ...]
    total: int
    """N in "Copy n of N": the number of recipients, or the highest copy number if higher."""


@dataclass(frozen=True)
class Shard:
    """Shard `index` of `count` (1-based): copies index, index + count, index + 2 count, …"""

    index: int = 1
    count: int = 1

    def holds(self, copy: int) -> bool:
        """Whether copy number `copy` is this shard's to make."""
        return (copy - 1) % self.count == self.index - 1


@dataclass(frozen=True)
class Distribution:
    """What `--recipients`, `--shard` and `--print-job` ask for."""

    recipients: Recipients
    shard: Shard = field(default_factory=Shard)
    print_job: bool = False
    force: bool = False
    """Make every copy again, even those the cache says are current."""
    encrypt: bool = False
    """Encrypt each copy with its recipient's password (`--encrypt`)."""


def parse_shard(value: str) -> Shard:
    """`K/N` (1 ≤ K ≤ N) as a Shard; ValueError otherwise."""
    match = re.fullmatch(r"(\d{1,6})/(\d{1,6})", value.strip())
    if not match or not 1 <= int(match[1]) <= int(match[2]):
        raise ValueError(f"must be K/N with 1 <= K <= N, such as 2/8, got {value!r}")
    return Shard(int(match[1]), int(match[2]))


def read_recipients(path: Path) -> Recipients:
    """Read and check every row of `path`; number the recipients without a fixed copy.

    Raises:
        BriefingError: the problem found, or `BuildProblems` with one `FILE:line` per bad row.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(f"cannot read the recipients file: {error}", path) from None
    rows = _yaml_rows(text, path) if path.suffix.lower() in (".yaml", ".yml") else _csv_rows(text)
    problems: list[BriefingError] = []
    checked: list[tuple[int | None, dict[str, str], int]] = []
    taken: dict[int, int] = {}
    for row, line in rows:
        errors = _row_problems(row)
        copy = _copy_number(row.get("copy", ""), errors)
        if copy is not None and copy in taken:
            errors.append(f"copy {copy} is already given on line {taken[copy]}")
        elif copy is not None:
            taken[copy] = line
        problems += [ContentError(message, path, line) for message in errors]
        checked.append((copy, row, line))
    if not checked and not problems:
        problems.append(ContentError("no recipients: the file has no rows", path))
    if problems:
        raise problems[0] if len(problems) == 1 else BuildProblems(problems)
    free = (number for number in range(1, MAX_COPY * 2) if number not in taken)
    numbered = [
        _recipient(copy if copy is not None else next(free), row, line)
        for copy, row, line in checked
    ]
    people = tuple(sorted(numbered, key=lambda recipient: recipient.copy))
    return Recipients(path, people, max(len(people), people[-1].copy))


def _recipient(copy: int, row: dict[str, str], line: int) -> Recipient:
    extra = {key: value for key, value in row.items() if key not in _KNOWN}
    return Recipient(
        copy, row["name"], row.get("organisation", ""), row.get("email", ""), extra, line,
        row.get("edition", ""), row.get("password", ""),
    )  # fmt: skip


def _row_problems(row: dict[str, str]) -> list[str]:
    """What is wrong with one row: each problem as a message."""
    problems = []
    if not row.get("name"):
        problems.append("missing name")
    for key in ("name", "organisation"):
        value = row.get(key, "")
        if any(unicodedata.category(character) in ("Cc", "Zl", "Zp") for character in value):
            problems.append(f"{key} has a line break or a control character: write it on one line")
        elif len(value) > MAX_NAME:
            problems.append(f"{key} is {len(value)} characters long: at most {MAX_NAME} fit")
    email = row.get("email", "")
    if email and not _EMAIL.fullmatch(email):
        problems.append(f"malformed email {email!r}: expected one address, a.rossi@example.org")
    if _SURPLUS in row:
        problems.append(f"{row[_SURPLUS]} cells, more than the header's columns")
    return problems


def _copy_number(value: str, problems: list[str]) -> int | None:
    if not value:
        return None
    if not value.isdecimal() or not 1 <= int(value) <= MAX_COPY:
        problems.append(f"copy must be a whole number from 1 to {MAX_COPY}, got {value!r}")
        return None
    return int(value)


def _csv_rows(text: str) -> list[tuple[dict[str, str], int]]:
    """Each data row with the line it starts on; blank rows are skipped."""
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines)
    header = [name.strip().lower() for name in next(reader, [])]
    rows, start = [], reader.line_num + 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            row = {key: cell.strip() for key, cell in zip(header, cells, strict=False) if key}
            if len(cells) > len(header):
                row[_SURPLUS] = str(len(cells))
            rows.append((row, start))
        start = reader.line_num + 1
    return rows


def _yaml_rows(text: str, path: Path) -> list[tuple[dict[str, str], int]]:
    """Each mapping of a YAML list, as texts, with the line it starts on."""
    data, _ = load_yaml(text, path)  # bounded: aliases and depth; errors with their line
    node = yaml.compose(text, Loader=yaml.SafeLoader)  # the same document, for item lines
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        raise ContentError("expected a YAML list of recipients (- name: …)", path, 1)
    rows = []
    for item, item_node in zip(data, node.value, strict=True):
        line = item_node.start_mark.line + 1
        if not isinstance(item, dict):
            raise ContentError("each recipient must be a mapping with at least 'name'", path, line)
        rows.append(({str(key).lower(): _text(value) for key, value in item.items()}, line))
    return rows


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()
