"""Callout boxes, manual page breaks and highlighted code, in the brief and the handout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from briefing.cli.main import main

from .conftest import FIXED_EPOCH
from .pdfread import page_texts, render_page
from .test_layout_tables import FRONT_MATTER
from .test_product_visual import MAX_CHANGED_SHARE

REFERENCE = Path(__file__).parent / "visual" / "reference-callouts.png"
SCALE = 60 / 72

FILLER = "\n\n".join(f"Filler paragraph {number} with a line of ordinary text." for number in
                     range(1, 9))  # fmt: skip


def _box(number: int) -> str:
    lines = "\n\n".join(f"    Point {number}.{line} of the box." for line in range(1, 7))
    kind = ('judgement "Key judgements"', 'note "Scope"', "warning")[number % 3]
    return f"!!! {kind}\n    Box {number} opens.\n\n{lines}\n\n    Box {number} ends."


BODY = f"""# Judgements

{_box(0)}

{_box(1)}

{_box(2)}

\\newpage

# Boxes at every height

{FILLER}

{chr(10).join(f"{_box(number)}{chr(10) * 2}{FILLER}{chr(10)}" for number in range(3, 12))}

{{{{< pagebreak >}}}}

# Code

```python
def cost(option: str) -> float:  # price per option
    \\newpage
    return PRICES["option"] * 1.5 + len("text")
```
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The brief and its handout, built once for this module."""
    folder = tmp_path_factory.mktemp("callouts")
    (folder / "brief.md").write_text(FRONT_MATTER + BODY, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        options = ["-o", str(folder / "brief.pdf"), "--profile", "brief", "--profile", "handout"]
        assert main([str(folder / "brief.md"), *options]) == 0
    return folder


def _saturated(image: Image.Image) -> int:
    """How many pixels are clearly coloured (the theme's navy stays under the threshold)."""
    red, green, blue = image.split()
    highest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    lowest = ImageChops.darker(ImageChops.darker(red, green), blue)
    spread = ImageChops.subtract(highest, lowest)
    return spread.point(lambda value: 255 if value > 80 else 0).histogram()[255]


def test_a_box_that_fits_is_never_split(built: Path) -> None:
    texts = page_texts(built / "brief.pdf")
    for number in range(12):
        opening = next(i for i, text in enumerate(texts) if f"Box {number} opens." in text)
        assert f"Box {number} ends." in texts[opening], f"box {number} split"


def test_callouts_have_titles_in_both_profiles(built: Path) -> None:
    for pdf in (built / "brief.pdf", built / "brief-handout.pdf"):
        text = "\n".join(page_texts(pdf))
        assert "KEY JUDGEMENTS" in text and "SCOPE" in text and "WARNING" in text


def test_page_breaks_start_the_next_heading_on_a_new_page(built: Path) -> None:
    texts = page_texts(built / "brief.pdf")
    for heading in ("Boxes at every height", "Code"):
        page = next(text for text in texts if f"\n{heading}\n" in text)
        body = page.split(f"\n{heading}\n")[0]
        assert "Box" not in body and "Filler" not in body, body
    assert "\\newpage" in "\n".join(texts)  # inside code, kept as written


def test_code_is_coloured_in_the_brief_and_grey_in_the_handout(built: Path) -> None:
    brief_code = len(page_texts(built / "brief.pdf")) - 1
    assert _saturated(render_page(built / "brief.pdf", brief_code, 1.5)) > 200
    handout_code = len(page_texts(built / "brief-handout.pdf")) - 1
    assert _saturated(render_page(built / "brief-handout.pdf", handout_code, 1.5)) == 0


def test_callouts_page_matches_its_reference(built: Path) -> None:
    page = render_page(built / "brief.pdf", 2, SCALE)
    if os.environ.get("BRIEFING_UPDATE_VISUAL"):
        page.save(REFERENCE, optimize=True)
    changed = ImageChops.difference(page, Image.open(REFERENCE).convert("RGB")).convert("L")
    share = changed.point(lambda value: 255 if value > 48 else 0).histogram()[255]
    assert share / (page.width * page.height) <= MAX_CHANGED_SHARE, "callouts differ"
