"""Column widths for a placed table, worked out before layout.

WeasyPrint's automatic table layout finds each cell's narrowest width by breaking its text
at every opportunity, shaping the rest of the text again each time: on the NATO brief, most
of the layout time went there. The widths it then chooses follow a short rule (CSS 2.1
§17.5.2.2): each column gets its narrowest width, and the room left is shared out in
proportion to how much wider each column would like to be. The same rule, on character
counts, gives nearly the same widths; they are set as `<col>` widths of a fixed layout.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing.layout.table_check import (
    CELL_PADDING_MM,
    CHARACTER_MM,
    READABLE_CHARACTERS,
    longest_word,
)

HEADER_BOLDNESS = 1.1
"""How much wider a bold header word is than the same word in body text."""

ROW_NAMES_SHARE = 0.22
"""The share of the width the rows' names column gets at least (styles/common.css gives
`.comparison tbody th` 22%)."""


def column_widths(
    columns: Sequence[str], rows: Sequence[Sequence[str]], width_mm: float
) -> tuple[float, ...]:
    """Each column's share of a table `width_mm` wide, in per cent; the first column holds the
    rows' names."""
    texts = [
        [heading, *(row[index] for row in rows if index < len(row))]
        for index, heading in enumerate(columns)
    ]
    narrowest = [_narrowest(column) for column in texts]
    widest = [max(_widest(column), least) for column, least in zip(texts, narrowest, strict=True)]
    if len(columns) == 1:
        return (100.0,)
    names = min(max(ROW_NAMES_SHARE * width_mm, narrowest[0]), width_mm / 2)
    shares = _share(width_mm - names, narrowest[1:], widest[1:])
    return tuple(round(100 * width / width_mm, 2) for width in (names, *shares))


def text_widths(columns: Sequence[Sequence[str]], width_mm: float) -> tuple[float, ...] | None:
    """Each column's share in per cent of a table with a header row and no rows' names column
    (a Markdown table), `columns` holding each column's cell texts, header first; None when
    the table would be narrower than `width_mm`: automatic layout then keeps it as narrow as
    its text, and costs little for so little text."""
    narrowest = [
        max(_narrowest(column[1:] or [""]), _header_width(column[0])) for column in columns
    ]
    widest = [max(_widest(column), least) for column, least in zip(columns, narrowest, strict=True)]
    if not columns or sum(widest) < width_mm:
        return None
    return tuple(round(100 * width / width_mm, 2) for width in _share(width_mm, narrowest, widest))


def _header_width(text: str) -> float:
    """A header cell's narrowest width: its longest word whole (header cells do not break
    words anywhere), bold, and its padding."""
    word = longest_word([text])
    return word * CHARACTER_MM * HEADER_BOLDNESS + CELL_PADDING_MM


def _share(room: float, narrowest: list[float], widest: list[float]) -> list[float]:
    """Share `room` between columns as automatic table layout does."""
    if sum(widest) <= room:  # every column fits whole: the spare room in proportion
        return [room * width / sum(widest) for width in widest]
    if sum(narrowest) >= room:  # not even the narrowest fit: in proportion to those
        return [room * width / sum(narrowest) for width in narrowest]
    spare = room - sum(narrowest)
    wants = [most - least for least, most in zip(narrowest, widest, strict=True)]
    return [least + spare * want / sum(wants) for least, want in zip(narrowest, wants, strict=True)]


def _narrowest(texts: Sequence[str]) -> float:
    """A column's narrowest width: its longest word, up to `READABLE_CHARACTERS` (a cell
    breaks longer words anywhere), and its padding."""
    word = longest_word(texts)
    return min(word, READABLE_CHARACTERS) * CHARACTER_MM + CELL_PADDING_MM


def _widest(texts: Sequence[str]) -> float:
    """A column's widest width: its longest cell on one line, and its padding."""
    return max(len(text) for text in texts) * CHARACTER_MM + CELL_PADDING_MM
