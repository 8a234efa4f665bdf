"""Markdown as GitHub shows it, made for print: heading anchors, task lists, `<details>` and
footnotes at the foot of the page.

The syntax itself comes from well-kept extensions (pymdown-extensions, markdown-callouts,
Python-Markdown's own); this module adds what print needs on top of them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from typing import Any

import pymdownx.emoji
import pymdownx.slugs
from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.def_list import DefListExtension
from markdown.extensions.footnotes import NBSP_PLACEHOLDER
from markdown.extensions.md_in_html import MarkdownInHtmlExtension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from pymdownx.emoji import EmojiExtension
from pymdownx.highlight import HighlightExtension
from pymdownx.superfences import SuperFencesCodeExtension
from pymdownx.tasklist import TasklistExtension, get_checkbox


def github_extensions() -> list[Extension]:
    """The extensions for the GitHub syntax, configured: fenced code, definition lists, task
    lists and emoji shortcodes; used with `GitHubExtension`. `> [!NOTE]` alerts come with
    `callouts.CalloutExtension`, which titles them in the brief's language.

    Instances, not names: a name makes Python-Markdown read every installed package's entry
    points (~30 ms of a cold build)."""
    return [
        DefListExtension(),
        MarkdownInHtmlExtension(),
        SuperFencesCodeExtension(),
        # Pygments marks tokens with short classes (`<span class="k">`), coloured by the
        # theme's styles (greys in the handout); no inline styles, which the sanitiser drops.
        HighlightExtension(use_pygments=True, noclasses=False),
        TasklistExtension(),
        # GitHub's shortcodes as Unicode characters: no image is fetched, unknown ones stay.
        EmojiExtension(
            emoji_index=lambda options, md: gemoji_index(), emoji_generator=pymdownx.emoji.to_alt
        ),
    ]


def gemoji_index() -> dict[str, Any]:
    """GitHub's shortcodes, shared as they are: `pymdownx.emoji.gemoji` deep-copies its 1,870
    entries for every document (~45 ms of a cold build), and the extension only reads them."""
    from pymdownx import gemoji_db

    return {"name": gemoji_db.name, "emoji": gemoji_db.emoji, "aliases": gemoji_db.aliases}


TASK_BOXES = {False: "\u2610", True: "\u2611"}
"""The glyphs for an open (☐) and a done (☑) task; Symbola has both."""

_DETAILS_OPENING = re.compile(r"^(?P<indent> {0,3})<details(?P<rest>(?:\s[^>]*)?>.*)$")
# Tags the HTML parser closes a paragraph on: inside a footnote (which sits in a paragraph)
# they become spans shown as blocks, so the paragraph around the call stays whole.
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "details", "div", "dl", "dd", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre",
    "section", "summary", "table", "ul",
}  # fmt: skip


def github_slugs() -> Callable[[str, str], str]:
    """A `toc` slugify that makes heading anchors as GitHub does: lowercase, punctuation
    dropped, each space a hyphen, letters of any script kept; repeats get `-1`, `-2`…

    One per document: it remembers the anchors it has handed out.
    """
    slugify = pymdownx.slugs.slugify(case="lower")
    counts: dict[str, int] = {}

    def slug(text: str, separator: str) -> str:
        base: str = slugify(text, "-")
        candidate = base
        while candidate in counts:
            counts[base] += 1
            candidate = f"{base}-{counts[base]}"
        counts[candidate] = 0
        return candidate

    return slug


class _DetailsPreprocessor(Preprocessor):
    """`<details>` → `<details markdown="1">`, so Markdown inside it is read as GitHub reads it."""

    def run(self, lines: list[str]) -> list[str]:
        output = []
        for line in lines:
            opening = _DETAILS_OPENING.match(line)
            if opening and "markdown=" not in line:
                line = f'{opening["indent"]}<details markdown="1"{opening["rest"]}'
            output.append(line)
        return output


class _TaskBoxPostprocessor(Postprocessor):
    """Each task-list checkbox (a form field, which the sanitiser drops) → a ☐ or ☑ glyph."""

    def run(self, text: str) -> str:
        for done, glyph in TASK_BOXES.items():
            checkbox = get_checkbox("x" if done else " ")
            text = text.replace(checkbox, f'<span class="task-box">{glyph}</span> ')
        return text


_SPACE_BEFORE_BREAK = re.compile(r"[ \t]+\n")


class _FootnoteProcessor(Treeprocessor):
    """Move each footnote from the list at the end to its call, as `<span class="footnote">`,
    which CSS floats to the foot of the page (`float: footnote`). A second call of the same
    note becomes a superscript link with the note's number."""

    def run(self, root: etree.Element) -> None:
        notes_block = next(
            (div for div in root.iter("div") if div.get("class") == "footnote"), None
        )
        notes_list = notes_block.find("ol") if notes_block is not None else None
        if notes_block is None or notes_list is None:
            return
        notes = {item.get("id", ""): item for item in notes_list}
        inside_notes = set(notes_block.iter("sup"))
        parents = {child: parent for parent in root.iter() for child in parent}
        placed: list[str] = []
        for call in [sup for sup in root.iter("sup") if sup.get("id", "").startswith("fnref")]:
            link = call.find("a")
            note_id = (link.get("href") or "")[1:] if link is not None else ""
            if note_id not in notes:
                continue
            if note_id in placed or call in inside_notes:
                # WeasyPrint numbers the floated notes in document order, as they are placed.
                number = placed.index(note_id) + 1 if note_id in placed else 0
                replacement = etree.Element("sup", {"class": "footnote-again"})
                link = etree.SubElement(replacement, "a", {"href": f"#{note_id}"})
                link.text = str(number) if number else "*"
            else:
                replacement = _note_span(notes[note_id], note_id)
                placed.append(note_id)
            replacement.tail = call.tail
            parent = parents[call]
            parent.insert(list(parent).index(call), replacement)
            parent.remove(call)
        for note_id in placed:
            notes_list.remove(notes[note_id])
        if not len(notes_list):
            parents[notes_block].remove(notes_block)


