"""Bounds on input that would make a dependency's work grow faster than the input.

Python-Markdown reads a link by scanning from its `[` to the matching `]`, and from a `](` to
the matching `)`; with none, it scans to the end of the paragraph, once for each of several
link patterns. A paragraph of 20,000 unclosed `[` therefore costs minutes. What those scans
would read is counted here first, in time linear in the body, and a body over the budget is
refused with the line of the paragraph, before Markdown sees it.
"""

from __future__ import annotations

import re
from pathlib import Path

from briefing.errors import ContentError

SCAN_PER_CHARACTER = 100
"""Characters Markdown's link scans may read per character of the body..."""

SCAN_ALLOWANCE = 1_000_000
"""...plus this many, so that short bodies are never refused (about a second of scanning)."""

_TOKEN = re.compile(r"\\.|[\[\]()]", re.DOTALL)
_FENCE = ("```", "~~~")


def link_scan_length(paragraph: str) -> tuple[int, list[int]]:
    """The characters Markdown's link scans read in `paragraph`: from each `[` to its `]` and
    from each `](`'s `(` to its `)`, or to the end when unclosed; and the offsets of the
    brackets left open."""
    scanned = 0
    brackets: list[int] = []
    parentheses: list[tuple[int, bool]] = []  # offset, and whether it follows `]`
    for token in _TOKEN.finditer(paragraph):
        character, offset = token[0], token.start()
        if character == "[":
            brackets.append(offset)
        elif character == "]" and brackets:
            scanned += offset - brackets.pop()
        elif character == "(":
            parentheses.append((offset, paragraph[offset - 1 : offset] == "]"))
        elif character == ")" and parentheses:
            start, after_bracket = parentheses.pop()
            scanned += (offset - start) if after_bracket else 0
    end = len(paragraph)
    left_open = brackets + [start for start, after_bracket in parentheses if after_bracket]
    scanned += sum(end - start for start in left_open)
    return scanned, sorted(left_open)


def paragraphs(body: str) -> list[tuple[int, str]]:
    """The body's paragraphs (runs of lines between blank lines, fenced code left out), each
    with the number of the line it starts on, counted from 0."""
    found: list[tuple[int, str]] = []
    lines: list[str] = []
    start, fence = 0, ""
    for number, line in enumerate([*body.split("\n"), ""]):
        stripped = line.strip()
        if fence:  # inside fenced code, which Markdown does not scan for links
            fence = "" if stripped.startswith(fence) else fence
            continue
        if stripped and not stripped.startswith(_FENCE):
            start = start if lines else number
            lines.append(line)
            continue
        if lines:
            found.append((start, "\n".join(lines)))
        lines = []
        fence = stripped[:3] if stripped.startswith(_FENCE) else ""
    return found


def check_link_scans(body: str, path: Path, body_line: int) -> None:
    """Refuse a body whose link scans would read more than the budget allows.

    Raises:
        ContentError: naming the paragraph that costs most, and the first bracket left open.
    """
    costs = [(link_scan_length(text), start, text) for start, text in paragraphs(body)]
    total = sum(scanned for (scanned, _), _, _ in costs)
    if total <= SCAN_PER_CHARACTER * len(body) + SCAN_ALLOWANCE:
        return
    (_, left_open), start, text = max(costs, key=lambda cost: cost[0][0])
    line = body_line + start + text.count("\n", 0, left_open[0] if left_open else 0)
    what = f"{len(left_open):,} brackets left open" if left_open else "brackets nested too deep"
    raise ContentError(
        f"{what} in this paragraph: Markdown would take minutes to read its links; close "
        "each '[' and '(', or write '\\[' and '\\(' for a literal bracket",
        path,
        line,
    )
