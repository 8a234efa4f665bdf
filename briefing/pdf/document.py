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
from briefing.plan import ProfilePlan
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
    """Make the PDF of `plan`'s profile from `layout`, a draft's `watermark` on every page;
    nothing is written yet. Unless `compact`
    is False (to compare), fonts are re-subset and repeated forms shared: same pages, fewer
    bytes."""
    from weasyprint import Attachment  # loaded by layout already

    profile, output, created = plan.profile, plan.output, plan.created
    fetcher = layout.fetcher
    pdf_bytes = b""
    with collect_weasyprint_warnings() as collected:
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
        with suppress(ResourceRefused):  # reported just below, from fetcher.refused
            pdf_bytes = layout.document.write_pdf(
                attachments=attachments,
                pdf_variant=config.pdf_variant or DEFAULT_PDF_VARIANT,
                pdf_tags=True,
                finisher=finisher(profile, compact, watermark),
                **profile.pdf_options,
            )
    raise_first_refusal(fetcher, briefing.path)  # SVG images load while drawing, too
    warnings = layout.warnings + weasyprint_warnings(collected.messages, None, briefing.path)
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
