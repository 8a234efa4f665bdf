"""Skip builds whose inputs have not changed, without importing WeasyPrint to find out.

Each build leaves a small manifest in the cache folder (`.briefing-cache/` at the project root):
the hash of every file it read (source, data, images) and of every file it wrote. A later build
with the same environment (options, templates, styles, fonts, tool and WeasyPrint versions) whose
inputs and outputs still hash the same is up to date. Manifests are a few hundred bytes; the
folder keeps the newest `MAX_ENTRIES`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from briefing import __version__
from briefing.config import Config

MAX_ENTRIES = 256
"""Manifests kept; the oldest are removed beyond this."""

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts")


@dataclass(frozen=True)
class CachedOutput:
    """One output file as the last build left it, and the line it printed."""

    path: str
    digest: str
    line: str


@dataclass(frozen=True)
class Summary:
    """What a build said besides its files, told again when it is found up to date."""

    warnings: tuple[str, ...] = ()
    """The warnings the build printed."""
    title: str = ""
    claims: tuple[str, ...] = ()
    """Each claim still to verify, as `Claim.listed` shows it."""


@dataclass(frozen=True)
class Manifest:
    """What one build of one source read and wrote, and what it said."""

    inputs: dict[str, str]
    outputs: list[CachedOutput]
    summary: Summary


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, or '' when it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


@cache
def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(f"{path.relative_to(folder)}\0{file_digest(path)}\0".encode())
    return digest.hexdigest()


@cache
def fonts_digest() -> str:
    """Installed font files by name, size and time: a new or updated font changes it."""
    digest = hashlib.sha256()
    for folder in FONT_DIRS:
        for root, _, files in sorted(os.walk(folder)):
            for name in sorted(files):
                stat = os.stat(os.path.join(root, name))
                digest.update(f"{root}/{name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def forget_environment() -> None:
    """Drop the remembered digests of templates, styles and fonts (they may have changed)."""
    _tree_digest.cache_clear()
    fonts_digest.cache_clear()


@cache
def _weasyprint_digest() -> str:
    """WeasyPrint's version, without importing it: its `__init__.py` holds the version."""
    spec = find_spec("weasyprint")
    return file_digest(Path(spec.origin)) if spec and spec.origin else ""


def environment_key(config: Config) -> str:
    """Everything besides the brief's own files that shapes its output."""
    options = {
        field.name: str(getattr(config, field.name))
        for field in dataclasses.fields(config)
        if field.name not in ("cache_dir", "stage_timer")  # where, and who listens: no output
    }
    parts = [
        __version__,
        _tree_digest(Path(__file__).parent),  # the tool's own code
        _weasyprint_digest(),
        *(_tree_digest(folder) for folder in (*config.template_dirs, *config.style_dirs)),
        fonts_digest(),
        json.dumps(options, sort_keys=True),
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _manifest_path(source: Path, output: Path, config: Config) -> Path:
    job = f"{source.resolve()}\0{output.resolve()}\0{environment_key(config)}"
    return config.cache_dir / f"{hashlib.sha256(job.encode()).hexdigest()[:32]}.json"


def lookup(source: Path, output: Path, config: Config) -> Manifest | None:
    """The last build's manifest, if nothing it read or wrote has changed since."""
    try:
        data = json.loads(_manifest_path(source, output, config).read_text(encoding="utf-8"))
        manifest = _manifest_of(data)  # None when of another shape
        if manifest is None or not manifest.outputs:
            return None
        outputs = ((item.path, item.digest) for item in manifest.outputs)
        if any(
            file_digest(Path(path)) != digest
            for path, digest in [*manifest.inputs.items(), *outputs]
        ):
            return None
    except (OSError, ValueError):  # missing or unreadable, or a path with a NUL in it
        return None  # it only costs a rebuild
    return manifest


def _manifest_of(data: object) -> Manifest | None:
    """`data` read from a manifest file as a `Manifest`, or None unless it has the shape
    `store` writes: texts where texts belong, a mapping and lists where those belong."""
    if not isinstance(data, dict):
        return None
    inputs, outputs = data.get("inputs"), data.get("outputs")
    warnings, title, claims = data.get("warnings"), data.get("title"), data.get("claims")
    fields = ("path", "digest", "line")
    if not (
        isinstance(inputs, dict)
        and all(isinstance(text, str) for text in [*inputs, *inputs.values()])
        and isinstance(outputs, list)
        and all(isinstance(item, dict) for item in outputs)
        and all(isinstance(item.get(name), str) for item in outputs for name in fields)
        and isinstance(title, str)
        and all(
            isinstance(texts, list) and all(isinstance(text, str) for text in texts)
            for texts in (warnings, claims)
        )
    ):
        return None  # a manifest of another shape (or from before titles and claims were kept)
    return Manifest(
        dict(inputs),
        [CachedOutput(*(item[name] for name in fields)) for item in outputs],
        Summary(tuple(warnings), title, tuple(claims)),  # type: ignore[arg-type]
    )


def store(
    source: Path,
    output: Path,
    config: Config,
    inputs: Mapping[Path, str],
    outputs: Iterable[tuple[Path, str]],
    summary: Summary = Summary(),
) -> None:
    """Record what a successful build read (`inputs`: the SHA-256 of the bytes it read, not of
    the files now, which may have changed during the build), what it wrote (`outputs`: path
    and printed line) and what else it said (`summary`)."""
    manifest = {
        "warnings": list(summary.warnings),
        "title": summary.title,
        "claims": list(summary.claims),
        "inputs": {str(path.resolve()): digest for path, digest in inputs.items()},
        "outputs": [
            {"path": str(path.resolve()), "digest": file_digest(path), "line": line}
            for path, line in outputs
        ],
    }
    if keep(_manifest_path(source, output, config), json.dumps(manifest, indent=1).encode()):
        with suppress(OSError):  # a file another build removed meanwhile
            _prune(config.cache_dir)


def keep(path: Path, data: bytes) -> bool:
    """Write the cache file `path` so that readers see the old file or the new one; False
    when the cache folder cannot be written, which only costs working it out again."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        return False
    return True


def _prune(cache_dir: Path) -> None:
    entries = sorted(cache_dir.glob("*.json"), key=lambda path: path.stat().st_mtime)
    for stale in entries[:-MAX_ENTRIES]:
        stale.unlink(missing_ok=True)
