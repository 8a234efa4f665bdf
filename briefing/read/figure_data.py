"""Vector figures drawn at build time from a brief's own YAML data files, as SVG text.

A data file names a chart `type` (a function in CHART_TYPES), `caption`, `alt`, `source` and the
chart's data. Charts are self-contained SVG: fixed viewBox, real text, greyscale-safe fills
(hatching, dots, every region labelled in words), no external references, deterministic bytes.
"""

from __future__ import annotations

import hashlib
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from briefing.errors import ContentError
from briefing.yamlio import load_yaml

WIDTH, MARGIN = 640, 8
INK, GREY, LEFT_TINT, RIGHT_TINT, BOTH_TINT = "#222222", "#6e6e6e", "#dbe4ee", "#f1e9cc", "#e4e5dc"
CHAR_EM = 0.58
"""A generous average glyph width (in em) of Inter, for wrapping text by character count."""


@dataclass(frozen=True)
class Figure:
    """A figure ready to embed: SVG markup plus the words that go around and behind it."""

    name: str
    caption: str
    alt: str
    source: str
    svg: str
    path: Path


class _DataError(ContentError):
    """Bad chart data; `key` is the top-level key whose line the final error reports."""

    def __init__(self, message: str, path: Path, key: str) -> None:
        super().__init__(message, path)
        self.key = key


def _text(value: Any, name: str, path: Path, key: str) -> str:
    """`value` as non-blank text, or an error naming `name` (found under top-level `key`)."""
    if not isinstance(value, str) or not value.strip():
        raise _DataError(f"`{name}` must be non-empty text", path, key)
    return value.strip()


def _texts(value: Any, name: str, path: Path, key: str) -> list[str]:
    """`value` as a non-empty list of texts."""
    if not isinstance(value, list) or not value:
        raise _DataError(f"`{name}` must be a non-empty list of text items", path, key)
    return [_text(item, f"{name}[{index}]", path, key) for index, item in enumerate(value)]


def _wrap(text: str, size: float, width: float) -> list[str]:
    """Break `text` into lines that fit `width` at font `size`, splitting over-long words."""
    return textwrap.wrap(text, max(2, int(width / (size * CHAR_EM))))


def _n(value: float) -> str:
    """A number with at most one decimal, written the same way every time."""
    return f"{value:.1f}".removesuffix(".0")


def _el(tag: str, content: str = "", **attrs: float | str) -> str:
    """One SVG element; `stroke_width=1` becomes `stroke-width="1"`."""
    shown = "".join(
        f" {name.replace('_', '-')}={quoteattr(value if isinstance(value, str) else _n(value))}"
        for name, value in attrs.items()
    )
    return f"<{tag}{shown}>{content}</{tag}>" if content else f"<{tag}{shown}/>"


def _say(x: float, y: float, line: str, size: int, anchor: str = "start", weight: int = 400) -> str:
    """One line of text whose baseline sits at `y`."""
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-family="Inter, Symbola" font-size="{size}"'
        f' font-weight="{weight}" fill="{INK}" text-anchor="{anchor}">{escape(line)}</text>'
    )


def _svg(data: dict[str, Any], height: float, defs: str, body: list[str]) -> str:
    """A complete SVG document of `body`, titled with the figure's alt text."""
    title = _el("title", escape(str(data.get("alt", "")).strip()))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {round(height)}"'
        f' width="100%" role="img">{title}<defs>{defs}</defs>{"".join(body)}</svg>'
    )


def _patterns(path: Path) -> tuple[str, str, str]:
    """Hatch and dot pattern definitions, with ids derived from the data file's name."""
    ident = "f-" + re.sub(r"[^A-Za-z0-9_-]", "-", path.stem)
    if not path.stem.isascii():  # names in other scripts stay apart: `电网` is not `能源`
        ident += "-" + hashlib.sha256(path.stem.encode()).hexdigest()[:8]
    tile = "userSpaceOnUse"
    hatch = _el("path", d="M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6", stroke="#555555", stroke_width=1)
    dots = _el("circle", cx=3, cy=3, r=1.2, fill="#555555")
    defs = _el("pattern", hatch, id=f"{ident}-hatch", width=8, height=8, patternUnits=tile)
    defs += _el("pattern", dots, id=f"{ident}-dots", width=6, height=6, patternUnits=tile)
    return defs, f"url(#{ident}-hatch)", f"url(#{ident}-dots)"


