"""The draft watermark: on every page (portrait, landscape, mirrored handout pages, with bleed
and crop marks), centred in the page area, an artifact outside the text and the structure."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from PIL import Image, ImageChops, ImageColor
from pypdf.generic import DictionaryObject, IndirectObject

from briefing.cli.main import main
from briefing.pdf.watermark import WATERMARK_NAME
from briefing.pdf.watermark_drawing import WATERMARK_GREY, WATERMARK_OPACITY, face_index

from .conftest import FIXED_EPOCH, MINIMAL_BRIEF
from .pdfread import page_texts, render_pages, structure_elements
from .test_layout_tables import wide_table

BRIEF = (
    MINIMAL_BRIEF.replace("language: en\n", "language: en\nstatus: {status}\n").replace(
        "title: A minimal brief", "title: A minimal brief with a title long enough for three lines"
    )
    + "\nA short paragraph.\n\n::: table options landscape\n\n# After the table\n\nLast words.\n"
    + "\nA line of text to fill the page.\n" * 9
    + "\n::: table short\n"
    + '\n!!! judgement "Key judgements"\n\n'
    + "    A judgement on a tint.\n\n" * 12
)

SHORT_TABLE = (
    "caption: Short\ncolumns: [Option, Effect]\nrows:\n" + "  - [An option, An effect]\n" * 3
)
"""A portrait table of three rows, its header row in the middle of a page."""

FILLS = {
    "draft": {"notice": "#fff6e0", "table head": "#1f3a5f", "judgement": "#eef2f7"},
    "handout": {"table head": "#c8c8c8", "judgement": "#f0f0f0"},  # the notice is white
}
"""The fills of boxes the watermark crosses (`common.css`, `profile-handout.css`)."""

_ARTIFACT_DRAWING = re.compile(
    rb"/Artifact\s+BMC\s+q\s+(?:[-.\d]+\s+){6}cm\s+" + re.escape(WATERMARK_NAME.encode())
    + rb"\s+Do\s+Q\s+EMC"
)  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A draft as a brief and as a handout with crop marks and bleed, and the same brief final."""
    root = tmp_path_factory.mktemp("watermark")
    (root / "data").mkdir()
    (root / "data" / "options.yaml").write_text(wide_table(9), encoding="utf-8")
    (root / "data" / "short.yaml").write_text(SHORT_TABLE, encoding="utf-8")
    for status in ("draft", "final"):
        (root / f"{status}.md").write_text(BRIEF.format(status=status), encoding="utf-8")
    handout = ("--profile", "handout", "--marks")
    runs = {
        "draft": ("draft", ()),
        "final": ("final", ()),
        "handout": ("draft", handout),
        "final handout": ("final", handout),
    }
    outputs = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        for name, (source, options) in runs.items():
            output = root / "out" / f"{name.replace(' ', '-')}.pdf"
            assert main([str(root / f"{source}.md"), "-o", str(output), *options]) == 0
            outputs[name] = output
    return outputs


def _added_share(
    draft: Image.Image, final: Image.Image, box: tuple[float, float, float, float]
) -> float:
    """The share of pixels in `box` (fractions of the page) that `draft` shows otherwise
    than `final`: what the watermark adds there."""
    width, height = draft.size
    left, top, right, bottom = box
    crop = (int(left * width), int(top * height), int(right * width), int(bottom * height))
    difference = ImageChops.difference(draft.crop(crop), final.crop(crop))
    return sum(difference.histogram()[11:]) / (difference.width * difference.height)


@pytest.mark.parametrize("name", ["draft", "handout"])
def test_every_page_of_a_draft_shows_the_watermark_in_its_middle(
    built: dict[str, Path], name: str
) -> None:
    pages = render_pages(built[name], 50 / 72, "L")
    assert any(page.width > page.height for page in pages), "no landscape page to check"
    finals = render_pages(built["final" if name == "draft" else "final handout"], 50 / 72, "L")
    middle = (0.3, 0.3, 0.7, 0.7)
    for number, (page, final) in enumerate(zip(pages, finals, strict=True), start=1):
        # A landscape page fits the watermark to its height.
        assert _added_share(page, final, middle) > 0.025, f"page {number}: none in its middle"
        for corner in ((0, 0, 0.2, 0.15), (0.8, 0.85, 1, 1)):
            assert _added_share(page, final, corner) < 0.005, f"page {number}: off centre"


@pytest.mark.parametrize("name", ["draft", "handout"])
def test_the_watermark_shows_on_boxes_with_a_fill(built: dict[str, Path], name: str) -> None:
    """Drawn above the page, see-through: the cover's notice, a table's header row and a
    callout's tint are crossed by its letters, not laid over them."""
    finals = render_pages(built["final" if name == "draft" else "final handout"], 50 / 72)
    for fill, colour in FILLS[name].items():
        rgb = ImageColor.getrgb(colour)
        shares = [
            _changed_share(final, page, rgb)
            for final, page in zip(finals, render_pages(built[name], 50 / 72), strict=True)
        ]
        crossed = [share for share in shares if share is not None]
        assert crossed, f"no page with a {fill} to look at"
        assert max(crossed) > 0.01, f"the watermark is hidden under the {fill}: {shares}"


