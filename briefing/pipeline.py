"""The build driver: read and validate everything, render each profile, then write."""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefing.brand.choice import choose_brand
from briefing.brand.css import brand_styles
from briefing.brand.model import Brand
from briefing.cache import file_digest
from briefing.config import Config
from briefing.editions.revision import Revision, revision_since
from briefing.errors import (
    BriefingError,
    BuildError,
    BuildProblems,
    ContentError,
    ContentWarning,
    display_path,
)
from briefing.layout.engine import Layout, lay_out, placed_anchors
from briefing.layout.preflight import check_glyphs, css_of, style_font_families
from briefing.output import write_outputs
from briefing.pdf.document import PdfResult, make_pdf
from briefing.pdf.sealing import seal_pdf
from briefing.plan import plan_profiles
from briefing.read.document import Briefing, read_briefing, watermark_of
from briefing.read.files import document_door, line_of, project_door
from briefing.read.verification import describe_claims
from briefing.render.body import RenderedBody, render_body
from briefing.render.email_message import eml_path, make_draft
from briefing.render.github_markdown import lost_footnotes
from briefing.render.html import render_html
from briefing.render.templates import make_environment
from briefing.timing import StageClock


@dataclass(frozen=True)
class BuildResult:
    """One finished output: the PDF written, any email draft, the seconds taken."""

    pdf: PdfResult
    seconds: float
    eml: Path | None = None
    inputs: dict[Path, str] = field(default_factory=dict)
    """Every local file the build read (source, data, attachments, images), with the SHA-256
    of the bytes it read."""
    title: str = ""
    claims: tuple[str, ...] = ()
    """Each claim still marked unverified, as `Claim.listed` shows it."""
    warnings: tuple[ContentWarning, ...] = ()
    """The build's warnings, in source order; the same on every profile of one build."""


def in_source_order(warnings: list[ContentWarning]) -> tuple[ContentWarning, ...]:
    """Each warning once, by file and line (warnings without a line come first)."""
    return tuple(
        sorted(
            dict.fromkeys(warnings),
            key=lambda warning: (str(warning.path or ""), warning.line or 0, warning.message),
        )
    )


def _endnotes_warning(briefing: Briefing, count: int) -> ContentWarning:
    return ContentWarning(
        briefing.path,
        None,
        f"{count} footnote(s) could not be kept at the foot of their page (a WeasyPrint "
        "limitation): every footnote is printed at the end instead",
    )


def _refuse_in_strict_modes(
    briefing: Briefing, warnings: tuple[ContentWarning, ...], config: Config
) -> None:
    """`--strict` fails on any warning; `--final` also on any claim still to verify."""
    problems: list[BriefingError] = []
    if config.final and briefing.claims:
        message = describe_claims(briefing.path, briefing.claims)
        problems.append(ContentError(message, briefing.path, briefing.claims[0].line))
    if config.final and briefing.metadata.status == "draft":
        message = "'status' is draft: --final refuses a draft; set status: final when it is"
        problems.append(ContentError(message, briefing.path, line_of(briefing.path, "status:")))
    if config.strict or config.final:
        flag = "--strict" if config.strict else "--final"
        problems += [
            ContentError(f"{warning.message} ({flag})", warning.path, warning.line)
            for warning in warnings
        ]
    if problems:
        raise problems[0] if len(problems) == 1 else BuildProblems(problems)


def _refuse_overwriting_inputs(
    briefing: Briefing, results: list[BuildResult], outputs: list[Path]
) -> None:
    """An output path that is one of the build's inputs would destroy it: refuse."""
    inputs = {path.resolve() for result in results for path in result.inputs}
    inputs |= {path.resolve() for path in briefing.inputs}
    for output in outputs:
        if output.resolve() in inputs:
            raise BuildError(
                f"output {display_path(output)} is one of the build's inputs: refusing to "
                "overwrite it; choose another -o path",
                briefing.path,
            )


def _brand_digests(brand: Brand, config: Config) -> dict[Path, str]:
    """The brand files read; a missing `_brand.yml` too (as ''), so adding one rebuilds."""
    digests = {path: file_digest(path) for path in brand.files}
    if config.project_root and not brand.path:
        digests[config.project_root / "_brand.yml"] = ""
    return digests


