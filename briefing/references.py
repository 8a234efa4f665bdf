"""The verification workflow in the text: unverified claims, cited sources, figure references.

In Markdown, `{?text?}` marks a claim the author has not verified, `[@key]` cites a source from
front matter `sources:`, and `@fig:name` refers to a figure placed with `::: figure name`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentWarning

CLAIM_OPENING = "{?"
"""`{?` opens a claim and `?}` closes it; a claim holds no other `{?`, so no scan for the end of
one claim goes past the next opening: finding every claim reads the text a bounded number of
times, however many openings are left unclosed."""
CITATION = re.compile(r"\[@(?P<key>[A-Za-z0-9_-]+)\](?!\()")  # `[@name](url)` is a link
FIGURE_REFERENCE = re.compile(r"@fig:(?P<name>[A-Za-z0-9_-]+)")


@dataclass(frozen=True)
class Claim:
    """An unverified claim: its number in the appendix, its text and its line in the source."""

    number: int
    text: str
    line: int


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
    path: Path, body: str, body_line: int, sources: set[str], figures: set[str]
) -> list[ContentWarning]:
    """A warning for each citation of an undeclared source and each reference to a figure
    that is not placed, both printed as written (Pandoc does the same); a name used again on
    later lines is one warning, at its first line, that counts them."""
    warnings = []
    for pattern, known, what, hint in (
        (CITATION, sources, "source", "declare it under 'sources:' in the front matter"),
        (FIGURE_REFERENCE, figures, "figure", "place it with a '::: figure NAME' line"),
    ):
        lines = _LineCounter(body, body_line)
        unknown: dict[str, tuple[int, str, int]] = {}  # name: first line, as written, times
        for match in pattern.finditer(body):
            name = match.group(1)
            if name not in known:
                line, written, times = unknown.get(
                    name, (lines.line_of(match.start()), match[0], 0)
                )
                unknown[name] = (line, written, times + 1)
        for name, (line, written, times) in unknown.items():
            again = f" ({times:,} times)" if times > 1 else ""
            message = f"unknown {what} '{name}' in {written!r}{again}, printed as written: {hint}"
            warnings.append(ContentWarning(path, line, message))
    return warnings


def describe_claims(path: Path, claims: tuple[Claim, ...]) -> str:
    """One line naming every remaining claim with its file:line, for `--final`."""
    listed = "; ".join(f"line {claim.line}: {_shorten(claim.text)!r}" for claim in claims)
    return f"{len(claims)} claim(s) still to verify (--final): {listed}"


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
