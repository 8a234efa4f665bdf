"""The whole briefing rendered: the body put through the Jinja templates with its front
matter, labels, styles and house style."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import (
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from markupsafe import Markup

from briefing.brand.css import brand_styles
from briefing.brand.model import Brand
from briefing.config import Config
from briefing.errors import BuildError, ContentError
from briefing.plan import ProfilePlan, plan_profiles
from briefing.read.document import Briefing
from briefing.read.files import project_door, read_text
from briefing.read.writing_systems import text_direction
from briefing.render.body import RenderedBody, render_body
from briefing.render.templates import make_environment

EDITIONS_SHEET = "editions.css"
"""The stylesheet of the "What changed" page and the redline's marks, added after the
profile's sheets only when a brief is built against an earlier edition."""

MIN_CONTENTS_ENTRIES = 3
"""A brief with fewer headings (sections, subsections and appendices together) has nothing to
navigate: it gets no contents page."""


def render_html(
    briefing: Briefing,
    config: Config,
    plan: ProfilePlan | None = None,
    body: RenderedBody | None = None,
    brand: Brand | None = None,
) -> str:
    """Render the complete HTML document that WeasyPrint lays out for `plan` (the brief
    profile's by default), in the house style of `brand` (the theme's own look without one)."""
    if plan is None:
        metadata = briefing.metadata
        plan = plan_profiles(config, briefing.path, ("brief",), metadata.paper)[0]
    profile = plan.profile
    body = body or render_body(briefing, config)
    door = project_door(config)  # templates and styles: the project's or the theme's
    environment = make_environment(config.template_dirs, config.cache_dir, door)
    template_name = f"{briefing.metadata.template}.html"
    try:
        template = environment.get_template(template_name)
    except TemplateNotFound:
        raise ContentError(
            f"unknown template '{briefing.metadata.template}': looked for {template_name} in "
            f"{' and '.join(str(folder) for folder in config.template_dirs)}",
            briefing.path,
        ) from None
    metadata = briefing.metadata
    print_layout = profile.print_layout
    sheets = [*plan.stylesheets, *([config.style_path(EDITIONS_SHEET)] if body.changes else [])]
    condensed = print_layout and metadata.handout == "summary"
    context: dict[str, Any] = {
        "metadata": metadata,
        "direction": text_direction(metadata.language),
        "body": body.html,
        "contents": body.contents if len(body.contents) >= MIN_CONTENTS_ENTRIES else [],
        "labels": briefing.labels,
        # Only print switches mark the body: profiles that differ in writer options alone
        # (brief, email) then render identical HTML and share one layout.
        "body_class": " ".join(
            (["sections-on-right"] if print_layout and metadata.sections_on_right else [])
            + (["condensed"] if condensed else [])
        ),
        "condensed": condensed,
        "tables": list(body.tables),
        "changes": body.changes,
        "claims": briefing.claims,
        "chart_tables": body.chart_tables,
        "references": briefing.bibliography.entries,
        "sources": [
            (number, key, text) for number, (key, text) in enumerate(metadata.sources, start=1)
        ],
        "styles": Markup("\n".join(read_text(path, door) for path in sheets)),
        "brand": brand or Brand(),
        "brand_styles": brand_styles(brand or Brand(), profile.black_and_white),
        "base_url": briefing.path.parent.resolve().as_uri() + "/",
        "created": plan.created.isoformat().replace("+00:00", "Z"),
        "every_edition": _every_edition(briefing),
    }
    try:
        return template.render(context)
    except TemplateError as error:
        path, line = _template_location(error, config.template_dirs[0] / template_name)
        raise BuildError(f"template error: {error.message}", path, line) from None


def _template_location(error: TemplateError, fallback: Path) -> tuple[Path, int | None]:
    """The template file and line where rendering failed (Jinja keeps them in the traceback)."""
    if isinstance(error, TemplateSyntaxError) and error.filename:
        return Path(error.filename), error.lineno
    location: tuple[Path, int | None] = (fallback, None)
    traceback = error.__traceback__
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename.endswith(".html"):
            location = (Path(filename), traceback.tb_lineno)
        traceback = traceback.tb_next
    return location


def _every_edition(briefing: Briefing) -> str:
    """The cover's line saying a brief with editions was built with every section; ''."""
    if briefing.edition is not None or not briefing.editions:
        return ""
    return briefing.labels.every_edition.format(editions=", ".join(briefing.editions))
