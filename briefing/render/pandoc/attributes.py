"""Pandoc's attributes `{#id .class key=value}`, as written after headings, images, spans,
captions and on fenced divs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TOKEN = re.compile(
    r"""\s*(?:\#(?P<id>[^\s}]+)|\.(?P<class>[^\s}]+)|(?P<dash>-)(?=\s|$)"""
    r"""|(?P<key>[\w:-]+)=(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s}]*)))"""
)


@dataclass(frozen=True)
class Attributes:
    """An element's identifier, classes and key-value pairs as written."""

    identifier: str = ""
    classes: tuple[str, ...] = ()
    values: dict[str, str] = field(default_factory=dict)


def parse_attributes(text: str) -> Attributes | None:
    """The attributes between the braces of `text` (`{#id .a key="v"}`, braces optional), or
    None when it is not an attribute list; `-` is `.unnumbered`, as Pandoc reads it."""
    inner = text.strip()
    if inner.startswith("{") and inner.endswith("}"):
        inner = inner[1:-1]
    identifier, classes, values = "", [], {}
    position = 0
    while position < len(inner):
        match = _TOKEN.match(inner, position)
        if match is None or match.end() == position:
            if inner[position:].strip():
                return None
            break
        if match["id"]:
            identifier = match["id"]
        elif match["class"]:
            classes.append(match["class"])
        elif match["dash"]:
            classes.append("unnumbered")
        elif match["key"]:
            values[match["key"]] = next(
                value for value in (match["double"], match["single"], match["bare"], "")
                if value is not None
            )  # fmt: skip
        position = match.end()
    return Attributes(identifier, tuple(classes), values)