def _changed_share(final: Image.Image, draft: Image.Image, colour: tuple[int, ...]) -> float | None:
    """Of the pixels of `final` in `colour` (a box's fill), the share that `draft` shows
    otherwise; None when the page has too few to tell."""
    pixels = [
        (before, after)
        for before, after in zip(_rgb(final), _rgb(draft), strict=True)
        if max(abs(value - wanted) for value, wanted in zip(before, colour, strict=True)) <= 2
    ]
    if len(pixels) < 500:
        return None
    changed = [
        1 for before, after in pixels
        if max(abs(one - other) for one, other in zip(before, after, strict=True)) > 10
    ]  # fmt: skip
    return len(changed) / len(pixels)


def _rgb(page: Image.Image) -> list[bytes]:
    """The page's pixels, red, green and blue each."""
    data = page.tobytes()
    return [data[index : index + 3] for index in range(0, len(data), 3)]


@pytest.mark.parametrize("name", ["draft", "handout"])
def test_the_watermark_is_one_form_drawn_as_an_artifact_on_every_page(
    built: dict[str, Path], name: str
) -> None:
    """Drawn last on the page (nothing painted after it but the closing `Q`), see-through."""
    forms = set()
    for page in pypdf.PdfReader(built[name]).pages:
        contents = page.get_contents()
        assert contents is not None
        drawn = _ARTIFACT_DRAWING.search(contents.get_data())
        assert drawn and re.fullmatch(rb"\s*Q\s*", contents.get_data()[drawn.end() :])
        form = _watermark_form(page)
        forms.add(form.idnum)
    assert len(forms) == 1
    states = form.get_object()["/Resources"]["/ExtGState"]
    assert [state["/ca"] for state in states.values()] == [WATERMARK_OPACITY]
    assert b" gs" in form.get_object().get_data()


def test_a_variant_without_transparency_gets_the_watermark_opaque_under_the_content(
    tmp_path: Path,
) -> None:
    """PDF/A-1 forbids transparency: there the watermark is drawn first, opaque, as a page
    background was."""
    (tmp_path / "draft.md").write_text(BRIEF.format(status="draft"), encoding="utf-8")
    (tmp_path / "data").mkdir()
    for name, text in (("options", wide_table(9)), ("short", SHORT_TABLE)):
        (tmp_path / "data" / f"{name}.yaml").write_text(text, encoding="utf-8")
    output = tmp_path / "draft.pdf"
    assert main([str(tmp_path / "draft.md"), "-o", str(output), "--pdf-variant", "pdf/a-1b"]) == 0
    for page in pypdf.PdfReader(output).pages:
        contents = page.get_contents()
        assert contents is not None
        drawn = _ARTIFACT_DRAWING.search(contents.get_data())
        assert drawn and b" Tj" not in contents.get_data()[: drawn.start()]
        assert b"BT" in contents.get_data()[drawn.end() :]
        form = _watermark_form(page).get_object()
        assert "/ExtGState" not in form["/Resources"] and b" gs" not in form.get_data()
        assert f"{WATERMARK_GREY / 255:.6f} rg".encode() in form.get_data()


def _watermark_form(page: pypdf.PageObject) -> IndirectObject:
    """The reference to the watermark's form among the page's XObjects."""
    resources = page["/Resources"].get_object()
    assert isinstance(resources, DictionaryObject)
    xobjects = resources["/XObject"].get_object()
    assert isinstance(xobjects, DictionaryObject)
    form = xobjects.raw_get(WATERMARK_NAME)
    assert isinstance(form, IndirectObject)
    return form


def test_the_watermark_is_neither_text_nor_structure(built: dict[str, Path]) -> None:
    draft = built["draft"]
    assert page_texts(draft) == page_texts(built["final"])
    words = {}
    for name in ("draft", "final"):
        with pdfplumber.open(built[name]) as document:
            words[name] = [word["text"] for page in document.pages for word in page.extract_words()]
            assert not any(page.images for page in document.pages)
    assert words["draft"] == words["final"]
    elements = structure_elements(draft)
    assert not [node for node in elements if "DRAFT" in str(node.get("/Alt"))]
    assert [node["/S"] for node in elements] == [
        node["/S"] for node in structure_elements(built["final"])
    ]


def test_the_watermark_font_is_the_matched_face_of_a_collection() -> None:
    """Fontconfig may match a face inside a collection (`.ttc`): its index is found by name,
    so the outlines come from that face, not from the collection's first."""
    collection = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
    faces = [face_index(collection, f"Noto Sans CJK {region}", "Bold") for region in
             ("JP", "KR", "SC", "TC")]  # fmt: skip
    assert faces[0] == 0 and len(set(faces)) == 4, faces
    single = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
    assert face_index(single, "DejaVu Sans", "Bold") == 0
