"""The last stage: lay out the HTML with WeasyPrint and write the PDF atomically."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .errors import BuildError, ContentError

LOG = logging.getLogger("briefing")


@dataclass(frozen=True)
class PdfResult:
    """What was written: where, how many pages, how many bytes."""

    path: Path
    pages: int
    size: int


class _WarningCollector(logging.Handler):
    """Keep WeasyPrint's warnings so the build can judge them instead of printing them raw."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _collect_weasyprint_warnings() -> Iterator[_WarningCollector]:
    logger = logging.getLogger("weasyprint")
    collector = _WarningCollector()
    previous = logger.propagate
    logger.addHandler(collector)
    logger.propagate = False
    try:
        yield collector
    finally:
        logger.removeHandler(collector)
        logger.propagate = previous


def write_pdf(html: str, source: Path, output: Path, config: Config) -> PdfResult:
    """Render `html` (from briefing `source`) to `output`, replacing it only on success."""
    from weasyprint import HTML  # deferred: importing WeasyPrint costs about half a second

    from .fetcher import ResourceRefused, SafeFetcher

    roots = (source.parent, config.templates_dir, config.styles_dir, *config.asset_dirs)
    fetcher = SafeFetcher(roots, allow_remote=config.allow_remote)
    with _collect_weasyprint_warnings() as warnings:
        try:
            document = HTML(
                string=html, base_url=source.parent.resolve().as_uri() + "/", url_fetcher=fetcher
            ).render()
        except ResourceRefused as refused:
            raise ContentError(
                f"refused to load {refused.url}: {refused.reason}",
                source,
                _line_of(source, refused.url),
            ) from None
        _judge_warnings(warnings.messages, source, config)
        pdf_bytes = document.write_pdf()
    write_atomically(output, pdf_bytes)
    return PdfResult(output, len(document.pages), len(pdf_bytes))


def _judge_warnings(messages: list[str], source: Path, config: Config) -> None:
    """A missing glyph is always an error; other warnings are errors only with `--strict`."""
    for message in messages:
        if message.startswith(".notdef glyph"):
            character = message.split('"')[1] if '"' in message else "?"
            raise ContentError(
                f"no font has a glyph for {message.rsplit(' ', 1)[-1]} "
                f"({character!r}): remove it or add a font that has it",
                source,
                _line_of(source, character),
            )
        if config.strict:
            raise ContentError(f"warning treated as error (--strict): {message}", source)
        LOG.warning("%s: %s", source, message)


def _line_of(source: Path, needle: str) -> int | None:
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


def write_atomically(output: Path, data: bytes) -> None:
    """Write to a temporary file beside `output`, then rename it: never a half-written PDF."""
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            dir=output.parent, prefix=f".{output.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise BuildError(f"cannot write to {output.parent}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
