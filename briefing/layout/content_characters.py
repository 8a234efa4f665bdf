"""The characters a briefing prints, and where each first appears: the body, the front matter,
and the words of its tables and figures (captions, cells, a chart's labels), which come from
their data files. The glyph preflight asks fonts about them."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

from briefing.read.document import Briefing
from briefing.read.files import line_of

Place = tuple[Path, int | None]
"""Where a character first appears: a file, and its line (None: the front matter)."""


def characters_outside(briefing: Briefing, covered: Callable[[int], bool]) -> dict[str, Place]:
    """Each printed character whose code point is not `covered`, with where it first appears."""
    metadata = briefing.metadata
    texts = [metadata.title, metadata.subtitle, metadata.notice, metadata.notice_short,
             metadata.classification, metadata.distribution, *metadata.summary]  # fmt: skip
    front_matter = "".join(texts)
    data = _data_words(briefing)
    every = set(briefing.body) | set(front_matter) | {c for _, words in data for c in words}
    outside = {c for c in every if not covered(ord(c)) and _needs_glyph(c)}
    found: dict[str, Place] = {}
    if not outside:  # only then look for where they are
        return found
    places: list[tuple[str, Place]] = [
        (line, (briefing.path, briefing.body_line + offset))
        for offset, line in enumerate(briefing.body.split("\n"))
    ]
    places.append((front_matter, (briefing.path, None)))
    for text, place in places:
        for character in dict.fromkeys(text):  # in the order they appear
            if character in outside:
                found.setdefault(character, place)
    for path, words in data:
        for character in dict.fromkeys(words):
            if character in outside and character not in found:
                found[character] = (path, line_of(path, character))
    return found


def _data_words(briefing: Briefing) -> list[tuple[Path, str]]:
    """The words of each table and figure, with the data file they were read from."""
    found = [
        (table.path, "".join([table.caption, table.source, *table.columns, *_cells(table.rows)]))
        for table in briefing.tables.values()
    ]
    for figure in briefing.figures.values():
        words = [figure.caption, figure.alt, figure.source]
        if chart := figure.chart:
            words += [chart.unit, *chart.columns, *_cells(chart.rows)]
        found.append((figure.path, "".join(words)))
    return found


def _cells(rows: tuple[tuple[str, ...], ...]) -> list[str]:
    return [cell for row in rows for cell in row]


def _needs_glyph(character: str) -> bool:
    return not character.isspace() and unicodedata.category(character) not in ("Cc", "Cf")
