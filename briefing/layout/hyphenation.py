"""Hyphenation dictionaries parsed once per machine, not once per build.

WeasyPrint hyphenates with pyphen, which parses a language's dictionary (11,000 patterns for
English) the first time a process needs it: ~65 ms of every cold build. The parsed patterns
are kept in the cache folder (as `marshal` data: plain strings, numbers and tuples, nothing
that runs) and handed to pyphen's own cache before layout, which loads them in ~5 ms.
"""

from __future__ import annotations

import hashlib
import marshal
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyphen  # type: ignore[import-untyped]  # WeasyPrint's hyphenation, loaded with it

from briefing.cache import keep

_LANG_ATTRIBUTE = re.compile(r"""\slang=["']?([A-Za-z0-9_-]+)""")


def document_languages(language: str, html: str) -> list[str]:
    """`language` and every other language an element of `html` is marked as (`lang=`)."""
    return list(dict.fromkeys([language, *_LANG_ATTRIBUTE.findall(html)]))


def preload_hyphenation(languages: Iterable[str], cache_dir: Path | None) -> None:
    """Give pyphen the parsed dictionary of each of `languages` it has one for, from
    `cache_dir` when an earlier build kept it there (else parsed now, and kept)."""
    for language in languages:
        name = pyphen.language_fallback(language)
        path = pyphen.LANGUAGES.get(name) if name else None
        if path is None or path in pyphen.hdcache:
            continue
        pyphen.hdcache[path] = _dictionary(Path(path), cache_dir)


def _dictionary(path: Path, cache_dir: Path | None) -> Any:
    """The parsed dictionary at `path`: loaded from `cache_dir`, else parsed and stored."""
    data = path.read_bytes()
    stored = None
    if cache_dir is not None:
        digest = hashlib.sha256(data + pyphen.__version__.encode()).hexdigest()[:24]
        stored = cache_dir / f"hyphenation-{path.stem}-{digest}.marshal"
        patterns = _load(stored)
        if patterns is not None:
            dictionary = pyphen.HyphDict.__new__(pyphen.HyphDict)
            dictionary.patterns, dictionary.cache = patterns, {}
            dictionary.maxlen = max(map(len, patterns))
            return dictionary
    dictionary = pyphen.HyphDict(path)
    if stored is not None:
        _store(stored, dictionary.patterns)
    return dictionary


def _load(stored: Path) -> dict[str, tuple[int, tuple[int, ...]]] | None:
    """Patterns kept by `_store`; None when missing, unreadable or of another shape."""
    try:
        patterns = marshal.loads(stored.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    valid = isinstance(patterns, dict) and patterns and all(map(_is_pattern, patterns.items()))
    return patterns if valid else None


def _is_pattern(item: tuple[Any, Any]) -> bool:
    """Whether `item` is a pattern as pyphen keeps it: text, and (start, break values)."""
    key, value = item
    return (
        isinstance(key, str)
        and isinstance(value, tuple)
        and len(value) == 2
        and type(value[0]) is int
        and isinstance(value[1], tuple)
        and all(type(number) is int for number in value[1])
    )


def _store(stored: Path, patterns: dict[str, Any]) -> None:
    """Keep `patterns` for the next build; a dictionary with nonstandard hyphenation (its
    values carry extra data) or a cache folder that cannot be written is simply not kept."""
    if all(type(value) is int for _, values in patterns.values() for value in values):
        keep(stored, marshal.dumps(patterns))
