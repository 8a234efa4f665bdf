"""Copies as incremental updates written by hand: the original PDF is parsed once, and each copy
is its bytes followed by a few new objects (the stamp, the pages that draw it, the Info
dictionary) and a cross-reference section pointing back to the original's (`/Prev`).

pypdf's own incremental writer re-reads and hashes the whole document for every copy (~10% of
a cold build of the NATO brief); this costs a few milliseconds. The pages' new objects are the
same bytes for every copy, as the stamp always gets the same object number.
"""

from __future__ import annotations

import hashlib
import io
import re
import zlib
from collections.abc import Mapping
from typing import Any

from briefing.distribution.pypdf_adapter import copy_encoded_data
from briefing.distribution.stamp import AFTER_PAGE, BEFORE_PAGE, STAMP_NAME, stamp_form

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")


class Update:
    """An original PDF, parsed once, ready to be given one stamp after another."""

    def __init__(self, original: bytes) -> None:
        from pypdf import PdfReader

        self.original = original if original.endswith(b"\n") else original + b"\n"
        reader = PdfReader(io.BytesIO(original))
        trailer: Any = reader.trailer
        match = _STARTXREF.search(original[-1024:])
        if match is None:
            raise ValueError("no startxref at the end of the PDF")
        self.previous = int(match[1])
        self.stream_xref = b"trailer" not in original[self.previous : self.previous + 16]
        self.root = trailer.raw_get("/Root")
        info = trailer.raw_get("/Info") if "/Info" in trailer else None
        self.info_dict = dict(info.get_object().items()) if info is not None else {}
        size = int(trailer["/Size"])
        self.form, before, after = size, size + 1, size + 2
        self.info = (info.idnum, info.generation) if info is not None else (size + 3, 0)
        self.next_free = size + 4
        identifiers = trailer.get("/ID")
        self.first_id = bytes(identifiers[0]) if identifiers else b""
        self.constant = [
            ((before, 0), _stream(BEFORE_PAGE)),
            ((after, 0), _stream(AFTER_PAGE)),
        ]
        self.constant += _stamped_pages(reader, self.form, before, after)

    def stamped(
        self, stamp_page: Any, numbers: dict[int, int], metadata: Mapping[str, str]
    ) -> bytes:
        """The original with `stamp_page` drawn on every page and `metadata` added to its
        Info dictionary; `numbers` maps the stamp PDF's objects to new object numbers, and
        grows as this copy needs more of them."""
        from pypdf.generic import DictionaryObject, NameObject, TextStringObject

        objects = list(self.constant)
        resources = _renumbered(stamp_page["/Resources"], numbers, self, objects)
        form = stamp_form(stamp_page, resources).flate_encode()
        objects.append(((self.form, 0), _serialised(form)))
        info = DictionaryObject(self.info_dict)
        for key, value in metadata.items():
            info[NameObject(key)] = TextStringObject(value)
        objects.append((self.info, _serialised(info)))
        return self._written(objects, _digest(metadata))

    def _written(self, objects: list[tuple[tuple[int, int], bytes]], second_id: bytes) -> bytes:
        output = bytearray(self.original)
        offsets: dict[int, tuple[int, int]] = {}
        for (number, generation), data in objects:
            offsets[number] = (len(output), generation)
            output += b"%d %d obj\n%s\nendobj\n" % (number, generation, data)
        identifiers = b"[<%s> <%s>]" % (self.first_id.hex().encode(), second_id.hex().encode())
        common = b"/Root %d %d R /Info %d %d R /Prev %d /ID %s" % (
            self.root.idnum, self.root.generation, *self.info, self.previous, identifiers,
        )  # fmt: skip
        start = len(output)
        if self.stream_xref:
            number = max(offsets) + 1
            offsets[number] = (start, 0)
            output += _xref_stream(number, offsets, common)
        else:
            output += _xref_table(offsets, max(offsets) + 1, common)
        output += b"startxref\n%d\n%%%%EOF\n" % start
        return bytes(output)


