"""Choosing an edition: each part of a brief as the edition reads it, and the check that the
edition asked for, and every edition a section names, is one the brief has."""

from __future__ import annotations

from pathlib import Path

from briefing.errors import BriefingError, ContentError
from briefing.read.editions.sections import Edition, find_sections, keep_edition
from briefing.read.parts import Part


def edition_parts(
    parts: list[Part], edition: str | None, problems: list[BriefingError]
) -> tuple[list[Part], tuple[str, ...]]:
    """Each part as `edition` reads it (every section, with None), and the editions its
    sections name, in order; a part whose sections cannot be read is left out, its problem
    added to `problems`."""
    kept: list[Part] = []
    named: dict[str, None] = {}
    for part in parts:
        try:
            sections = find_sections(part.body, part.path, part.body_line)
        except ContentError as error:
            problems.append(error)
            continue
        for section in sections:
            named.update(dict.fromkeys(section.audiences))
        kept.append(Part(part.path, keep_edition(part.body, sections, edition), part.body_line))
    return kept, tuple(named)


def check_editions(
    edition: str | None,
    declared: tuple[Edition, ...],
    named: tuple[str, ...],
    where: tuple[Path, int | None],
) -> tuple[str, ...]:
    """Every edition of the brief (declared first); an edition asked for or named by a section
    that is not one is an error (a section for no edition would be in none of them)."""
    declared_names = tuple(item.name for item in declared)
    editions = tuple(dict.fromkeys([*declared_names, *named]))
    path, line = where
    if declared_names and (stray := [name for name in named if name not in declared_names]):
        message = (
            f"audience sections name editions that 'editions' does not list: "
            f"{', '.join(stray)}; add them, or correct the section"
        )
        raise ContentError(message, path, line)
    if edition is not None and edition not in editions:
        known = f"its editions are {', '.join(editions)}" if editions else "it has no editions"
        raise ContentError(f"unknown edition {edition!r}: {known}", path, line)
    return editions
