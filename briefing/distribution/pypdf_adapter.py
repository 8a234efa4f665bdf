"""pypdf's private corners, in one place: adding an object to a writer without a page, and
copying a stream's encoded bytes as they are. `tests/test_house_adapters.py` pins each."""

from __future__ import annotations

from typing import Any


def add_object(writer: Any, value: Any) -> Any:
    """Add `value` to `writer` as an indirect object of its own; its reference."""
    return writer._add_object(value)


def copy_encoded_data(source: Any, target: Any) -> None:
    """Give stream `target` the encoded bytes of `source`, not decoded and encoded again."""
    target._data = source._data
