"""Writing systems: the direction a language is written in, the Debian fonts for a character."""

from __future__ import annotations

from bisect import bisect_right
from typing import Literal

_RIGHT_TO_LEFT_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku-arab", "ps", "sd", "ug", "ur", "yi"}
)
_RIGHT_TO_LEFT_SCRIPTS = frozenset({"adlm", "arab", "hebr", "nkoo", "rohg", "syrc", "thaa"})


def text_direction(language: str) -> Literal["ltr", "rtl"]:
    """The direction of a BCP 47 language tag: rtl for Arabic, Hebrew, Persian, Urdu… (ar,
    ar-EG, he, fa, ur), else ltr; a script subtag decides (az-Arab is rtl, ar-Latn ltr)."""
    subtags = language.lower().replace("_", "-").split("-")
    script = next((tag for tag in subtags[1:] if len(tag) == 4 and tag.isalpha()), None)
    if script is not None:
        return "rtl" if script in _RIGHT_TO_LEFT_SCRIPTS else "ltr"
    return "rtl" if subtags[0] in _RIGHT_TO_LEFT_LANGUAGES else "ltr"


_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u0711\u0730-\u074a\u07a6-\u07b0\u0900-\u0dff\u0e31-\u0e4e"
    "\u0eb1-\u0ecd\u0f18-\u0fbc\u102b-\u103e\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20f0"
    "\u302a-\u302f\u3099\u309a\ufe20-\ufe2f"
)  # combining marks a word needs (Devanagari vowel signs, Arabic harakat), which \w omits
WORD_CHARACTER = rf"(?:[^\W_]|[{_MARKS}])"
"""A letter, digit or combining mark of any script: what a word in a file name is made of."""
NAME = rf"{WORD_CHARACTER}(?:{WORD_CHARACTER}|[_-])*"
"""A table, figure or section name in any script (`costs`, `电网-comparison`): words, `_`, `-`."""


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


_SAMPLE = 20_000
"""Characters of a text looked at to guess its language: enough to see its script."""
# (first, last, script) for the scripts whose language can be told from the letters alone.
_SCRIPT_RANGES = (
    (0x0370, 0x03FF, "greek"),
    (0x0400, 0x04FF, "cyrillic"),
    (0x0590, 0x05FF, "hebrew"),
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x1100, 0x11FF, "hangul"),
    (0x3040, 0x30FF, "kana"),
    (0x4E00, 0x9FFF, "han"),
    (0xAC00, 0xD7AF, "hangul"),
    (0xFB1D, 0xFB4F, "hebrew"),
    (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
)
_SCRIPT_STARTS = [first for first, _, _ in _SCRIPT_RANGES]


def _prose(markdown: str) -> str:
    """`markdown` without its fenced code blocks (code is mostly English whatever the prose)."""
    kept, fence = [], ""
    for line in markdown.split("\n"):
        stripped = line.lstrip()
        if fence:
            fence = "" if stripped.startswith(fence) else fence
        elif stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        else:
            kept.append(line)
    return "\n".join(kept)


def guess_language(text: str) -> str:
    """The language of Markdown `text` when its letters tell it (Arabic, Persian, Urdu, Hebrew,
    Greek, Russian, Ukrainian, Chinese, Japanese, Korean), else English."""
    counts: dict[str, int] = {"latin": 0}
    sample = _prose(text[:_SAMPLE])
    for character in sample:
        code = ord(character)
        if code < 0x0370:
            counts["latin"] += character.isalpha()
            continue
        index = bisect_right(_SCRIPT_STARTS, code) - 1
        if index >= 0 and code <= _SCRIPT_RANGES[index][1]:
            script = _SCRIPT_RANGES[index][2]
            counts[script] = counts.get(script, 0) + 1
    for syllabic in ("han", "hangul", "kana"):  # a character is worth a few Latin letters
        counts[syllabic] = counts.get(syllabic, 0) * 3
    if counts.get("kana"):  # Japanese mixes kana with Chinese characters
        counts["han"] = counts.get("han", 0) + counts.pop("kana")
        counts["japanese"] = counts.pop("han")
    script = max(counts, key=lambda name: counts[name])
    if script == "arabic":
        if any(letter in sample for letter in "ٹڈڑںے"):
            return "ur"
        return "fa" if any(letter in sample for letter in "پچژگ") else "ar"
    if script == "cyrillic":
        return "uk" if any(letter in sample for letter in "іїєґІЇЄҐ") else "ru"
    return {"greek": "el", "hebrew": "he", "han": "zh", "japanese": "ja", "hangul": "ko"}.get(
        script, "en"
    )
