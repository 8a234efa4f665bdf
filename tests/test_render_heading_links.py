"""Pandoc's implicit heading references: `[Heading text]` is a link to that heading."""

from __future__ import annotations

import pypdf

from tests.conftest import MINIMAL_BRIEF, WriteProject, build_pdf
from tests.pdfread import page_texts

BODY = """
# Good practice on joins

See [Good practice on joins] and [Other heading][], but not [sic] nor `[Other heading]`.

# Other heading

Back to [Good practice on joins].
"""


def test_bracketed_heading_text_links_to_the_heading(write_project: WriteProject) -> None:
    pdf = build_pdf(write_project({"brief.md": MINIMAL_BRIEF + BODY}) / "brief.md")
    texts = page_texts(pdf)
    [number] = [n for n, text in enumerate(texts) if "See Good practice" in text]  # not contents
    body = " ".join(texts[number:])
    assert "See Good practice on joins and Other heading, but not [sic] nor [Other heading]" in body
    assert "Back to Good practice on joins." in body
    reader = pypdf.PdfReader(pdf)
    destinations = [
        str(annotation.get_object().get("/Dest"))
        for page in reader.pages[number:]
        for annotation in page.get("/Annots") or []
    ]
    assert destinations.count("good-practice-on-joins") == 2
    assert destinations.count("other-heading") == 1
