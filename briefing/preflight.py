"""Preflight, before layout: every character of the content has a glyph in the style's fonts."""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from contextlib import suppress
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

from .cache import fonts_digest
from .content import Briefing
from .errors import ContentError

_FAMILY_LIST = re.compile(r"(?:font-family|--font-[a-z-]+)\s*:\s*(?P<families>[^;}]+)")
_GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "inherit"}


def style_font_families(css: str) -> tuple[str, ...]:
    """The font family names the stylesheets ask for, in order, without generic names."""
    names: list[str] = []
    for match in _FAMILY_LIST.finditer(css):
        for part in match["families"].split(","):
            name = part.strip().strip("\"'")
            if name and not name.startswith("var(") and name.lower() not in _GENERIC:
                names.append(name)
    return tuple(dict.fromkeys(names))


@cache
def font_coverage(family: str, cache_dir: Path | None = None) -> frozenset[int]:
    """Code points the installed font `family` has glyphs for (empty if it is not installed).

    Asking fontconfig and reading the font costs ~50 ms, so the answer is kept in `cache_dir`
    for as long as the installed fonts stay the same.
    """
    stored = (
        cache_dir / f"glyphs-{fonts_digest()[:16]}-{family.replace('/', '_')}.json"
        if cache_dir
        else None
    )
    if stored and stored.is_file():
        with suppress(OSError, ValueError):
            ranges = json.loads(stored.read_text(encoding="utf-8"))
            return frozenset(c for start, end in ranges for c in range(start, end + 1))
    coverage = _read_coverage(family)
    if stored:
        with suppress(OSError):
            stored.parent.mkdir(parents=True, exist_ok=True)
            stored.write_text(json.dumps(_ranges(coverage)), encoding="utf-8")
    return coverage


def _ranges(code_points: frozenset[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for code in sorted(code_points):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ranges


def _read_coverage(family: str) -> frozenset[int]:
    try:
        found = subprocess.run(
            ["fc-match", "--format=%{family}\n%{file}", family],
            capture_output=True, text=True, check=True, timeout=10,
        ).stdout.split("\n")  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    if len(found) < 2 or family.lower() not in found[0].lower().split(","):
        return frozenset()  # fontconfig offered a substitute: the family is not installed
    with TTFont(found[1], lazy=True, fontNumber=0) as font:
        return frozenset(font.getBestCmap())


def check_glyphs(
    briefing: Briefing, families: tuple[str, ...], cache_dir: Path | None = None
) -> None:
    """Refuse characters of the content that none of `families` can draw, with their lines."""
    covered = frozenset().union(*(font_coverage(family, cache_dir) for family in families))
    metadata = briefing.metadata
    texts = [metadata.title, metadata.subtitle, metadata.notice, metadata.notice_short,
             metadata.classification, metadata.distribution, *metadata.summary]  # fmt: skip
    missing: dict[str, int | None] = {}
    for offset, line in enumerate(briefing.body.split("\n")):
        for character in line:
            if _needs_glyph(character) and ord(character) not in covered:
                missing.setdefault(character, briefing.body_line + offset)
    for character in "".join(texts):
        if _needs_glyph(character) and ord(character) not in covered:
            missing.setdefault(character, None)
    if missing:
        first = next(iter(missing))
        listed = ", ".join(
            f"U+{ord(c):04X} ({c!r}{f', line {line}' if line else ''})"
            for c, line in missing.items()
        )
        raise ContentError(
            f"no font has a glyph for {listed}: remove the character or add a font that has it "
            f"(the style uses {', '.join(families)})",
            briefing.path,
            missing[first],
        )


def _needs_glyph(character: str) -> bool:
    return not character.isspace() and unicodedata.category(character) not in ("Cc", "Cf")


def css_of(paths: list[Path]) -> str:
    """The text of the given stylesheets, joined."""
    return "\n".join(path.read_text(encoding="utf-8") for path in paths)
