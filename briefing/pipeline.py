"""The build driver: read and validate everything, render, then write once."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .content import read_briefing
from .pdf import PdfResult, write_atomically, write_pdf
from .render import render_html


@dataclass(frozen=True)
class BuildResult:
    """One finished build: the PDF written and the seconds it took."""

    pdf: PdfResult
    seconds: float


def build(source: Path, output: Path, config: Config) -> BuildResult:
    """Build the briefing at `source` into the PDF at `output`."""
    started = time.perf_counter()
    briefing = read_briefing(source)
    html = render_html(briefing, config)
    pdf = write_pdf(html, briefing, output, config)
    if config.write_html:
        write_atomically(output.with_suffix(".html"), html.encode("utf-8"))
    return BuildResult(pdf, time.perf_counter() - started)
