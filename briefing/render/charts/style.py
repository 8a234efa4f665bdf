"""How figures look: one style for every figure, in colour for the screen (the brand's colours)
and in greys for the handout, where patterns, dashes and markers carry what colour would."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.brand.colours import parse_colour
from briefing.brand.model import Brand

LOOKS = ("colour", "grey")
"""A chart is drawn in colour (brief, email) or in greys (handout)."""

INK, GREY = "#222222", "#6e6e6e"
"""Text and lines of the drawn figures (timeline, overlap)."""
FONT_FAMILY = "Inter, Symbola"
"""The drawn figures' text: the brief's own font, then symbols."""
CHART_FONTS = ("Inter", "Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", "DejaVu Sans")
"""The charts' text, as matplotlib measures it; the PDF sets it in the brief's fonts."""

WIDTH_INCHES = 6.69
"""A chart's width: A4's text width (170 mm), so its text prints at its own size."""
FONT_POINTS = 8.0

THEME_PALETTE = ("#1f3a5f", "#c8782a", "#4f8a8b", "#a23b3b", "#7a6c9d", "#6b8e23")
"""The theme's series colours, the accent first."""
BRAND_ROLES = ("primary", "secondary", "tertiary", "info", "success", "warning", "danger")
"""A brand's colour roles, in the order they colour series."""

GREY_FILLS = ("#262626", "#b3b3b3", "#ffffff", "#6e6e6e", "#ffffff", "#dcdcdc")
GREY_HATCHES = ("", "", "////", "", "....", "xx")
DASHES = ("solid", (0, (4, 2)), (0, (1, 1.5)), (0, (6, 2, 1, 2)), (0, (2, 2)), (0, (8, 3)))
MARKERS = ("o", "s", "^", "D", "v", "P")


@dataclass(frozen=True)
class ChartStyle:
    """Inks, fills and line styles of one look, series by series."""

    look: str
    ink: str
    muted: str
    rule: str
    fills: tuple[str, ...]
    hatches: tuple[str, ...]
    accent: str
    quiet: str
    """The fill of the categories a `highlight` does not name."""
    edge: str
    """The outline of bars ("none" in colour)."""

    def fill(self, index: int) -> str:
        """Series `index`'s fill."""
        return self.fills[index % len(self.fills)]

    def hatch(self, index: int) -> str:
        """Series `index`'s pattern ("" for none)."""
        return self.hatches[index % len(self.hatches)]

    def line(self, index: int) -> tuple[str, object, str]:
        """Series `index`'s line colour, dash style and marker."""
        colour = self.ink if self.look == "grey" else self.fill(index)
        dash = DASHES[index % len(DASHES)] if self.look == "grey" else "solid"
        return colour, dash, MARKERS[index % len(MARKERS)]


def chart_style(look: str, brand: Brand | None = None) -> ChartStyle:
    """The style of `look`: the brand's colours (the theme's without one), or greys."""
    if look == "grey":
        return ChartStyle(
            "grey", "#1a1a1a", "#4d4d4d", "#d9d9d9", GREY_FILLS, GREY_HATCHES,
            "#000000", "#c8c8c8", "#1a1a1a",
        )  # fmt: skip
    colours = (brand.colours if brand else {}) or {}
    chosen = [parse_colour(colours[role]) for role in BRAND_ROLES if role in colours]
    palette = tuple(dict.fromkeys([*(c for c in chosen if c), *THEME_PALETTE]))[:6]
    ink = parse_colour(colours.get("foreground", "")) or "#1a1a1a"
    return ChartStyle(
        "colour", ink, "#555555", "#e3e6ea", palette, ("",), palette[0], "#b8c2cc", "none"
    )


def chart_styles(looks: tuple[str, ...], brand: Brand | None = None) -> dict[str, ChartStyle]:
    """The style of each of `looks`, in `brand`'s colours."""
    return {look: chart_style(look, brand) for look in looks}
