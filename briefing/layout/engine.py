"""Laying out: WeasyPrint lays out the HTML, reading resources only through the safe fetcher;
its warnings become ours, and tables are checked against the laid-out pages."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from briefing.config import Config
from briefing.errors import ContentError, ContentWarning
from briefing.layout.fetcher import Drawings, ResourceRefused, SafeFetcher
from briefing.layout.hyphenation import document_languages, preload_hyphenation
from briefing.layout.table_check import table_warnings
from briefing.layout.weasyprint_adapter import font_configuration, load_weasyprint
from briefing.read.document import Briefing
from briefing.read.files import document_door, line_of, resources_door
from briefing.render.pandoc.formulas import formula_sources

_MISSING_GLYPH = re.compile(r"^\.notdef glyph rendered .*\(U\+(?P<code>[0-9A-F]+)\)$")


class _WarningCollector(logging.Handler):
    """Keep WeasyPrint's warnings so the build can judge them instead of printing them raw."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def collect_weasyprint_warnings() -> Iterator[_WarningCollector]:
    """Keep what WeasyPrint logs while the block runs, instead of letting it print."""
    logger = logging.getLogger("weasyprint")
    collector = _WarningCollector()
    previous = logger.propagate
    logger.addHandler(collector)
    logger.propagate = False
    try:
        yield collector
    finally:
        logger.removeHandler(collector)
        logger.propagate = previous


_FOOTNOTE_IDS = re.compile(r'<span class="footnote" id="([^"]+)"')
"""A footnote as `render.github_markdown` places it at its call, for WeasyPrint to float."""


@dataclass(frozen=True)
class Layout:
    """WeasyPrint's laid-out pages for one HTML, with what loading its resources reported."""

    document: Any
    fetcher: Any
    """The SafeFetcher that served it: files read, remote URLs skipped or fetched."""
    warnings: list[ContentWarning]
    formulas: frozenset[str] = frozenset()
    """The alternate texts (LaTeX sources) of the formulas drawn, for the PDF's Formula tags."""


def lay_out(
    html: str, briefing: Briefing, config: Config, drawings: Drawings | None = None
) -> Layout:
    """Lay out `html` of `briefing`, reading resources only through the safe fetcher, which
    fills in the placeholders of `drawings` still being drawn."""
    weasyprint = load_weasyprint()  # deferred: importing WeasyPrint takes ~0.3 s
    source = briefing.path
    door = resources_door(briefing.door or document_door(source, config), config)
    fetcher = SafeFetcher(door, config.allow_remote, drawings)
    languages = document_languages(briefing.metadata.language, html)
    preload_hyphenation(languages, config.cache_dir)
    document = None
    with collect_weasyprint_warnings() as collected:
        try:
            base_url = source.parent.resolve().as_uri() + "/"
            document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
                font_config=font_configuration(html)
            )
        except ResourceRefused:
            pass  # reported below from fetcher.refused, which also sees refusals WeasyPrint hid
    if fetcher.failures:
        raise fetcher.failures[0]
    raise_first_refusal(fetcher, source)
    assert document is not None  # rendering only stops early on a refusal
    warnings = weasyprint_warnings(collected.messages, fetcher, source)
    warnings += table_warnings(document.pages, source)  # content cut off is never silent
    return Layout(document, fetcher, warnings, formula_sources(html))


def placed_anchors(layout: Layout) -> set[str]:
    """The ids of every element that made it onto a page."""
    return {anchor for page in layout.document.pages for anchor in page.anchors}


def lost_footnotes(html: str, anchors: Iterable[str]) -> list[str]:
    """The ids of the footnotes in `html` that are missing from a laid-out document whose
    pages hold `anchors` (WeasyPrint's `page.anchors`).

    WeasyPrint 70 drops a note it had to move to the next page when it lays pages out again
    (which a contents page with page numbers makes it do); build with `page_footnotes=False`
    then, so every note is kept as an endnote.
    """
    placed = set(anchors)
    return [note_id for note_id in _FOOTNOTE_IDS.findall(html) if note_id not in placed]


def raise_first_refusal(fetcher: Any, source: Path) -> None:
    """Stop the build on the first resource the fetcher refused, naming where it appears."""
    if fetcher.refused:
        refused = fetcher.refused[0]
        raise ContentError(
            f"refused to load {refused.url}: {refused.reason}", source, line_of(source, refused.url)
        )


def weasyprint_warnings(messages: list[str], fetcher: Any, source: Path) -> list[ContentWarning]:
    """WeasyPrint's warnings as ours; a missing glyph is an error, not a warning."""
    skipped = list(dict.fromkeys(fetcher.skipped)) if fetcher else []
    missing = list(dict.fromkeys(fetcher.missing)) if fetcher else []
    warnings = [
        ContentWarning(
            source,
            line_of(source, url),
            f"remote resource left out (use --allow-remote to fetch it): {url}",
        )
        for url in skipped
    ]
    warnings += [
        ContentWarning(
            source,
            line_of(source, url),
            f"file not found, left out (its alt text shows instead): {_local_name(url, source)}",
        )
        for url in missing
    ]
    for message in messages:
        if glyph := _MISSING_GLYPH.search(message):
            character = chr(int(glyph["code"], 16))
            raise ContentError(
                f"no font has a glyph for U+{glyph['code']} ({character!r}): "
                "remove the character or add a font that has it",
                source,
                line_of(source, character),
            )
        if not any(url in message for url in (*skipped, *missing)):
            warnings.append(ContentWarning(source, None, message))
    return warnings


def _local_name(url: str, source: Path) -> str:
    """A file: URL as the path it names, relative to the brief's folder when below it."""
    path = Path(unquote(urlsplit(url).path))
    folder = source.parent.resolve()
    return str(path.relative_to(folder)) if path.is_relative_to(folder) else str(path)
