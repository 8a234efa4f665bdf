"""BibTeX as people export it (Zotero, JabRef, Google Scholar), read by bibtexparser into
CSL-JSON items for citeproc-py: comments, `@string`, `@comment`, braces and accents,
`month = jan`, biblatex's fields and entry types. A malformed entry is left out with a warning
naming its line; the others still cite."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from briefing.errors import ContentWarning

_TYPES = {
    "article": "article-journal", "book": "book", "booklet": "pamphlet", "inbook": "chapter",
    "incollection": "chapter", "inproceedings": "paper-conference", "conference":
    "paper-conference", "proceedings": "book", "phdthesis": "thesis", "mastersthesis": "thesis",
    "thesis": "thesis", "techreport": "report", "report": "report", "manual": "book",
    "unpublished": "manuscript", "online": "webpage", "www": "webpage", "electronic": "webpage",
    "patent": "patent", "dataset": "dataset", "periodical": "periodical",
}  # fmt: skip
"""BibTeX and biblatex entry types as CSL types; any other type is cited as an article."""
_TEXT_FIELDS = {
    "title": "title", "journal": "container-title", "journaltitle": "container-title",
    "booktitle": "container-title", "volume": "volume", "number": "issue", "issue": "issue",
    "pages": "page", "publisher": "publisher", "institution": "publisher", "school": "publisher",
    "organization": "publisher", "address": "publisher-place", "location": "publisher-place",
    "doi": "DOI", "url": "URL", "isbn": "ISBN", "issn": "ISSN", "edition": "edition",
    "series": "collection-title", "note": "note", "type": "genre", "howpublished": "medium",
    "chapter": "chapter-number",
}  # fmt: skip
_THESIS_GENRES = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
_BRACES = re.compile(r"[{}]")


def read_bibtex(path: Path, text: str) -> tuple[list[dict[str, Any]], list[ContentWarning]]:
    """The entries of BibTeX `text` (the file `path`) as CSL-JSON items, and a warning for
    each entry that cannot be read."""
    import bibtexparser  # deferred: only briefs with a BibTeX bibliography load it
    from bibtexparser import middlewares

    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # its failures are ours
    library = bibtexparser.parse_string(  # type: ignore[attr-defined]
        text,
        append_middleware=[
            middlewares.MonthIntMiddleware(True),
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
        ],
    )
    warnings = [
        ContentWarning(
            path,
            (block.start_line or 0) + 1,
            f"cannot read this BibTeX entry, left out: {_first_line(block.raw or '')!r}",
        )
        for block in library.failed_blocks
    ]
    return [_csl_item(entry) for entry in library.entries], warnings


def _csl_item(entry: Any) -> dict[str, Any]:
    """One bibtexparser entry as a CSL-JSON item."""
    fields = {field.key.lower(): field.value for field in entry.fields}
    kind = entry.entry_type.lower()
    item: dict[str, Any] = {"id": entry.key, "type": _TYPES.get(kind, "article")}
    for name, csl_name in _TEXT_FIELDS.items():
        value = fields.get(name)
        if isinstance(value, str | int) and csl_name not in item:
            item[csl_name] = _plain(str(value))
    if kind in _THESIS_GENRES and "genre" not in item:
        item["genre"] = _THESIS_GENRES[kind]
    for role in ("author", "editor", "translator"):
        if isinstance(fields.get(role), list):
            item[role] = [_person(name) for name in fields[role]]
    issued = _date_parts(fields.get("date"), fields.get("year"), fields.get("month"))
    if issued:
        item["issued"] = {"date-parts": [issued]}
    accessed = _date_parts(fields.get("urldate"), None, None)
    if accessed:
        item["accessed"] = {"date-parts": [accessed]}
    return item


def _person(name: Any) -> dict[str, str]:
    """A name split by bibtexparser as CSL family and given names; `{Org Name}` is literal."""
    last = " ".join(name.last)
    if not name.first and last.startswith("{") and last.endswith("}"):
        return {"literal": _plain(last)}
    person = {"family": _plain(last), "given": _plain(" ".join(name.first))}
    if name.von:
        person["non-dropping-particle"] = _plain(" ".join(name.von))
    if name.jr:
        person["suffix"] = _plain(" ".join(name.jr))
    return {key: value for key, value in person.items() if value}


def _date_parts(date: Any, year: Any, month: Any) -> list[int]:
    """`date = 2020-03-04` (biblatex), or `year` and `month`, as CSL date parts."""
    if isinstance(date, str) and (match := _DATE.match(date.strip())):
        return [int(part) for part in match.groups() if part]
    found = _DATE.search(str(year)) if year is not None else None
    if found is None:
        return []
    parts = [int(found[1])]
    if isinstance(month, int) and 1 <= month <= 12:
        parts.append(month)
    return parts


def _plain(value: str) -> str:
    """LaTeX markup as the text it prints: accents decoded, braces and commands removed."""
    from pylatexenc.latex2text import LatexNodes2Text  # deferred, with bibtexparser

    if "\\" in value or "$" in value:
        try:
            value = LatexNodes2Text(math_mode="verbatim").latex_to_text(value)
        except Exception:  # pylatexenc raises several kinds on odd markup: keep it as written
            value = _BRACES.sub("", value)
    return " ".join(_BRACES.sub("", value).replace("--", "\u2013").split())


def _first_line(raw: str) -> str:
    return raw.strip().split("\n", 1)[0][:60]
