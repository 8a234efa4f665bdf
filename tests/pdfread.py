"""Reading a built PDF the way a reader sees it: text per page, outline, links, tables."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdf
import pypdfium2
from PIL import Image


@dataclass(frozen=True)
class Bookmark:
    """One outline entry: its depth, title and the 1-based page it opens."""

    depth: int
    title: str
    page: int


def render_page(pdf: Path, number: int = 0, scale: float = 1.0, mode: str = "RGB") -> Image.Image:
    """Page `number` (0-based) drawn at `scale` (1 = 72 dpi) as a `mode` image ("RGB", "L")."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return document[number].render(scale=scale).to_pil().convert(mode)
    finally:
        document.close()


def render_pages(pdf: Path, scale: float = 1.0, mode: str = "RGB") -> list[Image.Image]:
    """Every page drawn at `scale` as a `mode` image, in order."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=scale).to_pil().convert(mode) for page in document]
    finally:
        document.close()


def page_texts(pdf: Path) -> list[str]:
    """The text of every page, in order."""
    with pdfplumber.open(pdf) as document:
        return [page.extract_text() or "" for page in document.pages]


def bookmarks(pdf: Path) -> list[Bookmark]:
    """The PDF outline, flattened in reading order."""
    reader = pypdf.PdfReader(pdf)
    found: list[Bookmark] = []

    def walk(items: list[object], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                page = reader.get_destination_page_number(item) + 1  # type: ignore[arg-type]
                found.append(Bookmark(depth, item.title, page))  # type: ignore[attr-defined]

    walk(reader.outline, 0)
    return found


def structure_elements(pdf: Path) -> list[pypdf.generic.DictionaryObject]:
    """Every element of the tagged PDF's structure tree (headings, tables, figures...)."""
    found = []
    stack: list[object] = [pypdf.PdfReader(pdf).trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if isinstance(node, pypdf.generic.IndirectObject) else node
        if isinstance(node, pypdf.generic.DictionaryObject):
            if "/S" in node:
                found.append(node)
            kids = node.get("/K")
            stack.extend(kids if isinstance(kids, list) else [kids] if kids is not None else [])
    return found


def squash(text: str) -> str:
    """Text with whitespace, hyphens and hyphenation breaks removed, for containment checks."""
    return re.sub(r"[\s\-\u2010\u00ad]+", "", text)


def tables(pdf: Path) -> list[list[list[str]]]:
    """Every table pdfplumber finds, cells with line breaks folded to spaces."""
    found = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            for table in page.extract_tables():
                found.append([[_fold(cell) for cell in row] for row in table])
    return found


def _fold(cell: str | None) -> str:
    text = re.sub(r"\u2010\n", "", cell or "")  # WeasyPrint's hyphenation breaks
    return re.sub(r"\s+", " ", text).strip()
