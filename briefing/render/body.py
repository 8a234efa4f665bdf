"""The body: Markdown to HTML with every extension, tables and figures placed, charts drawn,
checked by the audit, with its headings for the contents page and its warnings."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import markdown
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension
from markupsafe import Markup

from briefing.brand.model import Brand
from briefing.config import Config
from briefing.errors import ContentError, ContentWarning
from briefing.read.document import Briefing
from briefing.read.figure_data import Figure
from briefing.read.files import line_of, project_door
from briefing.render.audit import audit_html
from briefing.render.briefing_markdown import BriefingExtension
from briefing.render.callouts import CalloutExtension
from briefing.render.changes import ChangesPage
from briefing.render.charts.background import BackgroundCharts
from briefing.render.charts.data_tables import ChartTable, chart_table
from briefing.render.charts.drawing import draw_figure, svg_data_uri
from briefing.render.charts.style import LOOKS, ChartStyle, chart_style, chart_styles
from briefing.render.cross_references import CrossReferences
from briefing.render.github_markdown import GitHubExtension, github_extensions, github_slugs
from briefing.render.pandoc.extension import PandocExtension
from briefing.render.pandoc.lines import Notices
from briefing.render.pandoc.math import fill_formulas
from briefing.render.print_markdown import PrintExtension
from briefing.render.sanitize import sanitize_html
from briefing.render.table_sizing import SizedTable, size_table, table_part_warnings
from briefing.render.templates import make_environment


@dataclass(frozen=True)
class ContentsEntry:
    """One line of the contents page: a heading, its level (1 or 2) and its anchor."""

    level: int
    title: str
    anchor: str


@dataclass(frozen=True)
class RenderedBody:
    """The Markdown body as safe HTML, with the headings for the contents page."""

    html: Markup
    contents: list[ContentsEntry]
    warnings: tuple[ContentWarning, ...] = ()
    tables: tuple[SizedTable, ...] = ()
    """The placed tables as printed, in order (the condensed handout lists them)."""
    changes: ChangesPage | None = None
    """What changed since an earlier edition, on a page after the cover (editions add it)."""
    chart_tables: tuple[ChartTable, ...] = ()
    """The numbers of the charts marked `data: appendix`, in order, for the appendix."""


def render_body(
    briefing: Briefing,
    config: Config,
    page_footnotes: bool = True,
    brand: Brand | None = None,
    looks: tuple[str, ...] = LOOKS,
    charts: BackgroundCharts | None = None,
) -> RenderedBody:
    """Convert the body to HTML (tables and figures placed by their markers), check its links
    and list its headings for the contents page; footnotes go to the foot of their page
    (`page_footnotes`) or to the end. Charts are drawn in each of `looks` (colour, grey) the
    profiles need, `brand`'s colours in colour (taken from `charts` when it has drawn them);
    each profile's stylesheet shows its own."""
    environment = make_environment(config.template_dirs, config.cache_dir, project_door(config))
    macros: Any = environment.get_template("macros.html").module
    numbers = _numbers(briefing)
    figure_numbers, table_numbers = numbers["fig"], numbers["tbl"]
    labels = briefing.labels
    tables = {name: size_table(table) for name, table in briefing.tables.items()}
    words = {"fig": labels.figure, "tbl": labels.table, "sec": labels.section}
    references = CrossReferences(
        figure_numbers,
        table_numbers,
        {**words, "eq": labels.equation},
        briefing.parts,
        briefing.bibliography.citations,
        equations=numbers["eq"],
    )
    notices: Notices = []
    drawn: dict[str, str] = {}

    styles = chart_styles(looks, brand)
    appendix: list[ChartTable] = []

    def render_block(kind: str, name: str) -> str:
        if kind == "table":
            return str(macros.comparison_table(tables[name], table_numbers[name], labels))
        figure, number = briefing.figures[name], figure_numbers[name]
        chart = figure.chart
        if chart:
            source = charts.source if charts else _drawn_in_place
            images = [(look, source(figure, look, style)) for look, style in styles.items()]
        else:  # the timeline and overlap: one drawing for every profile
            images = [("", svg_data_uri(draw_figure(figure, chart_style("colour"))))]
        table = chart_table(figure, number)
        if table and chart and chart.data == "appendix":
            appendix.append(table)
        shown = table if chart and chart.data == "show" else None
        return str(macros.figure(figure, number, images, shown, labels))

    converter = markdown.Markdown(
        extensions=[  # instances: names would read every package's entry points (~30 ms)
            TableExtension(),
            AttrListExtension(),
            FootnoteExtension(),
            SaneListExtension(),
            TocExtension(baselevel=2, toc_depth="2-3", slugify=github_slugs()),
            *github_extensions(),
            CalloutExtension(labels),
            GitHubExtension(page_footnotes),
            PrintExtension(),
            PandocExtension(
                notices,
                numbers,
                labels,
                (briefing.front_matter, briefing.variables),
                drawn,
                bool(briefing.bibliography.entries),
            ),
            BriefingExtension(
                render_block,
                source_numbers(briefing),
                references,
                briefing.claims,
            ),
        ],
        output_format="html",
    )
    try:
        body = converter.convert(briefing.body)
    except RecursionError:
        raise ContentError(
            "content is nested too deeply: flatten the lists or quotes", briefing.path
        ) from None
    if not config.trust_html:
        body = sanitize_html(body)
    body = fill_formulas(body, drawn)
    outside_ids = frozenset(f"source-{key}" for key, _ in briefing.metadata.sources) | {
        f"reference-{key}" for key, _ in briefing.bibliography.entries
    }
    audited = audit_html(
        body, briefing.path, lambda needle: line_of(briefing.path, needle), outside_ids
    )
    contents = list(_flatten(converter.toc_tokens))  # type: ignore[attr-defined]
    if briefing.claims:
        contents.append(ContentsEntry(1, labels.claims_to_verify, "claims-to-verify"))
    if appendix:
        contents.append(ContentsEntry(1, labels.chart_data, "chart-data"))
    if briefing.metadata.sources:
        contents.append(ContentsEntry(1, labels.sources, "sources"))
    if briefing.bibliography.entries:
        contents.append(ContentsEntry(1, labels.references, "references"))
    part_warnings = table_part_warnings(briefing.path, list(tables.values()))
    noticed = [
        ContentWarning(briefing.path, line_of(briefing.path, needle), message)
        for needle, message in dict.fromkeys(notices)
    ]
    warnings = (*part_warnings, *audited.warnings, *references.warnings, *noticed)
    return RenderedBody(
        Markup(audited.html),
        contents,
        warnings,
        tuple(tables.values()),
        chart_tables=tuple(appendix),
    )


