"""The verification workflow in the text: unverified claims, citations, cross-references.

In Markdown, `{?text?}` marks a claim the author has not verified, `[@key]` cites a source from
front matter `sources:` or the `bibliography:` file (`[-@key]` without the author, a bare
`@key` of the bibliography as "Author (year)"), and `@fig:name`, `@tbl:name` and `@sec:slug`
(or Quarto's `@fig-name`…, `@eq-name`) refer to a figure, a table, a section or an equation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import ContentWarning, display_path
from briefing.read.parts import Part
from briefing.read.writing_systems import NAME

KEY = r"[A-Za-z0-9_](?:[\w:./+-]*\w)?"
_CROSS_REFERENCE_PREFIX = r"(?!(?:fig|tbl|sec|eq)[:-])"  # `[@fig:a]` is a reference, not a citation
_ITEM = rf"-?@{_CROSS_REFERENCE_PREFIX}{KEY}(?:, *[^;\[\]\n]+?)?"
CITATION = re.compile(rf"\[(?P<items>{_ITEM}(?: *; *{_ITEM})*)\](?!\()")  # `[@a](url)`: a link
"""`[@key]`, `[@key, p. 12]`, `[-@key]` and `[@a; @b]`, as Pandoc writes them."""
_ITEM_PARTS = re.compile(rf"(?P<suppress>-?)@(?P<key>{KEY})(?:, *(?P<locator>.+))?", re.DOTALL)
NARRATIVE_CITATION = re.compile(rf"(?<![\w.@\[-])@{_CROSS_REFERENCE_PREFIX}(?P<key>{KEY})")
"""A bare `@key` (Pandoc's narrative citation): a citation only when the bibliography defines
the key, so that `@mentions` and e-mail addresses stay text."""


@dataclass(frozen=True)
class CitedItem:
    """One key of a citation and its locator as written ("p. 12"), if any."""

    key: str
    locator: str = ""
    suppress_author: bool = False
    """`-@key`: the year alone, the author being named in the sentence."""


def cited_items(items: str) -> tuple[CitedItem, ...]:
    """The items of a citation's text between its brackets: `@a, p. 12; @b`."""
    found = []
    for piece in items.split(";"):
        match = _ITEM_PARTS.fullmatch(piece.strip())
        if match:
            locator = (match["locator"] or "").strip()
            found.append(CitedItem(match["key"], locator, bool(match["suppress"])))
    return tuple(found)


CLAIM_OPENING = "{?"
"""`{?` opens a claim and `?}` closes it; a claim holds no other `{?`, so no scan for the end of
one claim goes past the next opening: finding every claim reads the text a bounded number of
times, however many openings are left unclosed."""
CROSS_REFERENCE = re.compile(rf"(?<![\w.])@(?P<kind>fig|tbl|sec|eq)[:-](?P<name>{NAME})")
"""`@fig:name`, `@tbl:name`, `@sec:slug` (pandoc-crossref) or `@fig-name`… (Quarto); the
look-behind keeps an email address (`press@sec-gov.org`) out."""
CROSS_REFERENCE_KINDS = {"fig": "figure", "tbl": "table", "sec": "section", "eq": "equation"}
NUMBERED = re.compile(
    r"^::: *(?P<kind>table|figure) +(?P<name>\S+)"
    r"|\{#(?P<label>fig|tbl|eq)[:-](?P<id>[A-Za-z0-9_-]+)",
    re.MULTILINE,
)
"""What gets a number: a placed table or figure (`::: table NAME`) and a Quarto label
(`{#fig-name}` on an image or a div, `{#tbl-name}` on a table's caption, `{#eq-name}`)."""
_NUMBERED_KINDS = {"table": "tbl", "figure": "fig"}


def numbered_names(body: str) -> dict[str, list[str]]:
    """The names of the figures, tables and equations of `body` in document order, by kind
    ("fig", "tbl", "eq"): the order of their numbers."""
    found: dict[str, list[str]] = {"fig": [], "tbl": [], "eq": []}
    for match in NUMBERED.finditer(body):
        kind = _NUMBERED_KINDS[match["kind"]] if match["kind"] else match["label"]
        name = match["name"] or match["id"]
        if name not in found[kind]:
            found[kind].append(name)
    return found


@dataclass(frozen=True)
class Claim:
    """An unverified claim: its number in the appendix, its text and its line in the source."""

    number: int
    text: str
    line: int
    path: Path | None = None
    """The file the claim is in, when the brief has parts."""

    def listed(self) -> str:
        """The claim as a list shows it: `part.md, line 12: text` (no file for a whole brief)."""
        where = f"{display_path(self.path)}, " if self.path else ""
        return f"{where}line {self.line}: {self.text}"


def claim_end(text: str, start: int) -> int | None:
    """Where the claim opening at `start` ends (just after its `?}`), or None when no `?}`
    closes it before the next `{?` or the end of `text`; it needs at least one character."""
    limit = text.find(CLAIM_OPENING, start + 2)
    close = text.find("?}", start + 3, len(text) if limit == -1 else limit)
    return None if close == -1 else close + 2


def find_claims(body: str, body_line: int) -> tuple[Claim, ...]:
    """Every `{?…?}` claim in `body` (which starts on `body_line`), numbered in order."""
    claims: list[Claim] = []
    lines = _LineCounter(body, body_line)
    start = body.find(CLAIM_OPENING)
    while start != -1:
        end = claim_end(body, start)
        if end is None:
            start = body.find(CLAIM_OPENING, start + 2)
            continue
        text = " ".join(body[start + 2 : end - 2].split())
        claims.append(Claim(len(claims) + 1, text, lines.line_of(start)))
        start = body.find(CLAIM_OPENING, end)
    return tuple(claims)


class _LineCounter:
    """Line numbers of increasing offsets in one text, each newline counted once."""

    def __init__(self, text: str, first_line: int) -> None:
        self.text, self.offset, self.line = text, 0, first_line

    def line_of(self, offset: int) -> int:
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def check_references(
    path: Path,
    body: str,
    body_line: int,
    citable: set[str],
    figures: set[str],
    tables: set[str] | None = None,
    equations: set[str] | None = None,
) -> list[ContentWarning]:
    """A warning for each citation of a key neither `sources:` nor the bibliography defines
    (`citable`) and each reference to a figure or table that is not placed (`tables` None:
    tables are not checked), printed as written (Pandoc does the same); a name used again on
    later lines is one warning, at its first line, that counts them. Sections are checked when
    the headings are known, in rendering."""
    hints = {
        "source": "declare it under 'sources:' or in the 'bibliography:' file",
        "figure": "place it with a '::: figure NAME' line",
        "table": "place it with a '::: table NAME' line",
        "equation": "label one with '$$ ... $$ {#eq-NAME}'",
    }
    placed = {"figure": figures, **({"table": tables} if tables is not None else {})}
    if equations is not None:
        placed["equation"] = equations
    unknown: dict[tuple[str, str], tuple[int, str, int]] = {}  # first line, as written, times
    lines = _LineCounter(body, body_line)
    for match in CITATION.finditer(body):
        for item in cited_items(match["items"]):
            if item.key not in citable:
                _count(unknown, ("source", item.key), lines.line_of(match.start()), match[0])
    lines = _LineCounter(body, body_line)
    for match in CROSS_REFERENCE.finditer(body):
        what = CROSS_REFERENCE_KINDS[match["kind"]]
        if what in placed and match["name"] not in placed[what]:
            _count(unknown, (what, match["name"]), lines.line_of(match.start()), match[0])
    warnings = []
    for (what, name), (line, written, times) in unknown.items():
        again = f" ({times:,} times)" if times > 1 else ""
        message = (
            f"unknown {what} '{name}' in {written!r}{again}, printed as written: {hints[what]}"
        )
        warnings.append(ContentWarning(path, line, message))
    return warnings


def _count(
    unknown: dict[tuple[str, str], tuple[int, str, int]],
    name: tuple[str, str],
    line: int,
    written: str,
) -> None:
    first_line, first_written, times = unknown.get(name, (line, written, 0))
    unknown[name] = (first_line, first_written, times + 1)


def describe_claims(path: Path, claims: tuple[Claim, ...]) -> str:
    """One line naming every remaining claim with its file:line, for `--final`."""
    listed = "; ".join(f"line {claim.line}: {_shorten(claim.text)!r}" for claim in claims)
    return f"{len(claims)} claim(s) still to verify (--final): {listed}"


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def number_claims(parts: list[Part]) -> tuple[Claim, ...]:
    """The claims of every part, numbered across them; each names its file when there are
    several parts."""
    claims: list[Claim] = []
    for part in parts:
        for claim in find_claims(part.body, part.body_line):
            where = part.path if len(parts) > 1 else None
            claims.append(Claim(len(claims) + 1, claim.text, claim.line, where))
    return tuple(claims)
