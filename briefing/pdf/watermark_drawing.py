"""The draft watermark: "DRAFT" and the date, diagonally across every page.

Its letters are glyph outlines (DejaVu Sans Bold, shaped by HarfBuzz so Arabic joins) in a
grey that is light on white, light enough to read text over, dark enough to see on paper:
sharp at any zoom, no font embedded. It is painted see-through (a fill alpha), so that drawn
above the page it still shows on boxes with a fill (a table's header row, a callout, the
cover's notice) and text stays readable under it. This module draws it once as PDF path
operators, in drawing units; `watermark.py` puts that drawing on every page in the PDF
finisher, as an artifact (outside the structure tree, the text a reader copies and the glyph
preflight).
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from briefing.errors import BuildError
from briefing.layout.weasyprint_adapter import (
    fontconfig_of,
    load_weasyprint_module,
    shared_font_configuration,
)
from briefing.pdf.harfbuzz import ShapedGlyph, shape
from briefing.read.document import Watermark

WATERMARK_GREY = 208
"""sRGB level the watermark's letters show on white (255): well clear of text (0-85)."""

WATERMARK_OPACITY = 0.35
"""How much of the watermark's ink covers what is under it: its letters show on a dark
table header as on white, and black text under them stays near black (~42)."""

TRANSLUCENT_NAME = "/BriefingTranslucent"
"""The name of the graphics state with the watermark's opacity, in its form's resources."""

DRAWING_SIZE = (840, 1188)
"""The drawing's units: A4's proportions; it is scaled to fit each page's area, centred."""

_LABEL_SIZE, _DATE_SIZE = 150, 44
"""Font sizes of the label and the date, in drawing units."""

_LABEL_RISE, _DATE_DROP = -38.72, 154.88
"""Where the middles of the label and of the date sit, from the page's centre along the
diagonal's normal (the label a little above the diagonal, the date well below it)."""


@dataclass(frozen=True)
class Drawing:
    """The watermark as a PDF content stream in drawing units (y down, as on the page)."""

    lines: tuple[bytes, ...]
    """One operator a line, as WeasyPrint's streams are until written (the font compaction
    reads them so)."""
    bounds: tuple[int, int, int, int]
    """Left, top, right and bottom of what it paints, for the form's bounding box."""
    opacity: float
    """The fill alpha it is painted with (`TRANSLUCENT_NAME`), 1 for opaque."""


def ink_level(opacity: float) -> float:
    """The sRGB level to paint with at `opacity` so that the letters show `WATERMARK_GREY`
    on white."""
    return 255 - (255 - WATERMARK_GREY) / opacity


@cache
def drawing_of(watermark: Watermark, opacity: float = WATERMARK_OPACITY) -> Drawing:
    """`watermark.label` large, its date under it, along the drawing's diagonal, in grey, at
    `opacity` (1 for opaque: `WATERMARK_GREY` itself)."""
    width, height = DRAWING_SIZE
    angle = math.atan2(height, width)
    cosine, sine = math.cos(angle), math.sin(angle)
    pen = _PathPen()
    _outlines(pen, watermark.label, _LABEL_SIZE, _LABEL_RISE)
    if watermark.date:
        _outlines(pen, watermark.date, _DATE_SIZE, _DATE_DROP)
    # Turned by -angle (y down) about the drawing's centre, as SVG's rotate() turned it.
    rotation = (cosine, -sine, sine, cosine, width / 2, height / 2)
    turned = [
        (cosine * x + sine * y + width / 2, -sine * x + cosine * y + height / 2)
        for x, y in pen.points
    ]
    grey = " ".join([f"{ink_level(opacity) / 255:.6f}"] * 3)
    lines = (
        b"q",
        *([TRANSLUCENT_NAME.encode() + b" gs"] if opacity < 1 else []),
        " ".join(f"{value:.6f}" for value in rotation).encode() + b" cm",
        grey.encode() + b" rg",
        *pen.operators,
        b"f",
        b"Q",
    )
    xs, ys = [x for x, _ in turned], [y for _, y in turned]
    bounds = (math.floor(min(xs)), math.floor(min(ys)), math.ceil(max(xs)), math.ceil(max(ys)))
    return Drawing(lines, bounds, opacity)


class _PathPen:
    """A fontTools pen (curves cubic already; method names are the pen protocol's) that
    writes PDF path operators."""

    def __init__(self) -> None:
        self.operators: list[bytes] = []
        self.points: list[tuple[float, float]] = []

    def _add(self, points: tuple[tuple[float, float], ...], operator: str) -> None:
        rounded = [(float(_number(x)), float(_number(y))) for x, y in points]
        self.points += rounded
        numbers = " ".join(_number(value) for point in rounded for value in point)
        self.operators.append(f"{numbers} {operator}".encode())

    def moveTo(self, point: tuple[float, float]) -> None:
        self._add((point,), "m")

    def lineTo(self, point: tuple[float, float]) -> None:
        self._add((point,), "l")

    def curveTo(self, *points: tuple[float, float]) -> None:
        if len(points) != 3:
            raise ValueError(f"a cubic curve has 3 points, got {len(points)}")
        self._add(points, "c")

    def qCurveTo(self, *points: tuple[float, float]) -> None:
        raise ValueError("quadratic curves reach the PDF pen only through Qu2CuPen")

    def closePath(self) -> None:
        self.operators.append(b"h")

    def endPath(self) -> None:
        pass

    def addComponent(self, glyph_name: str, transformation: Any) -> None:
        raise ValueError("HarfBuzz draws components as outlines")


