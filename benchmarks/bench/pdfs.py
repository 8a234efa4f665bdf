"""What a reader of a PDF would count: its pages, its size, whether it is tagged."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .processes import BenchError


@dataclass(frozen=True)
class PdfFacts:
    """Pages, size and tagging of one PDF."""

    pages: int
    kilobytes: float
    tagged: bool
    """The document has a structure tree (a tagged PDF)."""

    def describe(self) -> str:
        """`11 pages, tagged`."""
        return f"{self.pages} pages, {'tagged' if self.tagged else 'untagged'}"


def pdf_facts(path: Path) -> PdfFacts:
    """Read `path` with pypdf; fail the row when it is missing or unreadable."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not path.is_file():
        raise BenchError(f"no PDF at {path.name}")
    try:
        reader = PdfReader(path)
        tagged = "/StructTreeRoot" in reader.root_object
        return PdfFacts(len(reader.pages), path.stat().st_size / 1024, tagged)
    except PdfReadError as error:
        raise BenchError(f"{path.name} is not a readable PDF: {error}") from None
