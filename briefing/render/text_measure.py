"""How wide a table cell's text is, estimated before layout from its characters.

A character's width depends on its kind: Inter's narrow letters and punctuation (`i`, `l`,
`t`, `.`) take about 0.3 em, wide ones (`m`, `w`, `M`, `W`) 0.87 em, capitals and digits about
0.68 em, other letters about 0.58 em, and East Asian wide characters a whole em. Summed over a
word, this comes within a few per cent of the shaped width (`Commitment`: 5.9 em estimated,
6.05 em shaped), close enough to size columns; a small margin keeps the longest word whole.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

CHARACTER_MM = 1.6
"""The average width of a character in a table cell (Inter at 8.8 pt)."""

CELL_PADDING_MM = 4.0
"""The padding on both sides of a cell (styles/common.css: 2 mm each side)."""

READABLE_CHARACTERS = 8
"""The narrowest a column may get and still be read: its longest word, up to this many
characters (a longer word breaks once or twice)."""

TABLE_EM_MM = 8.8 * 25.4 / 72
"""The font size of a table cell (styles/common.css: 8.8 pt), in millimetres."""

BOLDNESS = 1.06
"""How much wider bold text (header cells, rows' names) is than the same text in body text."""

WORD_MARGIN = 1.05
"""Room added to a word's width where it sets a column's narrowest width: a column a little
too wide costs less than a broken word."""

SPACE_MM = 0.28 * TABLE_EM_MM
"""The width of a space between words in a table cell."""

_NARROW = frozenset("fijlrtI.,;:'!|()[]/ ")
_WIDE = frozenset("mwMW%@")

_WORD = re.compile(r"[^\s\-]*-|[^\s\-]+")
"""A word as lines break: white space ends it, and a hyphen ends it after the hyphen."""


def text_mm(text: str, bold: bool = False) -> float:
    """An estimate of the width of `text` on one line of a table cell, in millimetres."""
    ems = sum(_character_ems(character) for character in text)
    return ems * TABLE_EM_MM * (BOLDNESS if bold else 1)


def words(text: str) -> Iterator[str]:
    """The pieces of `text` a line never breaks inside: words, cut after hyphens, and each
    East Asian wide character on its own (lines break between those anywhere)."""
    for word in _WORD.findall(text):
        if word.isascii():
            yield word
            continue
        piece = ""
        for character in word:
            if _is_wide(character):
                yield from filter(None, (piece, character))
                piece = ""
            else:
                piece += character
        if piece:
            yield piece


def longest_word_mm(texts: list[str], bold: bool = False) -> float:
    """The width of the widest word in `texts` with `WORD_MARGIN`, in millimetres (0 when
    there is none)."""
    widths = (text_mm(word, bold) for text in texts for word in words(text))
    return max(widths, default=0.0) * WORD_MARGIN


@cache
def _character_ems(character: str) -> float:
    """The width of `character` in ems, by its kind."""
    if character in _NARROW:
        return 0.3
    if character in _WIDE:
        return 0.87
    if _is_wide(character):
        return 1.0
    if character.isupper() or character.isdigit():
        return 0.68
    return 0.58


def _is_wide(character: str) -> bool:
    """Whether `character` is East Asian wide or full-width (a CJK ideograph, a kana)."""
    return unicodedata.east_asian_width(character) in ("W", "F")