def _outlines(pen: _PathPen, text: str, size: int, middle: float) -> None:
    """Draw `text` at `size` with `pen`, centred on (0, `middle`) in drawing units."""
    from fontTools.pens.qu2cuPen import Qu2CuPen
    from fontTools.pens.transformPen import TransformPen

    program, index, font = _font()
    glyphs = _visual_glyphs(program, index, text)
    scale = size / font.face.upem
    extents = font.get_font_extents("ltr")
    ascender, descender = extents.ascender * scale, extents.descender * scale
    baseline = middle + (ascender + descender) / 2  # the middle of ascender and descender
    x = -sum(glyph.x_advance for glyph in glyphs) * scale / 2
    cubic = Qu2CuPen(pen, max_err=0.05, all_cubic=True)  # fewer curves than TrueType's
    for glyph in glyphs:
        origin = (x + glyph.x_offset * scale, baseline - glyph.y_offset * scale)
        font.draw_glyph_with_pen(glyph.glyph, TransformPen(cubic, (scale, 0, 0, -scale, *origin)))
        x += glyph.x_advance * scale


def _visual_glyphs(program: bytes, index: int, text: str) -> list[ShapedGlyph]:
    """`text`'s glyphs left to right: each word shaped on its own (HarfBuzz orders the glyphs
    of a right-to-left word), the words reversed in a right-to-left line, so that a date in
    an Arabic brief keeps its digits in order."""
    words = [shape(program, word, index) for word in text.split(" ")]
    if _right_to_left(text):
        words.reverse()
    space = shape(program, " ", index)
    return [
        glyph for number, word in enumerate(words) for glyph in (space if number else []) + word
    ]


def _right_to_left(text: str) -> bool:
    """Whether the first strongly directed letter of `text` is written right to left."""
    for character in text:
        direction = unicodedata.bidirectional(character)
        if direction in ("L", "R", "AL"):
            return direction != "L"
    return False


def _number(value: float) -> str:
    """A coordinate to a tenth of a unit, without trailing zeros: small and exact enough."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


@cache
def _font() -> tuple[bytes, int, Any]:
    """The watermark font's file, its index in a collection, and HarfBuzz's font of it (which
    draws one glyph's outline without reading the others)."""
    import uharfbuzz

    path, index = _font_file()
    program = Path(path).read_bytes()
    return program, index, uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob(program), index))


@cache
def _font_file() -> tuple[str, int]:
    """DejaVu Sans Bold (it has Latin, Greek, Cyrillic, Arabic and Hebrew), or the closest
    bold sans-serif font fontconfig has, with its index in a collection: asked of the
    fontconfig WeasyPrint has loaded (running `fc-match` cost ~0.1 s)."""
    ffi_module = load_weasyprint_module("text.ffi")
    ffi, fontconfig = ffi_module.ffi, ffi_module.fontconfig
    config = fontconfig_of(shared_font_configuration())
    pattern = fontconfig.FcPatternCreate()
    match = ffi.NULL
    try:
        fontconfig.FcPatternAddString(pattern, b"family", b"DejaVu Sans")
        fontconfig.FcPatternAddString(pattern, b"style", b"Bold")
        fontconfig.FcConfigSubstitute(config, pattern, 0)  # FcMatchPattern
        fontconfig.FcDefaultSubstitute(pattern)
        match = fontconfig.FcFontMatch(config, pattern, ffi.new("FcResult *"))
        found = {}
        for name in ("file", "family", "style") if match != ffi.NULL else ():
            text = ffi.new("FcChar8 **")
            if fontconfig.FcPatternGetString(match, name.encode(), 0, text) == 0:
                found[name] = ffi.string(text[0]).decode("utf-8", "surrogateescape")
    finally:
        fontconfig.FcPatternDestroy(pattern)
        if match != ffi.NULL:
            fontconfig.FcPatternDestroy(match)
    path = found.get("file", "")
    if not path or not Path(path).is_file():
        raise BuildError("cannot find a font for the draft watermark: fontconfig found none")
    return path, face_index(Path(path), found.get("family", ""), found.get("style", ""))


def face_index(path: Path, family: str, style: str) -> int:
    """The index of the face of `family` and `style` in the font collection at `path`; 0 for
    a single font, or when no face has those names. (WeasyPrint's fontconfig binding can
    read a match's names but not its index.)"""
    with path.open("rb") as file:
        if file.read(4) != b"ttcf":
            return 0
    from fontTools.ttLib import TTCollection  # deferred: a collection is the rare case

    with TTCollection(path, lazy=True) as collection:
        for index, font in enumerate(collection.fonts):
            names = font["name"]
            if (names.getBestFamilyName(), names.getBestSubFamilyName()) == (family, style):
                return index
    return 0
