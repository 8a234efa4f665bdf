"""The draft watermark: "DRAFT" and the date, diagonally across every page.

It is a page background, which WeasyPrint draws as a PDF artifact: it stays out of the
structure tree (PDF/UA still holds), out of the text a reader copies, and out of the glyph
preflight. It is drawn once by Pillow as a light-grey image with a transparent ground, light
enough to read text over, dark enough to see on paper.
"""

from __future__ import annotations

import base64
import io
import math
import subprocess
from functools import cache

from markupsafe import Markup
from PIL import Image, ImageDraw, ImageFont

from .content import Briefing

WATERMARK_GREY = 208
"""sRGB level of the watermark's letters: well clear of text (0-85), visible on white (255)."""

_SIZE = (840, 1188)
"""The image's pixels: A4's proportions at about 72 dpi; it is stretched over the page."""


def is_draft(briefing: Briefing) -> bool:
    """A brief is a draft when its front matter says so or while a claim is unverified."""
    return briefing.metadata.status == "draft" or bool(briefing.claims)


def watermark_styles(briefing: Briefing) -> Markup:
    """The CSS that puts the watermark on every page of a draft; empty for a final brief."""
    if not is_draft(briefing):
        return Markup("")
    image = _watermark(briefing.labels.draft, briefing.labels.date)
    return Markup(
        "@page {\n"
        f'  background-image: url("data:image/png;base64,{image}");\n'
        "  background-position: center;\n"
        "  background-repeat: no-repeat;\n"
        "  background-size: contain;\n"
        "}"
    )


@cache
def _watermark(label: str, date: str) -> str:
    """The watermark as a base64 PNG: `label` large, `date` under it, along the diagonal."""
    width, height = _SIZE
    angle = math.degrees(math.atan2(height, width))
    diagonal = int(math.hypot(width, height))
    strip = Image.new("RGBA", (diagonal, diagonal // 3), (0, 0, 0, 0))
    draw = ImageDraw.Draw(strip)
    big, small = _font(150), _font(44)
    middle = strip.width / 2
    draw.text(
        (middle, strip.height * 0.42),
        label,
        font=big,
        fill=(WATERMARK_GREY,) * 3 + (255,),
        anchor="mm",
    )
    if date:
        draw.text(
            (middle, strip.height * 0.82),
            date,
            font=small,
            fill=(WATERMARK_GREY,) * 3 + (255,),
            anchor="mm",
        )
    turned = strip.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    page = Image.new("RGBA", _SIZE, (0, 0, 0, 0))
    page.alpha_composite(turned, ((width - turned.width) // 2, (height - turned.height) // 2))
    # Four levels of opacity in a palette image: 7 KB, where a grey-and-alpha image is 36 KB.
    levels = page.getchannel("A").point(lambda alpha: round(alpha / 85))
    indexed = levels.convert("P")
    indexed.putpalette([WATERMARK_GREY] * 3 * 4)
    buffer = io.BytesIO()
    indexed.save(buffer, format="PNG", optimize=True, transparency=bytes((0, 85, 170, 255)))
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans Bold (it has Latin, Greek, Cyrillic, Arabic and Hebrew), else Pillow's own."""
    path = _font_file("DejaVu Sans:style=Bold")
    if path:
        try:
            return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.RAQM)
        except (OSError, ImportError):
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


@cache
def _font_file(pattern: str) -> str:
    try:
        found = subprocess.run(
            ["fc-match", "--format=%{file}", pattern], capture_output=True, text=True, timeout=20
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return found.stdout.strip()
