"""Visual regression: the NATO brief's pages against committed low-resolution references.

Refresh the references after an intended change with `./tasks.sh visual`. A failing page writes
`<page>-diff.png` (changed pixels in red) next to the test output and names it.
"""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image, ImageChops

from .pdfread import render_pages

REFERENCES = Path(__file__).parent / "visual"
SCALE = 50 / 72
"""50 dpi: small files, yet a moved line, a lost table or a changed colour shows."""

MAX_CHANGED_SHARE = 0.002
"""Pages may differ in at most this share of pixels (anti-aliasing noise), by a clear amount."""


def test_nato_pages_match_their_references(nato_pdf: Path, tmp_path: Path) -> None:
    pages = render_pages(nato_pdf, SCALE)
    if os.environ.get("BRIEFING_UPDATE_VISUAL"):
        REFERENCES.mkdir(exist_ok=True)
        for stale in REFERENCES.glob("page-*.png"):
            stale.unlink()
        for number, page in enumerate(pages, start=1):
            page.save(REFERENCES / f"page-{number:02d}.png", optimize=True)
    references = sorted(REFERENCES.glob("page-*.png"))
    assert references, "no reference images: run ./tasks.sh visual"
    assert len(pages) == len(references), f"{len(pages)} pages, {len(references)} references"
    failures = []
    for number, (page, reference_path) in enumerate(zip(pages, references, strict=True), 1):
        reference = Image.open(reference_path).convert("RGB")
        if page.size != reference.size:
            failures.append(f"page {number}: size {page.size} != {reference.size}")
            continue
        difference = ImageChops.difference(page, reference).convert("L")
        changed = difference.point(lambda value: 255 if value > 48 else 0)
        share = changed.histogram()[255] / (page.width * page.height)
        if share > MAX_CHANGED_SHARE:
            diff_path = tmp_path / f"page-{number:02d}-diff.png"
            overlay = page.copy()
            overlay.paste((255, 0, 0), mask=changed)
            overlay.save(diff_path)
            failures.append(f"page {number}: {share:.2%} of pixels changed, see {diff_path}")
    assert not failures, "; ".join(failures)


def test_visual_check_catches_a_change(nato_pdf: Path) -> None:
    page = render_pages(nato_pdf, SCALE)[0]
    reference = Image.open(sorted(REFERENCES.glob("page-*.png"))[0]).convert("RGB")
    moved = ImageChops.offset(page, 0, 3)  # everything three pixels lower
    changed = (
        ImageChops.difference(moved, reference)
        .convert("L")
        .point(lambda value: 255 if value > 48 else 0)
    )
    assert changed.histogram()[255] / (page.width * page.height) > MAX_CHANGED_SHARE
