"""The verification workflow in the text: unverified claims, cited sources, figure references.

In Markdown, `{?text?}` marks a claim the author has not verified, `[@key]` cites a source from
front matter `sources:`, and `@fig:name` refers to a figure placed with `::: figure name`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentWarning

CLAIM = re.compile(r"\{\?(?P<text>.+?)\?\}", re.DOTALL)
CITATION = re.compile(r"\[@(?P<key>[A-Za-z0-9_-]+)\](?!\()")  # `[@name](url)` is a link
FIGURE_REFERENCE = re.compile(r"@fig:(?P<name>[A-Za-z0-9_-]+)")


@dataclass(frozen=True)
class Claim:
    """An unverified claim: its number in the appendix, its text and its line in the source."""

    number: int
    text: str
    line: int


def find_claims(body: str, body_line: int) -> tuple[Claim, ...]:
    """Every `{?…?}` claim in `body` (which starts on `body_line`), numbered in order."""
    return tuple(
        Claim(
            number, " ".join(match["text"].split()), body_line + body.count("\n", 0, match.start())
        )
        for number, match in enumerate(CLAIM.finditer(body), start=1)
    )


def check_references(
    path: Path, body: str, body_line: int, sources: set[str], figures: set[str]
) -> list[ContentWarning]:
    """A warning for each citation of an undeclared source and each reference to a figure
    that is not placed: both are printed as written (Pandoc does the same)."""
    warnings = []
    for pattern, known, what, hint in (
        (CITATION, sources, "source", "declare it under 'sources:' in the front matter"),
        (FIGURE_REFERENCE, figures, "figure", "place it with a '::: figure NAME' line"),
    ):
        for match in pattern.finditer(body):
            name = match.group(1)
            if name not in known:
                line = body_line + body.count("\n", 0, match.start())
                message = f"unknown {what} '{name}' in {match[0]!r}, printed as written: {hint}"
                warnings.append(ContentWarning(path, line, message))
    return warnings


def describe_claims(path: Path, claims: tuple[Claim, ...]) -> str:
    """One line naming every remaining claim with its file:line, for `--final`."""
    listed = "; ".join(f"line {claim.line}: {_shorten(claim.text)!r}" for claim in claims)
    return f"{len(claims)} claim(s) still to verify (--final): {listed}"


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
