"""Rendering: Markdown body to HTML, then the whole briefing through the Jinja templates."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from markupsafe import Markup

from .config import Config
from .content import Briefing
from .errors import BuildError, ContentError
from .markdown_ext import TableMarkerExtension
from .sanitize import check_nesting, sanitize_html


@dataclass(frozen=True)
class ContentsEntry:
    """One line of the contents page: a heading, its level (1 or 2) and its anchor."""

    level: int
    title: str
    anchor: str


def make_environment(templates_dir: Path) -> Environment:
    """Jinja environment: autoescaped, strict about undefined names, loading `templates_dir`."""
    return Environment(
        loader=FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def markdown_to_html(
    briefing: Briefing, environment: Environment, trust_html: bool = False
) -> tuple[Markup, list[ContentsEntry]]:
    """Convert the body to HTML (tables placed by their markers) and list its headings."""
    table_macro = environment.get_template("macros.html").module.comparison_table  # type: ignore[attr-defined]
    converter = markdown.Markdown(
        extensions=[
            "tables",
            "attr_list",
            "footnotes",
            "sane_lists",
            "toc",
            TableMarkerExtension(lambda name: str(table_macro(briefing.tables[name]))),
        ],
        extension_configs={"toc": {"baselevel": 2, "toc_depth": "2-3"}},
        output_format="html",
    )
    try:
        body = converter.convert(briefing.body)
    except RecursionError:
        raise ContentError(
            "content is nested too deeply: flatten the lists or quotes", briefing.path
        ) from None
    if not trust_html:
        body = sanitize_html(body)
    check_nesting(body, briefing.path)
    contents = list(_flatten(converter.toc_tokens))  # type: ignore[attr-defined]
    return Markup(body), contents


def render_html(briefing: Briefing, config: Config) -> str:
    """Render the complete HTML document that WeasyPrint lays out."""
    environment = make_environment(config.templates_dir)
    body, contents = markdown_to_html(briefing, environment, config.trust_html)
    template_name = f"{briefing.metadata.template}.html"
    try:
        template = environment.get_template(template_name)
    except TemplateNotFound:
        raise ContentError(
            f"unknown template '{briefing.metadata.template}': looked for {template_name} in "
            f"{config.templates_dir}",
            briefing.path,
        ) from None
    context: dict[str, Any] = {
        "metadata": briefing.metadata,
        "body": body,
        "contents": contents,
        "styles": Markup(
            "\n".join(
                (config.styles_dir / name).read_text(encoding="utf-8")
                for name in config.stylesheets
            )
        ),
        "base_url": briefing.path.parent.resolve().as_uri() + "/",
        "created": _created(config),
    }
    try:
        return template.render(context)
    except TemplateError as error:
        path, line = _template_location(error, config.templates_dir / template_name)
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


def _flatten(tokens: list[dict[str, Any]]) -> list[ContentsEntry]:
    entries = []
    for token in tokens:
        entries.append(ContentsEntry(token["level"] - 1, html.unescape(token["name"]), token["id"]))
        entries.extend(_flatten(token["children"]))
    return entries


def _created(config: Config) -> str:
    """Creation time for the PDF metadata: SOURCE_DATE_EPOCH when set, so rebuilds match."""
    if config.source_date_epoch is not None:
        moment = dt.datetime.fromtimestamp(config.source_date_epoch, dt.UTC)
    else:
        moment = dt.datetime.now(dt.UTC).replace(microsecond=0)
    return moment.isoformat().replace("+00:00", "Z")
