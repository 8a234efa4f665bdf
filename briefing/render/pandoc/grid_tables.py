"""Pandoc's grid tables (`+---+---+` borders, `+===+` under the header) as pipe tables, which
the `tables` extension reads: each cell's lines joined into one (a list in a cell prints as its
items in a row), alignment from the colons of the separator line."""

from __future__ import annotations

import itertools
import re

from markdown.preprocessors import Preprocessor

_BORDER = re.compile(r"^ {0,3}\+(?:[-=:]+\+)+\s*$")
_ROW = re.compile(r"^ {0,3}[|+]")


class GridTablePreprocessor(Preprocessor):
    """Each grid table → the same rows as a pipe table."""

    def run(self, lines: list[str]) -> list[str]:
        output: list[str] = []
        index = 0
        while index < len(lines):
            if not _BORDER.match(lines[index]):
                output.append(lines[index])
                index += 1
                continue
            end = index + 1
            while end < len(lines) and _ROW.match(lines[end]):
                end += 1
            converted = pipe_table(lines[index:end])
            output.extend(["", *converted, ""] if converted else lines[index:end])
            index = end
        return output


def pipe_table(grid: list[str]) -> list[str]:
    """The grid table `grid` as pipe table lines, or [] when its borders do not line up."""
    top = grid[0].strip()
    offset = grid[0].index("+")
    bounds = [position for position, character in enumerate(top) if character == "+"]
    if len(bounds) < 2 or not _BORDER.match(grid[-1]):
        return []
    rows: list[list[str]] = []
    header_rows = 0
    current: list[list[str]] = [[] for _ in bounds[1:]]
    alignments = _alignments(top, bounds)
    for line in grid[1:]:
        text = line[offset:].rstrip()
        if _BORDER.match(line):
            rows.append([" ".join(" ".join(cell).split()) for cell in current])
            current = [[] for _ in bounds[1:]]
            if "=" in text:
                header_rows = len(rows)
                alignments = _alignments(text, bounds)
            continue
        for column, (start, stop) in enumerate(itertools.pairwise(bounds)):
            current[column].append(text[start + 1 : stop].strip())
    if not rows:
        return []
    header = [" ".join(cells) for cells in zip(*rows[: header_rows or 1], strict=True)]
    body = rows[header_rows or 1 :]
    escaped = [[cell.replace("|", "\\|") for cell in row] for row in [header, *body]]
    table = ["| " + " | ".join(row) + " |" for row in escaped]
    table.insert(1, "|" + "|".join(alignments) + "|")
    return table


def _alignments(border: str, bounds: list[int]) -> list[str]:
    """Each column's alignment as a pipe table's separator cell (`:--`, `:-:`, `--:`)."""
    found = []
    for start, stop in itertools.pairwise(bounds):
        cell = border[start + 1 : stop]
        left, right = cell.startswith(":"), cell.endswith(":")
        found.append((":" if left else "-") + "--" + (":" if right else "-"))
    return found
