"""The brief as the peers read it: plain Pandoc Markdown holding what briefing prints.

briefing's own syntax would reach Pandoc as text, so the peer source spells it out:

- `::: table NAME` → a pipe table (column widths as briefing sets them), its caption
  `Table N: …` and its `Source: …` line, from the data file (`briefing.read.tables.load_table`);
- `::: figure NAME` → the chart briefing draws (`render.charts.drawing.draw_figure`), written as
  `figure-NAME.svg` beside the source and placed as an image captioned `Figure N: …`;
- `{?claim?}` → the claim's text; `[@key]` → a superscript `[n]`, numbered as the `sources:`
  are, with a Sources list at the end; `@fig:name` and `@tbl:name` → `Figure N`, `Table N`
  (`@sec:` and keys from a bibliography file stay as written: the NATO brief has none);
- the front matter's notice and summary become a quote and a "Bottom line up front" list.

Numbers are in the captions, so Typst is told not to number figures (`TYPST_HEADER`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from briefing.read.blocks import BLOCK_MARKER
from briefing.read.figure_data import load_figure
from briefing.read.labels import Labels, load_labels
from briefing.read.tables import Table, load_table
from briefing.read.verification import CITATION, CROSS_REFERENCE, cited_items
from briefing.render.charts.drawing import draw_figure
from briefing.render.charts.style import chart_style
from briefing.render.table_sizing import size_table
from briefing.yamlio import load_yaml

from .briefs import split_front_matter
from .processes import BenchError

TYPST_HEADER = "#set figure(numbering: none)"
"""For Pandoc's Typst template (`header-includes`): captions carry their numbers already."""

CLAIM = re.compile(r"\{\?(?P<text>.+?)\?\}", re.DOTALL)

DATA_SUFFIXES = (".yaml", ".yml", ".csv")

META_KEYS = ("title", "subtitle", "author")
"""The front matter Pandoc prints in its title block; the date is written out as briefing does."""


def peer_markdown(brief: Path, folder: Path) -> Path:
    """Write `brief` as Markdown for the peers into `folder`, its figures as SVG beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    front, body = split_front_matter(brief.read_text(encoding="utf-8"))
    metadata = _metadata(front, brief)
    labels, _ = load_labels(str(metadata.get("language") or "en"), metadata.get("date"), brief)
    data = brief.parent / "data"
    numbers: dict[tuple[str, str], int] = {}
    blocks: list[str] = []
    lines = []
    for line in body.split("\n"):
        marker = BLOCK_MARKER.match(line)
        if marker is None:
            lines.append(line)
            continue
        kind, name = marker["kind"], marker["name"]
        numbers.setdefault((kind, name), sum(key[0] == kind for key in numbers) + 1)
        number = numbers[kind, name]
        if kind == "table":
            blocks.append(_table(_data_file(data, name), number, labels))
        else:
            blocks.append(_figure(_data_file(data, name), number, labels, folder))
        lines.append(f"\0{len(blocks) - 1}\0")  # the block goes in after the text is rewritten
    sources = [str(key) for key in metadata.get("sources") or {}]
    text = _rewrite("\n".join(lines), numbers, sources, labels)
    text = re.sub("\0(\\d+)\0", lambda match: blocks[int(match[1])], text)
    parts = [_front_matter(metadata, labels), _opening(metadata, labels), text]
    if sources:
        items = metadata["sources"].values()
        listed = "\n".join(f"{index}. {item}" for index, item in enumerate(items, start=1))
        parts.append(f"# {labels.sources}\n\n{listed}\n")
    output = folder / f"{brief.stem}.md"
    output.write_text("\n\n".join(part.strip("\n") for part in parts) + "\n", encoding="utf-8")
    return output


def _metadata(front: str, brief: Path) -> dict[str, Any]:
    """The front matter as data (empty without one)."""
    if not front:
        return {}
    data, _ = load_yaml(front.strip().removeprefix("---").removesuffix("---"), brief)
    return data if isinstance(data, dict) else {}


def _front_matter(metadata: dict[str, Any], labels: Labels) -> str:
    """Pandoc's title block: title, subtitle, author and the date as briefing writes it."""
    values = {key: str(metadata[key]) for key in META_KEYS if metadata.get(key)}
    if labels.date:
        values["date"] = labels.date
    values["lang"] = str(metadata.get("language") or "en")
    lines = (f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in values.items())
    return "---\n" + "\n".join(lines) + "\n---\n"


