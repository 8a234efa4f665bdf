"""Numbered figures and tables the Pandoc way: an image with `{#fig-name}` (its alternate text
the caption), a `::: {#fig-name}` div (its last paragraph the caption), a table with a
`: Caption {#tbl-name}` line before or after it, or a `::: {#tbl-name}` div. They print like
briefing's placed figures and data tables: "Figure 2: caption", "Table 1: caption"."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from briefing.read.labels import Labels
from briefing.render.pandoc.lines import CAPTION_MARK

_LABEL = re.compile(r"\s*\{#(?P<kind>tbl|fig)[:-](?P<name>[\w-]+)[^}]*\}\s*$")
_LABELS = frozenset({"fig-", "fig:", "tbl-", "tbl:"})
"""Quarto's label prefixes and pandoc-crossref's."""


class PandocFigureProcessor(Treeprocessor):
    """Images, divs and captioned tables with Quarto labels → numbered figures and tables."""

    def __init__(self, md: Markdown, numbers: dict[str, dict[str, int]], labels: Labels) -> None:
        super().__init__(md)
        self.numbers, self.labels = numbers, labels

    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        for element in list(root.iter()):
            if element.tag == "p":
                self._paragraph(element, parents)
            elif element.tag == "div" and str(element.get("id", ""))[:4] in _LABELS:
                self._div(element)

    def _paragraph(
        self, paragraph: etree.Element, parents: dict[etree.Element, etree.Element]
    ) -> None:
        children = list(paragraph)
        text = (paragraph.text or "").strip()
        if text.startswith(CAPTION_MARK):
            self._table_caption(paragraph, parents[paragraph])
        elif len(children) == 1 and children[0].tag == "img" and not text:
            image = children[0]
            name = str(image.get("id", ""))
            if (
                name[:4] in ("fig-", "fig:")
                and name[4:] in self.numbers["fig"]
                and not (image.tail or "").strip()
            ):
                caption = str(image.get("alt", ""))
                del image.attrib["id"]
                paragraph.tag, paragraph.text = "figure", None
                paragraph.attrib = {"class": "chart", "id": f"figure-{name[4:]}"}
                _sized(paragraph, image)
                figcaption = etree.SubElement(paragraph, "figcaption")
                self._number(figcaption, "fig", name[4:]).tail = f" {caption}"

    def _table_caption(self, paragraph: etree.Element, parent: etree.Element) -> None:
        siblings = list(parent)
        index = siblings.index(paragraph)
        tables = [
            siblings[position] for position in (index - 1, index + 1)
            if 0 <= position < len(siblings) and siblings[position].tag == "table"
        ]  # fmt: skip
        paragraph.text = (paragraph.text or "").replace(CAPTION_MARK, "", 1)
        name = _take_label(paragraph, "tbl")
        if not tables:
            return
        table = tables[0]
        parent.remove(paragraph)
        caption = etree.Element("caption")
        caption.text, caption[:] = paragraph.text, list(paragraph)
        if name in self.numbers["tbl"]:
            number = self._number(caption, "tbl", name)
            number.tail = f" {caption.text or ''}"
            caption.text = None
        table.insert(0, caption)
        wrapper = etree.Element("figure", {"class": "comparison"})
        if name:
            wrapper.set("id", f"table-{name}")
        position = list(parent).index(table)
        parent.remove(table)
        wrapper.append(table)
        parent.insert(position, wrapper)

    def _div(self, div: etree.Element) -> None:
        kind, name = str(div.get("id"))[:3], str(div.get("id"))[4:]
        if name not in self.numbers[kind]:
            return
        paragraphs = [child for child in div if child.tag == "p"]
        caption_source = paragraphs[-1] if paragraphs else None
        if kind == "fig":
            div.tag = "figure"
            div.attrib = {"class": "chart", "id": f"figure-{name}"}
            caption = etree.SubElement(div, "figcaption")
        else:
            div.attrib = {"class": "comparison", "id": f"table-{name}"}
            table = next(div.iter("table"), None)
            if table is None:
                return
            caption = etree.Element("caption")
            table.insert(0, caption)
        number = self._number(caption, kind, name)
        if caption_source is not None and _is_caption(caption_source):
            number.tail = f" {caption_source.text or ''}"
            caption.extend(list(caption_source))
            div.remove(caption_source)

    def _number(self, caption: etree.Element, kind: str, name: str) -> etree.Element:
        """The "Figure 2:" label at the start of `caption`."""
        word = self.labels.figure if kind == "fig" else self.labels.table
        css = "figure-number" if kind == "fig" else "table-number"
        number = etree.Element("span", {"class": css})
        number.text = f"{word} {self.numbers[kind][name]}{self.labels.colon}"
        caption.insert(0, number)
        return number


def _is_caption(paragraph: etree.Element) -> bool:
    """Whether a paragraph has text: a paragraph of images alone is no caption."""
    return bool((paragraph.text or "").strip()) or any(
        child.tag != "img" or (child.tail or "").strip() for child in paragraph
    )


def _take_label(paragraph: etree.Element, kind: str) -> str:
    """The name of a `{#tbl-name}` label at the end of `paragraph` (or its id), removed."""
    identifier = str(paragraph.attrib.pop("id", ""))
    if identifier[: len(kind) + 1] in (f"{kind}-", f"{kind}:"):
        return identifier[len(kind) + 1 :]
    last = paragraph[-1] if len(paragraph) else None
    text = (last.tail if last is not None else paragraph.text) or ""
    match = _LABEL.search(text)
    if match is None or match["kind"] != kind:
        return ""
    if last is not None:
        last.tail = text[: match.start()]
    else:
        paragraph.text = text[: match.start()]
    return match["name"]


def _sized(figure: etree.Element, image: etree.Element) -> None:
    """`width=60%` on the image → a box that wide around it, which the image fills (the
    sanitiser keeps a `<div>`'s width, no image's style)."""
    width = str(image.attrib.pop("width", ""))
    if not re.fullmatch(r"\d+(\.\d+)?(%|px|em|cm|mm|in|pt)", width):
        return
    box = etree.Element("div", {"class": "sized-image", "style": f"width: {width}"})
    figure.remove(image)
    box.append(image)
    figure.insert(0, box)
