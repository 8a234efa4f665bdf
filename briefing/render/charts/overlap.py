"""The overlap figure: two overlapping rounded rectangles, left only, shared and right only,
told apart by hatching and dots as well as tint (greyscale-safe), every region named in words."""

from __future__ import annotations

from briefing.read.figure_data import Overlap
from briefing.render.charts.style import GREY, INK
from briefing.render.charts.svg import MARGIN, WIDTH, box, document, element, patterns, say, wrap

LEFT_TINT, RIGHT_TINT, BOTH_TINT = "#dbe4ee", "#f1e9cc", "#e4e5dc"


def draw_overlap(overlap: Overlap, name: str, alt: str) -> str:
    """The figure as SVG; pattern ids come from the figure's `name`."""
    zones = [(zone.label, zone.items) for zone in (overlap.left, overlap.shared, overlap.right)]
    defs, hatch, dots = patterns(name)
    zone_w, offset, pad, inner = (WIDTH - 2 * MARGIN) / 3, 14, 12, 10
    text_w = zone_w - 2 * pad - 2 * inner - 12
    laid = [(wrap(lab, 13, text_w - 6), [wrap(i, 12, text_w) for i in its]) for lab, its in zones]
    need = max(len(lab) * 17 + 4 + sum(len(item) * 15 + 6 for item in its) for lab, its in laid)
    height = max(200, need + 2 * (inner + pad + offset + MARGIN))
    rect_w, rect_h, top = 2 * zone_w, height - 2 * MARGIN - offset, MARGIN + offset + pad
    card_w, card_h = zone_w - 2 * pad, height - 2 * top
    shapes = [
        (MARGIN, MARGIN, LEFT_TINT, hatch),
        (MARGIN + zone_w, MARGIN + offset, RIGHT_TINT, dots),
    ]
    body = [
        element("rect", x=x, y=y, width=rect_w, height=rect_h, rx=22, fill=tint, fill_opacity=0.75)
        for x, y, tint, _ in shapes
    ]
    for x, y, _, pattern in shapes:
        body.append(box(x, y, rect_w, rect_h, 22, [pattern], stroke=INK, stroke_width=1.5))
    swatches = [[LEFT_TINT, hatch], [BOTH_TINT, hatch, dots], [RIGHT_TINT, dots]]
    for index, (label_lines, items) in enumerate(laid):
        left = MARGIN + index * zone_w + pad
        x, y = left + inner, top + inner + 11
        body.append(box(left, top, card_w, card_h, 6, ["#ffffff"], stroke=GREY, stroke_width=0.8))
        body.append(box(x, top + inner + 1, 12, 12, 2, swatches[index], stroke=INK))
        for line in label_lines:
            body.append(say(x + 18, y, line, 13, weight=700))
            y += 17
        body.append(
            element("line", x1=x, x2=x + card_w - 2 * inner, y1=y - 10, y2=y - 10, stroke=GREY)
        )
        y += 6
        for item in items:
            body.append(element("circle", cx=x + 3, cy=y - 4, r=2, fill=INK))
            for line in item:
                body.append(say(x + 12, y, line, 12))
                y += 15
            y += 6
    return document(alt, height, defs, body)