def _numbers(briefing: Briefing) -> dict[str, dict[str, int]]:
    """The number of each figure, table and equation by kind ("fig", "tbl", "eq") and name:
    placed ones and Quarto's labelled ones together, in document order."""
    numbers = {
        kind: {name: number for number, name in enumerate(names, start=1)}
        for kind, names in briefing.numbered.items()
    }
    for kind, placed in (("fig", briefing.figures), ("tbl", briefing.tables)):
        found = numbers.setdefault(kind, {})
        for name in placed:
            found.setdefault(name, len(found) + 1)
    numbers.setdefault("eq", {})
    return numbers


def source_numbers(briefing: Briefing) -> dict[str, int]:
    """Each source key's number in the Sources section: its position in the front matter."""
    return {key: number for number, (key, _) in enumerate(briefing.metadata.sources, start=1)}


def _drawn_in_place(figure: Figure, look: str, style: ChartStyle) -> str:
    """`figure` drawn now, in this process, in `style` (`look` names it), as a data URI."""
    return svg_data_uri(draw_figure(figure, style))


def _flatten(tokens: list[dict[str, Any]]) -> list[ContentsEntry]:
    entries = []
    for token in tokens:
        entries.append(ContentsEntry(token["level"] - 1, html.unescape(token["name"]), token["id"]))
        entries.extend(_flatten(token["children"]))
    return entries
