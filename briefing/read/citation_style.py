"""citeproc-py at work: a bibliography file as a citation source, a CSL style, and the
citations of a brief formatted in that style."""

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
from citeproc.source.bibtex import BibTeX  # type: ignore[import-untyped]
from citeproc.source.json import CiteProcJSON  # type: ignore[import-untyped]
from markupsafe import Markup

from briefing.errors import ContentError
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


def load_source(path: Path, text: str, line: int | None) -> Any:
    """CSL-JSON (`.json`) or BibTeX (anything else) as a citeproc source."""
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
            if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
                raise ValueError("expected a list of CSL-JSON items")
            return CiteProcJSON(data)
        with python_warnings.catch_warnings():
            python_warnings.simplefilter("ignore")  # citeproc warns of fields it skips
            return BibTeX(io.StringIO(text))
    except Exception as error:  # json, the BibTeX parser and citeproc raise many kinds
        raise ContentError(f"cannot read the bibliography: {error}", path, line) from None


def format_citations(
    style: CitationStylesStyle, source: Any, keys: frozenset[str], written: list[str], path: Path
) -> tuple[dict[str, Markup], tuple[tuple[str, Markup], ...]]:
    """Each citation `written` whose keys are all in `keys`, formatted, and the References
    entries (each cited key with its entry, in the style's order)."""
    bibliography = CitationStylesBibliography(style, source, formatter.html)
    citations: dict[str, Citation] = {}
    for text in dict.fromkeys(written):
        items = cited_items(text[1:-1])
        if items and all(item.key in keys for item in items):
            citations[text] = Citation([_citation_item(item) for item in items])
            bibliography.register(citations[text])
    with python_warnings.catch_warnings():
        python_warnings.simplefilter("ignore")  # citeproc warns of style features it lacks
        try:
            bibliography.sort()
            formatted = {
                text: Markup(str(bibliography.cite(citation, _ignore)))
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
