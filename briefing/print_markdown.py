"""Markdown for print that other tools' authors already write: a manual page break.

Quarto's `{{< pagebreak >}}` and Pandoc's (LaTeX's) `\\newpage`, each on a line of its own,
become `<div class="page-break"></div>`, which styles/common.css breaks the page after. Callout
boxes come from Python-Markdown's `admonition` extension (`!!! note "Title"`), listed beside
this one in `render.render_body`.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

PAGE_BREAK = re.compile(r"^ {0,3}(?:\{\{< *pagebreak *>\}\}|\\newpage) *$")
"""A page break line: `{{< pagebreak >}}` or `\\newpage`, indented less than a code block."""

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


class PrintExtension(Extension):
    """Page breaks written as in Quarto or Pandoc."""

    def extendMarkdown(self, md: Markdown) -> None:
        # After fenced code is stashed (25), so a break line shown inside code stays as written.
        md.preprocessors.register(_PageBreakProcessor(md), "print_page_break", 23)
