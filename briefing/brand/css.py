"""A brand as CSS: custom properties over the theme's, @font-face for its font files.

Worked out once per build, in Python, and placed after the theme's stylesheets. The brand's
colour roles map onto the theme's variables (primary → --accent and the table header, secondary
→ --muted, foreground → --ink…). For a black-and-white profile (the handout) each text colour
becomes the grey a printer would give it, darkened until text in it still has a contrast of
4.5:1 on white, and no fill or page colour is set: a brand never makes a handout unreadable.
"""

from __future__ import annotations

from markupsafe import Markup

from briefing.brand.colours import ink_on, readable, readable_grey
from briefing.brand.model import Brand

THEME_TEXT_FAMILIES = '"Inter", var(--font-text-scripts), "Noto Sans CJK SC", "Symbola"'
"""What follows a brand's base family: the theme's own list (styles/common.css --font-text),
so every script still finds a font."""

_TEXT_ROLES = {"primary": "--accent", "secondary": "--muted", "foreground": "--ink"}
"""Colour roles that colour text, and the theme variable each one sets."""
_FILL_ROLES = {
    "primary": "--table-head-fill",
    "light": "--table-side-fill",
    "warning": "--notice-border",
}
"""Colour roles that fill or frame, and the theme variable each sets (colour profiles only)."""


def brand_styles(brand: Brand, black_and_white: bool = False) -> Markup:
    """The CSS that puts `brand` on the theme; greys only when `black_and_white`."""
    if brand.path is None:
        return Markup("")
    sections = [
        "/* ---------- Fonts ---------- */",
        *(
            _font_face(font.family, font.path.as_uri(), font.weight, font.style)
            for font in brand.fonts
        ),
        "/* ---------- Variables ---------- */",
        ":root {\n"
        + "\n".join(
            f"  {name}: {value};" for name, value in _variables(brand, black_and_white).items()
        )
        + "\n}",
    ]
    background = brand.colours.get("background")
    if background and not black_and_white:
        sections += [
            "/* ---------- Page rules ---------- */",
            f"@page {{\n  background-color: {background};\n}}",
        ]
    sections += ["/* ---------- Style ---------- */", *_rules(brand, black_and_white)]
    return Markup("\n".join(sections))


def brand_families(brand: Brand) -> tuple[str, ...]:
    """The font families the brand names, for the glyph preflight."""
    return tuple(
        dict.fromkeys(
            filter(None, (brand.base_family, brand.heading_family, brand.monospace_family))
        )
    )


def _variables(brand: Brand, black_and_white: bool) -> dict[str, str]:
    colours = brand.colours
    variables = {}
    for role, name in _TEXT_ROLES.items():
        if role in colours:
            variables[name] = _text_colour(colours[role], brand, black_and_white)
    if not black_and_white:
        for role, name in _FILL_ROLES.items():
            if role in colours:
                variables[name] = colours[role]
        if "primary" in colours:
            variables["--table-head-ink"] = ink_on(colours["primary"])
    if brand.base_family:
        variables["--font-text"] = f"{_css_string(brand.base_family)}, {THEME_TEXT_FAMILIES}"
    if brand.monospace_family:
        variables["--font-code"] = f"{_css_string(brand.monospace_family)}, var(--font-text)"
    return variables


def _rules(brand: Brand, black_and_white: bool) -> list[str]:
    rules = []
    heading = brand.heading_colour
    if heading:
        colour = _text_colour(heading, brand, black_and_white)
        rules.append(f"h2,\nh3,\n.title {{\n  color: {colour};\n}}")
    if brand.heading_family:
        family = f"{_css_string(brand.heading_family)}, var(--font-text)"
        rules.append(f"h1,\nh2,\nh3,\n.title {{\n  font-family: {family};\n}}")
    if brand.link_colour and not black_and_white:
        rules.append(f"a {{\n  color: {_text_colour(brand.link_colour, brand, False)};\n}}")
    return rules


def _text_colour(colour: str, brand: Brand, black_and_white: bool) -> str:
    """A brand colour for text, legible on the page: a grey on paper in black and white."""
    if black_and_white:
        return readable_grey(colour)
    return readable(colour, brand.colours.get("background", "#ffffff"))


def _font_face(family: str, url: str, weight: str, style: str) -> str:
    return (
        "@font-face {\n"
        f"  font-family: {_css_string(family)};\n"
        f"  font-style: {style};\n"
        f"  font-weight: {weight};\n"
        f"  src: url({_css_string(url)});\n"
        "}"
    )


def _css_string(text: str) -> str:
    """`text` as a CSS string that is also safe inside an HTML <style> element."""
    escaped = "".join(
        f"\\{ord(character):x} " if character in '\\"<>&\n' else character for character in text
    )
    return f'"{escaped}"'
