"""Where a PDF names glyph ids: its content streams and its ToUnicode maps, renumbered.

At the finisher WeasyPrint's content streams are still lists of operator lines (pydyf writes
and compresses them afterwards): `/ABCDEF 12 Tf` selects a font by its resource name, and
`[<00410042>-20<0043>] TJ` shows glyph ids as 4-digit hex codes (Identity-H). They are read
line by line, following `q`/`Q`; a font shown in any other way keeps its glyph ids, and a
line that holds a text operator in an unexpected shape stops all renumbering.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

_SELECT_FONT = re.compile(rb"/(\S+)\s+[-+.\deE]+\s+Tf")
_SHOW_HEX = re.compile(rb"\[(?:<[0-9A-Fa-f\s]*>|[-+.0-9eE\s]+)*\]\s*TJ|<[0-9A-Fa-f\s]*>\s*Tj")
"""One text-showing operator with hex codes (any: a Type 3 font's have 2 digits)."""
_HEX_CODES = re.compile(rb"(?<=<)([^<>]*)(?=>)")
"""The inside of each hex string: splitting on it keeps the brackets in the text around."""
_KERNING = b"-+.0123456789e \t\r\n"
"""What may stand between the glyph strings of a TJ array: numbers and spaces."""
_TEXT_OPERATOR = re.compile(rb"(?:^|[\s\]>)])(?:Tf|TJ|Tj|'|\"|q|Q)(?=\s|$)")
"""Any operator that selects a font, shows text or saves/restores the graphics state."""
_MAYBE_TEXT_OPERATOR = re.compile(rb"[TqQ'\"]")
"""A quick test first: a line without these letters holds none of those operators."""


@dataclass
class Renumbering:
    """The content-stream lines that change when fonts get new glyph ids."""

    lines: list[tuple[Any, int, int, bytes]] = field(default_factory=list)
    """Each line to rewrite: its stream, its index in the stream, its font, its new text."""
    failed: set[int] = field(default_factory=set)
    """Fonts shown with a glyph or in a shape the new numbering cannot take: keep them."""
    complete: bool = True
    """False when a stream shows text whose font cannot be told: renumber nothing."""


def renumber_stream(
    stream: Any, fonts: dict[bytes, int], tables: dict[int, dict[int, int]], into: Renumbering
) -> None:
    """Add to `into` the lines of `stream` that show a font of `tables` (old glyph id to new,
    by font object number) rewritten; `fonts` maps the stream's resource names to fonts."""
    font: int | None = None
    saved: list[int | None] = []
    for index, item in enumerate(stream.stream):
        if isinstance(item, str):
            item = item.encode("latin-1")
        elif not isinstance(item, bytes):
            continue  # a property list or another operand object: no operator in it
        if item == b"q":
            saved.append(font)
        elif item == b"Q":
            font = saved.pop() if saved else None
        elif item.endswith(b"Tf") and (selected := _SELECT_FONT.fullmatch(item)):
            font = fonts.get(selected[1])
        elif item.endswith((b"TJ", b"Tj")):
            new = _renumbered(item, tables[font]) if font in tables else None
            if new is not None and font is not None:
                into.lines.append((stream, index, font, new))
            elif font is None or not _SHOW_HEX.fullmatch(item):
                into.complete = False  # text in no known font, or not one operator
                return
            else:
                into.failed.add(font)
        elif _MAYBE_TEXT_OPERATOR.search(item) and _TEXT_OPERATOR.search(item):
            into.complete = False  # an operator inside a longer line: not WeasyPrint's shape
            return


def _renumbered(item: bytes, table: dict[int, int]) -> bytes | None:
    """`item` (one TJ or Tj) with its glyph ids renumbered, all of the line at once; None
    unless its codes are WeasyPrint's (4 lowercase hex digits each) and all in `table`."""
    parts = _HEX_CODES.split(item)  # text up to "<", codes, text from ">" to "<", ...
    operator = b"".join(parts[0::2]).translate(None, _KERNING)
    codes = parts[1::2]
    joined = b"".join(codes)
    lengths = list(map(len, codes))
    if operator.replace(b"<>", b"") not in (b"[]TJ", b"Tj"):
        return None
    if joined.translate(None, b"0123456789abcdef") or any(map((3).__and__, lengths)):
        return None  # not 4 lowercase hex digits a glyph
    count = len(joined) // 4
    old = struct.unpack(f">{count}H", bytes.fromhex(joined.decode("ascii")))
    try:
        new = struct.pack(f">{count}H", *map(table.__getitem__, old)).hex().encode("ascii")
    except KeyError:
        return None  # a glyph the widths array does not list
    ends = list(accumulate(lengths))
    parts[1::2] = map(new.__getitem__, map(slice, [0, *ends[:-1]], ends))  # same lengths
    return b"".join(parts)


_BFCHAR_BLOCK = re.compile(rb"\d+\s+beginbfchar(.*?)endbfchar", re.DOTALL)
_BFCHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>")


def plain_to_unicode(items: list[Any]) -> bool:
    """Whether a ToUnicode CMap maps glyph ids one by one (bfchar), as WeasyPrint writes it."""
    return all(isinstance(item, bytes) and b"bfrange" not in item for item in items)


def renumber_to_unicode(items: list[bytes], table: dict[int, int]) -> list[bytes]:
    """A ToUnicode CMap's lines for the new glyph ids; glyphs no longer in the font drop out."""
    data = b"\n".join(items)
    blocks = list(_BFCHAR_BLOCK.finditer(data))
    if not blocks:
        return items
    entries = {
        table[int(glyph, 16)]: text
        for block in blocks
        for glyph, text in _BFCHAR.findall(block[1])
        if int(glyph, 16) in table
    }
    ordered = sorted(entries.items())
    lines = [data[: blocks[0].start()].rstrip(b"\n")]
    for start in range(0, len(ordered), 100):  # at most 100 entries a block
        batch = ordered[start : start + 100]
        lines.append(f"{len(batch)} beginbfchar".encode())
        lines += [b"<%04x> <%s>" % (glyph, text) for glyph, text in batch]
        lines.append(b"endbfchar")
    lines.append(data[blocks[-1].end() :].lstrip(b"\n"))
    return lines
