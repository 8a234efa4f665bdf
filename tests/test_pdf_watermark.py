"""The draft watermark: on every page (portrait, landscape, mirrored handout pages, with bleed
and crop marks), centred in the page area, an artifact outside the text and the structure."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from PIL import Image
from pypdf.generic import DictionaryObject, IndirectObject

from briefing.cli.main import main
from briefing.pdf.watermark import WATERMARK_NAME
from briefing.pdf.watermark_drawing import WATERMARK_GREY, face_index

from .conftest import FIXED_EPOCH, MINIMAL_BRIEF
from .pdfread import page_texts, render_pages, structure_elements
from .test_layout_tables import wide_table

BRIEF = (
    MINIMAL_BRIEF.replace("language: en\n", "language: en\nstatus: {status}\n")
    + "\nA short paragraph.\n\n::: table options landscape\n\n# After the table\n\nLast words.\n"
)

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
    for status in ("draft", "final"):
        (root / f"{status}.md").write_text(BRIEF.format(status=status), encoding="utf-8")
    runs = {
        "draft": ("draft", ()),
        "final": ("final", ()),
        "handout": ("draft", ("--profile", "handout", "--marks")),
    }
    outputs = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        for name, (source, options) in runs.items():
            output = root / "out" / f"{name}.pdf"
            assert main([str(root / f"{source}.md"), "-o", str(output), *options]) == 0
            outputs[name] = output
    outputs["handout"] = outputs["handout"].with_name("handout-handout.pdf")
    return outputs


def _grey_share(page: Image.Image, box: tuple[float, float, float, float]) -> float:
    """The share of pixels in `box` (fractions of the page) in the watermark's grey."""
    width, height = page.size
    left, top, right, bottom = box
    area = page.crop(
        (int(left * width), int(top * height), int(right * width), int(bottom * height))
    )
    histogram = area.histogram()
    grey = sum(histogram[WATERMARK_GREY - 3 : WATERMARK_GREY + 4])
    return grey / (area.width * area.height)


@pytest.mark.parametrize("name", ["draft", "handout"])
def test_every_page_of_a_draft_shows_the_watermark_in_its_middle(
    built: dict[str, Path], name: str
) -> None:
    pages = render_pages(built[name], 50 / 72, "L")
    assert any(page.width > page.height for page in pages), "no landscape page to check"
    finals = render_pages(built["final"], 50 / 72, "L")
    middle = (0.3, 0.3, 0.7, 0.7)
    for number, (page, final) in enumerate(zip(pages, finals, strict=True), start=1):
        # A landscape page fits the watermark to its height, and its table hides part of it.
        added = _grey_share(page, middle) - _grey_share(final, middle)
        assert added > 0.025, f"page {number}: no watermark in its middle"
        for corner in ((0, 0, 0.2, 0.15), (0.8, 0.85, 1, 1)):
            assert _grey_share(page, corner) < 0.02, f"page {number}: watermark off centre"


@pytest.mark.parametrize("name", ["draft", "handout"])
def test_the_watermark_is_one_form_drawn_as_an_artifact_on_every_page(
    built: dict[str, Path], name: str
) -> None:
    forms = set()
    for page in pypdf.PdfReader(built[name]).pages:
        contents = page.get_contents()
        assert contents is not None and _ARTIFACT_DRAWING.search(contents.get_data())
        resources = page["/Resources"].get_object()
        assert isinstance(resources, DictionaryObject)
        xobjects = resources["/XObject"].get_object()
        assert isinstance(xobjects, DictionaryObject)
        form = xobjects.raw_get(WATERMARK_NAME)
        assert isinstance(form, IndirectObject)
        forms.add(form.idnum)
    assert len(forms) == 1


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
