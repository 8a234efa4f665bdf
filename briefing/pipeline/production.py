"""The later stages of a build: render, lay out and make each profile's PDF, then write them
all (or none). Its imports are the heavy ones (WeasyPrint, Markdown, Jinja2): `driver.build`
loads this module only once the reading stage has started what can start early."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.brand.css import brand_styles
from briefing.brand.model import Brand
from briefing.cache import file_digest
from briefing.config import Config
from briefing.errors import ContentWarning
from briefing.layout.engine import Layout, lay_out, lost_footnotes, placed_anchors
from briefing.layout.preflight import check_glyphs, css_of, style_font_families
from briefing.output import write_outputs
from briefing.pdf.document import PdfResult, make_pdf
from briefing.pdf.sealing import seal_pdf
from briefing.pipeline.reading import Reading
from briefing.pipeline.results import (
    BuildResult,
    in_source_order,
    refuse_in_strict_modes,
    refuse_overwriting_inputs,
)
from briefing.processes import ForkedTask
from briefing.read.document import Briefing, watermark_of
from briefing.read.files import project_door
from briefing.render.charts.background import BackgroundCharts
from briefing.timing import StageClock

if TYPE_CHECKING:
    from briefing.editions.revision import Revision
    from briefing.pipeline.rendering import Rendered


def _endnotes_warning(briefing: Briefing, count: int) -> ContentWarning:
    return ContentWarning(
        briefing.path,
        None,
        f"{count} footnote(s) could not be kept at the foot of their page (a WeasyPrint "
        "limitation): every footnote is printed at the end instead",
    )


def _brand_digests(brand: Brand, config: Config) -> dict[Path, str]:
    """The brand files read; a missing `_brand.yml` too (as ''), so adding one rebuilds."""
    digests = {path: file_digest(path) for path in brand.files}
    if config.project_root and not brand.path:
        digests[config.project_root / "_brand.yml"] = ""
    return digests


def _sealed(pdf: PdfResult, config: Config) -> PdfResult:
    """`pdf` encrypted and signed as `config.seal` asks, after the finisher. An encrypted PDF
    is never taken from the cache: its password is not in the cache's key, and must not be."""
    seal = config.seal
    if not (seal.signs or seal.encrypt):
        return pdf
    data = seal_pdf(pdf.data, seal, seal.open_password if seal.encrypt else "")
    cacheable = pdf.cacheable and not seal.encrypt
    return replace(pdf, data=data, size=len(data), cacheable=cacheable)


def produce(
    reading: Reading,
    charts: BackgroundCharts,
    rendering: ForkedTask[Rendered] | None,
    output: Path,
    clock: StageClock,
    started: float,
) -> list[BuildResult]:
    """Each profile of the briefing `reading` read, `output` being the brief profile's path,
    its charts taken from `charts`, its HTML from `rendering` (a child rendering it) when that
    hands it over, else rendered here. With `changes_since`, the body is compared with the old
    edition first."""
    briefing, brand, config, plans = reading.briefing, reading.brand, reading.config, reading.plans
    revise = None
    if config.changes_since:  # read now, before anything is rendered
        from briefing.editions.revision import revision_since  # deferred: editions only

        revise = revision_since(config.changes_since, briefing.path, config, config.redline)
    clock.lap("load")
    sheets = dict.fromkeys(sheet for plan in plans for sheet in plan.stylesheets)
    css = css_of(list(sheets), project_door(config)) + str(brand_styles(brand))  # every font
    font_files = tuple(font.path for font in brand.fonts)
    check_glyphs(briefing, style_font_families(css), config.cache_dir, font_files)
    clock.lap("preflight")
    rendered = (rendering.result() if rendering else None) or _rendered_here(
        reading, charts, revise
    )
    layouts: dict[str, Layout] = {}  # profiles with the same HTML share one layout
    results, files = [], []
    warnings = [*briefing.warnings, *rendered.body.warnings, *brand.warnings]
    for index, plan in enumerate(plans):
        html = rendered.htmls[index]
        clock.lap("render")
        if html not in layouts:
            layout = lay_out(html, briefing, config, charts.drawing)
            if lost := lost_footnotes(html, placed_anchors(layout)):
                # WeasyPrint dropped notes it moved to another page: keep them as endnotes.
                rendered = _rendered_here(reading, charts, revise, page_footnotes=False)
                html = rendered.htmls[index]
                layout = lay_out(html, briefing, config, charts.drawing)
                warnings.append(_endnotes_warning(briefing, len(lost)))
            layouts[html] = layout
            clock.lap("layout")
        pdf = _sealed(
            make_pdf(layouts[html], briefing, plan, config, watermark_of(briefing)), config
        )
        files.append((plan.output, pdf.data))
        warnings += pdf.warnings
        if config.write_html:
            files.append((plan.output.with_suffix(".html"), charts.inline(html).encode("utf-8")))
        draft = None
        if plan.profile.writes_eml:
            from briefing.pipeline.rendering import email_draft  # deferred: Jinja2's templates

            draft, message = email_draft(reading, pdf.data, plan, output)
            files.append((draft, message))
        inputs = {**briefing.digests, **pdf.resources, **_brand_digests(brand, config)}
        seconds = time.perf_counter() - started
        claims = tuple(claim.listed() for claim in briefing.claims)
        title = briefing.metadata.title
        if revise:  # the old edition is no input the cache could check
            pdf = replace(pdf, cacheable=False)
        results.append(BuildResult(pdf, seconds, draft, inputs, title, claims))
        clock.lap("pdf")
        started = time.perf_counter()
    found = in_source_order(warnings)
    refuse_in_strict_modes(briefing, found, config)
    results = [replace(result, warnings=found) for result in results]
    refuse_overwriting_inputs(briefing, results, [path for path, _ in files])
    write_outputs(files)  # only once every profile succeeded
    clock.lap("write")
    return results


def _rendered_here(
    reading: Reading, charts: BackgroundCharts, revise: Revision | None, page_footnotes: bool = True
) -> Rendered:
    """The render stage run in this process (no child rendered it, or the notes moved)."""
    from briefing.pipeline.rendering import render_stage  # deferred: Markdown and Jinja2

    return render_stage(reading, charts, revise, page_footnotes)
