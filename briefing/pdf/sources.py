"""The sources a PDF carries: every file the brief was read from (the Markdown of every part,
data files, bibliography and style) and a manifest (tool version, build date, the config values
used, the SHA-256 of each input, images included), embedded as the document's source."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing import __version__
from briefing.config import Config
from briefing.errors import ContentWarning

if TYPE_CHECKING:  # the types only: `briefing sources` reads manifests without the reader
    from briefing.read.document import Briefing
    from briefing.read.parts import Part

MANIFEST_NAME = "briefing-manifest.json"
"""The manifest's name among the embedded files (never the name of a brief's own file: briefs
are Markdown, and data files live under their folders)."""

CHANGED = "changed while the brief was being built: not embedded among its sources"

_NOT_EMBEDDED = {"embedded": False}
"""Marks an input the manifest names but the archive does not hold (every other one it holds)."""

SOURCE_DESCRIPTION = "briefing sources"
"""The description the embedded archive carries (the viewer's attachment panel shows it)."""

SOURCES_ARCHIVE = "briefing-sources.tar"
"""The one embedded file that holds every source and the manifest: a tar archive, compressed by
the PDF's own Flate filter. One archive compresses the files together (the small data files
share their words) and carries one file's overhead: the NATO brief's sources add ~9% to its
PDF, where seven separate files added ~14%. `briefing sources` unpacks it."""


@dataclass(frozen=True)
class SourceFile:
    """One embedded source: its name (a relative POSIX path in the brief's folder), its bytes."""

    name: str
    data: bytes


def source_files(
    briefing: Briefing, served: dict[Path, str], config: Config, created: dt.datetime
) -> tuple[tuple[SourceFile, ...], list[ContentWarning]]:
    """The files `briefing` was read from, byte for byte, then the manifest naming them with
    every other input (`served`: the images and files the layout read); a warning for each
    file that changed since it was read, which is named in the manifest but not embedded."""
    folder = briefing.path.parent.resolve()
    embedded: list[SourceFile] = []
    inputs: list[dict[str, Any]] = []
    warnings: list[ContentWarning] = []
    parts = {part.path.resolve(): part for part in briefing.parts}
    for path, digest in briefing.digests.items():
        if not digest:  # a file named but missing (its absence is part of the cache key)
            continue
        if path.is_relative_to(folder):
            name = path.relative_to(folder).as_posix()
            data = _bytes_read(path, digest)
            part = parts.get(path.resolve())
            if data is not None and part is not None and briefing.edition is not None:
                data = _edition_text(data, part)  # what the edition reads, and its digest
                digest = hashlib.sha256(data).hexdigest()
            if data is None:
                warnings.append(ContentWarning(path, None, CHANGED))
            else:
                embedded.append(SourceFile(name, data))
            inputs.append({"name": name, "sha256": digest, **({} if data else _NOT_EMBEDDED)})
        else:
            inputs.append({"name": _shown_name(path, config), "sha256": digest, **_NOT_EMBEDDED})
    for path, digest in sorted(served.items()):
        if digest and path not in briefing.digests:
            inputs.append({"name": _shown_name(path, config), "sha256": digest, **_NOT_EMBEDDED})
    manifest = _manifest(briefing, config, created, inputs)
    return (*embedded, SourceFile(MANIFEST_NAME, manifest)), warnings


def pack_sources(sources: tuple[SourceFile, ...], created: dt.datetime) -> bytes:
    """`sources` as one tar archive, the same bytes for the same files: every entry a regular
    file dated `created`, owned by no one, readable by all."""
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for source in sources:
            entry = tarfile.TarInfo(source.name)
            entry.size, entry.mtime, entry.mode = len(source.data), int(created.timestamp()), 0o644
            tar.addfile(entry, io.BytesIO(source.data))
        end = tar.offset + 2 * tarfile.BLOCKSIZE  # the entries and the end-of-archive blocks
    return archive.getvalue()[:end]  # not the padding to a tape's record size


def _edition_text(data: bytes, part: Part) -> bytes:
    """A Markdown file as the edition built reads it: its front matter as written, then the
    body with other editions' sections left as empty lines (`part.body`), never their text."""
    text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    front_matter = text.split("\n")[: part.body_line - 1]
    return "\n".join([*front_matter, part.body]).encode("utf-8")


def _bytes_read(path: Path, digest: str) -> bytes | None:
    """The bytes of `path` if they are still those the build read; None if not."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == digest else None


def _shown_name(path: Path, config: Config) -> str:
    """A name for an input outside the brief's folder that tells no more than the project
    does: relative to the project, or the file name alone (never an absolute path)."""
    root = config.project_root.resolve() if config.project_root else None
    if root is not None and path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    return path.name


def _manifest(
    briefing: Briefing, config: Config, created: dt.datetime, inputs: list[dict[str, Any]]
) -> bytes:
    """The manifest as JSON: the same inputs and options give the same bytes."""
    metadata = briefing.metadata
    manifest = {
        "tool": "briefing",
        "version": __version__,
        "built": created.isoformat().replace("+00:00", "Z"),
        "brief": briefing.path.name,
        "title": metadata.title,
        "date": str(metadata.date or ""),
        "config": {
            "profiles": list(config.profiles),
            "paper": config.paper,
            "marks": config.marks,
            "pdf_variant": config.pdf_variant,
            "trust_html": config.trust_html,
            "allow_remote": config.allow_remote,
            "brand": config.brand,
            "defaults": {
                key: list(value) if isinstance(value, tuple) else value
                for key, value in config.defaults.as_front_matter().items()
            },
        },
        "inputs": inputs,
        **({"edition": briefing.edition} if briefing.edition else {}),
    }
    text = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (text + "\n").encode()  # compact: it travels in every PDF
