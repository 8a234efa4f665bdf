"""The print job: every copy of the handout in one PDF, in copy order, each starting on a
right-hand page, for a print shop. The pages' content is shared by all copies; only the stamps
differ, so the file grows by a few kilobytes a copy."""

from __future__ import annotations

import io
from typing import Any

from briefing.distribution.stamp import Stamp


class PrintJob:
    """Copies added one at a time; `finish` gives the PDF."""

    def __init__(self, original: bytes) -> None:
        from pypdf import PdfReader, PdfWriter

        self.pages = PdfReader(io.BytesIO(original)).pages
        self.writer = PdfWriter()
        self.copies = 0

    def add(self, stamp_page: Any) -> None:
        """Add one copy, stamped with `stamp_page`; a blank page after an odd page count."""
        stamp = Stamp(self.writer, stamp_page)
        for page in self.pages:
            stamp.draw_on(self.writer.add_page(page))
        if len(self.pages) % 2:
            box = self.pages[-1].mediabox
            self.writer.add_blank_page(float(box.width), float(box.height))
        self.copies += 1

    def finish(self) -> bytes:
        """The print job's bytes."""
        output = io.BytesIO()
        self.writer.write(output)
        return output.getvalue()
