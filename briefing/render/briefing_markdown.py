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
from markdown.treeprocessors import Treeprocessor

from briefing.read.blocks import BLOCK_MARKER
from briefing.read.verification import (
    CITATION,
    CLAIM_OPENING,
    CROSS_REFERENCE,
    NARRATIVE_CITATION,
    Claim,
    cited_items,
    claim_end,
)
from briefing.render.cross_references import CrossReferences, SectionNumberer


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
        self, pattern: str, md: Markdown, render: Callable[[str], etree.Element | str | None]
    ) -> None:
        super().__init__(pattern, md)
        self.render = render

    def handleMatch(  # type: ignore[override]
        self, m: Match[str], data: str
    ) -> tuple[etree.Element | str | None, int | None, int | None]:
        element = self.render(m[0])
        if element is None:  # unknown: left as written (reading the source warned about it)
            return None, None, None
        return element, m.start(0), m.end(0)


MAX_UNBROKEN = 60
"""Characters in a row with no space, `-` or `/` to break a line at, beyond which a break is
added (U+200B). WeasyPrint looks for a line's end in the next ~190 characters of a paragraph
(four times its width over the font size) and lays out the whole rest when it finds none there."""

_SPACES = re.compile(r"([\s\u200b/-]+)")
_INLINE = frozenset(
    {"a", "abbr", "b", "cite", "del", "em", "i", "ins", "kbd", "mark", "q", "s", "samp"}
    | {"small", "span", "strong", "sub", "sup", "u", "var"}
)
_UNSCANNED = frozenset({"pre", "code", "script", "style"})


class _LongRunBreaker(Treeprocessor):
    """Add a zero-width space every `MAX_UNBROKEN` characters of text with no space in it.

    WeasyPrint's work on a line grows with the square of the text it cannot break (20,000
    `@fig:` in a row, or `**b**` repeated, take minutes); with a break every so often it grows
    with the text. Code keeps its characters as written.
    """

    def run(self, root: etree.Element) -> None:
        self.unbroken = 0
        self._visit(root)

    def _visit(self, element: etree.Element) -> None:
        if element.tag in _UNSCANNED:
            return
        if element.tag not in _INLINE:
            self.unbroken = 0
        element.text = self._break(element.text)
        for child in element:
            self._visit(child)
            if child.tag not in _INLINE:
                self.unbroken = 0
            child.tail = self._break(child.tail)

    def _break(self, text: str | None) -> str | None:
        if not text:
            return text
        pieces = []
        for index, piece in enumerate(_SPACES.split(text)):
            if index % 2:  # spaces
                self.unbroken = 0
            while self.unbroken + len(piece) > MAX_UNBROKEN:
                cut = _cut(piece, MAX_UNBROKEN - self.unbroken)
                pieces.append(piece[:cut] + "\u200b")
                piece, self.unbroken = piece[cut:], 0
            pieces.append(piece)
            self.unbroken += len(piece)
        return "".join(pieces)


def _cut(piece: str, wanted: int) -> int:
    """Where to cut `piece` near `wanted`, never inside a Markdown placeholder (STX…ETX)."""
    opening = piece.rfind("\x02", 0, wanted)
    closing = piece.find("\x03", opening) if opening != -1 else -1
    if opening != -1 and (closing == -1 or closing >= wanted):
        return len(piece) if closing == -1 else closing + 1
    return wanted  # 0: the break goes before `piece`


class BriefingExtension(Extension):
    """The briefing syntax; `render_block(kind, name)` returns a placed table's or figure's HTML,
    `sources` the numbers that `sources:` citations print, `references` the cross-references'
    targets and words, and `claims` the claims as read from the source."""

    def __init__(
        self,
        render_block: Callable[[str, str], str],
        sources: dict[str, int],
        references: CrossReferences | dict[str, int],
        claims: tuple[Claim, ...],
        figure_word: str = "Figure",
    ) -> None:
        super().__init__()
        self.render_block = render_block
        self.claims = claims
        self.sources = sources
        if isinstance(references, dict):  # figure numbers alone, in English
            words = {"fig": figure_word, "tbl": "Table", "sec": "section"}
            references = CrossReferences(references, {}, words)
        self.references = references

    def extendMarkdown(self, md: Markdown) -> None:
        # After normalize_whitespace (30) and before html_block (20), so the stash survives.
        md.preprocessors.register(_BlockMarkerProcessor(md, self.render_block), "briefing", 25)
        md.inlinePatterns.register(_ClaimProcessor(md, self.claims), "briefing_claim", 176)
        # After the contents are read (toc, 5), before escapes are restored (unescape, 0).
        md.treeprocessors.register(_LongRunBreaker(md), "briefing_long_runs", 2)
        # After toc (5) gave the headings their ids: sections are numbered, references filled.
        md.treeprocessors.register(
            SectionNumberer(md, self.references), "briefing_section_numbers", 4
        )
        self.md = md
        md.inlinePatterns.register(
            _ReferenceProcessor(CITATION.pattern, md, self._citation), "briefing_citation", 175
        )
        md.inlinePatterns.register(
            _ReferenceProcessor(CROSS_REFERENCE.pattern, md, self.references.element),
            "briefing_cross_reference",
            174,
        )
        md.inlinePatterns.register(
            _ReferenceProcessor(NARRATIVE_CITATION.pattern, md, self._narrative),
            "briefing_narrative_citation",
            173,
        )

    def _narrative(self, written: str) -> str | None:
        """A bare `@key` the bibliography defines → "Author (year)", linked; else text."""
        formatted = self.references.citations.get(written)
        if formatted is None:
            return None
        html = f'<a class="citation-author-date" href="#reference-{written[1:]}">{formatted}</a>'
        return str(self.md.htmlStash.store(html))

    def _citation(self, written: str) -> etree.Element | str | None:
        formatted = self.references.citations.get(written)
        if formatted is not None:  # from the bibliography file, formatted by the CSL style
            key = cited_items(written[1:-1])[0].key
            html = f'<a class="citation-author-date" href="#reference-{key}">{formatted}</a>'
            return str(self.md.htmlStash.store(html))
        keys = [item.key for item in cited_items(written[1:-1])]
        if not keys or any(key not in self.sources for key in keys):
            return None
        sup = etree.Element("sup", {"class": "citation"})
        if len(keys) == 1:
            link = etree.SubElement(sup, "a", {"href": f"#source-{keys[0]}"})
            link.text = f"[{self.sources[keys[0]]}]"
            return sup
        sup.text = "["
        for index, key in enumerate(keys):
            link = etree.SubElement(sup, "a", {"href": f"#source-{key}"})
            link.text = str(self.sources[key])
            link.tail = ", " if index < len(keys) - 1 else "]"
        return sup
