"""Give a CID-keyed CFF font (an OpenType font such as Noto Sans CJK) the identity charset.

A PDF reader finds the glyph of a CID in a CID-keyed CFF font through the font's charset
(ISO 32000 9.7.4.2). Once a subset numbers its glyphs 0, 1, 2... the PDF shows glyph ids as
CIDs, so the charset must map each glyph id to the same CID; HarfBuzz keeps the original
CIDs. The charset is rewritten in place, in whichever format fits the old one's bytes.
"""

from __future__ import annotations

import struct
from math import ceil

_CHARSET, _CHARSTRINGS, _CID_FONT = 15, 17, 1230
"""Top DICT operators: charset offset, CharStrings offset, ROS (12 30, marks CID-keyed)."""


def with_identity_charset(program: bytes) -> bytes | None:
    """`program` with CID n for glyph n if it is CID-keyed CFF, as it is if not, or None when
    it cannot be read or patched."""
    tables = _tables(program)
    if b"CFF " not in tables:
        return program
    start, length, record = tables[b"CFF "]
    cff = bytearray(program[start : start + length])
    try:
        top = _top_dict(cff)
        if _CID_FONT not in top:
            return program  # name-keyed: CIDs are glyph ids already
        charset, glyph_count = int(top[_CHARSET][0]), _card16(cff, int(top[_CHARSTRINGS][0]))
        identity = _identity(glyph_count, _charset_size(cff, charset, glyph_count))
    except (IndexError, KeyError, struct.error):
        return None
    if identity is None:
        return None
    cff[charset : charset + len(identity)] = identity
    patched = bytearray(program)
    patched[start : start + length] = cff
    struct.pack_into(">I", patched, record + 4, _checksum(bytes(cff)))
    if b"head" in tables:
        head = tables[b"head"][0]
        struct.pack_into(">I", patched, head + 8, 0)
        struct.pack_into(">I", patched, head + 8, (0xB1B0AFBA - _checksum(bytes(patched))) % 2**32)
    return bytes(patched)


def _tables(program: bytes) -> dict[bytes, tuple[int, int, int]]:
    """Each table's tag: its offset, its length, the offset of its directory record."""
    if program[:4] != b"OTTO":
        return {}
    (count,) = struct.unpack_from(">H", program, 4)
    tables = {}
    for record in range(12, 12 + 16 * count, 16):
        tag, _, offset, length = struct.unpack_from(">4sIII", program, record)
        tables[tag] = (offset, length, record)
    return tables


def _card16(data: bytearray, offset: int) -> int:
    return int(struct.unpack_from(">H", data, offset)[0])


def _index(data: bytearray, offset: int) -> tuple[list[bytes], int]:
    """The items of the CFF INDEX at `offset`, and the offset just after it."""
    count = _card16(data, offset)
    if count == 0:
        return [], offset + 2
    size = data[offset + 2]
    ends = [
        int.from_bytes(data[offset + 3 + size * item : offset + 3 + size * (item + 1)], "big")
        for item in range(count + 1)
    ]
    base = offset + 2 + (count + 1) * size  # offsets count from 1
    items = [bytes(data[base + ends[item] : base + ends[item + 1]]) for item in range(count)]
    return items, base + ends[-1]


def _top_dict(cff: bytearray) -> dict[int, list[float]]:
    """The first font's Top DICT: operands by operator (two-byte operators as 1200 + b1)."""
    _, after_names = _index(cff, cff[2])
    top_dicts, _ = _index(cff, after_names)
    data, position, operands = top_dicts[0], 0, list[float]()
    operators: dict[int, list[float]] = {}
    while position < len(data):
        byte = data[position]
        if byte <= 21:
            operator = 1200 + data[position + 1] if byte == 12 else byte
            position += 2 if byte == 12 else 1
            operators[operator], operands = operands, []
        elif byte == 28:
            operands.append(struct.unpack_from(">h", data, position + 1)[0])
            position += 3
        elif byte == 29:
            operands.append(struct.unpack_from(">i", data, position + 1)[0])
            position += 5
        elif byte == 30:  # a real number: nibbles up to an 0xf one; only its length matters
            position += 1
            while data[position] & 0x0F != 0x0F and data[position] >> 4 != 0x0F:
                position += 1
            position += 1
            operands.append(0.0)
        elif byte <= 246:
            operands.append(byte - 139)
            position += 1
        elif byte <= 250:
            operands.append((byte - 247) * 256 + data[position + 1] + 108)
            position += 2
        else:
            operands.append(-(byte - 251) * 256 - data[position + 1] - 108)
            position += 2
    return operators


def _charset_size(cff: bytearray, offset: int, glyph_count: int) -> int:
    """Bytes of the charset at `offset` (formats 0, 1 and 2) for `glyph_count` glyphs."""
    charset_format = cff[offset]
    if charset_format == 0:
        return 1 + 2 * (glyph_count - 1)
    if charset_format not in (1, 2):
        raise KeyError(charset_format)
    range_size, covered, size = (3 if charset_format == 1 else 4), 0, 1
    while covered < glyph_count - 1:
        left = cff[offset + size + 2] if charset_format == 1 else _card16(cff, offset + size + 2)
        covered, size = covered + left + 1, size + range_size
    return size


def _identity(glyph_count: int, room: int) -> bytes | None:
    """A charset giving glyph n the CID n, in at most `room` bytes, or None if none fits."""
    others = glyph_count - 1  # .notdef is never in a charset
    if others == 0:
        return b"\x00"
    candidates = [b"\x02" + struct.pack(">HH", 1, others - 1)]
    if ceil(others / 256) * 3 + 1 <= room:
        ranges = range(1, glyph_count, 256)
        candidates.append(
            b"\x01"
            + b"".join(struct.pack(">HB", first, min(255, others - first)) for first in ranges)
        )
    candidates.append(b"\x00" + b"".join(struct.pack(">H", cid) for cid in range(1, glyph_count)))
    return next((charset for charset in candidates if len(charset) <= room), None)


def _checksum(data: bytes) -> int:
    """The OpenType checksum: the sum of big-endian 32-bit words, zero-padded, modulo 2**32."""
    padded = data + b"\0" * (-len(data) % 4)
    words: tuple[int, ...] = struct.unpack(f">{len(padded) // 4}I", padded)
    return sum(words) % 2**32
