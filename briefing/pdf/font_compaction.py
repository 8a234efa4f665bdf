"""Compact font re-subsetting: each embedded font cut to the glyphs shown, numbered from 0.

WeasyPrint 70 keeps every glyph slot of a font so that glyph ids stay stable while it writes
(an Inter weight that shows 90 glyphs still carries 2,000 empty ones, ~19 KB instead of
~5 KB). In the finisher, before pydyf writes the bytes, each font that can be renumbered
safely gets a HarfBuzz subset with compact glyph ids, and everything that names its glyph
ids follows: the text lines of every content stream (pages, form XObjects, patterns), the
/W widths, the ToUnicode map, the CIDSet, the charset of a CID-keyed CFF font. The glyphs
kept are those of the /W array (WeasyPrint lists every glyph it draws there); each line the
content streams show must be found in it, or its font is left alone. A font that cannot be
renumbered safely (Type 3, another encoding, a CIDToGIDMap stream, a colour font, text in a
shape not WeasyPrint's) stays exactly as it was.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from typing import Any

from briefing.pdf.cff_charset import with_identity_charset
from briefing.pdf.glyph_streams import (
    Renumbering,
    plain_to_unicode,
    renumber_stream,
    renumber_to_unicode,
)
from briefing.pdf.harfbuzz import subset_font

_REFERENCE = re.compile(rb"(\d+) 0 R")
_COLOUR_TABLES = (b"COLR", b"CPAL", b"CBDT", b"CBLC", b"sbix", b"SVG ")


@dataclass(frozen=True)
class _Font:
    """A Type0 font and the objects that carry its glyph ids."""

    font: Any
    cid_font: Any
    descriptor: Any
    program: Any
    """The FontFile2 or FontFile3 stream."""


def compact_fonts(pdf: Any) -> None:
    """Re-subset every font of `pdf` (a pydyf PDF before writing) that can be done safely."""
    if "AcroForm" in pdf.catalog:
        return  # form fields name fonts from elsewhere
    subsets: dict[int, tuple[list[_Font], bytes, dict[int, int]]] = {}
    for program_number, numbers in _fonts_by_program(pdf).items():
        found = [_font(pdf, number) for number in numbers]
        fonts = [font for font in found if font is not None]
        if fonts and len(fonts) == len(found):  # else one of them cannot follow: keep all
            glyphs = {glyph for font in fonts for glyph in _widths(font.cid_font.get("W", []))}
            subset = _subset(fonts[0].program.stream[0], glyphs)
            if subset is not None:
                subsets[program_number] = (fonts, *subset)
    tables = {font.font.number: table for fonts, _, table in subsets.values() for font in fonts}
    renumbering = Renumbering()
    for stream, names in _content_streams(pdf):
        renumber_stream(stream, names, tables, renumbering)
        if not renumbering.complete:
            return
    for fonts, program, table in subsets.values():
        if not {font.font.number for font in fonts} & renumbering.failed:
            _replace_program(fonts[0].program, program)
            done: set[int] = set()  # fonts on one program might share a map: renumber it once
            for font in fonts:
                _renumber_font(pdf, font, table, done)
    for stream, index, font_number, line in renumbering.lines:
        if font_number not in renumbering.failed:
            stream.stream[index] = line


def _fonts_by_program(pdf: Any) -> dict[int, list[int]]:
    """The object numbers of every Type0 font, by the object number of the font program it
    embeds (WeasyPrint may write several fonts on one program)."""
    by_program: dict[int, list[int]] = {}
    for number, item in enumerate(pdf.objects):
        if isinstance(item, dict) and item.get("Subtype") == "/Type0":
            cid_font = _resolve(pdf, (item.get("DescendantFonts") or [None])[0])
            descriptor = _resolve(pdf, cid_font.get("FontDescriptor")) if cid_font else None
            files = (
                [descriptor.get(key) for key in ("FontFile2", "FontFile3")] if descriptor else []
            )
            program = next((_number(file) for file in files if file is not None), None)
            if program is not None:
                by_program.setdefault(program, []).append(number)
    return by_program


def _resolve(pdf: Any, value: Any) -> Any:
    """The object an indirect reference (b"12 0 R") points to; any other value as it is."""
    if isinstance(value, str):
        value = value.encode("ascii")
    if isinstance(value, bytes) and (match := _REFERENCE.fullmatch(value)):
        return pdf.objects[int(match[1])]
    return value


def _number(value: Any) -> int | None:
    if isinstance(value, str):
        value = value.encode("ascii")
    match = _REFERENCE.fullmatch(value) if isinstance(value, bytes) else None
    return int(match[1]) if match else None


def _content_streams(pdf: Any) -> list[tuple[Any, dict[bytes, int]]]:
    """Every content stream with its fonts by resource name: pages, forms, tiling patterns."""
    import pydyf  # type: ignore[import-untyped]  # WeasyPrint's PDF writer, loaded with it

    found = []
    for page_number in pdf.pages["Kids"][::3]:
        page = pdf.objects[page_number]
        fonts = _font_names(pdf, page.get("Resources"))
        contents = _resolve(pdf, page.get("Contents"))
        for content in contents if isinstance(contents, list) else [contents]:
            found.append((_resolve(pdf, content), fonts))
    for item in pdf.objects:
        if isinstance(item, pydyf.Stream) and (
            item.extra.get("Subtype") == "/Form" or item.extra.get("PatternType") == 1
        ):
            found.append((item, _font_names(pdf, item.extra.get("Resources"))))
    return found


def _font_names(pdf: Any, resources: Any) -> dict[bytes, int]:
    """Font resource names (without the slash) and the object numbers of their fonts."""
    resources = _resolve(pdf, resources)
    fonts = _resolve(pdf, resources.get("Font")) if isinstance(resources, dict) else None
    if not isinstance(fonts, dict):
        return {}
    numbers = {str(name).encode(): _number(value) for name, value in fonts.items()}
    return {name: number for name, number in numbers.items() if number is not None}


def _font(pdf: Any, number: int) -> _Font | None:
    """The Type0 font `number` if its glyph ids can be renumbered, else None."""
    font = pdf.objects[number]
    if not isinstance(font, dict) or font.get("Subtype") != "/Type0":
        return None
    if font.get("Encoding") != "/Identity-H" or len(font.get("DescendantFonts", ())) != 1:
        return None
    cid_font = _resolve(pdf, font["DescendantFonts"][0])
    descriptor = _resolve(pdf, cid_font.get("FontDescriptor"))
    if cid_font.get("CIDToGIDMap", "/Identity") != "/Identity" or not isinstance(descriptor, dict):
        return None
    key = {"/CIDFontType2": "FontFile2", "/CIDFontType0": "FontFile3"}.get(cid_font.get("Subtype"))
    program = _raw_stream(pdf, descriptor.get(key or ""))
    if program is None or len(program.stream) != 1 or not _plain_outlines(program.stream[0]):
        return None
    if key == "FontFile3" and program.extra.get("Subtype") != "/OpenType":
        return None  # a bare CFF program (WeasyPrint always wraps it)
    if "ToUnicode" in font:
        to_unicode = _raw_stream(pdf, font["ToUnicode"])
        if to_unicode is None or not plain_to_unicode(to_unicode.stream):
            return None
    return _Font(font, cid_font, descriptor, program)


def _raw_stream(pdf: Any, reference: Any) -> Any:
    """The uncompressed stream `reference` points to, or None."""
    import pydyf  # WeasyPrint's PDF writer, loaded with it

    stream = _resolve(pdf, reference)
    if not isinstance(stream, pydyf.Stream) or "Filter" in stream.extra:
        return None
    return stream


def _plain_outlines(program: bytes) -> bool:
    """TrueType or CFF outlines (not CFF2), and no colour or bitmap glyphs."""
    if program[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
        return False
    (count,) = struct.unpack_from(">H", program, 4)
    tags = {program[record : record + 4] for record in range(12, 12 + 16 * count, 16)}
    return bool(tags & {b"glyf", b"CFF "}) and not tags & set(_COLOUR_TABLES)


def _subset(program: bytes, glyphs: set[int]) -> tuple[bytes, dict[int, int]] | None:
    """The font program cut to `glyphs`, and each old glyph id's new one; None if it fails."""
    subset = subset_font(program, glyphs)
    if subset is None:
        return None
    data = with_identity_charset(subset[0])
    return None if data is None else (data, subset[1])


