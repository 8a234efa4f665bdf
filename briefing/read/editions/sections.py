"""Audience sections: `::: only NAME[, NAME]` … `:::` (or `::: {.only audience="NAME"}`).

An edition keeps the sections written for it and removes the others from the Markdown before
anything is rendered, so their text reaches no page, bookmark, HTML file or email. The fences
themselves are removed in every edition. Removed lines become empty lines: every later line
keeps its number, for messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import ContentError

_ONLY = re.compile(r"^ {0,3}:{3,}\s*only(?:\s+(?P<names>[^{}]*?))?\s*$")
_ONLY_ATTRIBUTES = re.compile(r"^ {0,3}:{3,}\s*\{(?P<attributes>[^}]*\.only\b[^}]*)\}\s*$")
_AUDIENCE = re.compile(
    r"""\baudience\s*=\s*(?:"(?P<quoted>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s"']+))"""
)
_OPENING = re.compile(r"^ {0,3}:{3,}\s*\S")
"""Any other fenced-div opening (`::: note`, `::: {.callout}`) inside a section: its own
closing fence is not the section's."""
_PLACED = re.compile(r"^ {0,3}:{3,}\s*(?:table|figure)\s")
"""`::: table NAME` and `::: figure NAME` are one line each: they open nothing."""
_CLOSING = re.compile(r"^ {0,3}:{3,}\s*$")
_CODE_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
EDITION_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
"""An edition's name: letters, digits, - and _ (it becomes part of a file name)."""


@dataclass(frozen=True)
class Edition:
    """One edition named in front matter `editions:`, with its own handling lines."""

    name: str
    classification: str = ""
    """Replaces the brief's `classification` in this edition, when given."""
    distribution: str = ""
    """Replaces the brief's `distribution` in this edition, when given."""


@dataclass(frozen=True)
class Section:
    """One audience section: the editions it is for, where it opens and closes (0-based)."""

    audiences: tuple[str, ...]
    start: int
    end: int
    line: int
    """The line of the file its opening fence is on."""


def find_sections(body: str, path: Path, body_line: int) -> list[Section]:
    """Every audience section of `body` (which starts on line `body_line` of `path`).

    Raises:
        ContentError: a section is never closed, nested in another, or names no valid edition.
    """
    sections: list[Section] = []
    open_section: tuple[tuple[str, ...], int] | None = None
    depth = 0  # fenced divs opened inside the open section
    fence = ""  # the code fence we are inside, if any
    lines = body.split("\n")
    for index, line in enumerate(lines):
        fence = _code_fence(line, fence)
        if fence or _CODE_FENCE.match(line):
            continue
        audiences = _audiences(line, path, body_line + index)
        if audiences is not None:
            if open_section is not None:
                message = "an audience section cannot hold another: close the first with ':::'"
                raise ContentError(message, path, body_line + index)
            open_section, depth = (audiences, index), 0
        elif open_section is not None and _CLOSING.match(line):
            if depth:
                depth -= 1
                continue
            names, start = open_section
            sections.append(Section(names, start, index, body_line + start))
            open_section = None
        elif open_section is not None and _OPENING.match(line) and not _PLACED.match(line):
            depth += 1
    if open_section is not None:
        names, start = open_section
        message = f"'::: only {', '.join(names)}' is never closed: end the section with ':::'"
        raise ContentError(message, path, body_line + start)
    return sections


def keep_edition(body: str, sections: list[Section], edition: str | None) -> str:
    """`body` as `edition` reads it: its sections kept without their fences, the others'
    lines left empty; every section is kept when `edition` is None."""
    lines = body.split("\n")
    for section in sections:
        lines[section.start] = lines[section.end] = ""
        if edition is not None and edition not in section.audiences:
            for index in range(section.start + 1, section.end):
                lines[index] = ""
    return "\n".join(lines)


def _audiences(line: str, path: Path, line_number: int) -> tuple[str, ...] | None:
    """The editions an opening fence names, or None when `line` opens no audience section."""
    written: str | None = None
    if only := _ONLY.match(line):
        written = only["names"] or ""
    elif attributes := _ONLY_ATTRIBUTES.match(line):
        audience = _AUDIENCE.search(attributes["attributes"])
        written = next((value for value in audience.groups() if value), "") if audience else ""
    if written is None:
        return None
    names = tuple(name for name in re.split(r"[\s,]+", written) if name)
    bad = [name for name in names if not EDITION_NAME.match(name)]
    if not names or bad:
        message = (
            f"an audience section must name its editions (letters, digits, - and _), "
            f"as in '::: only restricted, press'; got {written.strip()!r}"
        )
        raise ContentError(message, path, line_number)
    return names


def _code_fence(line: str, fence: str) -> str:
    """The code fence open after `line`, given the one open before it ('' for none)."""
    match = _CODE_FENCE.match(line)
    if not fence:
        return match["fence"] if match else ""
    closes = match and match["fence"][0] == fence[0] and len(match["fence"]) >= len(fence)
    return "" if closes and not line.strip().lstrip(fence[0]) else fence
