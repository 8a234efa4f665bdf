"""Preflight, before layout: every character of the content has a glyph in an installed font.

WeasyPrint (through Pango and fontconfig) draws each character with the first family of the
style that has it, then with the installed fonts in fontconfig's fallback order. The preflight
asks fontconfig the same question, so a character it passes is drawn, not shown as a box.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
from bisect import bisect_right
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from briefing.cache import fonts_digest, keep
from briefing.errors import ContentError, display_path
from briefing.layout.content_characters import Place, characters_outside
from briefing.read.document import Briefing
from briefing.read.files import Door, read_text
from briefing.read.writing_systems import debian_package

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


@dataclass(frozen=True)
class Coverage:
    """Code points some font has, as sorted, disjoint ranges: `first[i]` to `last[i]`."""

    first: tuple[int, ...] = ()
    last: tuple[int, ...] = ()

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, int):
            return False
        index = bisect_right(self.first, code) - 1
        return index >= 0 and code <= self.last[index]

    def ranges(self) -> list[tuple[int, int]]:
        """The ranges as `(first, last)` pairs."""
        return list(zip(self.first, self.last, strict=True))


def merged(ranges: Iterable[tuple[int, int]]) -> Coverage:
    """The coverage of all `ranges` together."""
    joined: list[list[int]] = []
    for first, last in sorted(ranges):
        if joined and first <= joined[-1][1] + 1:
            joined[-1][1] = max(joined[-1][1], last)
        else:
            joined.append([first, last])
    return Coverage(tuple(pair[0] for pair in joined), tuple(pair[1] for pair in joined))


@cache
def style_coverage(families: tuple[str, ...], cache_dir: Path | None = None) -> Coverage:
    """Code points the installed fonts of `families` have (a family not installed adds none)."""
    key = hashlib.sha256("\0".join(families).encode()).hexdigest()[:16]
    return _remembered(
        f"families-{key}",
        lambda: merged(pair for family in families for pair in _family_charset(family)),
        cache_dir,
    )


@cache
def fallback_coverage(family: str, cache_dir: Path | None = None) -> Coverage:
    """Code points some installed font has, in fontconfig's fallback list for `family`."""
    return _remembered(f"fallback-{family}", lambda: merged(_fallback_charset(family)), cache_dir)


def _remembered(name: str, compute: Callable[[], Coverage], cache_dir: Path | None) -> Coverage:
    """`compute()`, kept in `cache_dir` while the installed fonts stay the same: asking
    fontconfig costs 10-30 ms a family, reading the stored ranges about 1 ms."""
    stored = (
        cache_dir / f"glyphs-{_fonts_key()}-{name.replace('/', '_')}.json" if cache_dir else None
    )
    if stored and stored.is_file():
        with suppress(OSError, ValueError, TypeError):
            return merged((first, last) for first, last in json.loads(stored.read_bytes()))
    coverage = compute()
    if stored:
        keep(stored, json.dumps(coverage.ranges()).encode())
    return coverage


@cache
def _fonts_key() -> str:
    """The installed fonts, and the fontconfig configuration that chooses among them."""
    settings = "\0".join(
        os.environ.get(name, "") for name in ("FONTCONFIG_FILE", "FONTCONFIG_PATH")
    )
    return hashlib.sha256(f"{fonts_digest()}\0{settings}".encode()).hexdigest()[:16]


def _family_charset(family: str) -> list[tuple[int, int]]:
    found = _output(["fc-match", "--format=%{family}\n%{charset}\n", family]).split("\n")
    if len(found) < 2 or family.lower() not in found[0].lower().split(","):
        return []  # fontconfig offered a substitute: the family is not installed
    return _parse_charset(found[1])


@cache
def file_charset(path: Path) -> tuple[tuple[int, int], ...]:
    """The code points a font file has, read from its cmap with fontTools."""
    from fontTools.ttLib import TTFont, TTLibError  # deferred: only brands bring font files

    try:
        with TTFont(path, lazy=True, fontNumber=0) as font:
            points = sorted(font.getBestCmap() or {})
    except (OSError, TTLibError, AssertionError) as error:
        raise ContentError(f"cannot read the font file: {error}", path) from None
    return tuple((point, point) for point in points)


def _fallback_charset(family: str) -> list[tuple[int, int]]:
    # `fc-match -s` is the sorted fallback list Pango walks, trimmed of fonts that add nothing.
    return _parse_charset(_output(["fc-match", "-s", "--format=%{charset}\n", family]))


def _output(command: list[str]) -> str:
    """What `command` prints (even when it fails, as dpkg-query does for an unknown package)."""
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def _parse_charset(text: str) -> list[tuple[int, int]]:
    """Ranges from fontconfig's charset format: hexadecimal `first-last` or single points."""
    ranges = []
    for part in text.split():
        first, _, last = part.partition("-")
        with suppress(ValueError):
            ranges.append((int(first, 16), int(last or first, 16)))
    return ranges


def check_glyphs(
    briefing: Briefing,
    families: tuple[str, ...],
    cache_dir: Path | None = None,
    font_files: tuple[Path, ...] = (),
) -> None:
    """Refuse characters of the content that neither `families`, the `font_files` of the
    project (a brand's, which fontconfig does not know) nor any installed fallback font can
    draw, with their lines and the Debian package that has them."""
    covered = style_coverage(families, cache_dir)
    if font_files:
        covered = merged(
            [*covered.ranges(), *(pair for path in font_files for pair in file_charset(path))]
        )
    missing = characters_outside(briefing, covered.__contains__)
    if missing:  # only then ask what the fallback fonts add
        fallback = fallback_coverage(families[0] if families else "sans-serif", cache_dir)
        missing = {c: place for c, place in missing.items() if ord(c) not in fallback}
    if not missing:
        return
    packages = {c: debian_package(c) for c in missing}
    installed = _installed_packages({package for package in packages.values() if package})
    hints = {c: p for c, p in packages.items() if p and p not in installed}
    listed = ", ".join(
        f"U+{ord(c):04X} ({c!r}{_where(place, briefing.path)}"
        f"{f', in Debian package {hints[c]}' if c in hints else ''})"
        for c, place in missing.items()
    )
    advice = "install the package named or remove" if hints else "remove"
    path, line = next(iter(missing.values()))
    raise ContentError(
        f"no font has a glyph for {listed}: {advice} the character (the style uses "
        f"{', '.join(families)}, and no other installed font has it either)",
        path,
        line,
    )


def _where(place: Place, source: Path) -> str:
    """`, line 12` in the brief; `, data/x.yaml line 3` in a data file; nothing for the front
    matter."""
    path, line = place
    if line is None:
        return ""
    return f", line {line}" if path == source else f", {display_path(path)} line {line}"


def _installed_packages(packages: set[str]) -> set[str]:
    """Those of `packages` that dpkg says are installed (none, where there is no dpkg)."""
    if not packages:
        return set()
    listing = _output(["dpkg-query", "-W", "-f=${Package} ${Status}\n", *sorted(packages)])
    return {line.split()[0] for line in listing.splitlines() if line.endswith(" installed")}


def css_of(paths: list[Path], door: Door) -> str:
    """The text of the given stylesheets, each read through `door`, joined."""
    return "\n".join(read_text(path, door) for path in paths)