def _replace_program(stream: Any, program: bytes) -> None:
    stream.stream = [program]
    if "Length1" in stream.extra:
        stream.extra["Length1"] = len(program)


def _renumber_font(pdf: Any, font: _Font, table: dict[int, int], done: set[int]) -> None:
    """Widths, ToUnicode map and CIDSet of `font` for the new glyph ids, each object once."""
    import pydyf

    if id(font.cid_font) not in done:
        done.add(id(font.cid_font))
        widths = _widths(font.cid_font.get("W", []))
        kept = {table[glyph]: width for glyph, width in widths.items() if glyph in table}
        array: list[Any] = []
        for glyph in sorted(kept):
            if glyph - 1 not in kept:
                array += [glyph, pydyf.Array()]
            array[-1].append(kept[glyph])
        font.cid_font["W"] = pydyf.Array(array)
    to_unicode = _resolve(pdf, font.font.get("ToUnicode"))
    if to_unicode is not None and id(to_unicode) not in done:
        done.add(id(to_unicode))
        to_unicode.stream = renumber_to_unicode(to_unicode.stream, table)
    cid_set = _resolve(pdf, font.descriptor.get("CIDSet"))
    if hasattr(cid_set, "stream") and id(cid_set) not in done:
        done.add(id(cid_set))
        cid_set.stream = [_cid_set(b"".join(cid_set.stream), table)]


def _cid_set(bits: bytes, table: dict[int, int]) -> bytes:
    """A CIDSet (one bit a CID, high bit first) for the new glyph ids of the CIDs it lists."""
    size, value = len(bits) * 8, int.from_bytes(bits, "big")
    old = (cid for cid in range(size) if value >> (size - 1 - cid) & 1)
    new = {table[cid] for cid in old if cid in table} | {0}
    length = max(new) // 8 + 1
    return sum(1 << (length * 8 - 1 - cid) for cid in new).to_bytes(length, "big")


def _widths(array: Any) -> dict[int, Any]:
    """The /W array of a CID font as widths by glyph id (both `c [w...]` and `c1 c2 w`)."""
    widths: dict[int, Any] = {}
    items, position = list(array), 0
    while position < len(items):
        first = int(items[position])
        if isinstance(items[position + 1], list):
            widths.update(
                (first + offset, width) for offset, width in enumerate(items[position + 1])
            )
            position += 2
        else:
            last, width = int(items[position + 1]), items[position + 2]
            widths.update((glyph, width) for glyph in range(first, last + 1))
            position += 3
    return widths
