"""Writing systems: the direction a language is written in, the Debian fonts for a character."""

from __future__ import annotations

from bisect import bisect_right
from typing import Literal

_RIGHT_TO_LEFT_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku-arab", "ps", "sd", "ug", "ur", "yi"}
)
_RIGHT_TO_LEFT_SCRIPTS = frozenset({"adlm", "arab", "hebr", "nkoo", "rohg", "syrc", "thaa"})


def text_direction(language: str) -> Literal["ltr", "rtl"]:
    """ "rtl" for a BCP 47 tag of a language written right to left (ar, he, fa, ur, ar-EG…),
    else "ltr"; a script subtag decides when there is one (az-Arab is rtl, ar-Latn is ltr)."""
    subtags = language.lower().replace("_", "-").split("-")
    script = next((tag for tag in subtags[1:] if len(tag) == 4 and tag.isalpha()), None)
    if script is not None:
        return "rtl" if script in _RIGHT_TO_LEFT_SCRIPTS else "ltr"
    return "rtl" if subtags[0] in _RIGHT_TO_LEFT_LANGUAGES else "ltr"


_NOTO_CORE, _NOTO_CJK, _SYMBOLA = "fonts-noto-core", "fonts-noto-cjk", "fonts-symbola"
# (first, last, package): Debian packages with fonts for a block of Unicode; None where no
# package can help (private use). Sorted by first code point, without overlaps.
_PACKAGES: tuple[tuple[int, int, str | None], ...] = (
    (0x0000, 0x10FF, _NOTO_CORE),  # Latin, Greek, Cyrillic, Hebrew, Arabic, Indic, Thai…
    (0x1100, 0x11FF, _NOTO_CJK),  # Hangul Jamo
    (0x1200, 0x1FFF, _NOTO_CORE),  # Ethiopic, Cherokee, Khmer, Mongolian, Greek Extended…
    (0x2000, 0x218F, _NOTO_CORE),  # punctuation, sub- and superscripts, currency, letterlike
    (0x2190, 0x2BFF, _SYMBOLA),  # arrows, mathematical, technical, shapes, dingbats
    (0x2C00, 0x2E7F, _NOTO_CORE),  # Glagolitic, Latin Extended-C, Coptic, Tifinagh…
    (0x2E80, 0x4DBF, _NOTO_CJK),  # CJK radicals, kana, bopomofo, Hangul compatibility, Ext. A
    (0x4DC0, 0x4DFF, _SYMBOLA),  # Yijing hexagrams
    (0x4E00, 0x9FFF, _NOTO_CJK),  # CJK unified ideographs
    (0xA000, 0xA95F, _NOTO_CORE),  # Yi, Vai, Cyrillic Extended-B, Latin Extended-D…
    (0xA960, 0xA97F, _NOTO_CJK),  # Hangul Jamo Extended-A
    (0xA980, 0xABFF, _NOTO_CORE),  # Javanese, Cham, Meetei Mayek…
    (0xAC00, 0xD7FF, _NOTO_CJK),  # Hangul syllables
    (0xE000, 0xF8FF, None),  # Private Use Area
    (0xF900, 0xFAFF, _NOTO_CJK),  # CJK compatibility ideographs
    (0xFB00, 0xFE2F, _NOTO_CORE),  # presentation forms: Latin, Hebrew, Arabic
    (0xFE30, 0xFE4F, _NOTO_CJK),  # CJK compatibility forms
    (0xFE50, 0xFEFF, _NOTO_CORE),  # small forms, Arabic presentation forms-B
    (0xFF00, 0xFFEF, _NOTO_CJK),  # half- and full-width forms
    (0xFFF0, 0xFFFF, _SYMBOLA),  # specials
    (0x10000, 0x1CFFF, _NOTO_CORE),  # historic scripts
    (0x1D000, 0x1D7FF, _SYMBOLA),  # musical and mathematical alphanumeric symbols
    (0x1D800, 0x1EFFF, _NOTO_CORE),  # Sutton SignWriting, Adlam, Arabic mathematical…
    (0x1F000, 0x1FBFF, _SYMBOLA),  # tiles, cards, enclosed, emoji, pictographs
    (0x20000, 0x3FFFF, "fonts-hanazono"),  # CJK Extensions B to H
    (0xF0000, 0x10FFFF, None),  # Supplementary Private Use Areas
)
_FIRSTS = [first for first, _, _ in _PACKAGES]


def debian_package(character: str) -> str | None:
    """The Debian package whose fonts draw `character`, or None if no package would help."""
    code = ord(character)
    index = bisect_right(_FIRSTS, code) - 1
    if index < 0:
        return None
    _, last, package = _PACKAGES[index]
    return package if code <= last else None
