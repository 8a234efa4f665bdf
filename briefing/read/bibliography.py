"""A bibliography file (CSL-JSON or BibTeX) and a CSL style, formatted by citeproc-py.

`bibliography: refs.json` (or `.bib`, or a list of files) and `csl: style.csl` in the front
matter name files in the brief's folder; without `csl:` the packaged Chicago author-date style
is used. Citations are formatted once, when the brief is read, in the order they appear, so
that the style can number or disambiguate them; rendering then looks each one up by the text
as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from briefing.errors import ContentError, ContentWarning
from briefing.read.files import read_text

DEFAULT_STYLE = Path(__file__).parent.parent / "styles_csl" / "chicago-author-date.csl"
"""Chicago Manual of Style author-date (CSL project, CC BY-SA 3.0): the style without `csl:`."""


@dataclass(frozen=True)
class Bibliography:
    """What the bibliography file holds and the citations of the brief, formatted."""

    keys: frozenset[str] = frozenset()
    """Every key the file defines."""
    citations: dict[str, Markup] = field(default_factory=dict)
    """Each citation as written (`[@a; @b]`) with its formatted text."""
    entries: tuple[tuple[str, Markup], ...] = ()
    """The References list: each cited key with its entry, in the style's order."""
    warnings: tuple[ContentWarning, ...] = ()
    """A bibliography or style file that is named but missing; a BibTeX entry left out."""


def read_bibliography(
    brief: Path,
    names: tuple[tuple[str, ...], str],
    lines: tuple[int | None, int | None],
    written: list[str],
    digests: dict[Path, str],
) -> Bibliography:
    """Read the bibliography and style named `(bibliography, csl)` in the front matter (on
    `lines`) and format the citations `written` in the text whose keys the file defines.

    Raises:
        ContentError: a file outside the brief's folder, missing, or not readable as its kind.
    """
    bibliography_names, style_name = names
    if not bibliography_names:
        return Bibliography()
    from briefing.read.citations.style import (  # deferred: citeproc
        format_citations,
        load_items,
        load_source,
        load_style,
    )

    items: list[Any] = []
    warnings: tuple[ContentWarning, ...] = ()
    source_path = brief
    for name in bibliography_names:
        source_path = _inside(brief, name, "bibliography", lines[0])
        if not source_path.is_file():  # citations print as written, each warned about
            digests[source_path] = ""  # adding the file later rebuilds
            message = f"bibliography {name!r} not found: its citations print as written"
            warnings += (ContentWarning(brief, lines[0], message),)
            continue
        read, unread = load_items(source_path, read_text(source_path, digests), lines[0])
        items += read
        warnings += tuple(unread)
    if not items:
        return Bibliography(warnings=warnings)
    source = load_source(items, source_path, lines[0])
    style_path = _inside(brief, style_name, "csl", lines[1]) if style_name else DEFAULT_STYLE
    if not style_path.is_file():
        digests[style_path] = ""
        message = f"style {style_name!r} not found: the default Chicago author-date is used"
        warnings, style_path, style_name = (
            (*warnings, ContentWarning(brief, lines[1], message)),
            DEFAULT_STYLE,
            "",
        )
    style = load_style(style_path, read_text(style_path, digests if style_name else None))
    by_key = {str(item.get("id")): item for item in reversed(items)}
    citations, entries = format_citations(style, source, by_key, written, source_path)
    return Bibliography(frozenset(by_key), citations, entries, warnings)


def _inside(brief: Path, name: str, key: str, line: int | None) -> Path:
    folder = brief.parent.resolve()
    candidate = (folder / name).resolve()
    if "\x00" in name or not candidate.is_relative_to(folder):
        raise ContentError(f"'{key}' {name!r} lies outside the briefing's folder", brief, line)
    if candidate.exists() and not candidate.is_file():
        raise ContentError(f"'{key}' {name!r} is not a file in {folder}", brief, line)
    return candidate
