"""The PDF finisher: what is done to WeasyPrint's PDF objects after drawing, before the bytes
are written (WeasyPrint's `finisher` option)."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from typing import Any

from briefing.pdf.font_compaction import compact_fonts
from briefing.pdf.formulas import tag_formulas
from briefing.pdf.shared_forms import share_identical_forms
from briefing.pdf.watermark import draw_watermark
from briefing.profiles import Profile
from briefing.read.document import Watermark


def finisher(
    profile: Profile,
    compact: bool = True,
    watermark: Watermark | None = None,
    formulas: frozenset[str] = frozenset(),
) -> Callable[[Any, Any], None]:
    """Catalog tweaks WeasyPrint has no option for: open on the bookmarks panel; attachment
    names as PDF text strings, in order; a draft's `watermark` on every page; the images
    whose alternate text is one of `formulas` tagged as Formula; with `compact`,
    fonts cut to the glyphs shown and numbered compactly, and one copy of each form drawn the
    same on many pages."""

    def finish(document: Any, pdf: Any) -> None:
        if watermark is not None:
            draw_watermark(document, pdf, watermark)
        if profile.bookmarks_open:
            pdf.catalog["PageMode"] = "/UseOutlines"
        _sort_attachment_names(pdf)
        tag_formulas(pdf, formulas)
        if compact:
            compact_fonts(pdf)
            share_identical_forms(pdf)

    return finish


def _sort_attachment_names(pdf: Any) -> None:
    """WeasyPrint keys the EmbeddedFiles name tree by the raw UTF-8 bytes of each file name,
    in the order given; a name tree's keys must be PDF text strings (UTF-16BE with a byte
    order mark unless ASCII) sorted by their bytes, or readers show or find the wrong name."""
    import pydyf  # type: ignore[import-untyped]  # WeasyPrint's PDF writer, loaded with it

    reference = pdf.catalog.get("Names", {}).get("EmbeddedFiles")
    if reference is None:
        return
    tree = pdf.objects[int(reference.split()[0])]
    pairs = []
    for file_reference in tree["Names"][1::2]:
        name = pdf.objects[int(file_reference.split()[0])]["UF"].string
        pairs.append((_text_string_bytes(name), pydyf.String(name), file_reference))
    tree["Names"] = pydyf.Array(
        item for _, key, file_reference in sorted(pairs) for item in (key, file_reference)
    )


def _text_string_bytes(text: str) -> bytes:
    """The bytes of `text` as a PDF text string, as pydyf writes it."""
    try:
        return text.encode("ascii")
    except UnicodeEncodeError:
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
