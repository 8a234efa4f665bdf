"""Formulas drawn as vector graphics by ziamath (pure Python, its own STIX Two Math font: no
TeX, no browser, nothing fetched), as `<img>` whose alternate text is the LaTeX source; the
PDF finisher tags them as Formula. A formula ziamath cannot draw prints as its source in code
style. ziamath is imported only by a brief that has math."""

from __future__ import annotations

import base64
import html
import re
import warnings
from functools import lru_cache

DRAWN_SIZE = 10.0
"""The size ziamath draws at, in points: the image is then sized in `em`, so a formula takes
the size of the text around it."""
INK = "#1a1a1a"
"""The text's colour (`--ink` in styles/common.css)."""
FORMULA_CLASS = "formula"
_VIEW_BOX = re.compile(
    r'viewBox="(?P<x>[-\d.]+) (?P<y>[-\d.]+) (?P<width>[\d.]+) (?P<height>[\d.]+)"'
)
_UNKNOWN_COMMAND = re.compile(r"<m[io]>\\(?P<command>[A-Za-z]+)</m[io]>")


class FormulaError(ValueError):
    """A formula that cannot be drawn: the message says why."""


def formula_html(tex: str, display: bool) -> str:
    """The `<img>` of formula `tex`, on its own line when `display`.

    Raises:
        FormulaError: the formula cannot be drawn.
    """
    svg = _drawn(tex.strip(), display)
    box = _VIEW_BOX.search(svg)
    if box is None:
        raise FormulaError("ziamath drew no picture")
    width, height = float(box["width"]), float(box["height"])
    depth = float(box["y"]) + height  # below the baseline
    size = f"width: {width / DRAWN_SIZE:.3f}em; height: {height / DRAWN_SIZE:.3f}em"
    if not display:
        size += f"; vertical-align: {-depth / DRAWN_SIZE:.3f}em"
    source = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    kind = f"{FORMULA_CLASS} display" if display else FORMULA_CLASS
    return (
        f'<img class="{kind}" alt="{html.escape(" ".join(tex.split()))}" style="{size}" '
        f'src="data:image/svg+xml;base64,{source}">'
    )


def source_html(tex: str, display: bool) -> str:
    """A formula that cannot be drawn, as its source in code style."""
    code = f'<code class="formula-source">{html.escape(tex.strip())}</code>'
    return f'<pre class="formula-source">{code}</pre>' if display else code


@lru_cache(maxsize=512)
def _drawn(tex: str, display: bool) -> str:
    """The SVG of `tex`; each formula is drawn once per process."""
    with warnings.catch_warnings():  # ziamath finds its font by importlib.resources.path
        warnings.simplefilter("ignore", DeprecationWarning)
        import latex2mathml.converter  # deferred: only briefs with math load the math renderer
        import ziamath

    try:
        mathml = latex2mathml.converter.convert(tex, display="block" if display else "inline")
    except Exception as error:  # latex2mathml raises many kinds for malformed LaTeX
        raise FormulaError(f"cannot read the LaTeX ({type(error).__name__})") from None
    unknown = _UNKNOWN_COMMAND.search(mathml)
    if unknown:
        raise FormulaError(f"unknown command '\\{unknown['command']}'")
    try:
        math = ziamath.Latex(  # type: ignore[attr-defined]
            tex, size=DRAWN_SIZE, color=INK, inline=not display
        )
        return str(math.svg())
    except Exception as error:  # ziamath raises many kinds on what it cannot lay out
        raise FormulaError(f"cannot draw it ({type(error).__name__})") from None


_FORMULA_IMAGE = re.compile(rf'<img class="{FORMULA_CLASS}[^"]*" alt="(?P<alt>[^"]*)"')


def formula_sources(document: str) -> frozenset[str]:
    """The alternate texts of the formulas drawn in the HTML `document`."""
    return frozenset(html.unescape(match["alt"]) for match in _FORMULA_IMAGE.finditer(document))
