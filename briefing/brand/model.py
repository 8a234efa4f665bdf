"""The house style: a brand file in Quarto's `_brand.yml` format, read into a `Brand`.

A project's `_brand.yml` applies to every brief; `brands/NAME.yml` is picked by `--brand NAME`,
front matter `brand: NAME` or `brand = "NAME"` in `briefing.toml`. Paths in a brand file are
relative to it and must stay inside the project. Read here: `meta.name`, `color` (palette and
roles), `logo` (images; small, medium, large), `typography` (fonts from files; base, headings,
monospace, link) and `defaults.briefing.footer`. The `posit-dev` reader (`brand_yml` on PyPI)
needs pydantic, htmltools and ruamel.yaml and reports no line numbers, so this is a small
schema of the same keys. Choosing a build's brand file is `briefing/brand_choice.py`, reading
it `briefing/brand_reader.py`, and how a brand looks in CSS `briefing/brand_css.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import ContentWarning

DEFAULT_BRAND = "_brand.yml"
BRANDS_DIR = "brands"
COLOUR_ROLES = ("foreground", "background", "primary", "secondary", "tertiary", "success",
                "info", "warning", "danger", "light", "dark")  # fmt: skip


@dataclass(frozen=True)
class Logo:
    """An image file of the project and its alternative text."""

    path: Path
    alt: str

    @property
    def url(self) -> str:
        """The file as a `file:` URL, for an `<img>`."""
        return self.path.as_uri()


@dataclass(frozen=True)
class FontFile:
    """One file of a font family the brand brings (`source: file`)."""

    family: str
    path: Path
    weight: str = "400"
    style: str = "normal"


@dataclass(frozen=True)
class Brand:
    """What a brand file sets; an empty `Brand()` is the theme's own look."""

    path: Path | None = None
    name: str = ""
    colours: dict[str, str] = field(default_factory=dict)
    """Each colour role set (primary, foreground…) as `#rrggbb`."""
    cover_logo: Logo | None = None
    header_logo: Logo | None = None
    fonts: tuple[FontFile, ...] = ()
    base_family: str = ""
    heading_family: str = ""
    monospace_family: str = ""
    heading_colour: str = ""
    link_colour: str = ""
    footer: str = ""
    """Text for the foot of every page (`defaults.briefing.footer`)."""
    warnings: tuple[ContentWarning, ...] = ()

    @property
    def files(self) -> tuple[Path, ...]:
        """Every file the brand reads: the brand file, its logos and its font files."""
        logos = [logo.path for logo in (self.cover_logo, self.header_logo) if logo]
        found = [self.path, *logos, *(font.path for font in self.fonts)]
        return tuple(dict.fromkeys(path for path in found if path))
