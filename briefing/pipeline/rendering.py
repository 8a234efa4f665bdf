"""The render stage of a build: the body and each profile's HTML, and the email draft.

A cold build runs it in a forked child (`driver`) while it imports WeasyPrint and the layout
and PDF stages, so this is the one module of the pipeline that imports the render stage's
heavy libraries (Markdown and its extensions, Jinja2's templates): `production` loads it only
when it renders in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.pipeline.reading import Reading
from briefing.plan import ProfilePlan
from briefing.read.files import project_door
from briefing.render.body import RenderedBody, render_body
from briefing.render.charts.background import BackgroundCharts
from briefing.render.email_message import eml_path, make_draft
from briefing.render.html import render_html
from briefing.render.templates import make_environment

if TYPE_CHECKING:
    from briefing.editions.revision import Revision


@dataclass(frozen=True)
class Rendered:
    """The body as HTML, and each profile's whole HTML, in the order of the reading's plans."""

    body: RenderedBody
    htmls: tuple[str, ...]


def render_stage(
    reading: Reading,
    charts: BackgroundCharts,
    revise: Revision | None = None,
    page_footnotes: bool = True,
) -> Rendered:
    """Render the body (footnotes at the foot of their page, or at the end) and each profile's
    HTML; with `revise`, the body as compared with an old edition (its charts drawn, not
    placeholders: the comparison reads them)."""
    briefing, brand, config = reading.briefing, reading.brand, reading.config
    if revise:
        charts.wait()
    body = render_body(briefing, config, page_footnotes, brand, reading.looks, charts)
    if revise:
        body = revise(briefing, body)
    htmls = tuple(render_html(briefing, config, plan, body, brand) for plan in reading.plans)
    return Rendered(body, htmls)


def email_draft(
    reading: Reading, pdf: bytes, plan: ProfilePlan, output: Path
) -> tuple[Path, bytes]:
    """The email draft beside `output` (the brief's PDF path), with `pdf` attached."""
    config = reading.config
    environment = make_environment(config.template_dirs, config.cache_dir, project_door(config))
    return eml_path(output), make_draft(reading.briefing, pdf, environment, plan.created)
