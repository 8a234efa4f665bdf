"""Front matter values: each key's converter, from what YAML or TOML gave to what a brief uses.

A converter raises `ValueError` with what was expected and what was found.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from briefing.read.editions.sections import EDITION_NAME, Edition

_ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}([ T].*)?$")
_LANGUAGE = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")
_TEMPLATE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"must be text, got {describe(value)}")
    return str(value).strip()


def _text_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if not isinstance(value, list):
        raise ValueError(f"must be a list of text, got {describe(value)}")
    return tuple(_text(item) for item in value)


def _date(value: Any) -> dt.date | str:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if _ISO_DATE.match(text):  # looks like a date: a typo in it must not pass as text
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            raise ValueError(f"is not a real date: {text!r}") from None
    return text  # free-form ("February 2019", "today"): printed as written


def _people(value: Any) -> str:
    """An author as text; Pandoc and Quarto allow a list, and mappings with a `name` (itself
    text or a mapping with `given` and `family`) and `affiliations` (printed in brackets)."""
    if isinstance(value, dict):
        name = value.get("name", "")
        if isinstance(name, dict):
            name = " ".join(str(name.get(key, "")) for key in ("given", "family")).strip()
        text = _text(name or value.get("literal", ""))
        places = value.get("affiliations", value.get("affiliation"))
        where = _affiliations(places)
        return f"{text} ({where})" if text and where else text
    if isinstance(value, list):
        return ", ".join(filter(None, (_people(item) for item in value)))
    return _text(value)


def _affiliations(value: Any) -> str:
    """Quarto's affiliations: text, mappings with a `name`, or lists of either."""
    if isinstance(value, list):
        return ", ".join(filter(None, (_affiliations(item) for item in value)))
    if isinstance(value, dict):
        value = value.get("name", "")
    return str(value).strip() if isinstance(value, str | int | float) else ""


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"must be true or false, got {value!r}")
    return value


def _language(value: Any) -> str:
    text = _text(value).replace("_", "-")
    if not _LANGUAGE.match(text):
        raise ValueError(f"must be a language tag such as 'en' or 'en-GB', got {text!r}")
    return text


def _template(value: Any) -> str:
    return _name(value, "a template name")


def _name(value: Any, what: str) -> str:
    text = _text(value)
    if not _TEMPLATE_NAME.match(text):
        raise ValueError(f"must be {what} (letters, digits, - and _), got {text!r}")
    return text


def _sources(value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise ValueError(f"must map each source key to its reference, got {describe(value)}")
    return tuple((str(key), _text(text)) for key, text in value.items())


_EDITION_LINES = ("classification", "distribution")


def _editions(value: Any) -> tuple[Edition, ...]:
    """`editions:` as a list of names, or a mapping of each name to its `classification` and
    `distribution` lines."""
    if isinstance(value, list | str):
        value = dict.fromkeys(_text_list(value))
    if not isinstance(value, dict):
        raise ValueError(f"must map each edition to its lines, got {describe(value)}")
    editions = []
    for name, lines in value.items():
        name = _text(name)
        if not EDITION_NAME.match(name):
            raise ValueError(f"names an edition {name!r}: use letters, digits, - and _")
        lines = lines if lines is not None else {}
        if not isinstance(lines, dict) or set(lines) - set(_EDITION_LINES):
            raise ValueError(f"edition {name!r} may give only 'classification' and 'distribution'")
        classification, distribution = (_text(lines.get(key, "")) for key in _EDITION_LINES)
        editions.append(Edition(name, classification, distribution))
    return tuple(editions)


def _choices(values: tuple[str, ...], allowed: tuple[str, ...]) -> tuple[str, ...]:
    for value in values:
        if value not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}, got {value!r}")
    return values


CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "title": _text,
    "subtitle": _text,
    "abstract": lambda value: tuple(
        " ".join(paragraph.split()) for paragraph in _text(value).split("\n\n") if paragraph.strip()
    ),
    "date": _date,
    "author": _people,
    "organisation": _text,
    "language": _language,
    "keywords": _text_list,
    "summary": _text_list,
    "ai_assisted": _boolean,
    "notice": _text,
    "notice_short": _text,
    "template": _template,
    "attachments": _text_list,
    "profiles": lambda value: (
        _choices(_text_list(value), ("brief", "handout", "email", "all")) or ("brief",)
    ),
    "paper": lambda value: _choices((_text(value).lower(),), ("a4", "letter"))[0],
    "handout": lambda value: _choices((_text(value),), ("full", "summary"))[0],
    "sections_on_right": _boolean,
    "classification": _text,
    "distribution": _text,
    "sources": _sources,
    "bibliography": lambda value: (_text(value),) if isinstance(value, str) else _text_list(value),
    "csl": _text,
    "parts": _text_list,
    "to": _people,
    "status": lambda value: _choices((_text(value).lower(),), ("draft", "final"))[0],
    "brand": lambda value: _name(value, "a brand name"),
    "editions": _editions,
}


def describe(value: Any) -> str:
    """A value's kind in words, for messages: "a mapping", "a list", or its repr."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)
