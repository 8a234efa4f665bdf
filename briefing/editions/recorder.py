"""A redline's record: each change with the section it is in, what a reader is told, and the
anchor of its place; and the small helpers that mark an element."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from briefing.editions.html_tree import Element
from briefing.read.labels import Labels

QUOTED_WORDS = 12
"""A change quotes at most this many words of the text it names."""


@dataclass(frozen=True)
class Change:
    """One change: the section it is in, what a reader is told, and the anchor of its place."""

    section: str
    text: str
    anchor: str


@dataclass
class Recorder:
    """What the comparison has found so far, and where it is in the new brief."""

    labels: Labels
    marks: bool
    moved_from: dict[str, str] = field(default_factory=dict)
    """The text of each paragraph that moved, with the old section it left."""
    moved_away: set[str] = field(default_factory=set)
    changes: list[Change] = field(default_factory=list)
    section: str = ""
    new_section: bool = False
    """Whether the current section is new: its blocks are not listed one by one."""
    counter: int = 0
    table: str = ""
    """The table being compared ("Table 2") and its column headings, for changed cells."""
    headings: list[str] = field(default_factory=list)
    row: list[Element] = field(default_factory=list)
    """The cells of the row being compared."""

    def record(self, text: str, anchor: str) -> None:
        """Note a change in the current section."""
        self.changes.append(Change(self.section or self.labels.change_opening, text, anchor))

    def anchor(self, element: Element) -> tuple[Element, str]:
        """`element` with an id (its own, or a new `change-N`), and that id; a run of inline
        content becomes a span to carry it."""
        if element.attributes.get("id"):
            return element, element.attributes["id"]
        if not element.tag:
            element = Element("span", "<span>", {}, element.children)
        self.counter += 1
        anchor = f"change-{self.counter}"
        return with_attributes(element, {"id": anchor}), anchor


def with_attributes(element: Element, extra: dict[str, str], classes: str = "") -> Element:
    """A copy of `element` with attributes added and classes appended, its start tag rewritten."""
    attributes = {**element.attributes, **extra}
    if classes:
        attributes["class"] = " ".join(filter(None, [attributes.get("class", ""), classes]))
    written = "".join(f' {name}="{html.escape(value)}"' for name, value in attributes.items())
    return Element(element.tag, f"<{element.tag}{written}>", attributes, element.children)


def quoted(text: str) -> str:
    """`text` in quotation marks, cut to `QUOTED_WORDS` words."""
    words = text.split()
    cut = " ".join(words[:QUOTED_WORDS]) + (" …" if len(words) > QUOTED_WORDS else "")
    return f"“{cut}”"
