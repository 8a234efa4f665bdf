"""Reading a briefing: decode the file, split front matter, validate it, load its tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import BriefingError, BuildProblems, ContentError, ContentWarning
from briefing.project import Defaults
from briefing.read.bibliography import Bibliography, read_bibliography
from briefing.read.blocks import load_blocks
from briefing.read.bounds import check_link_scans
from briefing.read.figure_data import Figure
from briefing.read.files import read_text
from briefing.read.front_matter import read_front_matter
from briefing.read.labels import Labels, load_labels
from briefing.read.metadata import FIELD_NAMES, Metadata, parse_metadata
from briefing.read.parts import Part, joined_body, read_parts
from briefing.read.tables import Table
from briefing.read.verification import CITATION, Claim, check_references, find_claims
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


def read_briefing(path: Path, defaults: Defaults | None = None) -> Briefing:
    """Read and validate the briefing at `path` and every table it places; the project's
    `defaults` fill in what its front matter leaves out.

    Raises:
        BriefingError: the one problem found, or `BuildProblems` listing every problem.
    """
    digests: dict[Path, str] = {}
    text = read_text(path, digests)
    front = read_front_matter(text, path)
    body, body_line = front.body, front.body_line
    problems: list[BriefingError] = []
    warnings: list[ContentWarning] = []
    metadata = None
    try:
        metadata, warnings = parse_metadata(
            front.data,
            path,
            front.key_lines,
            _fallback_title(body, path),
            first_line=1,
            fallback_language=guess_language(body),
            defaults={
                key: value
                for key, value in (defaults or Defaults()).as_front_matter().items()
                if key in FIELD_NAMES
            },
        )
    except ContentError as error:
        problems.append(error)
    language = metadata.language if metadata else "en"
    labels, label_warnings = load_labels(language, metadata.date if metadata else None, path)
    warnings = [*label_warnings, *warnings]
    parts = [Part(path, body, body_line)]
    if metadata is not None and metadata.parts:
        extra, part_warnings = read_parts(
            path, metadata.parts, front.key_lines.get("parts"), digests, problems
        )
        parts += extra
        warnings += part_warnings
    tables: dict[str, Table] = {}
    figures: dict[str, Figure] = {}
    for part in parts:
        load_blocks(part, problems, digests, labels, (tables, figures))
    warnings += [warning for figure in figures.values() for warning in figure.warnings]
    attachments: tuple[Path, ...] = ()
    if metadata is not None:
        try:
            line = front.key_lines.get("attachments")
            attachments = _check_attachments(path, metadata.attachments, line)
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
            bibliography = _read_bibliography(path, metadata, front.key_lines, parts, digests)
        except ContentError as error:
            problems.append(error)
        warnings += bibliography.warnings
    sources = {key for key, _ in metadata.sources} if metadata else set()
    for part in parts:
        warnings += check_references(
            part.path,
            part.body,
            part.body_line,
            sources | bibliography.keys,
            set(figures),
            set(tables),
        )
    if problems:
        raise problems[0] if len(problems) == 1 else BuildProblems(problems)
    assert metadata is not None
    claims = _find_claims(parts)
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
    )


def _read_bibliography(
    path: Path,
    metadata: Metadata,
    key_lines: dict[str, int],
    parts: list[Part],
    digests: dict[Path, str],
) -> Bibliography:
    written = [match[0] for part in parts for match in CITATION.finditer(part.body)]
    return read_bibliography(
        path,
        (metadata.bibliography, metadata.csl),
        (key_lines.get("bibliography"), key_lines.get("csl")),
        written,
        digests,
    )


def _find_claims(parts: list[Part]) -> tuple[Claim, ...]:
    """The claims of every part, numbered across them; each names its file when there are
    several parts."""
    claims: list[Claim] = []
    for part in parts:
        for claim in find_claims(part.body, part.body_line):
            where = part.path if len(parts) > 1 else None
            claims.append(Claim(len(claims) + 1, claim.text, claim.line, where))
    return tuple(claims)


def _check_attachments(path: Path, names: tuple[str, ...], line: int | None) -> tuple[Path, ...]:
    folder = path.parent.resolve()
    found = []
    for name in names:
        if "\x00" in name:  # no file name holds one; the operating system refuses it
            raise ContentError(f"attachment {name!r} contains a NUL character", path, line)
        candidate = (folder / name).resolve()
        if not candidate.is_relative_to(folder):
            raise ContentError(
                f"attachment {name!r} lies outside the briefing's folder", path, line
            )
        if not candidate.is_file():
            raise ContentError(f"attachment {name!r} is not a file in {folder}", path, line)
        found.append(candidate)
    return tuple(found)


def first_heading(body: str) -> str | None:
    """The text of the first `#` to `######` heading, closing `#`s removed. Line by line, with
    no pattern that could backtrack: its work grows with the length of `body` and no faster."""
    for line in body.split("\n"):
        marks = len(line) - len(line.lstrip("#"))
        if not 1 <= marks <= 6 or not line[marks : marks + 1].isspace():
            continue
        text = line[marks:].strip()
        text = text.rstrip("#").rstrip() or text
        if text:
            return text
    return None


def _fallback_title(body: str, path: Path) -> str:
    heading = first_heading(body)
    if heading:
        return heading
    return path.stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Briefing"


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
