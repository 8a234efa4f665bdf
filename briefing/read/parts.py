"""Parts: a brief assembled from several Markdown files, each keeping its own line numbers.

`parts: [a.md, b.md]` in the front matter adds those files, in order, after the main body. A
part's own front matter is ignored, with a warning: the main file's front matter describes
the whole brief, and merging several would make one setting depend on the order of files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.errors import BriefingError, ContentError, ContentWarning
from briefing.read.files import Door, read_text
from briefing.read.front_matter import read_front_matter

PART_SEPARATOR = "\n\n"
"""Between two parts' Markdown, so that a part never continues the last paragraph of another."""


@dataclass(frozen=True)
class Part:
    """One Markdown file of a brief: its path, its body and the line on which the body starts."""

    path: Path
    body: str
    body_line: int


def read_parts(
    named: tuple[Path, int | None],
    names: tuple[str, ...],
    door: Door,
    digests: dict[Path, str],
    problems: list[BriefingError],
) -> tuple[list[Part], list[ContentWarning]]:
    """Read each part named in the front matter of `named` (the brief, and the line that names
    them) through `door`; each problem found is added to `problems` and the part left out."""
    brief, line = named
    folder = brief.parent
    parts: list[Part] = []
    warnings: list[ContentWarning] = []
    listed: set[Path] = set()
    for name in names:
        try:
            if "\x00" in name:  # no file name holds one; the operating system refuses it
                raise ContentError(f"part {name!r} contains a NUL character", brief, line)
            candidate = door.check(folder / name, f"part {name!r}", brief, line)
        except ContentError as error:
            problems.append(error)
            continue
        if candidate == brief.resolve() or candidate in listed:
            problems.append(
                ContentError(f"part {name!r} is listed twice or is the brief itself", brief, line)
            )
            continue
        listed.add(candidate)
        if not candidate.is_file():
            message = f"part {name!r} not found in {folder}: write it, or take it out of 'parts'"
            problems.append(ContentError(message, brief, line))
            continue
        try:
            front = read_front_matter(read_text(candidate, door, digests), candidate)
        except BriefingError as error:
            problems.append(error)
            continue
        if front.present:
            message = "a part's front matter is ignored: set everything in the main file's"
            warnings.append(ContentWarning(candidate, 1, message))
        parts.append(Part(candidate, front.body, front.body_line))
    return parts, warnings


def joined_body(parts: list[Part]) -> str:
    """The Markdown of every part, in order, as one text."""
    return PART_SEPARATOR.join(part.body for part in parts)


def locate(parts: tuple[Part, ...], written: str) -> tuple[Path | None, int | None]:
    """The file and line where `written` first appears in the parts' Markdown."""
    for part in parts:
        offset = part.body.find(written)
        if offset != -1:
            return part.path, part.body_line + part.body.count("\n", 0, offset)
    return (parts[0].path if parts else None), None
