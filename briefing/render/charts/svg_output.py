"""matplotlib's SVG made small and right for WeasyPrint: no prologue, metadata, unused ids,
empty groups or needless clip paths; numbers to two decimals; text anchored at its start (each
centred or ended text costs a group of its own); and text in a script that joins or runs right
to left (Arabic, Hebrew…) as the outlines matplotlib shaped, since WeasyPrint sets SVG text
letter by letter, unjoined and left to right. Called by `canvas.draw_chart` only, once
matplotlib is loaded.
"""

from __future__ import annotations

import html
import re

from briefing.render.charts.style import CHART_FONTS

_NOISE = (
    re.compile(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<metadata>.*?</metadata>", re.DOTALL),
    re.compile(r' transform="rotate\(-0 [^"]*\)"'),
    re.compile(r"(?<=>)\s+(?=<)"),
    re.compile(r' id="(?:figure|axes|text|line2d|patch|xtick|ytick|legend|matplotlib)[^"]*"'),
    re.compile(r"<g>(?=</g>)</g>|<g/>"),
)
"""What the SVG may lose: the prologue, metadata, null rotations, spaces between elements,
the ids nothing refers to and the groups left empty."""

_GROUP = re.compile(r"<g>|<g [^>]*>|</g>")
_CLIPPED = re.compile(r' clip-path="url\(#[^)]*\)"|<defs><clipPath .*?</clipPath></defs>')

_PRECISE = re.compile(r"(\d+\.\d\d)\d+")
"""A number with more than two decimals: a hundredth of a point is plenty on paper."""

_TEXT = re.compile(
    r'<text style="(?P<style>[^"]*)" x="(?P<x>[-\d.]+)" y="(?P<y>[-\d.]+)"(?P<tail>[^>]*)>'
    r"(?P<text>[^<]*)</text>"
)
"""One line of text as matplotlib writes it."""
_ANCHOR = re.compile(r"text-anchor: (start|middle|end); ")
_FILL = re.compile(r"fill: (#[0-9a-f]{6})")
_CODES = {1: "M", 2: "L", 3: "Q", 4: "C"}
"""matplotlib's path codes and the SVG commands they are."""

_LATIN = re.compile(r"^[\u0020-\u024f\u2000-\u206f\u00a0\u202f%]*$")
"""Text that matplotlib measures with the chart's first font as the PDF will set it."""


def cleaned(svg: str, clipped: bool) -> str:
    """`svg` as WeasyPrint should get it; clip paths kept only when `clipped`."""
    for pattern in _NOISE:
        svg = pattern.sub("", svg)
    svg = _PRECISE.sub(r"\1", svg)
    if not clipped:
        svg = _CLIPPED.sub("", svg)
    return _unwrapped(_TEXT.sub(_text, svg)).strip()


def _unwrapped(svg: str) -> str:
    """`svg` without the groups that set nothing (matplotlib nests every artist in one):
    each costs WeasyPrint a graphics state, and a chart has a hundred."""
    kept: list[str] = []
    opened: list[bool] = []
    start = 0
    for tag in _GROUP.finditer(svg):
        if tag[0] == "</g>":
            bare = opened.pop()
        else:
            bare = tag[0] == "<g>"
            opened.append(bare)
        kept.append(svg[start : tag.start()] + ("" if bare else tag[0]))
        start = tag.end()
    return "".join(kept) + svg[start:]


def _text(match: re.Match[str]) -> str:
    """A text starting where matplotlib measured it to start, or drawn as shaped outlines."""
    from matplotlib.font_manager import FontProperties  # loaded by draw_chart already
    from matplotlib.textpath import TextPath, text_to_path

    text, style = html.unescape(match["text"]), match["style"]
    anchor = _ANCHOR.search(style)
    size = float(re.search(r"font-size: ([\d.]+)px", style)[1])  # type: ignore[index]
    weight = "bold" if re.search(r"font-weight: (700|bold)", style) else "normal"
    properties = FontProperties(family=list(CHART_FONTS), size=size, weight=weight)
    width, _, _ = text_to_path.get_text_width_height_descent(text, properties, ismath=False)
    shift = {"middle": width / 2, "end": width}.get(anchor[1] if anchor else "start", 0.0)
    x, y = float(match["x"]) - shift, float(match["y"])
    unanchored = _ANCHOR.sub("", style)
    if _LATIN.match(text):
        return (
            f'<text style="{unanchored}" x="{x:.2f}" y="{y:.2f}"{match["tail"]}>'
            f"{match['text']}</text>"
        )
    outline = TextPath((0, 0), text, prop=properties)
    commands = []
    for points, code in outline.iter_segments(simplify=False, curves=True):
        pairs = [
            f"{x + px:.2f} {y - py:.2f}" for px, py in zip(points[::2], points[1::2], strict=True)
        ]
        commands.append(f"{_CODES[int(code)]} {' '.join(pairs)}" if int(code) in _CODES else "z")
    fill = _FILL.search(style)
    colour = fill[1] if fill else "#000000"
    # The words again as invisible text over the outlines: found by a search, copied, read aloud.
    words = (
        f'<text style="{unanchored}; fill-opacity: 0" x="{x:.2f}" y="{y:.2f}"'
        f"{match['tail']}>{match['text']}</text>"
    )
    return f'<path d="{" ".join(commands)}"{match["tail"]} style="fill: {colour}"/>{words}'
