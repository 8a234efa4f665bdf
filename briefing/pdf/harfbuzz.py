"""HarfBuzz (through uharfbuzz) for two jobs of our own.

- `subset_font`: cut a font program to the glyphs a PDF shows, numbered from 0. WeasyPrint
  keeps every glyph slot; HarfBuzz's subset plan says which new id each old glyph got.
  (fontTools does the same in pure Python at ten times the cost.)
- `shape`: the glyphs and positions of a short text, for the draft watermark's outlines.
"""

from __future__ import annotations

from dataclasses import dataclass

import uharfbuzz as harfbuzz

_FLAGS = (
    harfbuzz.SubsetFlags.DESUBROUTINIZE
    | harfbuzz.SubsetFlags.PASSTHROUGH_UNRECOGNIZED
    | harfbuzz.SubsetFlags.NOTDEF_OUTLINE
    | harfbuzz.SubsetFlags.NO_LAYOUT_CLOSURE
)
"""Glyph ids renumbered (no RETAIN_GIDS); .notdef and any table HarfBuzz does not know kept
as they are; no layout closure, as the PDF shows glyphs, not text to shape. Hinting that
survived WeasyPrint's subset stays (no NO_HINTING)."""


@dataclass(frozen=True)
class ShapedGlyph:
    """One glyph of shaped text, in font units, in visual order (left to right)."""

    glyph: int
    x_advance: int
    x_offset: int
    y_offset: int


def subset_font(program: bytes, glyphs: set[int]) -> tuple[bytes, dict[int, int]] | None:
    """`program` (TrueType or OpenType CFF) cut to `glyphs` and .notdef, numbered compactly.

    Returns the new program and each old glyph id's new one, or None when HarfBuzz cannot
    subset it (the caller then keeps the font as it is).
    """
    face = harfbuzz.Face(harfbuzz.Blob(program))
    wanted = {0, *glyphs}
    if max(wanted) >= face.glyph_count:
        return None
    subset_input = harfbuzz.SubsetInput()
    subset_input.glyph_set.update(wanted)
    subset_input.flags = _FLAGS
    try:
        plan = harfbuzz.SubsetPlan(face, subset_input)
        mapping = plan.old_to_new_glyph_mapping
        new_ids = {glyph: mapping.get(glyph) for glyph in wanted}
        result = plan.execute()
    except RuntimeError:  # HarfBuzz could not plan or cut this font
        return None
    if None in new_ids.values():
        return None
    return result.blob.data, {old: new for old, new in new_ids.items() if new is not None}


def shape(program: bytes, text: str, index: int = 0) -> list[ShapedGlyph]:
    """`text` shaped with font `index` of `program` (a font file's bytes), in font units:
    joined Arabic, kerning, right-to-left runs in visual order."""
    font = harfbuzz.Font(harfbuzz.Face(harfbuzz.Blob(program), index))
    buffer = harfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    harfbuzz.shape(font, buffer)
    return [
        ShapedGlyph(info.codepoint, position.x_advance, position.x_offset, position.y_offset)
        for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True)
    ]
