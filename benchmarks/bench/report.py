"""The results of one run as data: Markdown tables for the README, and JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

SCHEMA = 1
"""The version of the JSON shape; changed when a field changes meaning."""

TIMES = "\N{MULTIPLICATION SIGN}"
"""Between a ratio and what it divides by: `0.88` TIMES `raw WeasyPrint`."""


@dataclass(frozen=True)
class Target:
    """A limit the figure should stay at or under."""

    limit: float
    of: str = "value"
    """`value`, or the name of one of the row's ratios."""


@dataclass(frozen=True)
class Row:
    """One measure: its figure in `unit`, ratios to other figures, a target, a note."""

    key: str
    """Stable name, `section.measure`, that JSON readers and later rows refer to."""
    label: str
    value: float | None = None
    """None when skipped or failed: `note` says why."""
    unit: str = ""
    """`s`, `s/page`, `ms`, `KB`, `MB`, or empty for a plain number."""
    ratios: dict[str, float] = field(default_factory=dict)
    """This figure divided by another: `{"raw WeasyPrint": 0.88}`."""
    target: Target | None = None
    note: str = ""

    def met(self) -> bool | None:
        """Whether the target is met; None without a target or a figure."""
        if self.target is None:
            return None
        figure = self.value if self.target.of == "value" else self.ratios.get(self.target.of)
        return None if figure is None else figure <= self.target.limit


@dataclass(frozen=True)
class Section:
    """A titled table of rows."""

    key: str
    title: str
    rows: list[Row]


@dataclass(frozen=True)
class Report:
    """One run: where and when it ran, and its sections."""

    machine: dict[str, Any]
    sections: list[Section]
    notes: list[str] = field(default_factory=list)
    """Warnings the builds printed, each once."""

    def rows(self) -> dict[str, Row]:
        """Every row by key."""
        return {row.key: row for section in self.sections for row in section.rows}


def to_json(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data; each row also says whether its target is met."""
    sections = [
        {**asdict(section), "rows": [{**asdict(row), "met": row.met()} for row in section.rows]}
        for section in report.sections
    ]
    return {
        "schema": SCHEMA,
        "machine": report.machine,
        "sections": sections,
        "notes": report.notes,
    }


def from_json(data: dict[str, Any]) -> Report:
    """The report that `to_json` made `data` from."""
    if data.get("schema") != SCHEMA:
        raise ValueError(f"expected benchmark results of schema {SCHEMA}, got {data.get('schema')}")
    sections = []
    for section in data["sections"]:
        rows = []
        for row in section["rows"]:
            fields = {key: value for key, value in row.items() if key != "met"}
            target = fields.pop("target")
            rows.append(Row(**fields, target=Target(**target) if target else None))
        sections.append(Section(section["key"], section["title"], rows))
    return Report(data["machine"], sections, list(data.get("notes", [])))


def write_json(report: Report, path: Path) -> None:
    """Write the report to `path` as indented JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(to_json(report), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


def read_json(path: Path) -> Report:
    """The report saved at `path`."""
    return from_json(json.loads(path.read_text(encoding="utf-8")))


def markdown(report: Report, headline: tuple[str, ...] = ()) -> str:
    """The report as Markdown: the machine line, the `headline` rows, then every section."""
    lines = [machine_line(report.machine)]
    known = {
        row.key: replace(row, label=f"{section.key}: {row.label}")
        for section in report.sections
        for row in section.rows
    }
    if chosen := [known[key] for key in headline if key in known]:
        lines += ["", "#### Targets and peers", "", *table(chosen)]
    for section in report.sections:
        lines += ["", f"#### {section.title}", "", *table(section.rows)]
    if report.notes:
        lines += ["", "#### Warnings printed by the builds", ""]
        lines += [f"- `{note}`" for note in report.notes]
    return "\n".join(lines) + "\n"


def machine_line(machine: dict[str, Any]) -> str:
    """One line on when, where and with what the run was made."""
    return " · ".join(f"{key} {value}" if key else str(value) for key, value in _facts(machine))


def _facts(machine: dict[str, Any]) -> list[tuple[str, Any]]:
    peers = ", ".join(
        version or f"{name} not installed" for name, version in machine.get("peers", {}).items()
    )
    cpu = (
        f"{machine.get('architecture')}, {machine.get('cores')} cores, {machine.get('cpu')}, "
        f"{machine.get('memory_gib')} GiB"
    )
    load = f"{machine.get('load_start')} at start, {machine.get('load_end', '?')} at the end"
    runs = f"{machine.get('runs')}{', --quick' if machine.get('quick') else ''}"
    versions = f"Python {machine.get('python')}, WeasyPrint {machine.get('weasyprint')}"
    wall = machine.get("wall_seconds")
    return [
        ("", machine.get("date", "")),
        ("", cpu),
        ("load average", load),
        ("", versions),
        ("peers:", peers or "none"),
        ("code", machine.get("code", "")),
        ("runs", runs),
        ("benchmark wall time", seconds(wall) if isinstance(wall, float | int) else "?"),
    ]


def table(rows: list[Row]) -> list[str]:
    """A Markdown table of `rows`: measure, value, ratios, target."""
    lines = ["| measure | value | ratio | target |", "|---|---|---|---|"]
    for row in rows:
        cells = [row.label, _value(row), _ratios(row), _target(row)]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return lines


def _value(row: Row) -> str:
    if row.value is None:
        return row.note or "—"
    shown = figure(row.value, row.unit)
    return f"{shown} ({row.note})" if row.note else shown


def _ratios(row: Row) -> str:
    return "; ".join(f"{ratio:.2f}{TIMES} {name}" for name, ratio in row.ratios.items())


def _target(row: Row) -> str:
    if row.target is None:
        return ""
    limit = row.target.limit
    of = row.target.of
    what = figure(limit, row.unit) if of == "value" else f"{limit:.2f}{TIMES} {of}"
    met = row.met()
    if met is None:
        return f"≤ {what}"
    if met:
        return f"≤ {what}: met"
    actual = row.value if row.target.of == "value" else row.ratios[row.target.of]
    assert actual is not None  # met() said there is a figure
    return f"≤ {what}: missed by {(actual / limit - 1) * 100:.0f}%"


def figure(value: float, unit: str) -> str:
    """`value` in `unit` as the report shows it."""
    if unit == "s":
        return seconds(value)
    if unit == "s/page":
        return f"{value * 1000:.0f} ms/page"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit in ("KB", "MB"):
        return f"{value:.1f} {unit}" if unit == "KB" else f"{value:.0f} {unit}"
    return f"{value:g}" if float(value).is_integer() else f"{value:.2f}"


def seconds(value: float) -> str:
    """Seconds, or milliseconds under a tenth of a second."""
    return f"{value:.2f} s" if value >= 0.1 else f"{value * 1000:.0f} ms"
