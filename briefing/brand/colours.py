"""Colours: parse `#rgb`/`#rrggbb` and a few names, and map them to readable greys (WCAG 2)."""

from __future__ import annotations

import re

MINIMUM_TEXT_CONTRAST = 4.5
"""WCAG 2 AA for body text: text on its background must reach this contrast ratio."""

NAMED = {"black": "#000000", "white": "#ffffff", "transparent": "#ffffff"}
"""The CSS colour names a brand file may use besides hex values and its palette."""

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def parse_colour(text: str) -> str | None:
    """`text` as `#rrggbb` (lower case), or None when it is no colour this module reads."""
    text = NAMED.get(text.strip().lower(), text.strip())
    if not _HEX.match(text):
        return None
    digits = text[1:].lower()
    return "#" + ("".join(digit * 2 for digit in digits) if len(digits) == 3 else digits)


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of `#rrggbb`: 0 for black, 1 for white."""
    channels = (int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5))
    linear = [
        value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
        for value in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def grey(level: int) -> str:
    """The grey `#llllll` of sRGB level 0-255."""
    return f"#{level:02x}{level:02x}{level:02x}"


def grey_of(colour: str) -> str:
    """The grey that has the luminance of `colour`, as a black-and-white printer shows it."""
    target = luminance(colour)
    return grey(min(range(256), key=lambda level: abs(luminance(grey(level)) - target)))


def readable_grey(colour: str, background: str = "#ffffff") -> str:
    """`colour` as a grey, darkened (or lightened on a dark background) until text in it
    reaches `MINIMUM_TEXT_CONTRAST` on `background`."""
    level = int(grey_of(colour)[1:3], 16)
    step = -1 if luminance(background) > 0.18 else 1
    while contrast(grey(level), background) < MINIMUM_TEXT_CONTRAST and 0 <= level + step <= 255:
        level += step
    return grey(level)


def ink_on(fill: str) -> str:
    """Black or white, whichever reads better on `fill`."""
    return "#000000" if contrast("#000000", fill) >= contrast("#ffffff", fill) else "#ffffff"


def readable(colour: str, background: str = "#ffffff") -> str:
    """`colour` mixed with black (white on a dark background), just enough for text in it to
    reach `MINIMUM_TEXT_CONTRAST` on `background`: the hue stays, the text stays legible."""
    target = 0 if luminance(background) > 0.18 else 255
    channels = [int(colour[index : index + 2], 16) for index in (1, 3, 5)]
    for step in range(101):
        mixed = "#" + "".join(
            f"{round(value + (target - value) * step / 100):02x}" for value in channels
        )
        if contrast(mixed, background) >= MINIMUM_TEXT_CONTRAST:
            return mixed
    return grey(target)
