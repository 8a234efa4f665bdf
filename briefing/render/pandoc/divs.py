"""Pandoc's fenced divs `::: {.class #id key=value}` … `:::`, nested, and what Quarto makes
of their classes: callouts, columns side by side, content shown or hidden by format.

A div is read as a block: its fences never print, its content is Markdown. A class briefing
does not know leaves an ordinary block around the content. `::: table NAME` and
`::: figure NAME` lines were placed before (`briefing_markdown`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from typing import Any

from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor

from briefing.read.labels import Labels
from briefing.render.callouts import callout_title
from briefing.render.pandoc.attributes import Attributes, parse_attributes
from briefing.render.pandoc.lines import meta_value

OPENING = re.compile(r"^ {0,3}:{3,}\s*(?P<spec>\{[^{}\n]*\}|[\w-]+)\s*:*\s*$")
CLOSING = re.compile(r"^ {0,3}:{3,}\s*$")
CALLOUTS = {
    "callout": ("note", "note"),
    "callout-note": ("note", "note"),
    "callout-tip": ("tip", "tip"),
    "callout-warning": ("warning", "warning"),
    "callout-important": ("important", "important"),
    "callout-caution": ("danger", "caution"),
}
"""Quarto's callouts as briefing's (the admonition classes GitHub alerts use) and the kind
whose title they take (`callouts.callout_title`)."""
PRINT_FORMATS = frozenset({"pdf", "latex", "beamer", "print"})
"""The formats `when-format` names that mean this PDF."""
_HEADING = re.compile(r"^ {0,3}#{1,6}\s+(?P<text>.+?)\s*#*\s*$")


class FencedDivProcessor(BlockProcessor):
    """A `:::` fence with attributes opens a div; the `:::` closing it at the same depth ends
    it (an unclosed div ends with the document)."""

    def __init__(
        self, parser: BlockParser, front_matter: Mapping[str, Any], labels: Labels
    ) -> None:
        super().__init__(parser)
        self.front_matter, self.labels = front_matter, labels

    def test(self, parent: etree.Element, block: str) -> bool:
        return bool(OPENING.match(block.split("\n", 1)[0]))

    def run(self, parent: etree.Element, blocks: list[str]) -> bool | None:
        opening, *first = blocks.pop(0).split("\n")
        spec = OPENING.match(opening)
        assert spec is not None
        content, rest = _until_closed(first, blocks)
        if rest:
            blocks.insert(0, rest)
        written = spec["spec"]
        attributes = parse_attributes(written) if written.startswith("{") else None
        attributes = attributes or Attributes(classes=(written.strip("{}"),))
        if not self._shown(attributes):
            return True
        element = _container(parent, attributes)
        callout = next((CALLOUTS[name] for name in attributes.classes if name in CALLOUTS), None)
        if callout is not None:
            kind, title_kind = callout
            title = callout_title(title_kind, self.labels)
            content = _callout(element, attributes, (kind, title), content)
        self.parser.parseChunk(element, content)
        return True

    def _shown(self, attributes: Attributes) -> bool:
        """Whether a `.content-visible`/`.content-hidden` div prints in this PDF."""
        classes, values = attributes.classes, attributes.values
        if "content-visible" not in classes and "content-hidden" not in classes:
            return True
        matches = True
        if "when-format" in values or "unless-format" in values:
            format_name = values.get("when-format", values.get("unless-format", ""))
            matches = format_name.lower() in PRINT_FORMATS
            matches = matches if "when-format" in values else not matches
        if "when-meta" in values or "unless-meta" in values:
            key = values.get("when-meta", values.get("unless-meta", ""))
            truthy = bool(meta_value(self.front_matter, key))
            matches = matches and (truthy if "when-meta" in values else not truthy)
        return matches if "content-visible" in classes else not matches


def _until_closed(first: list[str], blocks: list[str]) -> tuple[str, str]:
    """The content up to the fence that closes the div and what follows that fence."""
    depth, lines, pending = 1, list(first), []
    while True:
        for index, line in enumerate(lines):
            if CLOSING.match(line):
                depth -= 1
                if depth == 0:
                    pending.extend(lines[:index])
                    return "\n".join(pending), "\n".join(lines[index + 1 :])
            elif OPENING.match(line):
                depth += 1
        pending.extend([*lines, ""])
        if not blocks:
            return "\n".join(pending), ""
        lines = blocks.pop(0).split("\n")


def _container(parent: etree.Element, attributes: Attributes) -> etree.Element:
    """The `<div>` a fenced div becomes, its id and classes kept, a column's width set."""
    element = etree.SubElement(parent, "div")
    classes = [name for name in attributes.classes if name not in CALLOUTS]
    if attributes.identifier:
        element.set("id", attributes.identifier)
    if "column" in classes and re.fullmatch(r"\d+(\.\d+)?%", attributes.values.get("width", "")):
        element.set("style", f"width: {attributes.values['width']}")
    if classes:
        element.set("class", " ".join(classes))
    return element


def _callout(
    element: etree.Element, attributes: Attributes, callout: tuple[str, str], content: str
) -> str:
    """Make `element` a callout box with its title (`title=`, else a first heading, else the
    kind's default title); the content left to read."""
    kind, default_title = callout
    element.set("class", " ".join(filter(None, ("admonition", kind, element.get("class")))))
    title = attributes.values.get("title", "")
    lines = content.lstrip("\n").split("\n")
    heading = _HEADING.match(lines[0]) if lines else None
    if not title and heading:
        title, content = heading["text"], "\n".join(lines[1:])
    paragraph = etree.SubElement(element, "p", {"class": "admonition-title"})
    paragraph.text = title or default_title
    return content