def _box(x: float, y: float, w: float, h: float, rx: float, fills: list[str], **line: Any) -> str:
    """A rounded rectangle painted with each of `fills` in turn, then outlined as `line` says."""
    shapes = [_el("rect", x=x, y=y, width=w, height=h, rx=rx, fill=fill) for fill in fills]
    return "".join(shapes) + _el("rect", x=x, y=y, width=w, height=h, rx=rx, fill="none", **line)


def overlap(data: dict[str, Any], path: Path) -> str:
    """Two overlapping rounded rectangles: left only, shared (“Both”) and right only."""
    zones: list[tuple[str, list[str]]] = []
    for key in ("left", "right"):
        zone = data.get(key)
        if not isinstance(zone, dict):
            raise _DataError(f"`{key}` must be a mapping with `label` and `items`", path, key)
        label = _text(zone.get("label"), f"{key}.label", path, key)
        zones.append((label, _texts(zone.get("items"), f"{key}.items", path, key)))
    shared_label = _text(data.get("shared_label"), "shared_label", path, "shared_label")
    zones.insert(1, (shared_label, _texts(data.get("shared"), "shared", path, "shared")))
    defs, hatch, dots = _patterns(path)
    zone_w, offset, pad, inner = (WIDTH - 2 * MARGIN) / 3, 14, 12, 10
    text_w = zone_w - 2 * pad - 2 * inner - 12
    laid = [(_wrap(lab, 13, text_w - 6), [_wrap(i, 12, text_w) for i in its]) for lab, its in zones]
    need = max(len(lab) * 17 + 4 + sum(len(item) * 15 + 6 for item in its) for lab, its in laid)
    height = max(200, need + 2 * (inner + pad + offset + MARGIN))
    rect_w, rect_h, top = 2 * zone_w, height - 2 * MARGIN - offset, MARGIN + offset + pad
    card_w, card_h = zone_w - 2 * pad, height - 2 * top
    shapes = [
        (MARGIN, MARGIN, LEFT_TINT, hatch),
        (MARGIN + zone_w, MARGIN + offset, RIGHT_TINT, dots),
    ]
    body = [
        _el("rect", x=x, y=y, width=rect_w, height=rect_h, rx=22, fill=tint, fill_opacity=0.75)
        for x, y, tint, _ in shapes
    ]
    for x, y, _, pattern in shapes:
        body.append(_box(x, y, rect_w, rect_h, 22, [pattern], stroke=INK, stroke_width=1.5))
    swatches = [[LEFT_TINT, hatch], [BOTH_TINT, hatch, dots], [RIGHT_TINT, dots]]
    for index, (label_lines, items) in enumerate(laid):
        left = MARGIN + index * zone_w + pad
        x, y = left + inner, top + inner + 11
        body.append(_box(left, top, card_w, card_h, 6, ["#ffffff"], stroke=GREY, stroke_width=0.8))
        body.append(_box(x, top + inner + 1, 12, 12, 2, swatches[index], stroke=INK))
        for line in label_lines:
            body.append(_say(x + 18, y, line, 13, weight=700))
            y += 17
        body.append(_el("line", x1=x, x2=x + card_w - 2 * inner, y1=y - 10, y2=y - 10, stroke=GREY))
        y += 6
        for item in items:
            body.append(_el("circle", cx=x + 3, cy=y - 4, r=2, fill=INK))
            for line in item:
                body.append(_say(x + 12, y, line, 12))
                y += 15
            y += 6
    return _svg(data, height, defs, body)


