"""TOML (Hugo front matter, briefing.toml): parsed by the standard library, errors and top-level
keys with their lines."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from briefing.errors import ContentError

_KEY = re.compile(
    r"^[ \t]*(?:(?P<key>[A-Za-z0-9_-]+|\"[^\"]*\")[ \t]*=|\[\[?(?P<table>[A-Za-z0-9_-]+))",
    re.MULTILINE,
)
_ERROR_LINE = re.compile(r"at line (?P<line>\d+)")


def load_toml(
    text: str, path: Path, first_line: int = 1, what: str = "TOML"
) -> tuple[Any, dict[str, int]]:
    """Parse `text` (which starts at `first_line` of `path`) into data plus the line of each key
    and table name (the first place it appears).

    Raises:
        ContentError: `invalid {what}: …`, with the line where the problem is.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _ERROR_LINE.search(str(error))
        line = first_line - 1 + int(found["line"]) if found else first_line
        message = str(error).split(" (at ")[0]
        raise ContentError(f"invalid {what}: {message}", path, line) from None
    key_lines: dict[str, int] = {}
    for match in _KEY.finditer(text):
        key = (match["key"] or match["table"]).strip('"')
        key_lines.setdefault(key, first_line + text.count("\n", 0, match.start()))
    return data, key_lines
