"""The "What changed since …" page as values: per section of the new brief, what changed and
where (an anchor whose page the layout fills in)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChangeItem:
    """One change: what a reader is told, and the anchor of the place it is on."""

    text: str
    anchor: str = ""
    """The id of the changed element; empty for what has no page (the cover's summary)."""


@dataclass(frozen=True)
class ChangedSection:
    """The changes in one section, in the order they appear."""

    title: str
    items: tuple[ChangeItem, ...]


@dataclass(frozen=True)
class ChangesPage:
    """The page after the cover that lists what changed since an earlier edition."""

    heading: str
    """"What changed since 18 November 2026"."""
    sections: tuple[ChangedSection, ...]
    marked: bool
    """Whether the body carries the marks (a redline) or is the clean edition."""
