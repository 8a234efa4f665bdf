"""The draft watermark: "DRAFT" and the date, diagonally across every page.

It is a page background, which WeasyPrint draws as a PDF artifact: it stays out of the
structure tree (PDF/UA still holds), out of the text a reader copies, and out of the glyph
preflight. It is a small SVG whose letters are glyph outlines (DejaVu Sans Bold, shaped by
HarfBuzz so Arabic joins), so it stays sharp at any zoom and embeds no font: a light grey,
light enough to read text over, dark enough to see on paper. Its form is the same on every
page, and the PDF finisher keeps one copy of it.
"""

from __future__ import annotations

import base64
import math
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .content import Briefing
from .errors import BuildError
from .harfbuzz import ShapedGlyph, shape

WATERMARK_GREY = 208
"""sRGB level of the watermark's letters: well clear of text (0-85), visible on white (255)."""

_SIZE = (840, 1188)
"""The drawing's units: A4's proportions; it is stretched over the page."""

_LABEL_SIZE, _DATE_SIZE = 150, 44
"""Font sizes of the label and the date, in drawing units."""

_LABEL_RISE, _DATE_DROP = -38.72, 154.88
"""Where the middles of the label and of the date sit, from the page's centre along the
diagonal's normal (the label a little above the diagonal, the date well below it)."""


def is_draft(briefing: Briefing) -> bool:
    """A brief is a draft when its front matter says so or while a claim is unverified."""
    return briefing.metadata.status == "draft" or bool(briefing.claims)


def watermark_styles(briefing: Briefing) -> Markup:
    """The CSS that puts the watermark on every page of a draft; empty for a final brief."""
    if not is_draft(briefing):
        return Markup("")
    image = base64.b64encode(_watermark(briefing.labels.draft, briefing.labels.date).encode())
    return Markup(
        "@page {\n"
        f'  background-image: url("data:image/svg+xml;base64,{image.decode("ascii")}");\n'
        "  background-position: center;\n"
        "  background-repeat: no-repeat;\n"
        "  background-size: contain;\n"
        "}"
    )


@cache
def _watermark(label: str, date: str) -> str:
    """The watermark as SVG: `label` large, `date` under it, along the page's diagonal."""
    width, height = _SIZE
    angle = math.degrees(math.atan2(height, width))
    paths = [_outlines(label, _LABEL_SIZE, _LABEL_RISE)]
    if date:
        paths.append(_outlines(date, _DATE_SIZE, _DATE_DROP))
    grey = "#" + f"{WATERMARK_GREY:02x}" * 3
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}">'
        f'<path fill="{grey}" transform="translate({width / 2} {height / 2}) '
        f'rotate({-angle:.4f})" d="{" ".join(paths)}"/></svg>'
    )


def _outlines(text: str, size: int, middle: float) -> str:
    """SVG path data of `text` at `size`, centred on (0, `middle`) in drawing units."""
    from fontTools.pens.qu2cuPen import Qu2CuPen
    from fontTools.pens.svgPathPen import SVGPathPen
    from fontTools.pens.transformPen import TransformPen

    program, index, font = _font()
    glyphs = _visual_glyphs(program, index, text)
    scale = size / font.face.upem
    extents = font.get_font_extents("ltr")
    ascender, descender = extents.ascender * scale, extents.descender * scale
    baseline = middle + (ascender + descender) / 2  # the middle of ascender and descender
    x = -sum(glyph.x_advance for glyph in glyphs) * scale / 2
    pen = SVGPathPen(None, ntos=_number)
    cubic = Qu2CuPen(pen, max_err=0.05, all_cubic=True)  # fewer curves than TrueType's
    for glyph in glyphs:
        origin = (x + glyph.x_offset * scale, baseline - glyph.y_offset * scale)
        font.draw_glyph_with_pen(glyph.glyph, TransformPen(cubic, (scale, 0, 0, -scale, *origin)))
        x += glyph.x_advance * scale
    return str(pen.getCommands())


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
    from .pdf import shared_font_configuration
    from .weasyprint_loader import load_weasyprint

    load_weasyprint()  # before WeasyPrint's first import, which it makes faster
    from weasyprint.text.ffi import ffi, fontconfig

    config = shared_font_configuration()._config
    pattern = fontconfig.FcPatternCreate()
    match = ffi.NULL
    try:
        fontconfig.FcPatternAddString(pattern, b"family", b"DejaVu Sans")
        fontconfig.FcPatternAddString(pattern, b"style", b"Bold")
        fontconfig.FcConfigSubstitute(config, pattern, 0)  # FcMatchPattern
        fontconfig.FcDefaultSubstitute(pattern)
        match = fontconfig.FcFontMatch(config, pattern, ffi.new("FcResult *"))
        file = ffi.new("FcChar8 **")
        found = match != ffi.NULL and fontconfig.FcPatternGetString(match, b"file", 0, file) == 0
        path = ffi.string(file[0]).decode("utf-8", "surrogateescape") if found else ""
    finally:
        fontconfig.FcPatternDestroy(pattern)
        if match != ffi.NULL:
            fontconfig.FcPatternDestroy(match)
    if not path or not Path(path).is_file():
        raise BuildError("cannot find a font for the draft watermark: fontconfig found none")
    return path, 0  # WeasyPrint's binding cannot ask for the index: DejaVu is no collection
