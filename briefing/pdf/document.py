"""Making the PDF of a profile from a layout: attachments, PDF variant, the finisher and the
profile's size budget. Nothing is written here (`output.write_outputs` writes)."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from briefing.config import Config
from briefing.errors import ContentWarning
from briefing.layout.engine import (
    Layout,
    collect_weasyprint_warnings,
    raise_first_refusal,
    weasyprint_warnings,
)
from briefing.layout.fetcher import ResourceRefused
from briefing.pdf.finisher import finisher
from briefing.pdf.sources import (
    SOURCE_DESCRIPTION,
    SOURCES_ARCHIVE,
    SourceFile,
    pack_sources,
    source_files,
)
from briefing.plan import ProfilePlan
from briefing.profiles import OPAQUE_PDF_VARIANTS
from briefing.read.document import Briefing, Watermark

DEFAULT_PDF_VARIANT = "pdf/ua-1"
"""Tagged and accessible by default: structure tree, language, title shown, table headers."""


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


def make_pdf(
    layout: Layout,
    briefing: Briefing,
    plan: ProfilePlan,
    config: Config,
    watermark: Watermark | None = None,
    compact: bool = True,
) -> PdfResult:
    """Make the PDF of `plan`'s profile from `layout`, a draft's `watermark` on every page,
    its sources embedded unless `config` says not; nothing is written yet. Unless `compact`
    is False (to compare), fonts are re-subset and repeated forms shared: same pages, fewer
    bytes."""
    profile, output = plan.profile, plan.output
    fetcher = layout.fetcher
    sources: tuple[SourceFile, ...] = ()
    unembedded: list[ContentWarning] = []
    if config.embed_sources:
        sources, unembedded = source_files(briefing, dict(fetcher.served), config, plan.created)
    with collect_weasyprint_warnings() as collected:
        pdf_bytes = _write(layout, briefing, plan, config, (watermark, compact, sources))
        budget = profile.size_budget
        left_out = bool(sources) and budget is not None and len(pdf_bytes) > budget
        if left_out:  # the sources give way to the budget, which readers feel
            pdf_bytes = _write(layout, briefing, plan, config, (watermark, compact, ()))
    raise_first_refusal(fetcher, briefing.path)  # SVG images load while drawing, too
    warnings = layout.warnings + weasyprint_warnings(collected.messages, None, briefing.path)
    warnings += unembedded + _budget_warnings(plan, len(pdf_bytes), left_out)
    return PdfResult(
        output,
        len(layout.document.pages),
        len(pdf_bytes),
        pdf_bytes,
        dict(fetcher.served),
        cacheable=not fetcher.remote,
        warnings=tuple(warnings),
    )


def _budget_warnings(plan: ProfilePlan, size: int, sources_left_out: bool) -> list[ContentWarning]:
    """What the profile's size budget says of a PDF of `size` bytes."""
    name, budget = plan.profile.name, plan.profile.size_budget
    if not budget:
        return []
    limit = f"the {name} profile's budget of {budget / 1024:.0f} KB"
    warnings = []
    if sources_left_out:
        message = f"sources not embedded: with them the PDF is over {limit}"
        warnings.append(ContentWarning(plan.output, None, message))
    if size > budget:
        warnings.append(ContentWarning(plan.output, None, f"{size / 1024:.1f} KB is over {limit}"))
    return warnings


def _write(
    layout: Layout,
    briefing: Briefing,
    plan: ProfilePlan,
    config: Config,
    finishing: tuple[Watermark | None, bool, tuple[SourceFile, ...]],
) -> bytes:
    """The PDF's bytes: the brief's attachments, then its `sources` marked as its source."""
    from weasyprint import Attachment  # loaded by layout already

    watermark, compact, sources = finishing
    created, fetcher = plan.created, layout.fetcher
    attachments = [
        Attachment(url=path.as_uri(), url_fetcher=fetcher, name=path.name,
                   created=created, modified=created)
        for path in briefing.attachments
    ] + [  # each chart's data travels with it, for readers to reuse the numbers
        Attachment(string=chart.csv_text().encode("utf-8"), name=f"{figure.name}.csv",
                   description=figure.caption, created=created, modified=created,
                   relationship="Data")
        for figure in briefing.figures.values()
        if (chart := figure.chart) is not None
    ]  # fmt: skip
    if sources:  # one archive of every source, marked as the document's source
        archive = pack_sources(sources, created)
        attachments.append(
            Attachment(string=archive, name=SOURCES_ARCHIVE, description=SOURCE_DESCRIPTION,
                       created=created, modified=created, relationship="Source")
        )  # fmt: skip
    names = frozenset([SOURCES_ARCHIVE] if sources else [])
    variant = config.pdf_variant or DEFAULT_PDF_VARIANT
    with suppress(ResourceRefused):  # reported by the caller, from fetcher.refused
        return bytes(
            layout.document.write_pdf(
                attachments=attachments,
                pdf_variant=variant,
                pdf_tags=True,
                finisher=finisher(
                    plan.profile,
                    compact,
                    watermark,
                    layout.formulas,
                    variant not in OPAQUE_PDF_VARIANTS,
                    names,
                ),
                **plan.profile.pdf_options,
            )
        )
    return b""
