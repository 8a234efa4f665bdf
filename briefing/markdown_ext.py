"""Python-Markdown extension for briefings: placed tables and figures, claims, citations and
figure references. Everything it inserts is prepared in Python; Markdown stays data."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections import defaultdict, deque
from collections.abc import Callable
from re import Match

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor

from .content import BLOCK_MARKER
from .references import CITATION, CLAIM_OPENING, FIGURE_REFERENCE, Claim, claim_end


class _BlockMarkerProcessor(Preprocessor):
    """Swap each `::: table|figure NAME` line for its HTML, stashed so Markdown leaves it alone."""

    def __init__(self, md: Markdown, render_block: Callable[[str, str], str]) -> None:
        super().__init__(md)
        self.render_block = render_block

    def run(self, lines: list[str]) -> list[str]:
        output = []
        for line in lines:
            marker = BLOCK_MARKER.match(line)
            if marker:
                html = self.render_block(marker["kind"], marker["name"])
                output.extend(["", self.md.htmlStash.store(html), ""])
            else:
                output.append(line)
        return output


class _ClaimProcessor(InlineProcessor):
    """`{?text?}` → a marked claim with the number it has in the "Claims to verify" appendix.

    Markdown does not visit blocks in document order (list items come later), so numbers come
    from the claims as read from the source, matched by their text. The pattern is the opening
    alone and `claim_end` finds the end, which keeps the search linear in the text.
    """

    def __init__(self, md: Markdown, claims: tuple[Claim, ...]) -> None:
        super().__init__(re.escape(CLAIM_OPENING), md)
        self.numbers: dict[str, deque[int]] = defaultdict(deque)
        for claim in claims:
            self.numbers[claim.text].append(claim.number)

    def handleMatch(  # type: ignore[override]
        self, m: Match[str], data: str
    ) -> tuple[etree.Element | None, int | None, int | None]:
        end = claim_end(data, m.start(0))
        if end is None:  # unclosed: left as written
            return None, None, None
        numbers = self.numbers[" ".join(data[m.end(0) : end - 2].split())]
        if not numbers:  # not a claim as read from the source (escaped characters in it)
            return None, None, None
        element = etree.Element("span", {"class": "claim", "id": f"claim-{numbers.popleft()}"})
        element.text = data[m.end(0) : end - 2]
        return element, m.start(0), end


class _ReferenceProcessor(InlineProcessor):
    """`[@key]` → a numbered citation; `@fig:name` → "Figure N", both linked."""

    def __init__(
        self, pattern: str, md: Markdown, render: Callable[[str], etree.Element | None]
    ) -> None:
        super().__init__(pattern, md)
        self.render = render

    def handleMatch(  # type: ignore[override]
        self, m: Match[str], data: str
    ) -> tuple[etree.Element | None, int | None, int | None]:
        element = self.render(m.group(1))
        if element is None:  # unknown: left as written (reading the source warned about it)
            return None, None, None
        return element, m.start(0), m.end(0)


class BriefingExtension(Extension):
    """The briefing syntax; `render_block(kind, name)` returns a placed table's or figure's HTML,
    `sources` and `figures` give the numbers that citations and references print, `claims`
    the claims as read from the source, and `figure_word` the language's word for "Figure"."""

    def __init__(
        self,
        render_block: Callable[[str, str], str],
        sources: dict[str, int],
        figures: dict[str, int],
        claims: tuple[Claim, ...],
        figure_word: str = "Figure",
    ) -> None:
        super().__init__()
        self.figure_word = figure_word
        self.render_block = render_block
        self.claims = claims
        self.sources = sources
        self.figures = figures

    def extendMarkdown(self, md: Markdown) -> None:
        # After normalize_whitespace (30) and before html_block (20), so the stash survives.
        md.preprocessors.register(_BlockMarkerProcessor(md, self.render_block), "briefing", 25)
        md.inlinePatterns.register(_ClaimProcessor(md, self.claims), "briefing_claim", 176)
        md.inlinePatterns.register(
            _ReferenceProcessor(CITATION.pattern, md, self._citation), "briefing_citation", 175
        )
        md.inlinePatterns.register(
            _ReferenceProcessor(FIGURE_REFERENCE.pattern, md, self._figure_reference),
            "briefing_figure_reference",
            174,
        )

    def _citation(self, key: str) -> etree.Element | None:
        if key not in self.sources:
            return None
        sup = etree.Element("sup", {"class": "citation"})
        link = etree.SubElement(sup, "a", {"href": f"#source-{key}"})
        link.text = f"[{self.sources[key]}]"
        return sup

    def _figure_reference(self, name: str) -> etree.Element | None:
        if name not in self.figures:
            return None
        link = etree.Element("a", {"class": "figure-reference", "href": f"#figure-{name}"})
        link.text = f"{self.figure_word} {self.figures[name]}"
        return link
