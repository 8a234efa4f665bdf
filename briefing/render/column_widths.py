"""Column widths of a table from its text, before layout: each column at least as wide as its
longest word where the page allows, a short column as wide as its text, and the rest of the
width shared by the long columns by how much text each holds.

CSS's automatic table layout (CSS 2.1 §17.5.2.2) gives each column its narrowest width and
shares the room left in proportion to how much wider each would like to be; a column of
short labels then takes room the long columns needed, and their words break ("Commit-/ment").
Here a column whose whole text fits a fair share of the room gets just that, and every column
gets its longest word whole before any spare room is shared. The widths are set as `<col>`
widths of a fixed layout, which also spares WeasyPrint finding each cell's narrowest width.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.render.text_measure import (
    CELL_PADDING_MM,
    CHARACTER_MM,
    READABLE_CHARACTERS,
    SPACE_MM,
    longest_word_mm,
    text_mm,
    words,
)


@dataclass(frozen=True)
class ColumnWidths:
    """How a table's width is shared between its columns."""

    shares: tuple[float, ...]
    """Each column's share of the table's width in per cent."""
    whole_words: bool
    """Every column is at least as wide as its longest word: no word need break (cells then
    never hyphenate; class `whole-words`, styles/common.css)."""


def column_widths(
    columns: Sequence[str], rows: Sequence[Sequence[str]], width_mm: float
) -> ColumnWidths:
    """How a table `width_mm` wide shares its width, the first column holding the rows'
    names (bold, as the header row)."""
    texts = [
        [heading, *(row[index] if index < len(row) else "" for row in rows)]
        for index, heading in enumerate(columns)
    ]
    whole = [_whole_words(column, bold=index == 0) for index, column in enumerate(texts)]
    least = [min(width, _READABLE_MM) for width in whole]
    cells = [_cells(column, bold=index == 0) for index, column in enumerate(texts)]
    return _column_widths(width_mm, whole, least, cells)


def text_widths(columns: Sequence[Sequence[str]], width_mm: float) -> ColumnWidths | None:
    """How a table with a header row and no rows' names column (a Markdown table) shares
    `width_mm`, `columns` holding each column's cell texts, header first; None when the table
    would be narrower than `width_mm`: automatic layout then keeps it as narrow as its text,
    and costs little for so little text."""
    # Header cells never break a word (only body cells break anywhere): their words are floors.
    headers = [longest_word_mm([column[0]], bold=True) + CELL_PADDING_MM for column in columns]
    whole = [
        max(_whole_words(column[1:] or [""]), header)
        for column, header in zip(columns, headers, strict=True)
    ]
    least = [
        max(min(width, _READABLE_MM), header) for width, header in zip(whole, headers, strict=True)
    ]
    cells = [_cells(column) for column in columns]
    if not columns or sum(_widest(cells, whole)) < width_mm:
        return None
    return _column_widths(width_mm, whole, least, cells)


_READABLE_MM = READABLE_CHARACTERS * CHARACTER_MM + CELL_PADDING_MM
"""The narrowest a column gets when the page has no room for its longest word."""

_STEPS = 100
"""The room above the columns' narrowest widths is given out in this many steps at most."""

_SAMPLE_ROWS = 40
"""The rows of a long table that weigh its widths (spread over it): its rows look alike."""

Cell = tuple[float, ...]
"""A cell's text as its words' widths, in millimetres."""

Cells = list[list[Cell]]
"""Each column's cells, header first."""


def _column_widths(
    width_mm: float, whole: list[float], least: list[float], cells: Cells
) -> ColumnWidths:
    """Share `width_mm` between columns whose cells' texts are `cells` wide on one line: each
    column at least as wide as its longest word (`whole`) where the page allows, else as near
    to it as the page allows (never under `least`), and the room above that given where it
    saves the most lines."""
    floors = _floors(width_mm, whole, least)
    widest = _widest(cells, floors)
    if sum(widest) <= width_mm:  # every cell fits on one line: the spare room in proportion
        shares = [width_mm * width / sum(widest) for width in widest]
    elif sum(floors) >= width_mm:  # not even the narrowest fit: in proportion to those
        shares = [width_mm * width / sum(floors) for width in floors]
    else:
        shares = _balance(width_mm, floors, widest, cells)
    percentages = tuple(round(100 * width / width_mm, 2) for width in shares)
    return ColumnWidths(percentages, whole_words=floors == whole)