def _revised(briefing: Briefing, body: RenderedBody, revise: Revision | None) -> RenderedBody:
    """`body` as `revise` makes it (compared with an old edition), or as it is."""
    return revise(briefing, body) if revise else body


def _sealed(pdf: PdfResult, config: Config) -> PdfResult:
    """`pdf` encrypted and signed as `config.seal` asks, after the finisher. An encrypted PDF
    is never taken from the cache: its password is not in the cache's key, and must not be."""
    seal = config.seal
    if not (seal.signs or seal.encrypt):
        return pdf
    data = seal_pdf(pdf.data, seal, seal.open_password if seal.encrypt else "")
    cacheable = pdf.cacheable and not seal.encrypt
    return replace(pdf, data=data, size=len(data), cacheable=cacheable)


def build(source: Path, output: Path, config: Config) -> list[BuildResult]:
    """Build the briefing at `source` in each profile; `output` is the brief profile's path.
    With `config.changes_since`, the body is compared with the old edition first."""
    started = time.perf_counter()
    clock = StageClock(config.stage_timer)
    briefing = read_briefing(source, config.defaults, document_door(source, config), config.edition)
    brand = choose_brand(briefing, config)
    if brand.path:  # the fetcher may serve the brand's logo and fonts
        config = replace(config, brand_files=brand.files)
    revise = None
    if config.changes_since:  # read now, like everything else, before anything is rendered
        revise = revision_since(config.changes_since, source, config, config.redline)
    metadata = briefing.metadata
    plans = plan_profiles(config, output, metadata.profiles, metadata.paper)
    sheets = dict.fromkeys(sheet for plan in plans for sheet in plan.stylesheets)
    clock.lap("read")
    project = project_door(config)  # templates and styles: the project's or the theme's
    css = css_of(list(sheets), project) + str(brand_styles(brand))  # every profile's fonts
    font_files = tuple(font.path for font in brand.fonts)
    check_glyphs(briefing, style_font_families(css), config.cache_dir, font_files)
    clock.lap("preflight")
    # Charts in colour for the screen's profiles, in greys for the handout: only those needed.
    looks = tuple(dict.fromkeys("grey" if p.profile.black_and_white else "colour" for p in plans))
    body = _revised(briefing, render_body(briefing, config, brand=brand, looks=looks), revise)
    layouts: dict[str, Layout] = {}  # profiles with the same HTML share one layout
    results, files = [], []
    warnings = [*briefing.warnings, *body.warnings, *brand.warnings]
    for plan in plans:
        html = render_html(briefing, config, plan, body, brand)
        clock.lap("render")
        if html not in layouts:
            layout = lay_out(html, briefing, config)
            if lost := lost_footnotes(html, placed_anchors(layout)):
                # WeasyPrint dropped notes it moved to another page: keep them as endnotes.
                body = _revised(
                    briefing, render_body(briefing, config, False, brand, looks), revise
                )
                html = render_html(briefing, config, plan, body, brand)
                layout = lay_out(html, briefing, config)
                warnings.append(_endnotes_warning(briefing, len(lost)))
            layouts[html] = layout
            clock.lap("layout")
        pdf = _sealed(
            make_pdf(layouts[html], briefing, plan, config, watermark_of(briefing)), config
        )
        files.append((plan.output, pdf.data))
        warnings += pdf.warnings
        if config.write_html:
            files.append((plan.output.with_suffix(".html"), html.encode("utf-8")))
        draft = None
        if plan.profile.writes_eml:
            draft = eml_path(output)
            environment = make_environment(config.template_dirs, config.cache_dir, project)
            files.append((draft, make_draft(briefing, pdf.data, environment, plan.created)))
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
    _refuse_in_strict_modes(briefing, found, config)
    results = [replace(result, warnings=found) for result in results]
    _refuse_overwriting_inputs(briefing, results, [path for path, _ in files])
    write_outputs(files)  # only once every profile succeeded
    clock.lap("write")
    return results
