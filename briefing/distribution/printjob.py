"""The print job: every copy of the handout in one PDF, in copy order, each starting on a
right-hand page, for a print shop. The pages' content is shared by all copies; only the stamps
differ, so the file grows by a few kilobytes a copy."""

from __future__ import annotations

import io
from typing import Any

from briefing.distribution.stamp import Stamp


class PrintJob:
    """Copies added one at a time; `finish` gives the PDF."""

    def __init__(self, originals: dict[str | None, bytes]) -> None:
        from pypdf import PdfReader, PdfWriter

        self.pages = {
            edition: PdfReader(io.BytesIO(original)).pages
            for edition, original in originals.items()
        }
        self.writer = PdfWriter()
        self.copies = 0

    def add(self, stamp_page: Any, edition: str | None = None) -> None:
        """Add one copy of `edition`, stamped with `stamp_page`; a blank page after an odd
        page count."""
        stamp = Stamp(self.writer, stamp_page)
        pages = self.pages[edition]
        for page in pages:
            stamp.draw_on(self.writer.add_page(page))
        if len(pages) % 2:
            box = pages[-1].mediabox
            self.writer.add_blank_page(float(box.width), float(box.height))
        self.copies += 1

    def finish(self) -> bytes:
        """The print job's bytes."""
        output = io.BytesIO()
        self.writer.write(output)
        return output.getvalue()