def _note_span(item: etree.Element, note_id: str) -> etree.Element:
    """The footnote list item `item` as a span holding the same content, without its back link."""
    code = {element for pre in item.iter("pre") for element in pre.iter()}
    for element in list(item.iter()):
        for child in list(element):
            if child.tag == "a" and child.get("class") == "footnote-backref":
                _remove_keeping_tail(element, child)
        element.text = _tidy(element.text, element in code)
        element.tail = _tidy(element.tail, element in code)
    note = etree.Element("span", {"class": "footnote", "id": note_id})
    children = list(item)
    if len(children) == 1 and children[0].tag == "p" and not (item.text or "").strip():
        note.text = children[0].text
        note.extend(list(children[0]))
        return note
    for element in item.iter():
        if element.tag in _BLOCK_TAGS:
            kind = {"li": "footnote-item", "pre": "footnote-block footnote-code"}
            element.set("class", kind.get(element.tag, "footnote-block"))
            element.tag = "span"
    note.text = item.text
    note.extend(children)
    return note


def _tidy(text: str | None, code: bool) -> str | None:
    """Text of a note without the back link's placeholder; outside code, without spaces before
    a line break (WeasyPrint 70 fails an assertion on ' \\n' inside a floated footnote)."""
    text = (text or "").replace(NBSP_PLACEHOLDER, "")
    return (text if code else _SPACE_BEFORE_BREAK.sub("\n", text)) or None


def _remove_keeping_tail(parent: etree.Element, child: etree.Element) -> None:
    """Remove `child` from `parent`, keeping the text that followed it."""
    index = list(parent).index(child)
    tail = child.tail or ""
    if index:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(child)


class GitHubExtension(Extension):
    """Print-ready GitHub Markdown on top of `github_extensions()`: Markdown inside `<details>`,
    task boxes as glyphs, and footnotes placed at their calls for WeasyPrint to float
    (`page_footnotes`; otherwise they stay a numbered list at the end)."""

    def __init__(self, page_footnotes: bool = True) -> None:
        super().__init__()
        self.page_footnotes = page_footnotes

    def extendMarkdown(self, md: Markdown) -> None:
        # After the fenced code is stashed (25), before raw HTML blocks are read (20).
        md.preprocessors.register(_DetailsPreprocessor(md), "github_details", 24)
        if self.page_footnotes:
            # After inline patterns (20) and the footnote extension's own work (50, 19, 15).
            md.treeprocessors.register(_FootnoteProcessor(md), "github_footnotes", 12)
        # After raw HTML, the tasklist's checkboxes included, is put back (30).
        md.postprocessors.register(_TaskBoxPostprocessor(md), "github_task_boxes", 28)
