"""Pandoc and Quarto lines that are not Markdown: code cells, shortcodes, raw LaTeX, `{-}` after
a heading and table captions (`: Caption {#tbl-x}`).

Each is rewritten before Markdown reads the text; what cannot print is dropped and noted
(`Notices`: the text to find the line by and the message), never shown as written.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from markdown import Markdown
from markdown.preprocessors import Preprocessor

Notices = list[tuple[str, str]]
"""What rendering a brief noticed: (text to find its line by, message)."""

_CODE_CELL = re.compile(
    r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*\{(?P<language>[A-Za-z][\w+-]*)[^}]*\}\s*$"
)
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
SHORTCODE = re.compile(r"\{\{<\s*(?P<name>[\w-]+)(?P<arguments>[^>]*?)\s*>\}\}")
_RAW_LATEX = re.compile(r"^ {0,3}\\(?P<command>[A-Za-z]+)\*?(?:\[[^\]\n]*\]|\{[^{}\n]*\})*\s*$")
_MATH_COMMANDS = frozenset({"begin", "end", "label", "tag"})
_RAW_ENVIRONMENT = re.compile(r"^ {0,3}\\begin\{(?P<name>[A-Za-z]+\*?)\}")
_MATH_ENVIRONMENTS = frozenset(
    {"equation", "align", "gather", "multline", "eqnarray", "split", "matrix", "cases"}
)
_HEADING_DASH = re.compile(r"^(?P<heading> {0,3}#{1,6}\s.*?)\s*\{-\}\s*$")
CAPTION = re.compile(r"^ {0,3}(?:Table)?:\s+(?P<text>\S.*)$")
CAPTION_MARK = "\u2063table-caption\u2063"
"""Starts the paragraph a table caption becomes, for `figures` to move it into its table."""
_TABLE_ROW = re.compile(r"^ {0,3}(?:[|+]|</?table\b)")
"""A line of a pipe or grid table, or the first or last of the HTML a grid table becomes."""


class CodeCellPreprocessor(Preprocessor):
    """```` ```{python} ```` (a Quarto or R Markdown cell) → ```` ```python ````: printed as
    code, never run; noted once with how many."""

    def __init__(self, md: Markdown, notices: Notices) -> None:
        super().__init__(md)
        self.notices = notices

    def run(self, lines: list[str]) -> list[str]:
        output, fence, cells = [], "", Counter[str]()
        for line in lines:
            cell = None if fence else _CODE_CELL.match(line)
            if cell:
                fence = cell["fence"]
                cells[cell["language"]] += 1
                line = f"{cell['indent']}{fence}{cell['language'].lower()}"
            elif (opening := _FENCE.match(line)) and (
                not fence or opening["fence"].startswith(fence)
            ):
                fence = "" if fence else opening["fence"]
            output.append(line)
        if cells:
            count = sum(cells.values())
            first = next(line for line in lines if _CODE_CELL.match(line))
            languages = ", ".join(sorted(cells))
            self.notices.append(
                (first, f"{count} code cell(s) ({languages}) printed as code, not run")
            )
        return output


class PandocLinePreprocessor(Preprocessor):
    """Shortcodes replaced, raw LaTeX lines dropped, `{-}` read, captions marked."""

    def __init__(
        self,
        md: Markdown,
        notices: Notices,
        front_matter: Mapping[str, Any],
        variables: Mapping[str, Any],
    ) -> None:
        super().__init__(md)
        self.notices = notices
        self.values = {"meta": front_matter, "var": variables}

    def run(self, lines: list[str]) -> list[str]:
        output: list[str] = []
        dropped: dict[str, str] = {}
        environment = ""
        for index, line in enumerate(lines):
            if environment:  # a raw LaTeX environment (a longtable…) has no meaning here
                environment = "" if f"\\end{{{environment}}}" in line else environment
                continue
            opening = _RAW_ENVIRONMENT.match(line)
            if opening and opening["name"].rstrip("*") not in _MATH_ENVIRONMENTS:
                environment = opening["name"]
                dropped.setdefault(f"begin{{{environment}}}", line.strip())
                environment = "" if f"\\end{{{environment}}}" in line else environment
                continue
            if "{{<" in line:
                line = SHORTCODE.sub(self._shortcode, line)
            raw = _RAW_LATEX.match(line)
            if raw and raw["command"] not in _MATH_COMMANDS:
                dropped.setdefault(raw["command"], line.strip())
                continue
            heading = _HEADING_DASH.match(line)
            if heading:
                line = heading["heading"] + " {.unnumbered}"
            if CAPTION.match(line) and _beside_table(lines, index):
                output.extend(["", CAPTION_MARK + CAPTION.match(line)["text"], ""])  # type: ignore[index]
                continue
            output.append(line)
        for command, line in dropped.items():
            self.notices.append((line, f"raw LaTeX '\\{command}' dropped: it has no meaning here"))
        return output

    def _shortcode(self, match: re.Match[str]) -> str:
        name, arguments = match["name"], match["arguments"].split()
        if name in self.values and arguments:
            value = meta_value(self.values[name], arguments[0].strip("\"'"))
            if value is not None and not isinstance(value, dict | list):
                return str(value)
            self.notices.append((match[0], f"{match[0]!r}: no such value, printed as nothing"))
            return ""
        if name == "pagebreak":
            return ""
        self.notices.append((match[0], f"shortcode {match[0]!r} has no meaning here: dropped"))
        return ""


def _beside_table(lines: list[str], index: int) -> bool:
    """Whether the line at `index` is next to a pipe or grid table (a blank line between)."""
    for step in (-1, 1):
        position = index + step
        while (
            0 <= position < len(lines) and abs(position - index) < 4 and not lines[position].strip()
        ):
            position += step
        if 0 <= position < len(lines) and _TABLE_ROW.match(lines[position]):
            return True
    return False


def meta_value(values: Mapping[str, Any], key: str) -> Any:
    """The value at a dotted `key` (`a.b`) of `values`, or None."""
    value: Any = values
    for name in key.split("."):
        if isinstance(value, list) and name.isdigit() and int(name) < len(value):
            value = value[int(name)]
        elif isinstance(value, Mapping) and name in value:
            value = value[name]
        else:
            return None
    return value
