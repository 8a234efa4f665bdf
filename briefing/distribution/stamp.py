"""The stamps: "Copy 12 of 40 — issued to A. Rossi (NATO)", laid out by WeasyPrint a batch at
a time (page i of one small PDF is the i-th copy's stamp), drawn on each page of a copy as an
`/Artifact`, outside the structure tree, from a form XObject holding that page's content.

Why WeasyPrint for the stamp: it shapes Arabic, orders right-to-left names and falls back to
whatever installed font has a name's letters, and embeds subsets, as the brief itself does.
Drawing the text with one font of our own would do none of that. One layout per copy would cost
~0.1 s a copy; one layout for 25 stamps costs about that in all. Measured on the NATO brief
(11 pages): stamping a copy as an incremental update (`incremental.py`) takes ~3 ms and adds
~13 KB; pypdf's own incremental writer took ~170 ms, as it re-reads the whole document.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment

from briefing.distribution.pypdf_adapter import add_object
from briefing.distribution.recipients import Recipient, Recipients
from briefing.errors import BriefingError, BuildProblems, ContentError
from briefing.layout.engine import collect_weasyprint_warnings
from briefing.layout.fetcher import ResourceRefused, SafeFetcher
from briefing.layout.preflight import fallback_coverage
from briefing.layout.weasyprint_adapter import load_weasyprint

STAMP_NAME = "/BriefingStamp"
"""The stamp's name among each page's XObjects."""

STAMP_FAMILY = "sans-serif"
"""The family the stamp template asks for; the glyph preflight checks names against it."""

_MILLIMETRE = 72 / 25.4


@dataclass(frozen=True)
class Geometry:
    """Where the stamp goes on a page, in points: page size, offsets from the trim box."""

    width: float
    height: float
    bottom: float
    side: float


def geometry_of(pdf: bytes) -> Geometry:
    """The first page's size, with the stamp 4 mm above and 15 mm in from its trim box."""
    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(pdf)).pages[0]
    media, trim = page.mediabox, page.trimbox
    bottom = float(trim.bottom) - float(media.bottom) + 4 * _MILLIMETRE
    side = float(trim.left) - float(media.left) + 15 * _MILLIMETRE
    return Geometry(float(media.width), float(media.height), bottom, side)


def check_recipient_glyphs(recipients: Recipients, cache_dir: Path | None) -> None:
    """Refuse names and organisations with a character no installed font can draw."""
    covered = fallback_coverage(STAMP_FAMILY, cache_dir)
    problems: list[BriefingError] = []
    for recipient in recipients.people:
        text = recipient.name + recipient.organisation
        missing = dict.fromkeys(c for c in text if not c.isspace() and ord(c) not in covered)
        if missing:
            listed = ", ".join(f"U+{ord(c):04X} ({c!r})" for c in missing)
            message = f"no installed font has a glyph for {listed}: install one or remove it"
            problems.append(ContentError(message, recipients.path, recipient.line))
    if problems:
        raise problems[0] if len(problems) == 1 else BuildProblems(problems)


def make_stamps(
    batch: Iterable[Recipient], total: int, geometry: Geometry, environment: Environment
) -> bytes:
    """One PDF whose page i is the stamp of the i-th recipient of `batch`: one layout."""
    weasyprint = load_weasyprint()

    template = environment.get_template("stamp.html")
    html = template.render(page=geometry, recipients=list(batch), total=total)
    # A stamp needs no files and no network: a project's own stamp.html gets none either.
    fetcher = SafeFetcher(None)
    with collect_weasyprint_warnings():  # the glyph preflight checked the names already
        try:
            return bytes(weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf())
        except ResourceRefused as refused:
            raise ContentError(
                f"stamp.html refers to {refused.url}: a stamp loads no files", Path("stamp.html")
            ) from None


BEFORE_PAGE = b"q\n"
"""Drawn before a page's own content, so its graphics state is closed before the stamp."""
AFTER_PAGE = f"\nQ\n/Artifact BMC\nq {STAMP_NAME} Do Q\nEMC\n".encode()
"""Drawn after a page's own content: the stamp, marked as an artifact (not in the tags)."""


def stamp_form(stamp_page: Any, resources: Any) -> Any:
    """`stamp_page` of the stamps PDF as a form XObject using `resources`."""
    from pypdf.generic import NameObject, StreamObject

    form = StreamObject()
    form.set_data(stamp_page.get_contents().get_data())
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): stamp_page.mediabox,
            NameObject("/Resources"): resources,
        }
    )
    return form


class Stamp:
    """One copy's stamp in `writer`: a form XObject, drawn on a page as an artifact."""

    def __init__(self, writer: Any, stamp_page: Any) -> None:
        from pypdf.generic import DecodedStreamObject

        form = stamp_form(stamp_page, stamp_page["/Resources"].clone(writer))
        self.form = add_object(writer, form)
        before, after = DecodedStreamObject(), DecodedStreamObject()
        before.set_data(BEFORE_PAGE)
        after.set_data(AFTER_PAGE)
        self.before, self.after = add_object(writer, before), add_object(writer, after)

    def draw_on(self, page: Any) -> None:
        """Add the stamp to `page`'s resources (copied, as pages may share them) and draw it
        after the page's own content."""
        from pypdf.generic import ArrayObject, DictionaryObject, NameObject

        resources = DictionaryObject(page["/Resources"].get_object())
        xobjects = DictionaryObject(resources.get("/XObject", DictionaryObject()).get_object())
        xobjects[NameObject(STAMP_NAME)] = self.form
        resources[NameObject("/XObject")] = xobjects
        page[NameObject("/Resources")] = resources
        contents = page.raw_get("/Contents")
        streams = list(contents) if isinstance(contents, ArrayObject) else [contents]
        page[NameObject("/Contents")] = ArrayObject([self.before, *streams, self.after])


def copy_metadata(recipient: Recipient, total: int) -> dict[str, str]:
    """The Info dictionary keys a copy carries: its number, the total and the recipient."""
    metadata = {
        "/BriefingCopy": str(recipient.copy),
        "/BriefingCopies": str(total),
        "/BriefingRecipient": recipient.name,
    }
    if recipient.organisation:
        metadata["/BriefingOrganisation"] = recipient.organisation
    return metadata
