"""Reading a briefing: decode the file, split front matter, validate it, load its tables."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from briefing.errors import BriefingError, BuildProblems, ContentError, ContentWarning
from briefing.project import Defaults
from briefing.read.bibliography import Bibliography, read_bibliography
from briefing.read.blocks import load_blocks
from briefing.read.bounds import check_link_scans
from briefing.read.editions.selection import check_editions, edition_parts
from briefing.read.figure_data import Figure
from briefing.read.files import Door, check_attachments, document_door, read_text
from briefing.read.front_matter import fallback_title, read_front_matter
from briefing.read.labels import Labels, load_labels
from briefing.read.metadata import FIELD_NAMES, Metadata, for_edition, parse_metadata
from briefing.read.parts import Part, joined_body, read_parts
from briefing.read.quarto import numbered, read_variables, resolved_date
from briefing.read.tables import Table
from briefing.read.verification import (
    CITATION,
    NARRATIVE_CITATION,
    Claim,
    check_references,
    number_claims,
)
from briefing.read.writing_systems import guess_language


@dataclass(frozen=True)
class Briefing:
    """One briefing: its source file, metadata, Markdown body and the tables it places."""

    path: Path
    metadata: Metadata
    labels: Labels
    """The furniture's labels in the brief's language, worked out once per build."""
    body: str
    body_line: int
    """Line of `path` on which `body` starts."""
    tables: dict[str, Table]
    attachments: tuple[Path, ...] = ()
    """Files to embed in the PDF, checked to lie inside the briefing's folder."""

    figures: dict[str, Figure] = field(default_factory=dict)
    """Figures in the order they are placed: their number is their position, from 1."""

    claims: tuple[Claim, ...] = ()
    """Claims marked unverified, in order."""

    warnings: tuple[ContentWarning, ...] = ()
    """Problems found while reading that do not stop the build."""

    digests: dict[Path, str] = field(default_factory=dict)
    """The SHA-256 of each file read (source, parts, tables, figures, bibliography, style)."""

    parts: tuple[Part, ...] = ()
    """The main file's body and each part's, in order; `body` joins them."""

    bibliography: Bibliography = field(default_factory=Bibliography)
    """The `bibliography:` file's keys, the citations formatted and the References list."""

    front_matter: dict[str, Any] = field(default_factory=dict)
    """The front matter as written: `{{< meta key >}}` and `when-meta` read it."""

    variables: dict[str, Any] = field(default_factory=dict)
    """`_variables.yml` beside the brief: `{{< var key >}}` reads it."""

    numbered: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The names of the figures, tables and equations ("fig", "tbl", "eq") in number order."""

    door: Door | None = None
    """The check every file of this briefing passed, which its images pass too."""

    edition: str | None = None
    """The edition built: only its audience sections are in `body` and `parts`; None: all."""

    editions: tuple[str, ...] = ()
    """Every edition the brief has: declared in `editions:` or named by a section."""

    @property
    def inputs(self) -> tuple[Path, ...]:
        """Every file read to make this briefing: the source, its tables, its attachments."""
        return (
            self.path,
            *(table.path for table in self.tables.values()),
            *(figure.path for figure in self.figures.values()),
            *self.attachments,
            *(part.path for part in self.parts[1:]),
        )


def read_briefing(
    path: Path,
    defaults: Defaults | None = None,
    door: Door | None = None,
    edition: str | None = None,
) -> Briefing:
    """Read and validate the briefing at `path` and every table it places, each file through
    `door` (by default the document's own), as `edition` reads it (None: every audience
    section); the project's `defaults` fill in what its front
    matter leaves out.

    Raises:
        BriefingError: the one problem found, or `BuildProblems` listing every problem.
    """
    door = door or document_door(path)
    digests: dict[Path, str] = {}
    text = read_text(path, door, digests)
    front = read_front_matter(text, path)
    problems: list[BriefingError] = []
    main, named = edition_parts([Part(path, front.body, front.body_line)], edition, problems)
    body, body_line = (main[0].body if main else ""), front.body_line  # other editions' text
    # is gone before anything (even the fallback title) is taken from it
    warnings: list[ContentWarning] = []
    metadata = None
    try:
        metadata, warnings = parse_metadata(
            front.data,
            path,
            front.key_lines,
            fallback_title(body, path),
            first_line=1,
            fallback_language=guess_language(body),
            defaults={
                key: value
                for key, value in (defaults or Defaults()).as_front_matter().items()
                if key in FIELD_NAMES
            },
        )
        metadata = resolved_date(metadata, path)
    except ContentError as error:
        problems.append(error)
    language = metadata.language if metadata else "en"
    labels, label_warnings = load_labels(language, metadata.date if metadata else None, path)
    if metadata is not None and metadata.ai_assisted and not metadata.notice:
        metadata = replace(metadata, notice=labels.notice)  # the brief's language's notice
    if metadata is not None and metadata.notice and not metadata.notice_short:
        metadata = replace(metadata, notice_short=labels.notice_short)  # in the brief's language
    warnings = [*label_warnings, *warnings]
    parts = [Part(path, body, body_line)]
    if metadata is not None and metadata.parts:
        extra, part_warnings = read_parts(
            (path, front.key_lines.get("parts")), metadata.parts, door, digests, problems
        )
        extra, named_in_parts = edition_parts(extra, edition, problems)
        parts, named = parts + extra, (*named, *named_in_parts)
        warnings += part_warnings
    editions: tuple[str, ...] = ()
    if metadata is not None:
        try:
            where = (path, front.key_lines.get("editions"))
            editions = check_editions(edition, metadata.editions, named, where)
            metadata = for_edition(metadata, edition)
        except ContentError as error:
            problems.append(error)
    tables: dict[str, Table] = {}
    figures: dict[str, Figure] = {}
    for part in parts:
        load_blocks(part, problems, (door, digests), labels, (tables, figures))
    warnings += [warning for figure in figures.values() for warning in figure.warnings]
    attachments: tuple[Path, ...] = ()
    if metadata is not None:
        try:
            line = front.key_lines.get("attachments")
            attachments = check_attachments(path, metadata.attachments, line, door)
        except ContentError as error:
            problems.append(error)
    for part in parts:
        try:
            check_link_scans(part.body, part.path, part.body_line)  # before Markdown could
        except ContentError as error:  # take minutes on it
            problems.append(error)
    bibliography = Bibliography()
    if metadata is not None:
        try:
            bibliography = _read_bibliography(
                path, metadata, front.key_lines, parts, (door, digests)
            )
        except ContentError as error:
            problems.append(error)
        warnings += bibliography.warnings
    sources = {key for key, _ in metadata.sources} if metadata else set()
    names = numbered(parts)
    for part in parts:
        warnings += check_references(
            part.path,
            part.body,
            part.body_line,
            sources | bibliography.keys,
            set(names["fig"]),
            set(names["tbl"]),
            set(names["eq"]),
        )
    variables, variable_warnings = read_variables(path, door, digests)
    warnings += variable_warnings
    if problems:
        raise problems[0] if len(problems) == 1 else BuildProblems(problems)
    assert metadata is not None
    claims = number_claims(parts)
    return Briefing(
        path,
        metadata,
        labels,
        joined_body(parts),
        body_line,
        tables,
        attachments,
        figures,
        claims,
        tuple(warnings),
        digests,
        tuple(parts),
        bibliography,
        front.data if isinstance(front.data, dict) else {},
        variables,
        names,
        door,
        edition,
        editions,
    )


def _read_bibliography(
    path: Path,
    metadata: Metadata,
    key_lines: dict[str, int],
    parts: list[Part],
    reading: tuple[Door, dict[Path, str]],
) -> Bibliography:
    written = [match[0] for part in parts for match in CITATION.finditer(part.body)]
    written += [match[0] for part in parts for match in NARRATIVE_CITATION.finditer(part.body)]
    return read_bibliography(
        path,
        (metadata.bibliography, metadata.csl),
        (key_lines.get("bibliography"), key_lines.get("csl")),
        written,
        reading,
    )


@dataclass(frozen=True)
class Watermark:
    """What every page of a draft carries: its label ("DRAFT") and the date under it."""

    label: str
    date: str
    """Empty when the brief has no date: the label alone."""


def is_draft(briefing: Briefing) -> bool:
    """A brief is a draft when its front matter says so or while a claim is unverified."""
    return briefing.metadata.status == "draft" or bool(briefing.claims)


def watermark_of(briefing: Briefing) -> Watermark | None:
    """The watermark a draft's pages carry; None for a final brief."""
    if not is_draft(briefing):
        return None
    return Watermark(briefing.labels.draft, briefing.labels.date)
