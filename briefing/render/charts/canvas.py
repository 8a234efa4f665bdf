"""The charts' one door to matplotlib: a figure of the page's width in the brief's fonts, axes
styled once, numbers on them written for the brief's language, and the SVG it saves made small.

matplotlib takes ~0.5 s to import: it is imported inside `draw_chart`, so only a brief that has
a chart of data pays for it (never `briefing`'s start-up, nor the timeline and overlap).
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from briefing.read.charts.model import Chart
from briefing.read.charts.numbers import format_number
from briefing.render.charts.style import CHART_FONTS, FONT_POINTS, WIDTH_INCHES, ChartStyle

if TYPE_CHECKING:
    from matplotlib.axes import Axes

Drawer = Callable[["Axes", Chart, ChartStyle], None]
"""Draws one kind of chart on axes made by `draw_chart`."""

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

_ANCHORED = re.compile(
    r'<text style="(?P<style>[^"]*)text-anchor: (?P<anchor>middle|end); (?P<rest>[^"]*)"'
    r' x="(?P<x>[-\d.]+)"(?P<tail>[^>]*)>(?P<text>[^<]*)</text>'
)
"""A text centred or ended at x: WeasyPrint draws each in a group of its own (~200 bytes)."""

_LATIN = re.compile(r"^[\u0020-\u024f\u2000-\u206f\u00a0\u202f%]*$")
"""Text that matplotlib measures with the chart's first font as the PDF will set it."""


def rc_settings(style: ChartStyle) -> dict[str, Any]:
    """matplotlib's settings for a chart in `style`: text kept as text, in the brief's fonts."""
    return {
        "svg.fonttype": "none",  # text as <text>, set in the PDF by the brief's own fonts
        "svg.hashsalt": "briefing",  # ids the same on every build: the same bytes
        "font.family": list(CHART_FONTS),
        "font.size": FONT_POINTS,
        "text.color": style.ink,
        "axes.edgecolor": style.muted,
        "axes.labelcolor": style.ink,
        "axes.linewidth": 0.6,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.axisbelow": True,
        "axes.grid": False,
        "grid.color": style.rule,
        "grid.linewidth": 0.6,
        "xtick.color": style.muted,
        "ytick.color": style.muted,
        "xtick.labelcolor": style.ink,
        "ytick.labelcolor": style.ink,
        "xtick.major.size": 3,
        "ytick.major.size": 0,
        "hatch.color": style.ink,
        "hatch.linewidth": 0.6,
        "legend.frameon": False,
        "path.simplify": True,
    }


def draw_chart(chart: Chart, style: ChartStyle, draw: Drawer, height: float) -> str:
    """`chart` drawn by `draw` on a figure `height` inches high, as SVG text."""
    # Imported here, not at the top: ~0.5 s that only briefs with a chart of data pay.
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(rc_settings(style)):  # type: ignore[arg-type]
        figure = Figure(figsize=(WIDTH_INCHES, height))
        figure.patch.set_visible(False)
        axes = figure.add_subplot()
        axes.patch.set_visible(False)
        draw(axes, chart, style)
        _fit(figure, axes, chart)
        buffer = io.StringIO()
        metadata = {"Date": None, "Creator": None, "Format": None, "Type": None}
        figure.savefig(buffer, format="svg", metadata=metadata)
    svg = buffer.getvalue()
    for pattern in _NOISE:
        svg = pattern.sub("", svg)
    svg = _PRECISE.sub(r"\1", svg)
    if chart.y_min is None and chart.y_max is None:  # nothing drawn outside the axes to cut
        svg = _CLIPPED.sub("", svg)
    return _unwrapped(_ANCHORED.sub(_starting, svg)).strip()


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


def _fit(figure: Any, axes: Axes, chart: Chart) -> None:
    """Margins that hold the labels, worked out from their text: matplotlib's own layout
    engines draw the chart two or three times over to find them (half a chart's time)."""
    width, height = figure.get_size_inches()
    labels = axes.yaxis.get_major_formatter().format_ticks(list(axes.yaxis.get_majorticklocs()))
    left = 1.08 * max((_inches(str(label)) for label in labels), default=0.0) + 0.12
    left += 0.2 if axes.get_ylabel() else 0.0
    bottom = 0.26 + (0.17 if axes.get_xlabel() else 0.0)
    top = 0.34 if axes.get_legend() else 0.16
    outside = chart.orientation == "horizontal" and chart.kind == "bar" and chart.labels == "direct"
    right = 0.45 if outside else 0.12
    figure.subplots_adjust(
        left=left / width, right=1 - right / width, bottom=bottom / height, top=1 - top / height
    )


def _inches(text: str, size: float = FONT_POINTS) -> float:
    """How wide `text` is set in the chart's font at `size` points."""
    from matplotlib.font_manager import FontProperties  # loaded by draw_chart already
    from matplotlib.textpath import text_to_path

    properties = FontProperties(family=list(CHART_FONTS), size=size)
    width, _, _ = text_to_path.get_text_width_height_descent(text, properties, ismath=False)
    return float(width) / 72


def _starting(match: re.Match[str]) -> str:
    """The text moved to start where matplotlib measured it to start, its anchor dropped."""
    from matplotlib.font_manager import FontProperties  # loaded by draw_chart already
    from matplotlib.textpath import text_to_path

    text = html.unescape(match["text"])
    if not _LATIN.match(text):  # another script: the renderer anchors it, shaped
        return match[0]
    style = match["style"] + match["rest"]
    size = float(re.search(r"font-size: ([\d.]+)px", style)[1])  # type: ignore[index]
    weight = "bold" if re.search(r"font-weight: (700|bold)", style) else "normal"
    properties = FontProperties(family=list(CHART_FONTS), size=size, weight=weight)
    width, _, _ = text_to_path.get_text_width_height_descent(text, properties, ismath=False)
    x = float(match["x"]) - (width / 2 if match["anchor"] == "middle" else width)
    return (
        f'<text style="{match["style"]}{match["rest"]}" x="{x:.2f}"{match["tail"]}>'
        f"{match['text']}</text>"
    )


def number_formatter(chart: Chart, with_unit: bool) -> Any:
    """A tick formatter writing values in the chart's language (`%` after them if asked)."""
    from matplotlib.ticker import FuncFormatter  # loaded by draw_chart already

    unit = "%" if with_unit and (chart.percent or chart.unit == "%") else ""
    return FuncFormatter(lambda value, _: format_number(value, chart.language, unit))


def embolden(labels: list[Any], chart: Chart) -> None:
    """The highlighted category's label in bold, beside its accent-coloured bar."""
    for label, category in zip(labels, chart.categories, strict=True):
        if chart.highlight and category == chart.highlight:
            label.set_fontweight("bold")


def value_label(chart: Chart) -> str:
    """What the value axis says it measures: the unit, unless the ticks show it (`%`)."""
    return "" if chart.percent or chart.unit == "%" else chart.unit
