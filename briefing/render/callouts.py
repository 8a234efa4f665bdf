"""Callout boxes' default titles in the brief's language, one table for the three ways to write
a callout: `!!! note` (Python-Markdown's admonition), `> [!NOTE]` (GitHub's alerts, read by
markdown-callouts) and `::: {.callout-note}` (Quarto, `pandoc.divs`). A title the author wrote
(`!!! note "Scope"`, `title=`, a first `## heading`) stays as written.

The adapter for markdown-callouts' private block processor lives here alone; its tests pin it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.blockparser import BlockParser
from markdown.extensions import Extension
from markdown.extensions.admonition import AdmonitionProcessor
from markdown_callouts.github_callouts import _GitHubCalloutsBlockProcessor

from briefing.read.labels import Labels

TITLE_LABELS = {
    "note": "callout_note",
    "tip": "callout_tip",
    "important": "callout_important",
    "warning": "callout_warning",
    "caution": "callout_caution",
    "danger": "callout_danger",
}
"""Each callout kind, as its syntax names it, and the label of its default title."""


def callout_title(kind: str, labels: Labels) -> str:
    """The default title of a callout of `kind` (`note`, `caution`…) in the labels' language;
    a kind with no label is its own name, capitalised, as Python-Markdown titles it."""
    label = TITLE_LABELS.get(kind.lower())
    return str(getattr(labels, label)) if label else kind.capitalize()


class CalloutExtension(Extension):
    """`!!! kind` admonitions and `> [!KIND]` alerts whose default titles are `labels`'."""

    def __init__(self, labels: Labels) -> None:
        super().__init__()
        self.labels = labels

    def extendMarkdown(self, md: Markdown) -> None:
        parser = md.parser
        # The priorities and names the two extensions register their own processors with.
        parser.blockprocessors.register(_Admonitions(parser, self.labels), "admonition", 105)
        parser.blockprocessors.register(_Alerts(parser, self.labels), "github-callouts", 21.1)


class _Admonitions(AdmonitionProcessor):
    """`!!! note` with the note's title in the brief's language; `!!! note "Title"` as written."""

    def __init__(self, parser: BlockParser, labels: Labels) -> None:
        super().__init__(parser)
        self.labels = labels

    def get_class_and_title(self, match: re.Match[str]) -> tuple[str, str | None]:
        kind, title = super().get_class_and_title(match)
        if match.group(2) is None:
            title = callout_title(kind.split(" ", 1)[0], self.labels)
        return kind, title


class _Alerts(_GitHubCalloutsBlockProcessor):
    """`> [!NOTE]` with the note's title in the brief's language (GitHub's alerts have no
    title of their own)."""

    def __init__(self, parser: BlockParser, labels: Labels) -> None:
        super().__init__(parser)
        self.labels = labels

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        found = self.REGEX.search(blocks[0])
        assert found is not None  # `test` matched this block
        super().run(parent, blocks)
        box = [child for child in parent if "admonition" in child.get("class", "").split()][-1]
        title = box.find("p[@class='admonition-title']")
        if title is not None:
            title.text = callout_title(found[2], self.labels)
