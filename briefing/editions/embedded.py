"""Reading back the sources a PDF carries, as data only: names checked, sizes capped, nothing
run. The PDF may come from anyone."""

from __future__ import annotations

import io
import json
import re
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.errors import BuildError, ContentError
from briefing.output import write_outputs
from briefing.pdf.sources import MANIFEST_NAME, SOURCES_ARCHIVE
from briefing.read.files import MAX_SOURCE_BYTES

MAX_PDF_BYTES = 200_000_000
"""A PDF larger than this is not read."""
MAX_FILES = 500
"""At most this many embedded sources are read from one PDF."""
MAX_TOTAL_BYTES = 50_000_000
"""The embedded sources of one PDF together may not hold more."""

NO_SOURCES = "built before sources were embedded: give the old Markdown or a git:REF"

_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class EmbeddedSources:
    """The sources of one PDF: each file's bytes by its relative name, and the manifest."""

    files: dict[str, bytes]
    manifest: dict[str, Any]

    @property
    def brief(self) -> str:
        """The name of the brief's main Markdown file among `files`."""
        name = self.manifest.get("brief")
        return name if isinstance(name, str) and name in self.files else ""


def unsafe_name(name: str) -> str | None:
    """Why `name` may not be written under a folder (None when it may): absolute, a drive
    letter, a `..`, a backslash, a NUL or another control character, or empty."""
    if not name or len(name) > 255:
        return "an empty or over-long name"
    if any(not character.isprintable() for character in name):
        return "a control character"
    if "\\" in name:
        return "a backslash"
    if name.startswith("/") or _DRIVE.match(name):
        return "an absolute path"
    if any(part in ("", ".", "..") for part in name.split("/")):
        return "a path that climbs out of the folder"
    return None


def read_embedded_sources(pdf: Path) -> EmbeddedSources:
    """The sources embedded in `pdf` (the files associated with it as `/Source`).

    Raises:
        ContentError: not a PDF, no sources, an unsafe name, or a file over a cap.
    """
    from pypdf import PdfReader  # deferred: only the editions commands read PDFs
    from pypdf.errors import PyPdfError

    try:
        if pdf.stat().st_size > MAX_PDF_BYTES:
            raise ContentError(f"is over the limit of {MAX_PDF_BYTES:,} bytes", pdf)
        with pdf.open("rb") as stream:
            catalog: Any = PdfReader(stream).trailer["/Root"]
            associated = catalog.get("/AF")
            files = _associated_sources(associated.get_object() if associated else [], pdf)
    except FileNotFoundError:
        raise ContentError("file not found", pdf) from None
    except OSError as error:
        raise ContentError(f"cannot read: {error.strerror}", pdf) from None
    except (PyPdfError, KeyError, TypeError, ValueError, AttributeError) as error:
        raise ContentError(f"not a PDF that can be read: {error}", pdf) from None
    if MANIFEST_NAME not in files:
        raise ContentError(NO_SOURCES, pdf)
    try:
        manifest = json.loads(files[MANIFEST_NAME])
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ContentError(f"its {MANIFEST_NAME} is not JSON", pdf) from None
    if not isinstance(manifest, dict):
        raise ContentError(f"its {MANIFEST_NAME} is not a JSON object", pdf)
    return EmbeddedSources(files, manifest)


def _associated_sources(associated: Any, pdf: Path) -> dict[str, bytes]:
    """The files of the catalog's `/AF` array whose relationship is `/Source`."""
    files: dict[str, bytes] = {}
    total = 0
    for reference in associated:
        specification = reference.get_object()
        if specification.get("/AFRelationship") != "/Source" or "/EF" not in specification:
            continue
        name = str(specification.get("/UF") or specification.get("/F") or "")
        if reason := unsafe_name(name):
            raise ContentError(f"embedded file {name!r} refused: {reason}", pdf)
        if len(files) >= MAX_FILES:
            raise ContentError(f"holds more than {MAX_FILES} embedded sources", pdf)
        stream = specification["/EF"]["/F"].get_object()
        declared = stream.get("/Params", {}).get("/Size", 0)
        if int(declared) > MAX_SOURCE_BYTES:
            raise ContentError(
                f"embedded file {name!r} refused: over {MAX_SOURCE_BYTES:,} bytes", pdf
            )
        data = bytes(stream.get_data())  # pypdf caps what one stream may inflate to
        unpacked = _unpacked(data, pdf) if name == SOURCES_ARCHIVE else {name: data}
        for member, contents in unpacked.items():
            total += len(contents)
            if len(contents) > MAX_SOURCE_BYTES or total > MAX_TOTAL_BYTES:
                raise ContentError(f"embedded file {member!r} refused: over the size limit", pdf)
            files[member] = contents
        if len(files) > MAX_FILES:
            raise ContentError(f"holds more than {MAX_FILES} embedded sources", pdf)
    return files


def _unpacked(archive: bytes, pdf: Path) -> dict[str, bytes]:
    """The regular files of the sources archive by name, as data: every name checked and every
    size capped before it is read; links, folders and devices refused."""
    files: dict[str, bytes] = {}
    try:
        with tarfile.open(fileobj=io.BytesIO(archive), mode="r:") as tar:
            for member in tar:
                if reason := unsafe_name(member.name):
                    raise ContentError(f"embedded file {member.name!r} refused: {reason}", pdf)
                if not member.isfile():
                    raise ContentError(f"embedded {member.name!r} refused: not a file", pdf)
                if member.size > MAX_SOURCE_BYTES or len(files) >= MAX_FILES:
                    raise ContentError(f"embedded file {member.name!r} refused: too large", pdf)
                extracted = tar.extractfile(member)
                files[member.name] = extracted.read() if extracted else b""
    except tarfile.TarError as error:
        raise ContentError(f"its {SOURCES_ARCHIVE} cannot be read: {error}", pdf) from None
    return files


def write_sources(sources: EmbeddedSources, folder: Path) -> list[Path]:
    """Write every source under `folder`, byte for byte, all or none; the paths written."""
    root = folder.resolve()
    planned: list[tuple[Path, bytes]] = []
    for name, data in sorted(sources.files.items()):
        target = (root / name).resolve()
        if not target.is_relative_to(root) or target == root:  # a link inside `folder`
            raise BuildError(f"{name!r} would be written outside {folder}: refused")
        planned.append((target, data))
    write_outputs(planned)
    return [path for path, _ in planned]
