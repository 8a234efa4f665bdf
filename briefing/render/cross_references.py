"""Cross-references: `@fig:name` → "Figure 2", `@tbl:name` → "Table 1", `@sec:slug` →
"section 3.1", each a link to its target (the handout adds the page in CSS).

Figures and tables are numbered in the order they are placed, across parts. Sections are
numbered by heading level (`#` is 1, `##` under it 1.1, and so on): the headings themselves
print no number, the references do. A section is known only once the contents extension has
given the headings their ids, so section references are filled in by a tree processor, and a
slug no heading has is printed as written, with a warning.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from briefing.errors import ContentWarning
from briefing.read.parts import Part, locate
from briefing.read.verification import CROSS_REFERENCE

_HEADINGS = {f"h{level}": level - 1 for level in range(2, 7)}  # `#` is <h2> (baselevel 2)


@dataclass
class CrossReferences:
    """What references point at, the words they print and the warnings of rendering."""

    figures: dict[str, int]
    tables: dict[str, int]
    words: dict[str, str]
    """The word before the number for "fig", "tbl" and "sec", in the brief's language."""
    parts: tuple[Part, ...] = ()
    citations: dict[str, Markup] = field(default_factory=dict)
    """Citations formatted from the bibliography file, by the text as written."""
    warnings: list[ContentWarning] = field(default_factory=list)
    equations: dict[str, int] = field(default_factory=dict)
    """Labelled display formulas (`{#eq-name}`) and their numbers."""

    def element(self, written: str) -> etree.Element | None:
        """The link that `written` (`@tbl:name`…) becomes, or None to print it as written."""
        match = CROSS_REFERENCE.fullmatch(written)
        if match is None:
            return None
        kind, name = match["kind"], match["name"]
        if kind == "sec":  # numbered once the headings have ids
            link = etree.Element("a", {"class": "cross-reference section-reference"})
            # Quarto's `@sec-intro` names the heading `{#sec-intro}`; pandoc-crossref's
            # `@sec:intro` a heading whose slug is `intro` (tried second).
            link.set("href", f"#sec-{name}" if written[4] == "-" else f"#{name}")
            link.set("data-written", written)
            link.text = written
            return link
        numbers = {"fig": self.figures, "tbl": self.tables, "eq": self.equations}[kind]
        if name not in numbers:  # reading the brief warned about it
            return None
        target = {"fig": "#figure-", "tbl": "#table-", "eq": "#equation-"}[kind] + name
        kind_class = {"fig": "figure", "tbl": "table", "eq": "equation"}[kind] + "-reference"
        link = etree.Element("a", {"class": f"cross-reference {kind_class}", "href": target})
        link.text = f"{self.words[kind]} {numbers[name]}"
        return link

    def warn(self, written: str, slug: str) -> None:
        """Note a section reference to no heading, where it is written."""
        path, line = locate(self.parts, written)
        message = (
            f"unknown section '{slug}' in {written!r}, printed as written: "
            "use the slug of a heading (lower case, spaces as '-')"
        )
        self.warnings.append(ContentWarning(path, line, message))


class SectionNumberer(Treeprocessor):
    """Number the headings by level and fill in each `@sec:` reference with its number."""

    def __init__(self, md: Markdown, references: CrossReferences) -> None:
        super().__init__(md)
        self.references = references

    def run(self, root: etree.Element) -> None:
        numbers: dict[str, str] = {}
        counters: list[int] = []
        for element in root.iter():
            level = _HEADINGS.get(element.tag)
            if level is None:
                continue
            if "unnumbered" in str(element.get("class", "")).split():
                # `{.unnumbered}` or `{-}`: a reference prints the heading's title
                numbers[str(element.get("id", ""))] = "\x00" + "".join(element.itertext())
                continue
            counters = (counters + [0] * level)[:level]
            counters[level - 1] += 1
            if element.get("id"):
                numbers[str(element.get("id"))] = ".".join(str(count) for count in counters)
        for link in root.iter("a"):
            written = link.get("data-written")
            if written is None:
                continue
            del link.attrib["data-written"]
            slug = str(link.get("href", ""))[1:]
            name = slug.removeprefix("sec-")
            # The id as written (`{#sec-x}`, `{#sec:x}`) or the heading's slug.
            slug = next((id_ for id_ in (slug, f"sec:{name}", name) if id_ in numbers), slug)
            link.set("href", f"#{slug}")
            if slug in numbers and numbers[slug].startswith("\x00"):
                link.text = numbers[slug][1:]
            elif slug in numbers:
                link.text = f"{self.references.words['sec']} {numbers[slug]}"
            else:
                self.references.warn(
                    written, slug.removeprefix("sec-") if written[4:5] == "-" else slug
                )
                link.tag, link.text = "span", written
                link.attrib.clear()
