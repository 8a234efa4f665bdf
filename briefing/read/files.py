"""Reading the files a brief is made of: UTF-8 text within a size cap, and where a name is."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

from briefing.errors import ContentError

MAX_SOURCE_BYTES = 2_000_000
"""A Markdown or data file larger than this is refused."""


def read_text(path: Path, digests: dict[Path, str] | None = None) -> str:
    """Read `path` as UTF-8 text (BOM and CRLF accepted), refusing huge or binary files; the
    SHA-256 of the bytes read goes into `digests`, so the cache judges what was really read."""
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise ContentError("is a folder, not a file", path)
        if not stat.S_ISREG(status.st_mode):  # a device or pipe could block or never end
            raise ContentError("is not a regular file", path)
        if status.st_size > MAX_SOURCE_BYTES:
            raise ContentError(
                f"file is {status.st_size:,} bytes; the limit is {MAX_SOURCE_BYTES:,}", path
            )
        with path.open("rb") as stream:
            data = stream.read(MAX_SOURCE_BYTES + 1)
        if len(data) > MAX_SOURCE_BYTES:
            raise ContentError(f"file is over the limit of {MAX_SOURCE_BYTES:,} bytes", path)
        if digests is not None:
            digests[path.resolve()] = hashlib.sha256(data).hexdigest()
    except FileNotFoundError:
        raise ContentError("file not found", path) from None
    except OSError as error:
        raise ContentError(f"cannot read: {error.strerror}", path) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ContentError(
            f"not valid UTF-8 at byte {error.start}: save the file as UTF-8", path, line
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ContentError("contains a NUL byte: is this a binary file?", path, line)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def line_of(source: Path, needle: str) -> int | None:
    """The first line of `source` that mentions `needle` (or the last part of a URL)."""
    try:
        lines = source.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    candidates = [needle, needle.rstrip("/").rsplit("/", 1)[-1]]
    for candidate in filter(None, candidates):
        for number, line in enumerate(lines, start=1):
            if candidate in line:
                return number
    return None
