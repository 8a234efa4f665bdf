"""Front matter as other tools write it: YAML (`---`), TOML (`+++`, Hugo) and kramdown-rfc.

A kramdown-rfc document closes its YAML header with `--- abstract` and divides its body with
`--- middle` and `--- back`; the abstract becomes a section and the dividers are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.errors import ContentError
from briefing.tomlio import load_toml
from briefing.yamlio import load_yaml

_YAML_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$|^---[ \t]+(?P<section>abstract)[ \t]*$")
_KRAMDOWN_DIVIDER = re.compile(r"^---[ \t]+(?:middle|back)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class FrontMatter:
    """A source split into its front matter (if any) and its Markdown body."""

    data: Any
    """The parsed front matter (None when there is none)."""
    key_lines: dict[str, int]
    """The line of each top-level key."""
    body: str
    body_line: int
    """The line of the source on which `body` starts."""
    present: bool


def read_front_matter(text: str, path: Path) -> FrontMatter:
    """Split `text` (read from `path`) and parse its YAML or TOML front matter."""
    lines = text.split("\n")
    opening = lines[0].strip() if lines else ""
    if opening not in ("---", "+++"):
        return FrontMatter(None, {}, text, 1, False)
    closing, section = _closing_line(lines, opening)
    if closing is None:
        if opening == "+++":
            raise ContentError("TOML front matter opened with '+++' is never closed", path, 1)
        return FrontMatter(None, {}, text, 1, False)  # a thematic break, not front matter
    front = "\n".join(lines[1:closing])
    body_lines = lines[closing + 1 :]
    if section:  # kramdown-rfc: the abstract follows the header
        body_lines = ["# Abstract", *body_lines]
    body = "\n".join(body_lines)
    if section:
        body = _KRAMDOWN_DIVIDER.sub("", body)
    body_line = closing + 2 - (1 if section else 0)
    if opening == "+++":
        data, key_lines = load_toml(front, path, first_line=2, what="TOML front matter")
    else:
        data, key_lines = load_yaml(front, path, first_line=2)
    return FrontMatter(data, key_lines, body, body_line, True)


def _closing_line(lines: list[str], opening: str) -> tuple[int | None, str | None]:
    for number, line in enumerate(lines[1:], start=1):
        if opening == "+++":
            if line.strip() == "+++":
                return number, None
        elif match := _YAML_CLOSE.match(line):
            return number, match["section"]
    return None, None


def first_heading(body: str) -> str | None:
    """The text of the first `#` to `######` heading, closing `#`s and Pandoc's attributes
    removed. Line by line, with no pattern that could backtrack: its work grows with the
    length of `body` and no faster."""
    for line in body.split("\n"):
        marks = len(line) - len(line.lstrip("#"))
        if not 1 <= marks <= 6 or not line[marks : marks + 1].isspace():
            continue
        text = _without_attributes(line[marks:].strip())
        text = text.rstrip("#").rstrip() or text
        if text:
            return text
    return None


def _without_attributes(heading: str) -> str:
    """`heading` without Pandoc's attributes after it (`Title {#id .class}`, `{-}`)."""
    opening = heading.rfind("{")
    inner = heading[opening + 1 : -1].strip() if heading.endswith("}") and opening > 0 else ""
    if inner and (inner[0] in "#.-" or "=" in inner):
        return heading[:opening].rstrip() or heading
    return heading


def fallback_title(body: str, path: Path) -> str:
    heading = first_heading(body)
    if heading:
        return heading
    return path.stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Briefing"