def _floors(room: float, whole: list[float], least: list[float]) -> list[float]:
    """Each column's narrowest width: its longest word whole when all fit in `room`; else
    between `least` and that, by as much as `room` allows."""
    if sum(whole) <= room:
        return whole
    if sum(least) >= room:
        return least
    part = (room - sum(least)) / (sum(whole) - sum(least))
    return [low + part * (high - low) for low, high in zip(least, whole, strict=True)]


def _balance(room: float, floors: list[float], widest: list[float], cells: Cells) -> list[float]:
    """From `floors`, give `room` out a step at a time to the column whose widening shortens
    the table most (its rows' lines, then its own cells' lines, then its text's area), never
    past `widest`: a column of short labels stays short, and long text gets the room."""
    widths = list(floors)
    step = (room - sum(floors)) / _STEPS
    sample = _sample(cells)
    lines = [_lines(column, width) for column, width in zip(sample, widths, strict=True)]
    texts = [sum(map(_one_line, column)) for column in sample]
    trials: dict[int, list[int]] = {}  # a column's lines one step wider, until it widens
    for _ in range(_STEPS):
        gains = {}
        tallest = _tallest(lines)
        for index, column in enumerate(sample):
            if widths[index] + step <= widest[index]:
                if index not in trials:
                    trials[index] = _lines(column, widths[index] + step)
                area = texts[index] * step / widths[index] ** 2
                gains[index] = (*_gain(lines, index, trials[index], tallest), area)
        if not gains:
            break
        chosen = max(gains, key=lambda index: gains[index])
        widths[chosen] += step
        lines[chosen] = trials.pop(chosen)
    spare = room - sum(widths)  # every column reached its widest: in proportion
    return [width + spare * width / sum(widths) for width in widths]


def _sample(cells: Cells) -> Cells:
    """The header and at most `_SAMPLE_ROWS` rows spread over the table, to weigh widths by."""
    rows = len(cells[0]) - 1
    if rows <= _SAMPLE_ROWS:
        return cells
    kept = [0, *(1 + row * rows // _SAMPLE_ROWS for row in range(_SAMPLE_ROWS))]
    return [[column[row] for row in kept] for column in cells]


def _lines(cells: list[Cell], width: float) -> list[int]:
    """How many lines each cell of a column `width` wide takes, its words wrapped greedily
    (a word wider than the column broken over as many lines as it needs)."""
    usable = max(width - CELL_PADDING_MM, 1.0)
    counts = []
    for cell in cells:
        lines, used = 1, -SPACE_MM
        for word in cell:
            if used + SPACE_MM + word <= usable:
                used += SPACE_MM + word
            elif used < 0:  # a first word wider than the column
                lines += math.ceil(word / usable) - 1
                used = word % usable
            else:
                lines += math.ceil(word / usable)
                used = word % usable or word
        counts.append(lines)
    return counts


def _tallest(lines: list[list[int]]) -> list[list[tuple[int, int]]]:
    """For each row, its two tallest cells as (lines, column), tallest first."""
    return [
        sorted(((column[row], number) for number, column in enumerate(lines)), reverse=True)[:2]
        for row in range(len(lines[0]))
    ]


def _gain(
    lines: list[list[int]], index: int, trial: list[int], tallest: list[list[tuple[int, int]]]
) -> tuple[int, int]:
    """How many lines the rows lose when column `index` takes `trial` lines, and how many
    its own cells lose (`tallest`: each row's two tallest cells)."""
    rows = range(len(trial))
    others = [
        next((height for height, number in tallest[row] if number != index), 0) for row in rows
    ]
    before = sum(max(lines[index][row], others[row]) for row in rows)
    after = sum(max(trial[row], others[row]) for row in rows)
    return before - after, sum(lines[index]) - sum(trial)


def _one_line(cell: Cell) -> float:
    """The width of a cell's text on one line."""
    return sum(cell) + SPACE_MM * max(len(cell) - 1, 0)


def _whole_words(texts: Sequence[str], bold: bool = False) -> float:
    """A column's width for its longest word on one line, with its padding."""
    return longest_word_mm(list(texts), bold) + CELL_PADDING_MM


def _widest(cells: Cells, floors: list[float]) -> list[float]:
    """Each column's widest width: its longest cell on one line, with its padding."""
    return [
        max(max(map(_one_line, column), default=0.0) + CELL_PADDING_MM, floor)
        for column, floor in zip(cells, floors, strict=True)
    ]


def _cells(texts: Sequence[str], bold: bool = False) -> list[Cell]:
    """Each cell's words' widths, the header's (the first) bold."""
    return [
        tuple(text_mm(word, bold=bold or number == 0) for word in words(text))
        for number, text in enumerate(texts)
    ]
