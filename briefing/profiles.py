"""Output profiles: one source, several uses. A profile is a small, declarative definition."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from briefing.errors import ConfigError


@dataclass(frozen=True)
class Profile:
    """How one use of a brief differs: CSS layer, template switches, writer options, name."""

    name: str
    suffix: str
    """Appended to the source's stem for the output file: `build/<stem><suffix>.pdf`."""

    stylesheets: tuple[str, ...] = ()
    """CSS layered on `common.css` and the paper sheet, from `styles/`."""

    bookmarks_open: bool = False
    """Open the PDF with the bookmarks panel shown."""

    print_layout: bool = False
    """Honour the print-only front matter switches (right-hand sections, condensed summary)."""

    pdf_options: dict[str, Any] = field(default_factory=dict)
    """Extra options for WeasyPrint's `write_pdf`."""

    size_budget: int | None = None
    """Bytes the PDF should stay under: a warning over it, an error with `--strict`."""

    writes_eml: bool = False
    """Also write a ready-to-send email draft with the PDF attached."""

    black_and_white: bool = False
    """Printed in black and white: a brand's colours become readable greys."""


PROFILES: dict[str, Profile] = {
    profile.name: profile
    for profile in (
        Profile("brief", "", bookmarks_open=True),
        Profile(
            "handout",
            "-handout",
            stylesheets=("profile-handout.css",),
            print_layout=True,
            black_and_white=True,
        ),
        Profile(
            "email",
            "-email",
            pdf_options={"optimize_images": True, "jpeg_quality": 80, "dpi": 150},
            size_budget=100 * 1024,
            writes_eml=True,
        ),
    )
}
"""Every profile by name; `all` on the command line means each of them, in this order."""


PDF_VARIANTS = (
    "pdf/a-1b", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u", "pdf/a-4u", "pdf/a-1a",
    "pdf/a-2a", "pdf/a-3a", "pdf/ua-1", "pdf/ua-2", "pdf/x-1a", "pdf/x-3", "pdf/x-4",
)  # fmt: skip
"""WeasyPrint's PDF variants that `--pdf-variant` passes through (listed to keep start-up fast)."""

OPAQUE_PDF_VARIANTS = ("pdf/a-1a", "pdf/a-1b", "pdf/x-1a", "pdf/x-3")
"""The variants whose standard forbids transparency (a see-through draft watermark)."""


def select_profiles(names: list[str]) -> list[Profile]:
    """Profiles for the names given (`all` for every one), in a stable order, without repeats."""
    wanted = list(PROFILES) if "all" in names else names
    unknown = [name for name in wanted if name not in PROFILES]
    if unknown:
        raise ConfigError(f"unknown profile {unknown[0]!r}: choose from {', '.join(PROFILES)}, all")
    return [PROFILES[name] for name in PROFILES if name in wanted]
