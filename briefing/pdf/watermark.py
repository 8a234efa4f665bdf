"""The draft watermark on every page, added by the PDF finisher: one form XObject holding the
drawing (`draft.py`), drawn on each page as an `/Artifact`, outside the structure tree.

It goes where WeasyPrint drew it when it was the page's CSS background (`background-size:
contain; background-position: center`): scaled to fit the page area (the page box inside its
margins, so mirrored and landscape pages get their own), centred in it, over the page's
background colour and under everything else, crop marks included. WeasyPrint parsed the SVG
path of that background again on every page (~0.2 s for 11 pages); this costs a few lines of
content per page.
"""

from __future__ import annotations

from typing import Any

from briefing.errors import BuildError
from briefing.layout.weasyprint_adapter import page_box
from briefing.pdf.watermark_drawing import DRAWING_SIZE, drawing_of
from briefing.read.document import Watermark

WATERMARK_NAME = "/BriefingWatermark"
"""The watermark's name among the pages' XObjects."""


def draw_watermark(document: Any, pdf: Any, watermark: Watermark) -> None:
    """Draw `watermark` on every page of `pdf` (pydyf, in the finisher) from one form;
    `document` is WeasyPrint's, with the page boxes that say where each page's area is."""
    import pydyf  # type: ignore[import-untyped]  # WeasyPrint's PDF writer, loaded with it

    drawing = drawing_of(watermark)
    form = pydyf.Stream(
        list(drawing.lines),
        pydyf.Dictionary(
            {
                "Type": "/XObject",
                "Subtype": "/Form",
                "BBox": pydyf.Array(drawing.bounds),
                "Resources": pydyf.Dictionary(),
            }
        ),
        compress=True,
    )
    pdf.add_object(form)
    page_numbers = pdf.pages["Kids"][0::3]  # pydyf lists each page as `number 0 R`
    for page, number in zip(document.pages, page_numbers, strict=True):
        pdf_page = pdf.objects[number]
        _xobjects(pdf, pdf_page)[WATERMARK_NAME[1:]] = form.reference
        stream = pdf.objects[_number(pdf_page["Contents"])]
        index = _after_page_colour(stream.stream, page_box(page))
        stream.stream[index:index] = [
            b"/Artifact BMC",
            b"q",
            _placement(page_box(page)) + b" cm",
            WATERMARK_NAME.encode() + b" Do",
            b"Q",
            b"EMC",
        ]


def _placement(page_box: Any) -> bytes:
    """The matrix from drawing units to the page's (CSS pixels, y down, from the page box's
    corner): the drawing contained in the page area and centred in it."""
    x, y = page_box.padding_box_x(), page_box.padding_box_y()
    width, height = page_box.padding_width(), page_box.padding_height()
    scale = min(width / DRAWING_SIZE[0], height / DRAWING_SIZE[1])
    left = x + (width - DRAWING_SIZE[0] * scale) / 2
    top = y + (height - DRAWING_SIZE[1] * scale) / 2
    return " ".join(f"{value:.6f}" for value in (scale, 0, 0, scale, left, top)).encode()


def _after_page_colour(lines: list[Any], page_box: Any) -> int:
    """Where the page's background image went in its content: after WeasyPrint's opening
    (flip, `q`, scale, `q`) and, when the page has a background colour, after its fill."""
    opening = [bytes(line) if isinstance(line, bytes) else str(line).encode() for line in lines]
    if opening[1:4:2] != [b"q", b"q"] or not opening[2].endswith(b" cm"):
        raise BuildError("cannot place the draft watermark: WeasyPrint's page opening changed")
    background = page_box.background
    if background is None or background.color.alpha == 0:
        return 4
    if opening[4:6] != [b"/Artifact", b"BMC"] or b"EMC" not in opening[6:]:
        raise BuildError("cannot place the draft watermark: no page colour where expected")
    return opening.index(b"EMC", 6) + 1


def _xobjects(pdf: Any, pdf_page: Any) -> Any:
    """The XObject dictionary of the page's resources (pages may share both), made if none."""
    import pydyf

    resources = pdf_page["Resources"]
    if not isinstance(resources, dict):
        resources = pdf.objects[_number(resources)]
    xobjects = resources.get("XObject")
    if xobjects is None:
        xobjects = resources["XObject"] = pydyf.Dictionary()
    return xobjects if isinstance(xobjects, dict) else pdf.objects[_number(xobjects)]


def _number(reference: bytes | str) -> int:
    """The object number of a reference as pydyf writes it (`b"12 0 R"`)."""
    text = reference.decode() if isinstance(reference, bytes) else reference
    return int(text.split()[0])
