"""Front matter: the schema of a briefing's metadata and its validation."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from briefing.errors import ContentError, ContentWarning
from briefing.read.editions.sections import Edition
from briefing.read.front_matter_values import CONVERTERS, describe

_KEY_ALIASES = {"lang": "language", "organization": "organisation", "authors": "author"}
"""Keys other tools use for fields of ours (Quarto and Pandoc say `lang`)."""
_OTHER_TOOLS_KEYS = frozenset(
    {"format", "execute", "jupyter", "editor", "engine", "knitr", "filters", "crossref"}
    | {"number-sections", "toc", "toc-depth", "toc-title", "bibliography-title", "link-citations"}
    | {"affiliations", "citation", "reference-section-title", "fig-cap-location", "documentclass"}
)
"""Quarto's and Pandoc's settings for their own output: accepted silently, briefing has its own
(`affiliations` is read with `author`)."""


@dataclass(frozen=True)
class Metadata:
    """What a briefing's front matter says about it."""

    title: str
    """Title on the cover, in the running header and in the PDF metadata."""

    subtitle: str = ""
    """One line under the title."""

    abstract: tuple[str, ...] = ()
    """Its paragraphs, printed as text under the title, labelled (Pandoc's and Quarto's key)."""

    date: dt.date | str | None = None
    """Date of the briefing: a date (YYYY-MM-DD), or free-form text kept as written."""

    author: str = ""
    """Person or unit that wrote it; PDF author."""

    organisation: str = ""
    """Organisation on the cover."""

    language: str = "en"
    """BCP 47 language tag: hyphenation and PDF language."""

    keywords: tuple[str, ...] = ()
    """PDF keywords."""

    summary: tuple[str, ...] = ()
    """Bottom line up front: three to five points shown on the first page."""

    ai_assisted: bool = False
    """The text was written partly with AI assistance; a notice is then required."""

    notice: str = ""
    """Verification notice shown in full on the first page."""

    notice_short: str = ""
    """Short notice printed in the footer of every page (default with `notice`: the language's)."""

    template: str = "briefing"
    """Template name in `templates/` (without `.html`)."""

    attachments: tuple[str, ...] = ()
    """Files in the briefing's folder to embed in the PDF, each named explicitly."""

    profiles: tuple[str, ...] = ("brief",)
    """Profiles built when the command line names none: brief, handout, email or all."""

    paper: str = "a4"
    """Paper size for every profile: a4 or letter (the command line's --paper wins)."""

    handout: str = "full"
    """Handout content: full, or summary (title, summary, notice and tables on two pages)."""

    sections_on_right: bool = False
    """In the handout, start each major section on a right-hand page."""

    classification: str = ""
    """Handling banner, e.g. "UNCLASSIFIED — FOR TRAINING": top and bottom of every page."""

    distribution: str = ""
    """Distribution statement: on the cover and at the foot of every page."""

    sources: tuple[tuple[str, str], ...] = ()
    """Sources by key, cited in the text as [@key] and listed in a numbered Sources section."""

    bibliography: tuple[str, ...] = ()
    """CSL-JSON (.json) or BibTeX (.bib) files in the brief's folder, cited as [@key]."""

    csl: str = ""
    """A CSL style file in the brief's folder (default: Chicago author-date)."""

    parts: tuple[str, ...] = ()
    """Markdown files in the brief's folder added, in order, after the body."""

    to: str = ""
    """Whom a memo is for, in its header block."""

    status: str = "final"
    """draft or final: a draft (or a brief with claims still to verify) carries a watermark."""

    brand: str | None = None
    """The brand file: a name under `brands/` (default: `_brand.yml` at the project root)."""

    editions: tuple[Edition, ...] = ()
    """The editions `--edition` may build, each with its own handling lines if given."""


FIELD_NAMES = tuple(field.name for field in fields(Metadata))


def for_edition(metadata: Metadata, edition: str | None) -> Metadata:
    """`metadata` with the handling lines that `editions:` gives `edition`, where it gives
    them."""
    chosen = next((item for item in metadata.editions if item.name == edition), None)
    if chosen is None:
        return metadata
    return replace(
        metadata,
        classification=chosen.classification or metadata.classification,
        distribution=chosen.distribution or metadata.distribution,
    )


def parse_metadata(
    raw: Any,
    path: Path,
    key_lines: dict[str, int],
    fallback_title: str,
    first_line: int,
    fallback_language: str = "en",
    defaults: dict[str, Any] | None = None,
) -> tuple[Metadata, list[ContentWarning]]:
    """Validate front matter `raw` into `Metadata`, reporting every problem with its line.

    Front matter is often written for other tools (Jekyll, Hugo, Quarto, Pandoc): keys are
    matched without regard to case, `lang` is read as `language`, and keys briefing does not
    use are ignored with one warning. `language` defaults to `fallback_language`; `defaults`
    (the project's, already valid) fill in what the front matter leaves out.

    Raises:
        ContentError: listing all problems, the first one's line as the error's line.
    """
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ContentError(
            f"front matter must be key: value pairs, got {describe(raw)}", path, first_line
        )
    values: dict[str, Any] = {}
    problems: list[tuple[int, str]] = []
    ignored: list[tuple[int, str]] = []
    for key, value in raw.items():
        line = key_lines.get(str(key), first_line)
        name = str(key).lower()
        name = _KEY_ALIASES.get(name, name)
        if name in _OTHER_TOOLS_KEYS:
            continue
        if name not in CONVERTERS:
            ignored.append((line, str(key)))
        elif value is not None and name not in values:
            try:
                values[name] = CONVERTERS[name](value)
            except ValueError as error:
                problems.append((line, f"'{key}' {error}"))
    for key, value in (defaults or {}).items():
        values.setdefault(key, value)
    values.setdefault("title", fallback_title)
    values.setdefault("language", fallback_language)
    if problems:
        problems.sort()
        line = problems[0][0]
        message = "; ".join(
            text if where == line else f"line {where}: {text}" for where, text in problems
        )
        raise ContentError(message, path, line)
    return Metadata(**values), _ignored_keys_warning(ignored, path)


def _ignored_keys_warning(ignored: list[tuple[int, str]], path: Path) -> list[ContentWarning]:
    """One warning naming every front matter key briefing does not use."""
    if not ignored:
        return []
    listed = ", ".join(_unknown_key(key) for _, key in sorted(ignored))
    return [ContentWarning(path, min(ignored)[0], f"front matter keys ignored: {listed}")]


def _unknown_key(key: str) -> str:
    close = difflib.get_close_matches(key.lower(), FIELD_NAMES, n=1, cutoff=0.75)
    return f"'{key}' (did you mean '{close[0]}'?)" if close else f"'{key}'"
