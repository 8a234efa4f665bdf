"""A small tree of the body HTML briefing renders (well-formed: Markdown's output, sanitised),
read with the standard library's parser and written back as it was read."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
"""Elements that have no end tag."""

BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "caption",
        "colgroup",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
"""Elements compared as blocks: aligned with each other before their words are."""


@dataclass
class Element:
    """One element: its tag name, its start tag as written, its attributes and children."""

    tag: str
    start: str
    attributes: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def end(self) -> str:
        """The end tag (none for a void element, or for a run of inline content)."""
        return "" if not self.tag or self.tag in VOID else f"</{self.tag}>"

    @property
    def classes(self) -> set[str]:
        """The names in the class attribute."""
        return set(self.attributes.get("class", "").split())

    def has_blocks(self) -> bool:
        """Whether any child is a block (compared as blocks, not as words)."""
        return any(isinstance(child, Element) and child.tag in BLOCKS for child in self.children)


Node = Element | str
"""An element, or text (unescaped)."""


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("", "", {})
        self.open: list[Element] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self.get_starttag_text() or f"<{tag}>"
        element = Element(tag, start, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:  # closes anything left open inside it
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def parse(fragment: str) -> list[Node]:
    """The top-level nodes of an HTML fragment."""
    builder = _TreeBuilder()
    builder.feed(fragment)
    builder.close()
    return builder.root.children


def serialize(nodes: list[Node]) -> str:
    """The HTML of `nodes`, as they were written (text escaped again)."""
    return "".join(_serialize(node) for node in nodes)


def _serialize(node: Node) -> str:
    if isinstance(node, str):
        return html.escape(node, quote=False)
    return node.start + serialize(node.children) + node.end


def text_of(node: Node) -> str:
    """The text a reader sees in `node`, spaces collapsed."""
    return " ".join(_raw_text(node).split())


def _raw_text(node: Node) -> str:
    if isinstance(node, str):
        return node
    separator = " " if node.tag in BLOCKS else ""
    return separator.join(_raw_text(child) for child in node.children)


def find_all(nodes: list[Node], tag: str) -> list[Element]:
    """Every element named `tag` in `nodes`, in document order."""
    found: list[Element] = []
    for node in nodes:
        if isinstance(node, Element):
            if node.tag == tag:
                found.append(node)
            found += find_all(node.children, tag)
    return found
