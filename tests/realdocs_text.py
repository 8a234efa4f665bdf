"""Text of real Markdown documents and of their PDFs, as compared by tests/test_product_realdocs.py.

Prose sentences and fenced code lines are read from the Markdown source; the PDF text is read
with PDFium and squashed (quotes, dashes, hyphenation and spacing ignored) before matching.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pypdfium2  # type: ignore[import-untyped]

_FRONT_MATTER = re.compile(
    r"\A(?:\+\+\+\n.*?\n\+\+\+|---\n.*?\n---(?:[ \t]+\w+)?)[ \t]*(?:\n|\Z)", re.DOTALL
)
_KRAMDOWN_SECTION = re.compile(r"^--- (?:abstract|middle|back|note_\w+)[ \t]*$", re.MULTILINE)
# Template tags, attribute lists and Pandoc's inline notes `^[…]` (printed at the page foot).
_TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{:[^}]*\}|\^\[[^\]]*\]", re.DOTALL)
# A footnote call `[^id]` in the text: its number is the typesetter's (inline notes count too).
_FOOTNOTE_CALL = re.compile(r"(?<=\S)\[\^[^\]\s]+\](?!:)")
_MARKER = re.compile(r"\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]|^\s*\[[ xX]\]\s")
_NOT_WORD = re.compile(r"\W+")
_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*(?:>[ \t]?)*)(?P<fence>`{3,}|~{3,})")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_RIGHT_TO_LEFT = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_LETTER = re.compile(r"[^\W\d_]")
# Characters a typesetter may legitimately change: quotes, dashes, hyphenation, spacing.
_IGNORED = re.compile(
    r"[\s\-\u0002\u00ad\u2010-\u2015\u2212\ufffe'\"\u2018-\u201f\u00ab\u00bb`*_]+"
)
_CELLS = frozenset({"td", "th"})
_BLOCKS = frozenset(
    {"p", "li", "td", "th", "dd", "dt", "blockquote", "div", "h1", "h2", "h3", "h4", "h5", "h6"}
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SKIPPED = frozenset({"pre", "script", "style", "summary"})


@dataclass(frozen=True)
class Sentence:
    """A prose sentence; a loose one (table cell, right to left) is matched word by word."""

    text: str
    loose: bool


class _BlockText(HTMLParser):
    """Collects the text of each innermost prose block (paragraph, list item, cell...)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self._stack: list[list[str]] = []
        self._skipping = 0
        self._cells = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self._stack.append([])
            self._cells += tag in _CELLS
        elif tag == "br" and self._stack:
            self._stack[-1].append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS and self._stack:
            text = "".join(self._stack.pop())
            if tag not in _HEADINGS:
                self.blocks.append(("td" if self._cells else tag, text))
            if tag in _CELLS:
                self._cells -= 1

    def handle_data(self, data: str) -> None:
        if self._stack and not self._skipping:
            self._stack[-1].append(data)


def strip_front_matter(source: str) -> str:
    """The Markdown body: YAML, TOML or kramdown-rfc front matter and section markers removed."""
    body = _FRONT_MATTER.sub("", source.lstrip("\ufeff"), count=1)
    return _KRAMDOWN_SECTION.sub("", body)


def prose_sentences(source: str) -> list[Sentence]:
    """The prose sentences of a Markdown document: paragraph, list and table text, no code."""
    body = _FOOTNOTE_CALL.sub("", _without_code(strip_front_matter(source)))
    html = markdown.markdown(body, extensions=["extra"])
    parser = _BlockText()
    parser.feed(html)
    sentences = []
    for tag, block in parser.blocks:
        text = re.sub(r"\s+", " ", _MARKER.sub(" ", block)).strip()
        for part in _split_sentences(text):
            if _is_prose(_TEMPLATE_TAG.sub(" ", part)):
                loose = tag in _CELLS or bool(_RIGHT_TO_LEFT.search(part))
                sentences.append(Sentence(part, loose))
    return sentences


def _without_code(body: str) -> str:
    """The body with fenced code blocks blanked (Python-Markdown misses those in lists)."""
    kept: list[str] = []
    fence = ""
    for line in body.splitlines():
        opening = _FENCE_OPEN.match(line)
        if not fence and opening:
            fence = opening.group("fence")
            kept.append("")
        elif fence:
            if _closes(line, fence):
                fence = ""
            kept.append("")
        else:
            kept.append(line)
    return "\n".join(kept)


def _closes(line: str, fence: str) -> bool:
    """Whether `line` closes a code block opened with `fence`."""
    closing = _FENCE_OPEN.match(line)
    return bool(
        closing
        and closing.group("fence").startswith(fence)
        and not line[closing.end() :].strip(" \t`~")
    )


