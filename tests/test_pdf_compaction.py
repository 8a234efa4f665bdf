"""Compaction changes nothing a reader sees: fonts re-subset, repeated forms shared.

Each document is built twice through the command line, once as usual and once with the
finisher's compaction switched off (`make_pdf(..., compact=False)`), and the two PDFs are
compared as two readers see them: text per page (pypdf and pdfplumber), pixels at 50 dpi
(pdfium and poppler), tag tree, links and outline; the compact one must be smaller.
"""

from __future__ import annotations

import functools
import io
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pypdf
import pytest
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops

import briefing.pipeline.production
from briefing.cli.main import main
from briefing.pdf.document import make_pdf
from briefing.pdf.watermark_drawing import WATERMARK_OPACITY, ink_level
from tests.conftest import FIXED_EPOCH, NATO_SOURCE
from tests.pdfread import bookmarks, structure_elements

from .pdfread import render_pages

EMAIL_SIZE_LIMIT = 85 * 1024
"""The NATO brief's email PDF must stay at or under this many bytes (issue 14)."""

DPI = 50
REALDOCS = Path(__file__).parent / "realdocs"
DOCUMENTS = {
    "nato": (NATO_SOURCE, ("brief", "email")),  # Inter, Symbola (an emoji), a draft watermark
    "japanese": (REALDOCS / "coc-ja.md", ("brief",)),  # Noto Sans CJK: CID-keyed CFF
    "arabic": (REALDOCS / "coc-ar.md", ("brief",)),  # Noto Sans Arabic: TrueType, joined
}
_SUFFIXES = {"brief": "", "email": "-email"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Each document's PDFs, by name-profile: (built as usual, built without compaction)."""
    pairs = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        for name, (source, profiles) in DOCUMENTS.items():
            folder = tmp_path_factory.mktemp(name)
            if source.parent == REALDOCS:  # outside this repository's project and its config
                source = folder / source.name
                source.write_bytes((REALDOCS / source.name).read_bytes())
            compact = _build(source, folder / "compact.pdf", profiles)
            with pytest.MonkeyPatch.context() as without:
                plain = functools.partial(make_pdf, compact=False)
                without.setattr(briefing.pipeline.production, "make_pdf", plain)
                full = _build(source, folder / "full.pdf", profiles)
            pairs.update(
                {f"{name}-{profile}": (compact[profile], full[profile]) for profile in profiles}
            )
    return pairs


def _build(source: Path, output: Path, profiles: tuple[str, ...]) -> dict[str, Path]:
    options = [option for profile in profiles for option in ("--profile", profile)]
    # No sources: the email profile leaves them out of whichever PDF is over its budget, and
    # what is compared here is the compaction alone.
    arguments = [str(source), "-o", str(output), "-j", "1", "--force", "--no-sources"]
    assert main([*arguments, *options]) == 0
    return {
        profile: output.with_name(f"{output.stem}{_SUFFIXES[profile]}.pdf") for profile in profiles
    }


PAIRS = [f"{name}-{profile}" for name, (_, profiles) in DOCUMENTS.items() for profile in profiles]


@pytest.fixture(params=PAIRS)
def pair(
    request: pytest.FixtureRequest, built: dict[str, tuple[Path, Path]]
) -> Iterator[tuple[Path, Path]]:
    yield built[request.param]


def test_compaction_makes_the_pdf_smaller(pair: tuple[Path, Path]) -> None:
    compact, full = pair
    assert compact.stat().st_size < full.stat().st_size * 0.8
    compact_fonts, full_fonts = _font_programs(compact), _font_programs(full)
    assert compact_fonts.keys() == full_fonts.keys()
    for name, size in compact_fonts.items():
        assert size < full_fonts[name], f"{name} was not re-subset"


def test_compaction_keeps_the_text_of_every_page(pair: tuple[Path, Path]) -> None:
    compact, full = pair
    assert _pypdf_texts(compact) == _pypdf_texts(full)
    assert _pdfplumber_texts(compact) == _pdfplumber_texts(full)


def test_compaction_keeps_every_pixel_in_pdfium_and_poppler(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    compact, full = pair
    for render in (_pdfium_pages, functools.partial(_poppler_pages, folder=tmp_path)):
        compact_pages, full_pages = render(compact), render(full)
        assert len(compact_pages) == len(full_pages)
        for number, (left, right) in enumerate(zip(compact_pages, full_pages, strict=True), 1):
            assert ImageChops.difference(left, right).getbbox() is None, f"page {number} changed"


def test_compaction_keeps_the_tags_links_and_outline(pair: tuple[Path, Path]) -> None:
    compact, full = pair
    assert _tags(compact) == _tags(full)
    assert _links(compact) == _links(full)
    assert bookmarks(compact) == bookmarks(full)


def test_the_email_pdf_of_the_nato_brief_is_within_the_size_limit(
    built: dict[str, tuple[Path, Path]],
) -> None:
    compact, _ = built["nato-email"]
    assert compact.stat().st_size <= EMAIL_SIZE_LIMIT


def test_a_cid_keyed_font_gets_a_cid_for_each_new_glyph_id(
    built: dict[str, tuple[Path, Path]],
) -> None:
    """Readers find a CID-keyed CFF glyph by CID, through the charset: CID n is glyph n."""
    compact, _ = built["japanese-brief"]
    programs = _font_programs(compact, data=True)
    cid_keyed = [name for name in programs if "CJK" in name]
    assert cid_keyed
    for name in cid_keyed:
        font = TTFont(io.BytesIO(programs[name]))
        order = font.getGlyphOrder()
        assert order[1:] == [f"cid{glyph:05d}" for glyph in range(1, len(order))]


def test_the_draft_watermark_is_one_shared_drawing_not_an_image(
    built: dict[str, tuple[Path, Path]],
) -> None:
    compact, full = built["nato-email"]
    assert _watermark_forms(compact) == 1
    assert _watermark_forms(full) == 1  # the finisher draws one form, compact or not


def _watermark_forms(pdf: Path) -> int:
    """How many distinct form XObjects paint in the watermark's grey; fail on any image."""
    grey = f"{ink_level(WATERMARK_OPACITY) / 255:.6f}".encode()
    forms = set()
    for page in pypdf.PdfReader(pdf).pages:
        for reference in page["/Resources"]["/XObject"].values():
            form = reference.get_object()
            assert form["/Subtype"] == "/Form", "a raster image"
            if b" ".join([grey] * 3) + b" rg" in form.get_data():
                forms.add(reference.idnum)
    return len(forms)


def test_a_font_shown_another_way_keeps_its_glyph_ids(tmp_path: Path) -> None:
    """A font shown with codes WeasyPrint never writes (2 hex digits) stays as it was."""
    full = _sizes(_written(tmp_path / "full.pdf", compact=False))
    odd = _sizes(_written(tmp_path / "odd.pdf", lambda names: [f"/{names[0]} 9 Tf", "<41> Tj"]))
    assert odd[sorted(odd)[0]] == full[sorted(full)[0]]
    assert odd[sorted(odd)[1]] < full[sorted(full)[1]]


def test_text_in_an_unexpected_shape_stops_all_compaction(tmp_path: Path) -> None:
    """A line with two operators could select a font unseen: no font is renumbered then."""
    full = _sizes(_written(tmp_path / "full.pdf", compact=False))
    odd = _sizes(_written(tmp_path / "odd.pdf", lambda names: [f"/{names[1]} 9 Tf <0041> Tj"]))
    assert odd == full


def _written(output: Path, lines: Any = None, compact: bool = True) -> Path:
    """A page in two fonts written by WeasyPrint; `lines(font names)` are appended to its
    content before the fonts are compacted."""
    from weasyprint import HTML

    from briefing.pdf.font_compaction import compact_fonts

    def finish(document: Any, pdf: Any) -> None:
        page = pdf.objects[pdf.pages["Kids"][0]]
        resources = pdf.objects[int(page["Resources"].split()[0])]
        names = sorted(pdf.objects[int(resources["Font"].split()[0])])
        if lines:
            content = pdf.objects[int(page["Contents"].split()[0])]
            content.stream += [b"q", *(line.encode() for line in lines(names)), b"Q"]
        if compact:
            compact_fonts(pdf)

    HTML(string="<p>Plain words and <b>bold words</b></p>").write_pdf(output, finisher=finish)
    return output


def _sizes(pdf: Path) -> dict[str, int]:
    """The size of each font's program, by its resource name."""
    fonts = pypdf.PdfReader(pdf).pages[0]["/Resources"]["/Font"]
    sizes = {}
    for name, font in fonts.items():
        descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        sizes[name] = len((descriptor.get("/FontFile2") or descriptor["/FontFile3"]).get_data())
    return sizes


def _font_programs(pdf: Path, data: bool = False) -> dict[str, Any]:
    """Each embedded font's name and the size (or bytes) of its program."""
    programs: dict[str, Any] = {}
    for page in pypdf.PdfReader(pdf).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            stream = (descriptor.get("/FontFile2") or descriptor["/FontFile3"]).get_object()
            program = stream.get_data()
            programs[str(font["/BaseFont"])] = program if data else len(program)
    return programs


def _pypdf_texts(pdf: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(pdf).pages]


def _pdfplumber_texts(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as document:
        return [page.extract_text() or "" for page in document.pages]


def _pdfium_pages(pdf: Path) -> list[Image.Image]:
    return render_pages(pdf, DPI / 72)


def _poppler_pages(pdf: Path, folder: Path) -> list[Image.Image]:
    prefix = folder / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(prefix)], check=True)
    return [Image.open(path).convert("RGB") for path in sorted(folder.glob(f"{pdf.stem}-*.png"))]


def _tags(pdf: Path) -> list[tuple[str, ...]]:
    """Each structure element's type, title, alternative text, language and marked content."""
    return [
        (
            str(element["/S"]),
            *(str(element.get(key, "")) for key in ("/T", "/Alt", "/ActualText", "/Lang")),
            str(_marked_content(element.get("/K"))),
        )
        for element in structure_elements(pdf)
    ]


def _marked_content(kids: Any) -> list[Any]:
    """The marked-content ids among an element's kids (other kids are elements, listed too)."""
    kids = kids if isinstance(kids, list) else [kids]
    return [kid if isinstance(kid, int) else "element" for kid in kids if kid is not None]


def _links(pdf: Path) -> list[tuple[int, str, str, str]]:
    """Each link: its page, rectangle, address or destination."""
    reader = pypdf.PdfReader(pdf)
    found = []
    for number, page in enumerate(reader.pages):
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            action = annotation.get("/A", {})
            target = action.get("/URI") or annotation.get("/Dest") or action.get("/D")
            rectangle = [round(float(value), 2) for value in annotation["/Rect"]]
            found.append((number, str(annotation["/Subtype"]), str(rectangle), str(target)))
    return found
