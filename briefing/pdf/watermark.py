"""The draft watermark on every page, added by the PDF finisher: one form XObject holding the
drawing (`watermark_drawing.py`), drawn on each page as an `/Artifact`, outside the structure
tree.

It is scaled to fit the page area (the page box inside its margins, so mirrored and landscape
pages get their own) and centred in it, as a CSS background with `background-size: contain`
would be. It is drawn last, above everything on the page, see-through, so that no box with a
fill (the cover's notice, a table's header row, a callout) hides it. The PDF variants that
forbid transparency (PDF/A-1, PDF/X-1a, PDF/X-3) get it opaque, over the page's background
colour and under everything else, as a page background was.
"""

from __future__ import annotations

from typing import Any

from briefing.errors import BuildError
from briefing.layout.weasyprint_adapter import page_box
from briefing.pdf.watermark_drawing import DRAWING_SIZE, TRANSLUCENT_NAME, Drawing, drawing_of
from briefing.read.document import Watermark

WATERMARK_NAME = "/BriefingWatermark"
"""The watermark's name among the pages' XObjects."""


def draw_watermark(
    document: Any, pdf: Any, watermark: Watermark, transparency: bool = True
) -> None:
    """Draw `watermark` on every page of `pdf` (pydyf, in the finisher) from one form: above
    the content and see-through, or, without `transparency`, opaque under it. `document` is
    WeasyPrint's, with the page boxes that say where each page's area is."""
    drawing = drawing_of(watermark) if transparency else drawing_of(watermark, opacity=1)
    form = _form(drawing)
    pdf.add_object(form)
    page_numbers = pdf.pages["Kids"][0::3]  # pydyf lists each page as `number 0 R`
    for page, number in zip(document.pages, page_numbers, strict=True):
        pdf_page = pdf.objects[number]
        _xobjects(pdf, pdf_page)[WATERMARK_NAME[1:]] = form.reference
        stream = pdf.objects[_number(pdf_page["Contents"])]
        lines = _lines(stream.stream)
        if transparency:
            index = _before_last_restore(lines)
        else:
            index = _after_page_colour(lines, page_box(page))
        stream.stream[index:index] = [
            b"/Artifact BMC",
            b"q",
            _placement(page_box(page)) + b" cm",
            WATERMARK_NAME.encode() + b" Do",
            b"Q",
            b"EMC",
        ]


def _form(drawing: Drawing) -> Any:
    """The form XObject of `drawing`, with the graphics state of its opacity."""
    import pydyf  # type: ignore[import-untyped]  # WeasyPrint's PDF writer, loaded with it

    resources = pydyf.Dictionary()
    if drawing.opacity < 1:
        translucent = pydyf.Dictionary({"Type": "/ExtGState", "ca": drawing.opacity})
        resources["ExtGState"] = pydyf.Dictionary({TRANSLUCENT_NAME[1:]: translucent})
    extra = {"Type": "/XObject", "Subtype": "/Form", "BBox": pydyf.Array(drawing.bounds)}
    return pydyf.Stream(
        list(drawing.lines), pydyf.Dictionary({**extra, "Resources": resources}), compress=True
    )


def _placement(page_box: Any) -> bytes:
    """The matrix from drawing units to the page's (CSS pixels, y down, from the page box's
    corner): the drawing contained in the page area and centred in it."""
    x, y = page_box.padding_box_x(), page_box.padding_box_y()
    width, height = page_box.padding_width(), page_box.padding_height()
    scale = min(width / DRAWING_SIZE[0], height / DRAWING_SIZE[1])
    left = x + (width - DRAWING_SIZE[0] * scale) / 2
    top = y + (height - DRAWING_SIZE[1] * scale) / 2
    return " ".join(f"{value:.6f}" for value in (scale, 0, 0, scale, left, top)).encode()


def _lines(stream: list[Any]) -> list[bytes]:
    """A page's content as bytes, one operator a line, checked to open as WeasyPrint's do:
    flip, `q`, scale (to CSS pixels), `q`."""
    lines = [bytes(line) if isinstance(line, bytes) else str(line).encode() for line in stream]
    if lines[1:4:2] != [b"q", b"q"] or not lines[2].endswith(b" cm"):
        raise BuildError("cannot place the draft watermark: WeasyPrint's page opening changed")
    return lines


def _before_last_restore(lines: list[bytes]) -> int:
    """The end of the page's drawing, where the scale to CSS pixels still holds: before the
    `Q` that closes the page's first `q`."""
    if lines[-1].strip() != b"Q":
        raise BuildError("cannot place the draft watermark: WeasyPrint's page ending changed")
    return len(lines) - 1


def _after_page_colour(opening: list[bytes], page_box: Any) -> int:
    """Where the page's background image went in its content: after WeasyPrint's opening
    (flip, `q`, scale, `q`) and, when the page has a background colour, after its fill."""
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
