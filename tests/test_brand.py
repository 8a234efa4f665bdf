"""A project's house style: a `_brand.yml` with its own logo, colours and a font from a file."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pypdf
import pytest
from PIL import Image, ImageChops

from briefing.brand.colours import MINIMUM_TEXT_CONTRAST, contrast, readable_grey
from briefing.brand.reader import load_brand
from briefing.errors import BriefingError

from .conftest import FIXED_EPOCH, MINIMAL_BRIEF, WriteProject, build
from .pdfread import render_page
from .test_product_visual import MAX_CHANGED_SHARE, SCALE

REFERENCE = Path(__file__).parent / "visual" / "reference-brand.png"
SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
CRIMSON = (0xB0, 0x18, 0x2B)

BRAND = """\
meta:
  name: Acme Policy Office
color:
  palette:
    crimson: "#b0182b"
    pale-gold: "#e8c468"
  primary: crimson
  secondary: pale-gold
  foreground: "#222222"
logo:
  images:
    mark: {path: logo.png, alt: Acme Policy Office logo}
  small: mark
  large: mark
typography:
  fonts:
    - family: Acme Serif
      source: file
      files: [{path: fonts/acme-serif.ttf, weight: 400}]
  base: Acme Serif
  headings: {color: crimson}
defaults:
  briefing:
    footer: "Acme Policy Office"
"""
BRIEF = MINIMAL_BRIEF + "\n# Second section\n\nMore text.\n\n# Third section\n\nEnd.\n"


def _logo() -> bytes:
    image = Image.new("RGB", (120, 40), "#ffffff")
    image.paste((0x1E, 0x90, 0x3C), (0, 0, 40, 40))  # a green square no theme colour matches
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def branded(write_project: WriteProject, monkeypatch: pytest.MonkeyPatch) -> Path:
    project = write_project(
        {
            "briefing.toml": 'organisation = "Acme"\n',
            "_brand.yml": BRAND,
            "logo.png": _logo(),
            "fonts/acme-serif.ttf": SERIF.read_bytes(),
            "content/brief.md": BRIEF,
        }
    )
    monkeypatch.chdir(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    return project


def test_brand_puts_logo_colour_and_font_on_the_brief(branded: Path) -> None:
    assert (
        build(
            "content/brief.md", "-o", "out/brief.pdf", "--profile", "brief", "--profile", "handout"
        )
        == 0
    )
    pdf = branded / "out" / "brief.pdf"
    cover = render_page(pdf, 0, scale=2)
    colours = {colour for _, colour in cover.getcolors(1 << 20) or []}
    assert (0x1E, 0x90, 0x3C) in colours, "no logo on the cover"
    assert CRIMSON in colours, "headings are not in the brand colour"
    images = list(pypdf.PdfReader(pdf).pages[0].images)
    assert images, "no image XObject on page 1"
    fonts = {
        str(font["/BaseFont"])
        for page in pypdf.PdfReader(pdf).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any(name.endswith("+Acme-Serif") for name in fonts), fonts
    small = render_page(pdf, 0, scale=SCALE)
    if os.environ.get("BRIEFING_UPDATE_VISUAL"):
        small.save(REFERENCE, optimize=True)
    changed = ImageChops.difference(small, Image.open(REFERENCE).convert("RGB")).convert("L")
    share = changed.point(lambda value: 255 if value > 48 else 0).histogram()[255]
    assert share / (small.width * small.height) <= MAX_CHANGED_SHARE, "cover differs from reference"


def test_handout_turns_the_brand_into_readable_greys(branded: Path) -> None:
    assert build("content/brief.md", "-o", "out/brief.pdf", "--profile", "handout") == 0
    page = render_page(branded / "out" / "brief-handout.pdf", 0, scale=2)
    pixels = {colour for _, colour in page.getcolors(1 << 20) or []}
    assert CRIMSON not in pixels
    grey_text = [colour for colour in pixels if len(set(colour)) == 1 and colour[0] < 200]
    darkest = min(level for level, _, _ in grey_text)
    assert (255 + 13) / (darkest + 13) > MINIMUM_TEXT_CONTRAST  # as test_core_profiles measures


def test_readable_grey_reaches_the_contrast_of_text() -> None:
    for colour in ("#e8c468", "#b0182b", "#ffffff", "#777777", "#000000"):
        grey = readable_grey(colour)
        assert contrast(grey, "#ffffff") >= MINIMUM_TEXT_CONTRAST, colour
    assert readable_grey("#000000") == "#000000"


def test_brand_option_picks_a_named_brand_and_refuses_an_unknown_one(
    branded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (branded / "brands").mkdir()
    (branded / "brands" / "plain.yml").write_text("color:\n  primary: '#123456'\n")
    assert build("content/brief.md", "-o", "out/brief.pdf", "--brand", "plain") == 0
    assert build("content/brief.md", "-o", "out/brief.pdf", "--brand", "other") == 1
    assert (
        "unknown brand 'other': no brands/other.yml (there are: plain)" in capsys.readouterr().err
    )


def test_front_matter_brand_unknown_is_an_error_at_its_line(
    branded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (branded / "content" / "brief.md").write_text(BRIEF.replace("language: en", "brand: nope"))
    assert build("content/brief.md", "-o", "out/brief.pdf") == 1
    assert "brief.md:5: unknown brand 'nope'" in capsys.readouterr().err


def test_bad_brand_file_lists_each_problem_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "_brand.yml"
    path.write_text(
        "color:\n  primary: not-a-colour\n  primry: '#fff'\nlogo:\n  small: ../outside.png\n"
    )
    shutil.copy(SERIF, tmp_path / "font.ttf")
    with pytest.raises(BriefingError) as raised:
        load_brand(path, tmp_path)
    text = str(raised.value)
    assert "_brand.yml:2: color.primary: must be a colour" in text
    assert "_brand.yml:3: color.primry: unknown key (did you mean 'primary'?)" in text
    assert "_brand.yml:5: logo.small: ../outside.png is outside the project" in text
