"""citeproc-py at work: a bibliography file as a citation source (BibTeX read by
`citations.bibtex` into CSL-JSON), a CSL style, and the citations of a brief formatted in that
style."""

from __future__ import annotations

import io
import json
import warnings as python_warnings
from pathlib import Path
from typing import Any

from citeproc import (  # type: ignore[import-untyped]
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    Locator,
    formatter,
)
from citeproc.source.json import CiteProcJSON  # type: ignore[import-untyped]
from markupsafe import Markup

from briefing.errors import ContentError, ContentWarning
from briefing.read.citations.bibtex import read_bibtex
from briefing.read.verification import CitedItem, cited_items

_LOCATOR_LABELS = {
    "p.": "page", "pp.": "page", "page": "page", "pages": "page", "chap.": "chapter",
    "ch.": "chapter", "chapter": "chapter", "sec.": "section", "§": "section",
    "para.": "paragraph", "¶": "paragraph", "fig.": "figure", "vol.": "volume", "n.": "note",
}  # fmt: skip


def load_style(path: Path, text: str) -> CitationStylesStyle:
    """The CSL style `text` read from `path`.

    Raises:
        ContentError: not a CSL style.
    """
    try:
        return CitationStylesStyle(io.BytesIO(text.encode("utf-8")), validate=False)
    except Exception as error:  # lxml and citeproc raise many kinds for a bad style
        raise ContentError(f"not a CSL style: {error}", path, 1) from None


def load_items(path: Path, text: str, line: int | None) -> tuple[list[Any], list[ContentWarning]]:
    """The CSL-JSON items of a CSL-JSON (`.json`) or BibTeX (anything else) file, and a warning
    for each BibTeX entry that cannot be read."""
    if path.suffix.lower() != ".json":
        return read_bibtex(path, text)
    try:
        data = json.loads(text)
    except ValueError as error:
        raise ContentError(f"cannot read the bibliography: {error}", path, line) from None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        message = "cannot read the bibliography: expected a list of CSL-JSON items"
        raise ContentError(message, path, line)
    return data, []


def load_source(items: list[Any], path: Path, line: int | None) -> Any:
    """CSL-JSON `items` (from the files named, in order; a key defined twice: the first) as a
    citeproc source."""
    unique = {str(item.get("id")): item for item in reversed(items)}
    try:
        with python_warnings.catch_warnings():
            python_warnings.simplefilter("ignore")  # citeproc warns of fields it skips
            return CiteProcJSON(list(reversed(unique.values())))
    except Exception as error:  # citeproc raises many kinds for an item it cannot read
        raise ContentError(f"cannot read the bibliography: {error}", path, line) from None


def format_citations(
    style: CitationStylesStyle, source: Any, items: dict[str, Any], written: list[str], path: Path
) -> tuple[dict[str, Markup], tuple[tuple[str, Markup], ...]]:
    """Each citation `written` (`[@a; @b]`, or a bare `@a`: narrative) whose keys are all in
    `items` (CSL-JSON by key), formatted, and the References entries (each cited key with its
    entry, in the style's order)."""
    bibliography = CitationStylesBibliography(style, source, formatter.html)
    citations: dict[str, Citation] = {}
    keys = frozenset(items)
    for text in dict.fromkeys(written):
        items_cited = cited_items(text[1:-1] if text.startswith("[") else text)
        if items_cited and all(item.key in keys for item in items_cited):
            citations[text] = Citation([_citation_item(item) for item in items_cited])
            bibliography.register(citations[text])
    with python_warnings.catch_warnings():
        python_warnings.simplefilter("ignore")  # citeproc warns of style features it lacks
        try:
            bibliography.sort()
            formatted = {
                text: _as_written(text, str(bibliography.cite(citation, _ignore)), items)
                for text, citation in citations.items()
            }
            entries = [Markup(str(entry)) for entry in bibliography.bibliography()]
        except Exception as error:  # a style feature or field citeproc-py cannot handle
            raise ContentError(f"cannot format the citations: {error}", path) from None
    return formatted, tuple(zip(bibliography.keys, entries, strict=True))


def _citation_item(item: CitedItem) -> CitationItem:
    if not item.locator:
        return CitationItem(item.key)
    label, _, value = item.locator.partition(" ")
    if label.lower() in _LOCATOR_LABELS and value:
        return CitationItem(item.key, locator=Locator(_LOCATOR_LABELS[label.lower()], value))
    return CitationItem(item.key, locator=Locator("page", item.locator))


def _ignore(item: object) -> None:
    """Unknown keys never reach citeproc: reading the brief warned about them."""


def _as_written(text: str, formatted: str, items: dict[str, Any]) -> Markup:
    """A formatted citation as `text` asks: `[-@key]` without the author's names ("(2020)"),
    a bare `@key` with them before it ("Smith (2020)"), as Pandoc prints them; citeproc-py
    has neither form, so the names are taken off the formatted citation."""
    cited = cited_items(text[1:-1] if text.startswith("[") else text)
    narrative = not text.startswith("[")
    if len(cited) != 1 or not (narrative or cited[0].suppress_author):
        return Markup(formatted)
    item = items[cited[0].key]
    names = _names(item)
    year = str(((item.get("issued") or {}).get("date-parts") or [[""]])[0][0])
    opening = formatted[:1] if formatted[:1] in "([" else ""
    at = formatted.find(year) if year else -1
    suppressed = opening + formatted[at:] if opening and at > 0 else formatted
    return Markup(f"{Markup.escape(names)} {suppressed}" if narrative and names else suppressed)


def _names(item: dict[str, Any]) -> str:
    """The authors (or editors) as a sentence names them: "Smith", "Smith and Jones",
    "Smith et al."."""
    people = item.get("author") or item.get("editor") or []
    names = [str(person.get("family") or person.get("literal") or "") for person in people]
    names = [name for name in names if name]
    if len(names) > 2:
        return f"{names[0]} et al."
    return " and ".join(names)
