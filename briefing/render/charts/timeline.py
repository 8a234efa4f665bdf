"""The timeline figure: a horizontal axis spanning the event years, events alternating above
and below it, each label placed where no other covers it."""

from __future__ import annotations

from briefing.read.figure_data import Timeline
from briefing.render.charts.style import GREY, INK
from briefing.render.charts.svg import CHAR_EM, MARGIN, WIDTH, document, element, say, wrap

Block = tuple[int, float, float, int, int, list[str]]
"""An event placed: year, x on the axis, label centre, side (0 above), tier, label lines."""


def draw_timeline(timeline: Timeline, alt: str) -> str:
    """The figure as SVG."""
    blocks, placed = _place(timeline.events)
    tier_h = 20 + max(len(block[5]) for block in blocks) * 15 + 12
    above, below = (1 + max((t for s, t in placed if s == side), default=-1) for side in (0, 1))
    stem, x1 = 26, WIDTH - 44.0
    axis = MARGIN + above * tier_h + stem
    body = [
        element("line", x1=40.0 - 24, x2=x1 + 16, y1=axis, y2=axis, stroke=INK, stroke_width=1.5),
        element("path", d=f"M{x1 + 26:.0f},{axis:.0f} l-11,-5 v10 z", fill=INK),
    ]
    labels: list[str] = []  # drawn after every stem, on white, so no stem crosses a label
    for year, x, centre, side, tier, lines in blocks:
        block_h = 20 + len(lines) * 15
        top = axis - stem - tier * tier_h - block_h if side == 0 else axis + stem + tier * tier_h
        end = top + block_h if side == 0 else top - 2
        body.append(element("line", x1=x, x2=x, y1=axis, y2=end, stroke=GREY))
        body.append(
            element("line", x1=x, x2=x, y1=axis - 9, y2=axis + 9, stroke=INK, stroke_width=1.5)
        )
        body.append(element("circle", cx=x, cy=axis, r=5, fill=INK, stroke="#ffffff"))
        width = min(196.0, max(len(line) for line in [*lines, "0000"]) * 12 * CHAR_EM) + 8
        labels.append(
            element("rect", x=centre - width / 2, y=top, width=width, height=block_h, fill="#fff")
        )
        labels.append(say(centre, top + 13, str(year), 14, "middle", 700))
        labels += [
            say(centre, top + 31 + n * 15, line, 12, "middle") for n, line in enumerate(lines)
        ]
    return document(alt, axis + stem + below * tier_h + MARGIN, "", body + labels)


def _place(
    events: tuple[tuple[int, str], ...],
) -> tuple[list[Block], dict[tuple[int, int], list[tuple[float, float]]]]:
    """Each event's block, on the nearer free side and tier; the spans taken on each."""
    low, high = events[0][0], events[-1][0]
    pad = max(1.0, (high - low) * 0.1)
    x0, x1, label_w = 40.0, WIDTH - 44.0, 196.0
    placed: dict[tuple[int, int], list[tuple[float, float]]] = {}
    blocks: list[Block] = []
    for index, (year, label) in enumerate(events):
        x = x0 + (year - low + pad) / (high - low + 2 * pad) * (x1 - x0)
        centre = min(max(x, MARGIN + label_w / 2), WIDTH - MARGIN - label_w / 2)
        span = (centre - label_w / 2 - 8, centre + label_w / 2 + 8)
        sides = (index % 2, 1 - index % 2)  # alternate; the other side if it is free nearer
        tier, side = next(
            (t, s)
            for t in range(len(events))
            for s in sides
            if not any(a < span[1] and span[0] < b for a, b in placed.get((s, t), []))
        )
        placed.setdefault((side, tier), []).append(span)
        blocks.append((year, x, centre, side, tier, wrap(label, 12, label_w)))
    return blocks, placed