def _opening(metadata: dict[str, Any], labels: Labels) -> str:
    """The notice as a quote and the summary as a list, as briefing's cover has them."""
    parts = []
    if notice := metadata.get("notice"):
        parts.append(f"> **{labels.verification_notice}{labels.colon}** {notice}")
    if summary := metadata.get("summary"):
        items = "\n".join(f"- {item}" for item in summary)
        parts.append(f"# {labels.bottom_line}\n\n{items}")
    return "\n\n".join(parts)


def _rewrite(
    text: str, numbers: dict[tuple[str, str], int], sources: list[str], labels: Labels
) -> str:
    """Claims as their text, citations as `[n]`, figure and table references as words."""
    text = CLAIM.sub(lambda match: match["text"], text)

    def cite(match: re.Match[str]) -> str:
        items = cited_items(match["items"])
        if not all(item.key in sources for item in items):
            return match[0]
        cited = ", ".join(
            str(sources.index(item.key) + 1) + (f", {item.locator}" if item.locator else "")
            for item in items
        )
        return "^" + f"\\[{cited}\\]".replace(" ", "\\ ") + "^"

    def refer(match: re.Match[str]) -> str:
        kind = {"fig": "figure", "tbl": "table"}.get(match["kind"])
        number = numbers.get((kind or "", match["name"]))
        if number is None:
            return match[0]
        return f"{labels.figure if kind == 'figure' else labels.table} {number}"

    return CROSS_REFERENCE.sub(refer, CITATION.sub(cite, text))


def _data_file(data: Path, name: str) -> Path:
    """The data file of block `name`."""
    for suffix in DATA_SUFFIXES:
        if (data / f"{name}{suffix}").is_file():
            return data / f"{name}{suffix}"
    raise BenchError(f"no data file for block {name!r} in {data}")


def _table(path: Path, number: int, labels: Labels) -> str:
    """A pipe table with its caption and source line."""
    table = load_table(path, path.read_text(encoding="utf-8"))
    lines = [
        _row(table.columns),
        "|" + "|".join("-" * width for width in _dashes(table)) + "|",
        *(_row(row) for row in table.rows),
        "",
        f": {labels.table} {number}{labels.colon} {table.caption}",
    ]
    if table.source:
        lines += ["", f"{labels.source}{labels.colon} {table.source}"]
    return "\n".join(lines)


def _row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def _dashes(table: Table) -> list[int]:
    """Dashes per column: Pandoc sizes long tables' columns by them, so as briefing does
    (a table briefing prints in parts gets equal columns here, all in one)."""
    parts = size_table(table).parts
    if len(parts) != 1:
        return [10] * len(table.columns)
    return [max(3, round(width)) for width in parts[0].widths]


def _figure(path: Path, number: int, labels: Labels, folder: Path) -> str:
    """The chart as an SVG file beside the source, placed as a captioned image."""
    figure = load_figure(path, path.read_text(encoding="utf-8"), labels)
    image = folder / f"figure-{figure.name}.svg"
    image.write_text(draw_figure(figure, chart_style("colour")), encoding="utf-8")
    caption = f"{labels.figure} {number}{labels.colon} {figure.caption}"
    lines = [f"![{caption}]({image.name}){{width=100%}}"]
    if figure.source:
        lines += ["", f"{labels.source}{labels.colon} {figure.source}"]
    return "\n".join(lines)
