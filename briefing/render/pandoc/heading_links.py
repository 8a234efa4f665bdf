"""Pandoc's implicit heading references: `[Heading text]` (and `[Heading text][]`), where a
heading of the document has exactly that text, is a link to it, not words in brackets."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

_BRACKETED = re.compile(r"\[(?P<text>[^\[\]\n]+)\](?:\[\])?(?!\(|\[)")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LITERAL = frozenset({"a", "code", "pre", "kbd", "samp"})
"""Elements whose text is never turned into a link."""


class HeadingLinks(Treeprocessor):
    """Link `[Heading text]` to the heading with that text; runs once `toc` has given every
    heading its id."""

    def run(self, root: etree.Element) -> None:
        ids: dict[str, str] = {}
        for element in root.iter():
            if element.tag in _HEADINGS and element.get("id"):
                ids.setdefault(_normal("".join(element.itertext())), element.get("id", ""))
        if ids:
            self._link_within(root, ids)

    def _link_within(self, parent: etree.Element, ids: dict[str, str]) -> None:
        if parent.tag in _LITERAL:
            return
        if parent.text:
            parent.text, links = _linked(parent.text, ids)
            for offset, link in enumerate(links):
                parent.insert(offset, link)
        index = 0
        while index < len(parent):
            child = parent[index]
            self._link_within(child, ids)
            if child.tail:
                child.tail, links = _linked(child.tail, ids)
                for offset, link in enumerate(links, start=1):
                    parent.insert(index + offset, link)
                index += len(links)
            index += 1


def _linked(text: str, ids: dict[str, str]) -> tuple[str, list[etree.Element]]:
    """`text` up to its first heading reference, and a link for each (with the text after it
    as its tail)."""
    links: list[etree.Element] = []
    head, start = None, 0
    for match in _BRACKETED.finditer(text):
        anchor = ids.get(_normal(match["text"]))
        if anchor is None:
            continue
        before = text[start : match.start()]
        if links:
            links[-1].tail = before
        else:
            head = before
        link = etree.Element("a", {"href": f"#{anchor}"})
        link.text = match["text"]
        links.append(link)
        start = match.end()
    if not links:
        return text, []
    links[-1].tail = text[start:]
    return head or "", links


def _normal(text: str) -> str:
    return " ".join(text.split())
