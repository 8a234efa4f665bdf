"""Python-Markdown extension: a `::: table NAME` line becomes the rendered comparison table."""

from __future__ import annotations

from collections.abc import Callable

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .content import TABLE_MARKER


class _TableMarkerProcessor(Preprocessor):
    """Swap each marker line for the table's HTML, stashed so Markdown leaves it alone."""

    def __init__(self, md: Markdown, render_table: Callable[[str], str]) -> None:
        super().__init__(md)
        self.render_table = render_table

    def run(self, lines: list[str]) -> list[str]:
        output = []
        for line in lines:
            marker = TABLE_MARKER.match(line)
            if marker:
                output.extend(["", self.md.htmlStash.store(self.render_table(marker["name"])), ""])
            else:
                output.append(line)
        return output


class TableMarkerExtension(Extension):
    """Place comparison tables by name; `render_table(name)` returns the table's HTML."""

    def __init__(self, render_table: Callable[[str], str]) -> None:
        super().__init__()
        self.render_table = render_table

    def extendMarkdown(self, md: Markdown) -> None:
        processor = _TableMarkerProcessor(md, self.render_table)
        # After normalize_whitespace (30) and before html_block (20), so the stash survives.
        md.preprocessors.register(processor, "briefing_tables", 25)
