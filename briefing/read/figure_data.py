"""Figure data files: a brief's `::: figure NAME` reads `data/NAME.yaml` into a `Figure` whose
drawing is typed values, every problem reported with its line. Nothing is drawn here: the
figures are drawn at render (`render.charts`).

A data file names its `type`: `overlap` (two sides and what they share), `timeline` (dated
events), or a chart of columns and rows (`bar`, `stacked-bar`, `line`, `dot`:
`read.charts`); and `caption`, `alt` (generated for a chart that gives none) and `source`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.errors import ContentError, ContentWarning
from briefing.read.charts.alt_text import describe
from briefing.read.charts.model import CHART_KINDS, Chart
from briefing.read.charts.parse import load_chart
from briefing.read.charts.records import TableReader
from briefing.read.labels import Labels, load_labels
from briefing.yamlio import load_yaml

DRAWING_KINDS = ("overlap", "timeline")
"""The figure types that are not charts of data: drawn by their own code in `render.charts`."""

FIGURE_TYPES = (*DRAWING_KINDS, *CHART_KINDS)
"""Every figure `type` a data file may name."""


@dataclass(frozen=True)
class Zone:
    """One side of an overlap figure: its label and its items."""

    label: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Overlap:
    """Two overlapping sides: what is left's alone, what both share, what is right's alone."""

    left: Zone
    shared: Zone
    right: Zone


@dataclass(frozen=True)
class Timeline:
    """Dated events, in order of their year."""

    events: tuple[tuple[int, str], ...]


Drawing = Overlap | Timeline | Chart


@dataclass(frozen=True)
class Figure:
    """A placed figure: what it draws (typed values) and the words around and behind it."""

    name: str
    caption: str
    alt: str
    source: str
    path: Path
    drawing: Drawing
    warnings: tuple[ContentWarning, ...] = ()
    """What reading its data found that does not stop the build."""

    @property
    def chart(self) -> Chart | None:
        """The chart of data this figure draws, if it is one."""
        return self.drawing if isinstance(self.drawing, Chart) else None


class _DataError(ContentError):
    """Bad figure data; `key` is the top-level key whose line the final error reports."""

    def __init__(self, message: str, path: Path, key: str) -> None:
        super().__init__(message, path)
        self.key = key


def _text(value: Any, name: str, path: Path, key: str) -> str:
    """`value` as non-blank text, or an error naming `name` (found under top-level `key`)."""
    if not isinstance(value, str) or not value.strip():
        raise _DataError(f"`{name}` must be non-empty text", path, key)
    return value.strip()


def _texts(value: Any, name: str, path: Path, key: str) -> tuple[str, ...]:
    """`value` as a non-empty list of texts."""
    if not isinstance(value, list) or not value:
        raise _DataError(f"`{name}` must be a non-empty list of text items", path, key)
    return tuple(_text(item, f"{name}[{index}]", path, key) for index, item in enumerate(value))


def _overlap(data: dict[str, Any], path: Path, shared_label: str) -> Overlap:
    """Two sides, each `label` and `items`, and the `shared` items."""
    zones = []
    for key in ("left", "right"):
        zone = data.get(key)
        if not isinstance(zone, dict):
            raise _DataError(f"`{key}` must be a mapping with `label` and `items`", path, key)
        label = _text(zone.get("label"), f"{key}.label", path, key)
        zones.append(Zone(label, _texts(zone.get("items"), f"{key}.items", path, key)))
    label = _text(data.get("shared_label", shared_label), "shared_label", path, "shared_label")
    shared = Zone(label, _texts(data.get("shared"), "shared", path, "shared"))
    return Overlap(zones[0], shared, zones[1])


def _timeline(data: dict[str, Any], path: Path) -> Timeline:
    """`events`, each a whole `year` and a `label`, sorted by year."""
    raw = data.get("events")
    if not isinstance(raw, list) or not raw:
        raise _DataError("`events` must be a non-empty list of {year, label}", path, "events")
    events: list[tuple[int, str]] = []
    for index, event in enumerate(raw):
        year = event.get("year") if isinstance(event, dict) else None
        if not isinstance(year, int) or isinstance(year, bool):
            raise _DataError(f"`events[{index}].year` must be a whole year", path, "events")
        events.append((year, _text(event.get("label"), f"events[{index}].label", path, "events")))
    return Timeline(tuple(sorted(events, key=lambda event: event[0])))


def _no_tables(name: str) -> tuple[Path, str] | None:
    return None


def load_figure(
    path: Path,
    text: str,
    labels: Labels | None = None,
    read_table: TableReader = _no_tables,
) -> Figure:
    """Parse the figure data file `path` (YAML) whose contents are `text`; `labels` are the
    brief's (the shared side's name, generated alt text), `read_table` reads a table's data
    file for `table: NAME`."""
    labels = labels or load_labels("en")[0]
    data, key_lines = load_yaml(text, path)
    if not isinstance(data, dict):
        raise ContentError("a figure data file must be a mapping: type, caption, alt...", path, 1)
    try:
        kind = data.get("type")
        if not isinstance(kind, str) or kind not in FIGURE_TYPES:
            what = "missing `type`" if kind is None else f"unknown figure `type` {kind!r}"
            raise _DataError(f"{what}; known types: {', '.join(FIGURE_TYPES)}", path, "type")
        caption = _text(data.get("caption"), "caption", path, "caption")
        alt = data.get("alt")
        if kind in DRAWING_KINDS or alt is not None:
            alt = _text(alt, "alt", path, "alt")
        source = data.get("source") or ""  # "" (or no source line at all) is allowed
        if not isinstance(source, str):
            raise _DataError("`source` must be text", path, "source")
        warnings: list[ContentWarning] = []
        drawing: Drawing
        if kind == "overlap":
            drawing = _overlap(data, path, labels.both)
        elif kind == "timeline":
            drawing = _timeline(data, path)
        else:
            drawing, warnings = load_chart(data, key_lines, path, text, labels.language, read_table)
            alt = alt or describe(drawing, caption, labels)
    except _DataError as error:
        raise ContentError(error.message, path, key_lines.get(error.key, 1)) from None
    return Figure(path.stem, caption, str(alt), source.strip(), path, drawing, tuple(warnings))