def _stamped_pages(
    reader: Any, form: int, before: int, after: int
) -> list[tuple[tuple[int, int], bytes]]:
    """Each page object (and a shared resources object) as it is with the stamp drawn."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    written: dict[tuple[int, int], bytes] = {}
    stamp = IndirectObject(form, 0, None)
    for page in reader.pages:
        raw = DictionaryObject(page.items())
        resources_reference = raw.raw_get("/Resources")
        resources = DictionaryObject(page["/Resources"].get_object().items())
        xobjects = resources.raw_get("/XObject") if "/XObject" in resources else None
        xobjects = DictionaryObject(xobjects.get_object().items() if xobjects is not None else {})
        xobjects[NameObject(STAMP_NAME)] = stamp
        resources[NameObject("/XObject")] = xobjects
        if isinstance(resources_reference, IndirectObject):  # shared by pages: changed once
            key = (resources_reference.idnum, resources_reference.generation)
            written[key] = _serialised(resources)
        else:
            raw[NameObject("/Resources")] = resources
        contents = raw.raw_get("/Contents")  # a stream, an array, or a reference to either
        resolved = contents.get_object()
        streams = list(resolved) if isinstance(resolved, ArrayObject) else [contents]
        raw[NameObject("/Contents")] = ArrayObject(
            [IndirectObject(before, 0, None), *streams, IndirectObject(after, 0, None)]
        )
        reference = page.indirect_reference
        written[(reference.idnum, reference.generation)] = _serialised(raw)
    return list(written.items())


def _renumbered(value: Any, numbers: dict[int, int], update: Update, objects: list[Any]) -> Any:
    """`value` from the stamp PDF with its references renumbered; each object it reaches is
    added to `objects` (once)."""
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        IndirectObject,
        StreamObject,
    )

    if isinstance(value, IndirectObject):
        if value.idnum not in numbers:
            numbers[value.idnum] = update.next_free + len(numbers)
        number = numbers[value.idnum]
        if not any(key == (number, 0) for key, _ in objects):
            objects.append(((number, 0), b""))  # reserved, so cycles end here
            index = len(objects) - 1
            resolved = _renumbered(value.get_object(), numbers, update, objects)
            objects[index] = ((number, 0), _serialised(resolved))
        return IndirectObject(number, 0, None)
    if isinstance(value, StreamObject):
        copied = value.__class__()
        copy_encoded_data(value, copied)
        copied.update(
            {key: _renumbered(item, numbers, update, objects) for key, item in value.items()}
        )
        return copied
    if isinstance(value, DictionaryObject):
        return DictionaryObject(
            {key: _renumbered(item, numbers, update, objects) for key, item in value.items()}
        )
    if isinstance(value, ArrayObject):
        return ArrayObject(_renumbered(item, numbers, update, objects) for item in value)
    return value


def _digest(metadata: Mapping[str, str]) -> bytes:
    """The second file identifier of a copy: it differs from the original's, as it should."""
    return hashlib.sha256(repr(sorted(metadata.items())).encode()).digest()[:16]


def _stream(data: bytes) -> bytes:
    from pypdf.generic import DecodedStreamObject

    stream = DecodedStreamObject()
    stream.set_data(data)
    return _serialised(stream)


def _serialised(value: Any) -> bytes:
    output = io.BytesIO()
    value.write_to_stream(output)
    return output.getvalue()


def _xref_stream(number: int, offsets: dict[int, tuple[int, int]], common: bytes) -> bytes:
    """A cross-reference stream (PDF 1.5) listing `offsets`, itself object `number`."""
    numbers = sorted(offsets)
    index: list[int] = []
    for current in numbers:
        if index and index[-2] + index[-1] == current:
            index[-1] += 1
        else:
            index += [current, 1]
    rows = b"".join(
        b"\x01" + offsets[n][0].to_bytes(4, "big") + offsets[n][1].to_bytes(2, "big")
        for n in numbers
    )
    data = zlib.compress(rows)
    header = b"<< /Type /XRef /Size %d /Index [%s] /W [1 4 2] /Filter /FlateDecode" % (
        number + 1, " ".join(map(str, index)).encode(),
    )  # fmt: skip
    header += b" /Length %d %s >>" % (len(data), common)
    return b"%d 0 obj\n%s\nstream\n%s\nendstream\nendobj\n" % (number, header, data)


def _xref_table(offsets: dict[int, tuple[int, int]], size: int, common: bytes) -> bytes:
    """A classic cross-reference table and trailer listing `offsets`."""
    output = bytearray(b"xref\n")
    for number in sorted(offsets):
        offset, generation = offsets[number]
        output += b"%d 1\n%010d %05d n \n" % (number, offset, generation)
    output += b"trailer\n<< /Size %d %s >>\n" % (size, common)
    return bytes(output)
