"""The last stage: lay out the HTML with WeasyPrint and write the PDF atomically."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from briefing.config import Config
from briefing.errors import ContentError, ContentWarning
from briefing.layout.table_check import table_warnings
from briefing.pdf.finisher import finisher
from briefing.plan import ProfilePlan
from briefing.read.document import Briefing
from briefing.read.files import line_of

DEFAULT_PDF_VARIANT = "pdf/ua-1"
"""Tagged and accessible by default: structure tree, language, title shown, table headers."""

_MISSING_GLYPH = re.compile(r"^\.notdef glyph rendered .*\(U\+(?P<code>[0-9A-F]+)\)$")


@dataclass(frozen=True)
class PdfResult:
    """A finished PDF: where it goes, its pages, its bytes."""

    path: Path
    pages: int
    size: int
    data: bytes = field(default=b"", repr=False)
    resources: dict[Path, str] = field(default_factory=dict)
    """Local files WeasyPrint read (images, stylesheets) with the SHA-256 read, for the cache."""
    cacheable: bool = True
    """False when something came from the network, which no hash can vouch for."""
    warnings: tuple[ContentWarning, ...] = ()
    """What laying out and writing this PDF warned about."""


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


@dataclass(frozen=True)
class Layout:
    """WeasyPrint's laid-out pages for one HTML, with what loading its resources reported."""

    document: Any
    fetcher: Any
    """The SafeFetcher that served it: files read, remote URLs skipped or fetched."""
    warnings: list[ContentWarning]


def _font_configuration(html: str) -> Any:
    """One font configuration per process for the installed fonts, so a long `--watch` does
    not grow by one per rebuild; a document with its own @font-face (a brand's font files)
    gets a fresh one, so a changed font file is never served stale."""
    from weasyprint.text.fonts import FontConfiguration

    if "@font-face" in html:
        return FontConfiguration()
    return shared_font_configuration()


@cache
def shared_font_configuration() -> Any:
    """WeasyPrint's font configuration for the installed fonts, one per process."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def lay_out(html: str, briefing: Briefing, config: Config) -> Layout:
    """Lay out `html` of `briefing`, reading resources only through the safe fetcher."""
    from briefing.layout.fetcher import ResourceRefused, SafeFetcher
    from briefing.layout.weasyprint_adapter import load_weasyprint

    weasyprint = load_weasyprint()  # deferred: importing WeasyPrint takes ~0.3 s
    from briefing.layout.hyphenation import (  # pyphen: with it
        document_languages,
        preload_hyphenation,
    )

    source = briefing.path
    roots = (source.parent, *config.template_dirs, *config.style_dirs, *config.asset_dirs)
    roots += (config.brand_root,) if config.brand_root else ()  # a brand's logo and fonts
    fetcher = SafeFetcher(roots, allow_remote=config.allow_remote)
    languages = document_languages(briefing.metadata.language, html)
    preload_hyphenation(languages, config.cache_dir)
    document = None
    with collect_weasyprint_warnings() as collected:
        try:
            base_url = source.parent.resolve().as_uri() + "/"
            document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
                font_config=_font_configuration(html)
            )
        except ResourceRefused:
            pass  # reported below from fetcher.refused, which also sees refusals WeasyPrint hid
    _raise_first_refusal(fetcher, source)
    assert document is not None  # rendering only stops early on a refusal
    warnings = _warnings(collected.messages, fetcher, source)
    warnings += table_warnings(document.pages, source)  # content cut off is never silent
    return Layout(document, fetcher, warnings)


def placed_anchors(layout: Layout) -> set[str]:
    """The ids of every element that made it onto a page."""
    return {anchor for page in layout.document.pages for anchor in page.anchors}


def make_pdf(
    layout: Layout,
    briefing: Briefing,
    plan: ProfilePlan,
    config: Config,
    compact: bool = True,
) -> PdfResult:
    """Make the PDF of `plan`'s profile from `layout`; nothing is written yet. Unless `compact`
    is False (to compare), fonts are re-subset and repeated forms shared: same pages, fewer
    bytes."""
    from weasyprint import Attachment

    from briefing.layout.fetcher import ResourceRefused
    from briefing.pdf.watermark_drawing import watermark_of

    profile, output, created = plan.profile, plan.output, plan.created
    fetcher = layout.fetcher
    pdf_bytes = b""
    with collect_weasyprint_warnings() as collected:
        attachments = [
            Attachment(url=path.as_uri(), url_fetcher=fetcher, name=path.name,
                       created=created, modified=created)
            for path in briefing.attachments
        ]  # fmt: skip
        with suppress(ResourceRefused):  # reported just below, from fetcher.refused
            pdf_bytes = layout.document.write_pdf(
                attachments=attachments,
                pdf_variant=config.pdf_variant or DEFAULT_PDF_VARIANT,
                pdf_tags=True,
                finisher=finisher(profile, compact, watermark_of(briefing)),
                **profile.pdf_options,
            )
    _raise_first_refusal(fetcher, briefing.path)  # SVG images load while drawing, too
    warnings = layout.warnings + _warnings(collected.messages, None, briefing.path)
    if profile.size_budget and len(pdf_bytes) > profile.size_budget:
        warnings.append(
            ContentWarning(
                output,
                None,
                f"{len(pdf_bytes) / 1024:.1f} KB is over the {profile.name} profile's budget "
                f"of {profile.size_budget / 1024:.0f} KB",
            )
        )
    return PdfResult(
        output,
        len(layout.document.pages),
        len(pdf_bytes),
        pdf_bytes,
        dict(fetcher.served),
        cacheable=not fetcher.remote,
        warnings=tuple(warnings),
    )


def _raise_first_refusal(fetcher: Any, source: Path) -> None:
    """Stop the build on the first resource the fetcher refused, naming where it appears."""
    if fetcher.refused:
        refused = fetcher.refused[0]
        raise ContentError(
            f"refused to load {refused.url}: {refused.reason}", source, line_of(source, refused.url)
        )


def _warnings(messages: list[str], fetcher: Any, source: Path) -> list[ContentWarning]:
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