def _split_sentences(text: str) -> list[str]:
    if _CJK.search(text):
        return [part for part in re.split(r"(?<=[\u3002\uff01\uff1f])", text) if part.strip()]
    parts: list[str] = []
    for part in re.split(r"(?<=[.!?;:])\s+", text):
        # A template tag or attribute list ({{...}}, {: ...}) is never cut in two.
        if parts and parts[-1].count("{") > parts[-1].count("}"):
            parts[-1] += " " + part
        else:
            parts.append(part)
    return parts


def _is_prose(sentence: str) -> bool:
    letters = len(_LETTER.findall(sentence))
    if _CJK.search(sentence):
        return letters >= 4
    return letters >= 8 and len(sentence.split()) >= 3


def code_lines(source: str) -> list[str]:
    """Every non-empty line inside a fenced code block (``` or ~~~), as written."""
    lines: list[str] = []
    fence = ""
    for line in strip_front_matter(source).splitlines():
        opening = _FENCE_OPEN.match(line)
        if not fence:
            fence = opening.group("fence") if opening else ""
        elif _closes(line, fence):
            fence = ""
        elif line.strip():
            lines.append(line)
    return lines


def squash(text: str) -> str:
    """Text as compared: NFKC (ligatures, Arabic presentation forms), no spaces, dashes, quotes."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text)).casefold()


@dataclass(frozen=True)
class _PdfText:
    """The PDF text squashed whole, without punctuation, and as a set of word keys."""

    whole: str
    loose: str
    word_keys: frozenset[str]


def _word_key(word: str) -> str:
    """A word's letters, without marks, sorted: RTL ligatures come out of PDFs reordered."""
    letters = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", word))
    return "".join(sorted(c for c in letters if unicodedata.category(c)[0] in "LN"))


def read_pdf_pages(pdf: Path) -> list[str]:
    """The text of each page in logical order (PDFium reads right-to-left lines correctly)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        pages = [document[index].get_textpage().get_text_range() for index in range(len(document))]
    finally:
        document.close()
    return [page.replace("\r\n", "\n").replace("\r", "\n") for page in pages]


def read_pdf_text(pdf: Path) -> str:
    """The text of every page, one after another."""
    return "\n".join(read_pdf_pages(pdf))


def _found_sentence(sentence: Sentence, pdf: _PdfText) -> bool:
    """Whether the sentence is in the PDF text (template tags may be printed or not)."""
    fragments = [squash(part) for part in _TEMPLATE_TAG.split(sentence.text)]
    if all(fragment in pdf.whole for fragment in fragments):
        return True
    if not sentence.loose:
        return False
    # Table cells wrap line by line across columns, and right-to-left ligatures come out of the
    # PDF reordered: accept such a sentence when each of its words is there.
    return all(_found_word(word, pdf) for word in sentence.text.split())


def _found_word(word: str, pdf: _PdfText) -> bool:
    """Whether a word is in the PDF whole, with its letters reordered, or piece by piece.

    Pieces: PDF text extraction cuts Arabic words at their vowel marks. A URL in a
    right-to-left line comes out of the PDF in runs reordered around its slashes (and broken
    across lines), so it is not checked there.
    """
    if "://" in word:
        return True
    squashed = squash(word)
    if _NOT_WORD.sub("", squashed) in pdf.loose or _word_key(word) in pdf.word_keys:
        return True
    return all(piece in pdf.loose for piece in _NOT_WORD.split(squashed))


def _found_code_line(line: str, pdf_lines: list[str]) -> bool:
    """Whether the line starts a PDF line and ends one, possibly wrapped over several."""
    wanted = squash(line)
    if not wanted:
        return True
    for start, first in enumerate(pdf_lines):
        if not first or not wanted.startswith(first):
            continue
        joined = ""
        for following in pdf_lines[start : start + 8]:
            joined += following
            if joined == wanted:
                return True
            if not wanted.startswith(joined):
                break
    return False


def missing_from_pdf(
    text: str, sentences: tuple[Sentence, ...], lines: tuple[str, ...]
) -> tuple[tuple[Sentence, ...], tuple[str, ...]]:
    """The sentences and code lines of a document that the PDF text does not have."""
    whole = squash(text)
    words = frozenset(_word_key(word) for word in _NOT_WORD.split(text))
    pdf = _PdfText(whole, _NOT_WORD.sub("", whole), words)
    pdf_lines = [squash(line) for line in text.splitlines()]
    missing = tuple(sentence for sentence in sentences if not _found_sentence(sentence, pdf))
    missing_code = tuple(line for line in lines if not _found_code_line(line, pdf_lines))
    return missing, missing_code
