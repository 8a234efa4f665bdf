"""Numbers and dates written the way the brief's language writes them (Babel): `4,1` and
`1 234,5` in French, month names in German. Used by the alt text, the axes and the tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton
from babel.numbers import format_decimal

_REGIONS = {"en": "en_GB"}
"""A tag without a region: the house style writes dates the British way."""


@cache
def locale_of(language: str) -> Locale:
    """Babel's locale for a BCP 47 tag; English when Babel does not know it."""
    try:
        locale = Locale.parse(language.replace("_", "-"), sep="-")
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en")
    if not locale.territory and locale.language in _REGIONS:
        locale = Locale.parse(_REGIONS[locale.language])
    return locale


def format_number(value: float, language: str, unit: str = "") -> str:
    """`value` with the language's decimal and group separators, then `unit` if any."""
    shown = format_decimal(round(value, 6), format="#,##0.###", locale=locale_of(language))
    if not unit:
        return shown
    if unit == "%":  # the language's own spacing: "4.1%", "4,1 %"
        pattern = locale_of(language).percent_formats[None].pattern
        between = pattern[pattern.rfind("0") + 1 : pattern.find("%")] if "%" in pattern else ""
        return f"{shown}{between if between.isspace() else ''}%"
    return f"{shown}\u00a0{unit}"


def format_date(value: dt.date, language: str, dates: Sequence[dt.date] = ()) -> str:
    """`value` as a month and year (a year alone when every date of `dates` is a 1 January)."""
    yearly = all(date.month == 1 and date.day == 1 for date in [*dates, value])
    skeleton = "y" if yearly else "yMMM"
    return format_skeleton(skeleton, value, locale=locale_of(language))


def format_category(
    value: str | float | dt.date, language: str, dates: Sequence[dt.date] = ()
) -> str:
    """A category as a reader sees it: text as written, numbers and dates for the language."""
    if isinstance(value, dt.date):
        return format_date(value, language, dates)
    if isinstance(value, float):
        return format_number(value, language) if not value.is_integer() else str(int(value))
    return value
