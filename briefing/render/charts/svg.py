"""Hand-written SVG for the drawn figures (timeline, overlap): elements, text, wrapping and
patterns, written the same way every time (deterministic bytes)."""

from __future__ import annotations

import hashlib
import re
import textwrap
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from briefing.render.charts.style import FONT_FAMILY, INK

WIDTH, MARGIN = 640, 8
CHAR_EM = 0.58
"""A generous average glyph width (in em) of Inter, for wrapping text by character count."""


def wrap(text: str, size: float, width: float) -> list[str]:
    """Break `text` into lines that fit `width` at font `size`, splitting over-long words."""
    return textwrap.wrap(text, max(2, int(width / (size * CHAR_EM))))


def number(value: float) -> str:
    """A number with at most one decimal, written the same way every time."""
    return f"{value:.1f}".removesuffix(".0")


def element(tag: str, content: str = "", **attributes: float | str) -> str:
    """One SVG element; `stroke_width=1` becomes `stroke-width="1"`."""
    shown = "".join(
        f" {name.replace('_', '-')}={quoteattr(value if isinstance(value, str) else number(value))}"
        for name, value in attributes.items()
    )
    return f"<{tag}{shown}>{content}</{tag}>" if content else f"<{tag}{shown}/>"


def say(x: float, y: float, line: str, size: int, anchor: str = "start", weight: int = 400) -> str:
    """One line of text whose baseline sits at `y`."""
    return (
        f'<text x="{number(x)}" y="{number(y)}" font-family="{FONT_FAMILY}" font-size="{size}"'
        f' font-weight="{weight}" fill="{INK}" text-anchor="{anchor}">{escape(line)}</text>'
    )


def document(alt: str, height: float, defs: str, body: list[str]) -> str:
    """A complete SVG document of `body`, titled with the figure's alt text."""
    title = element("title", escape(alt))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {round(height)}"'
        f' width="100%" role="img">{title}<defs>{defs}</defs>{"".join(body)}</svg>'
    )


def patterns(name: str) -> tuple[str, str, str]:
    """Hatch and dot pattern definitions, with ids derived from the figure's name."""
    ident = "f-" + re.sub(r"[^A-Za-z0-9_-]", "-", name)
    if not name.isascii():  # names in other scripts stay apart: `电网` is not `能源`
        ident += "-" + hashlib.sha256(name.encode()).hexdigest()[:8]
    tile = "userSpaceOnUse"
    hatch = element("path", d="M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6", stroke="#555555", stroke_width=1)
    dots = element("circle", cx=3, cy=3, r=1.2, fill="#555555")
    defs = element("pattern", hatch, id=f"{ident}-hatch", width=8, height=8, patternUnits=tile)
    defs += element("pattern", dots, id=f"{ident}-dots", width=6, height=6, patternUnits=tile)
    return defs, f"url(#{ident}-hatch)", f"url(#{ident}-dots)"


def box(x: float, y: float, w: float, h: float, rx: float, fills: list[str], **line: Any) -> str:
    """A rounded rectangle painted with each of `fills` in turn, then outlined as `line` says."""
    shapes = [element("rect", x=x, y=y, width=w, height=h, rx=rx, fill=fill) for fill in fills]
    return "".join(shapes) + element(
        "rect", x=x, y=y, width=w, height=h, rx=rx, fill="none", **line
    )