def timeline(data: dict[str, Any], path: Path) -> str:
    """A horizontal axis spanning the event years; events alternate above and below it."""
    raw = data.get("events")
    if not isinstance(raw, list) or not raw:
        raise _DataError("`events` must be a non-empty list of {year, label}", path, "events")
    events: list[tuple[int, str]] = []
    for index, event in enumerate(raw):
        year = event.get("year") if isinstance(event, dict) else None
        if not isinstance(year, int) or isinstance(year, bool):
            raise _DataError(f"`events[{index}].year` must be a whole year", path, "events")
        events.append((year, _text(event.get("label"), f"events[{index}].label", path, "events")))
    events.sort(key=lambda event: event[0])
    low, high = events[0][0], events[-1][0]
    pad = max(1.0, (high - low) * 0.1)
    x0, x1, label_w, stem = 40.0, WIDTH - 44.0, 196.0, 26
    placed: dict[tuple[int, int], list[tuple[float, float]]] = {}
    blocks: list[tuple[int, float, float, int, int, list[str]]] = []
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
        blocks.append((year, x, centre, side, tier, _wrap(label, 12, label_w)))
    tier_h = 20 + max(len(block[5]) for block in blocks) * 15 + 12
    above, below = (1 + max((t for s, t in placed if s == side), default=-1) for side in (0, 1))
    axis = MARGIN + above * tier_h + stem
    body = [
        _el("line", x1=x0 - 24, x2=x1 + 16, y1=axis, y2=axis, stroke=INK, stroke_width=1.5),
        _el("path", d=f"M{x1 + 26:.0f},{axis:.0f} l-11,-5 v10 z", fill=INK),
    ]
    labels: list[str] = []  # drawn after every stem, on white, so no stem crosses a label
    for year, x, centre, side, tier, lines in blocks:
        block_h = 20 + len(lines) * 15
        top = axis - stem - tier * tier_h - block_h if side == 0 else axis + stem + tier * tier_h
        end = top + block_h if side == 0 else top - 2
        body.append(_el("line", x1=x, x2=x, y1=axis, y2=end, stroke=GREY))
        body.append(_el("line", x1=x, x2=x, y1=axis - 9, y2=axis + 9, stroke=INK, stroke_width=1.5))
        body.append(_el("circle", cx=x, cy=axis, r=5, fill=INK, stroke="#ffffff"))
        width = min(label_w, max(len(line) for line in [*lines, "0000"]) * 12 * CHAR_EM) + 8
        labels.append(
            _el("rect", x=centre - width / 2, y=top, width=width, height=block_h, fill="#fff")
        )
        labels.append(_say(centre, top + 13, str(year), 14, "middle", 700))
        labels += [
            _say(centre, top + 31 + n * 15, line, 12, "middle") for n, line in enumerate(lines)
        ]
    return _svg(data, axis + stem + below * tier_h + MARGIN, "", body + labels)


CHART_TYPES: dict[str, Callable[[dict[str, Any], Path], str]] = {
    "overlap": overlap,
    "timeline": timeline,
}
"""Chart type name -> function drawing that chart's data as SVG. Register new types here."""


def load_figure(path: Path, text: str, shared_label: str = "Both") -> Figure:
    """Parse a figure data file (YAML) at `path` whose contents are `text`; `shared_label`
    names what two sides share (the brief's language's word for "Both")."""
    data, key_lines = load_yaml(text, path)
    if not isinstance(data, dict):
        raise ContentError("a figure data file must be a mapping: type, caption, alt...", path, 1)
    try:
        kind = data.get("type")
        if not isinstance(kind, str) or kind not in CHART_TYPES:
            what = "missing `type`" if kind is None else f"unknown figure `type` {kind!r}"
            known = ", ".join(sorted(CHART_TYPES))
            raise _DataError(f"{what}; known types: {known}", path, "type")
        caption = _text(data.get("caption"), "caption", path, "caption")
        alt = _text(data.get("alt"), "alt", path, "alt")
        source = data.get("source") or ""  # "" (or no source line at all) is allowed
        if not isinstance(source, str):
            raise _DataError("`source` must be text", path, "source")
        svg = CHART_TYPES[kind]({"shared_label": shared_label, **data}, path)
    except _DataError as error:
        where = key_lines.get(error.key, 1)
        raise ContentError(error.message, path, where) from None
    return Figure(path.stem, caption, alt, source.strip(), svg, path)
