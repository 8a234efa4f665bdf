"""Pandoc's grid tables (`+---+---+` borders, `+===+` under the header) as HTML tables whose
cells are Markdown, which `md_in_html` reads: a cell of one paragraph is read as a line of
text, a cell with a list or several paragraphs as blocks, so its list prints as a list.
Alignment comes from the colons of the separator line, as in a pipe table (and, like a pipe
table's, is kept only with `--trust-html`: the sanitiser keeps no `style`)."""

from __future__ import annotations

import itertools
import re
import textwrap

from markdown.preprocessors import Preprocessor

_BORDER = re.compile(r"^ {0,3}\+(?:[-=:]+\+)+\s*$")
_ROW = re.compile(r"^ {0,3}[|+]")
_BLOCK_START = re.compile(r"^(?:[-+*]\s|\d+[.)]\s|#{1,6}\s|>|```|~~~)")
"""A cell line that opens a block: a list item, a heading, a quotation or fenced code."""


class GridTablePreprocessor(Preprocessor):
    """Each grid table → the same rows as an HTML table with Markdown cells."""

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
            converted = html_table(lines[index:end])
            output.extend(["", *converted, ""] if converted else lines[index:end])
            index = end
        return output


def html_table(grid: list[str]) -> list[str]:
    """The grid table `grid` as the lines of an HTML table for `md_in_html`, or [] when its
    borders do not line up. Without a `+===+` line its first row is the header."""
    rows, header_rows, alignments = _cells(grid)
    if not rows:
        return []
    header = [
        list(itertools.chain(*cells)) for cells in zip(*rows[: header_rows or 1], strict=True)
    ]
    body = rows[header_rows or 1 :]
    lines = ['<table markdown="1">', '<thead markdown="1">', *_row(header, "th", alignments)]
    lines += ["</thead>", '<tbody markdown="1">']
    for row in body:
        lines += _row(row, "td", alignments)
    return [*lines, "</tbody>", "</table>"]


def _cells(grid: list[str]) -> tuple[list[list[list[str]]], int, list[str]]:
    """Each row's cells as their lines, how many rows the header has (0: no `+===+` line),
    and each column's alignment (`left`, `center`, `right`, or '')."""
    top = grid[0].strip()
    offset = grid[0].index("+")
    bounds = [position for position, character in enumerate(top) if character == "+"]
    if len(bounds) < 2 or not _BORDER.match(grid[-1]):
        return [], 0, []
    rows: list[list[list[str]]] = []
    header_rows = 0
    current: list[list[str]] = [[] for _ in bounds[1:]]
    alignments = _alignments(top, bounds)
    for line in grid[1:]:
        text = line[offset:].rstrip()
        if _BORDER.match(line):
            rows.append(current)
            current = [[] for _ in bounds[1:]]
            if "=" in text:
                header_rows = len(rows)
                alignments = _alignments(text, bounds)
            continue
        for column, (start, stop) in enumerate(itertools.pairwise(bounds)):
            current[column].append(text[start + 1 : stop].rstrip())
    return rows, header_rows, alignments


def _row(cells: list[list[str]], tag: str, alignments: list[str]) -> list[str]:
    """One table row: each cell's lines as Markdown, inline or as blocks."""
    lines = ['<tr markdown="1">']
    for cell, alignment in zip(cells, alignments, strict=True):
        text = textwrap.dedent("\n".join(cell)).strip("\n")
        style = f' style="text-align: {alignment};"' if alignment else ""
        if _has_blocks(text):
            lines += [f'<{tag} markdown="block"{style}>', "", text, "", f"</{tag}>"]
        else:
            lines.append(f'<{tag} markdown="span"{style}>{" ".join(text.split())}</{tag}>')
    return [*lines, "</tr>"]


def _has_blocks(text: str) -> bool:
    """Whether a cell's Markdown is more than one paragraph: a blank line, a list, a heading…"""
    lines = text.split("\n")
    return any(not line.strip() or _BLOCK_START.match(line.lstrip()) for line in lines)


def _alignments(border: str, bounds: list[int]) -> list[str]:
    """Each column's alignment from the colons of `border`, as a pipe table's separator line
    gives it: `:--` left, `:-:` center, `--:` right, none without a colon."""
    found = []
    for start, stop in itertools.pairwise(bounds):
        cell = border[start + 1 : stop]
        left, right = cell.startswith(":"), cell.endswith(":")
        found.append("center" if left and right else "left" if left else "right" if right else "")
    return found
