"""Pandoc's inline notes `^[text]`, made ordinary footnotes (`[^n]` and its definition) that
`github_markdown` then floats to the foot of their page; and bracketed spans
`[text]{.mark}`."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from re import Match

from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor

from briefing.render.pandoc.attributes import parse_attributes

INLINE_NOTE_PREFIX = "pandoc-inline-"
_SPAN_TAGS = {"mark": "mark", "underline": "u", "ul": "u"}


class InlineNotePreprocessor(Preprocessor):
    """Each `^[…]` (brackets inside it balanced) → `[^pandoc-inline-N]`, its text appended as
    the note's definition; `^[` inside a code span stays as written."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "^[" not in text:
            return lines
        pieces: list[str] = []
        notes: list[str] = []
        position = 0
        while (start := _next_note(text, position)) != -1:
            end = _closing_bracket(text, start + 1)
            if end == -1:
                break
            number = len(notes) + 1
            notes.append(" ".join(text[start + 2 : end].split()))
            pieces.append(text[position:start] + f"[^{INLINE_NOTE_PREFIX}{number}]")
            position = end + 1
        pieces.append(text[position:])
        definitions = [
            f"[^{INLINE_NOTE_PREFIX}{number}]: {note}" for number, note in enumerate(notes, 1)
        ]
        return [*"".join(pieces).split("\n"), "", *"\n\n".join(definitions).split("\n")]


def _next_note(text: str, position: int) -> int:
    """Where the next `^[` outside a code span starts, or -1."""
    while (start := text.find("^[", position)) != -1:
        line_start = text.rfind("\n", 0, start) + 1
        if text.count("`", line_start, start) % 2 == 0:
            return start
        position = start + 2
    return -1


def _closing_bracket(text: str, opening: int) -> int:
    """The `]` that closes the `[` at `opening` (nested pairs skipped, `\\]` escaped), or -1;
    a note ends at a blank line at the latest."""
    depth = 0
    index = opening
    while index < len(text):
        character = text[index]
        if character == "\\":
            index += 2
            continue
        if character == "[":
            depth += 1
        elif character == "]":
            depth -= 1
            if depth == 0:
                return index
        elif character == "\n" and text.startswith("\n", index + 1):
            return -1
        index += 1
    return -1


SPAN = r"\[(?P<text>[^\[\]\n]+)\]\{(?P<attributes>[^{}\n]*)\}"


class SpanProcessor(InlineProcessor):
    """`[text]{.mark}` → highlighted, `{.smallcaps}` → small capitals, `{.underline}` →
    underlined; other attributes keep the text in a span with their id and classes."""

    def handleMatch(  # type: ignore[override]
        self, m: Match[str], data: str
    ) -> tuple[etree.Element | None, int | None, int | None]:
        attributes = parse_attributes(m["attributes"])
        if attributes is None:
            return None, None, None
        tag = next((_SPAN_TAGS[name] for name in attributes.classes if name in _SPAN_TAGS), "span")
        element = etree.Element(tag)
        classes = [name for name in attributes.classes if name not in _SPAN_TAGS]
        if classes:
            element.set("class", " ".join(classes))
        if attributes.identifier:
            element.set("id", attributes.identifier)
        element.text = m["text"]
        return element, m.start(0), m.end(0)
