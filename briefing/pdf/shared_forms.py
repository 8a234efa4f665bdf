"""One copy of each form XObject that WeasyPrint draws the same on many pages.

WeasyPrint draws a page background (a brand's artwork) into a new form XObject on every page,
and an SVG drawing is not shared the way a raster image is: eleven pages carry eleven
identical copies of the same outlines. (The draft watermark is drawn once by the finisher,
`watermark.py`.) In the finisher, before the bytes
are written, every reference to a copy is pointed at the first one and the copies become
empty dictionaries (object numbers stay, so nothing else moves). A form that carries marked
content of the structure tree (an MCID, a StructParent) is never shared.
"""

from __future__ import annotations

import re
from typing import Any

_REFERENCE = re.compile(rb"\d+ 0 R")


def share_identical_forms(pdf: Any) -> None:
    """Point every use of a form XObject at the first identical one, until none is left."""
    for _ in range(4):  # a second round shares forms whose nested forms were just shared
        copies = _copies(pdf)
        if not copies:
            return
        _replace_references(pdf, copies)
        _empty(pdf, copies)


def _copies(pdf: Any) -> dict[bytes, bytes]:
    """The reference of each form that repeats an earlier one, with that earlier one's."""
    import pydyf  # type: ignore[import-untyped]  # WeasyPrint's PDF writer, loaded with it

    first: dict[bytes, bytes] = {}
    copies: dict[bytes, bytes] = {}
    for item in pdf.objects:
        if not isinstance(item, pydyf.Stream) or item.extra.get("Subtype") != "/Form":
            continue
        if "StructParent" in item.extra or "StructParents" in item.extra:
            continue
        key = _key(pdf, item)
        if b"/MCID" in key:
            continue
        kept = first.setdefault(key, item.reference)
        if kept != item.reference:
            copies[item.reference] = kept
    return copies


def _key(pdf: Any, form: Any) -> bytes:
    """Everything that makes up `form`: its dictionary (with its resources written out in
    full) and its content."""
    import pydyf

    extra = pydyf.Dictionary(form.extra)
    resources = extra.get("Resources")
    if isinstance(resources, bytes | str) and _REFERENCE.fullmatch(_bytes(resources)):
        extra["Resources"] = pdf.objects[int(_bytes(resources).split()[0])].data
    content = b"\n".join(
        item if isinstance(item, bytes) else _bytes(item.data if hasattr(item, "data") else item)
        for item in form.stream
    )
    return bytes(extra.data) + b"\nstream\n" + content


def _bytes(value: Any) -> bytes:
    return value if isinstance(value, bytes) else str(value).encode()


def _replace_references(pdf: Any, copies: dict[bytes, bytes]) -> None:
    """Replace every reference to a copy, in every dictionary and array of the PDF."""
    import pydyf

    for item in pdf.objects:
        if isinstance(item, pydyf.Stream):
            _replace_in(item.extra, copies)
        elif isinstance(item, dict) and item.get("Type") == "/StructElem":
            continue  # the structure tree points at no form that may be shared (see above)
        elif isinstance(item, dict | list):
            _replace_in(item, copies)


def _replace_in(container: Any, copies: dict[bytes, bytes]) -> None:
    keys = container.keys() if isinstance(container, dict) else range(len(container))
    for key in list(keys):
        value = container[key]
        if isinstance(value, bytes | str) and _bytes(value) in copies:
            container[key] = copies[_bytes(value)]
        elif isinstance(value, dict | list):
            _replace_in(value, copies)


def _empty(pdf: Any, copies: dict[bytes, bytes]) -> None:
    """Turn each copy into an empty dictionary under the same object number."""
    import pydyf

    for reference in copies:
        number = int(reference.split()[0])
        empty = pydyf.Dictionary()
        empty.number = number
        pdf.objects[number] = empty
