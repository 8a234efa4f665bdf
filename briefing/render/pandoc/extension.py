"""The Pandoc and Quarto syntax as one Python-Markdown extension, beside briefing's own."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Mapping
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from briefing.read.labels import Labels
from briefing.render.pandoc.divs import FencedDivProcessor
from briefing.render.pandoc.figures import PandocFigureProcessor
from briefing.render.pandoc.grid_tables import GridTablePreprocessor
from briefing.render.pandoc.heading_links import HeadingLinks
from briefing.render.pandoc.lines import CodeCellPreprocessor, Notices, PandocLinePreprocessor
from briefing.render.pandoc.math import (
    DISPLAY_INLINE,
    INLINE_MATH,
    DisplayMathPreprocessor,
    Equations,
    InlineMathProcessor,
)
from briefing.render.pandoc.notes import SPAN, InlineNotePreprocessor, SpanProcessor


class PandocExtension(Extension):
    """Pandoc's and Quarto's Markdown; `numbers` are the figures', tables' and equations'
    numbers by kind ("fig", "tbl", "eq") and name, `front_matter` and `variables` what the
    `meta` and `var` shortcodes print; formulas drawn go to `drawn` (`math.fill_formulas`
    puts them in after sanitising); what cannot print is added to `notices`. With a
    `bibliography`, a last heading "References" with nothing under it is left out: the
    References list follows under that title."""

    def __init__(
        self,
        notices: Notices,
        numbers: dict[str, dict[str, int]],
        labels: Labels,
        values: tuple[Mapping[str, Any], Mapping[str, Any]],
        drawn: dict[str, str],
        bibliography: bool = False,
    ) -> None:
        super().__init__()
        self.notices, self.numbers, self.labels, self.drawn = notices, numbers, labels, drawn
        self.front_matter, self.variables = values
        self.bibliography = bibliography

    def extendMarkdown(self, md: Markdown) -> None:
        notices = self.notices
        equations = Equations(md, self.numbers["eq"], notices, self.drawn)
        # Code cells before fenced code is read (25); the rest after it is stashed, so that
        # code keeps its text, and display math before raw LaTeX lines are dropped.
        md.preprocessors.register(CodeCellPreprocessor(md, notices), "pandoc_code_cells", 28)
        md.preprocessors.register(DisplayMathPreprocessor(md, equations), "pandoc_math", 22.8)
        md.preprocessors.register(GridTablePreprocessor(md), "pandoc_grid_tables", 22.6)
        lines = PandocLinePreprocessor(md, notices, self.front_matter, self.variables)
        md.preprocessors.register(lines, "pandoc_lines", 22.4)
        md.preprocessors.register(InlineNotePreprocessor(md), "pandoc_inline_notes", 22.2)
        divs = FencedDivProcessor(md.parser, self.front_matter, self.labels)
        md.parser.blockprocessors.register(divs, "pandoc_divs", 100)
        # After code spans (190), before backslash escapes (180) would eat `\(`.
        md.inlinePatterns.register(
            InlineMathProcessor(DISPLAY_INLINE, md, equations), "pandoc_display_math", 187
        )
        md.inlinePatterns.register(
            InlineMathProcessor(INLINE_MATH, md, equations), "pandoc_inline_math", 186
        )
        # Before links (160) and reference links (170) read the brackets.
        md.inlinePatterns.register(SpanProcessor(SPAN, md), "pandoc_spans", 171)
        figures = PandocFigureProcessor(md, self.numbers, self.labels)
        # After attr_list (8) gave images and paragraphs their ids, before toc (5).
        md.treeprocessors.register(figures, "pandoc_figures", 7)
        # After toc (5) gave the headings their ids, before their numbers are added (4).
        md.treeprocessors.register(HeadingLinks(md), "pandoc_heading_links", 4.5)
        if self.bibliography:
            headings = _ReferencesHeading(md, self.labels.references)
            md.treeprocessors.register(headings, "pandoc_references_heading", 7.5)


_REFERENCES_TITLES = frozenset(
    {"references", "bibliography", "literatur", "literaturverzeichnis", "références"}
    | {"bibliographie", "referencias", "bibliografía", "referências", "参考文献", "文献"}
)


class _ReferencesHeading(Treeprocessor):
    """Leave out a last, empty heading titled like the References list (Pandoc fills it)."""

    def __init__(self, md: Markdown, title: str) -> None:
        super().__init__(md)
        self.titles = _REFERENCES_TITLES | {title.casefold()}

    def run(self, root: etree.Element) -> None:
        children = [child for child in root if not (child.tag == "div" and not len(child))]
        last = children[-1] if children else None
        title = "".join(last.itertext()).strip().casefold() if last is not None else ""
        if last is not None and last.tag in ("h1", "h2", "h3") and title in self.titles:
            root.remove(last)
