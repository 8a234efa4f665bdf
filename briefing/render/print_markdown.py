"""Markdown for print: a manual page break as other tools' authors write it, and wide tables
sized before layout.

Quarto's `{{< pagebreak >}}` and Pandoc's (LaTeX's) `\\newpage`, each on a line of its own,
become `<div class="page-break"></div>`, which styles/common.css breaks the page after. Callout
boxes come from Python-Markdown's `admonition` extension (`!!! note "Title"`), titled in the
brief's language by `render.callouts`, listed beside this one in `render.body.render_body`.

A table as wide as the page gets its column widths from its text (`table_widths.text_widths`)
and the class `sized`, which styles/common.css lays out with a fixed table layout: WeasyPrint's
automatic layout measures every cell by breaking its text at each opportunity, which took 13 of
the 15 seconds of a 120-row table of sentences.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from briefing.render.column_widths import text_widths
from briefing.render.table_sizing import PORTRAIT_WIDTH_MM

PAGE_BREAK = re.compile(
    r"^ {0,3}(?:\{\{< *pagebreak *>\}\}|\\newpage|\\clearpage|\\pagebreak|\\cleardoublepage) *$"
)
"""A page break line: `{{< pagebreak >}}`, `\\newpage`, `\\clearpage` or `\\pagebreak`,
indented less than a code block."""

PAGE_BREAK_HTML = '<div class="page-break"></div>'


class _PageBreakProcessor(Preprocessor):
    """Swap each page break line for the page break, stashed so Markdown leaves it alone."""

    def run(self, lines: list[str]) -> list[str]:
        output: list[str] = []
        for line in lines:
            if PAGE_BREAK.match(line):
                output.extend(["", self.md.htmlStash.store(PAGE_BREAK_HTML), ""])
            else:
                output.append(line)
        return output


class _WideTableSizer(Treeprocessor):
    """Give each table as wide as the page `<col>` widths from its text and the class `sized`;
    a table with spanning cells or ragged rows is left to automatic layout."""

    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            rows = [[cell for cell in row if cell.tag in ("th", "td")] for row in table.iter("tr")]
            spans = any(cell.get("colspan") or cell.get("rowspan") for row in rows for cell in row)
            if not rows or spans or len({len(row) for row in rows}) != 1 or not rows[0]:
                continue
            columns = [["".join(row[index].itertext()) for row in rows] for index in
                       range(len(rows[0]))]  # fmt: skip
            widths = text_widths(columns, PORTRAIT_WIDTH_MM)
            if widths is None:
                continue
            group = etree.Element("colgroup")
            for width in widths.shares:
                etree.SubElement(group, "col", style=f"width: {width}%")
            table.insert(0, group)
            classes = (table.get("class"), "sized", "whole-words" if widths.whole_words else None)
            table.set("class", " ".join(filter(None, classes)))


class PrintExtension(Extension):
    """Page breaks written as in Quarto or Pandoc; wide tables sized before layout."""

    def extendMarkdown(self, md: Markdown) -> None:
        # After fenced code is stashed (25), so a break line shown inside code stays as written.
        md.preprocessors.register(_PageBreakProcessor(md), "print_page_break", 23)
        # After the inline patterns (20), so the cells' text is the text printed.
        md.treeprocessors.register(_WideTableSizer(md), "print_wide_tables", 5)
