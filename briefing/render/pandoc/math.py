"""Math as Pandoc reads it: `$…$` and `\\(…\\)` in the text, `$$…$$` and `\\[…\\]` on their own
(numbered with `{#eq-name}` after the closing `$$`), and `\\begin{equation}`… environments;
each drawn by `formulas`. A dollar amount is not math: the opening `$` has text right after
it, the closing `$` text right before it and no digit after it (`$5 and $10`, `$5-$10`)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from re import Match

from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor

from briefing.render.pandoc.formulas import FormulaError, formula_html, source_html
from briefing.render.pandoc.lines import Notices

INLINE_MATH = (
    r"(?<![\\$\w])\$(?![\s$])(?P<dollar>(?:[^$\\\n]|\\.|\n(?!\s*\n))+?)(?<![\s\\])\$(?![\d$])"
    r"|\\\((?P<round>.+?)\\\)"
)
DISPLAY_INLINE = r"\$\$(?P<tex>[^$]+?)\$\$(?:[ \t]*\{#eq[:-](?P<label>[\w-]+)\})?"
_DISPLAY_OPENING = re.compile(r"^ {0,3}(?P<fence>\$\$|\\\[)(?P<rest>.*)$")
_LABEL = r"\s*(?:\{#eq[:-](?P<label>[\w-]+)\})?\s*$"
_DISPLAY_CLOSING = {
    "$$": re.compile(r"^(?P<tex>.*?)\$\$" + _LABEL),
    "\\[": re.compile(r"^(?P<tex>.*?)\\\]" + _LABEL),
}
_ENVIRONMENT = re.compile(
    r"^ {0,3}\\begin\{(?P<name>equation|align|gather|multline|eqnarray)(?P<star>\*?)\}"
)
_UNWRAPPED = {"equation", "multline"}


class Equations:
    """Draws formulas for one brief: equation numbers by label, the drawings by slot (put in
    after the sanitiser, which keeps no image's style) and the problems noted."""

    def __init__(
        self, md: Markdown, numbers: dict[str, int], notices: Notices, drawn: dict[str, str]
    ) -> None:
        self.md, self.numbers, self.notices, self.drawn = md, numbers, notices, drawn

    def html(self, tex: str, display: bool, label: str = "") -> str:
        """A formula's HTML (its source in code style when it cannot be drawn); a labelled
        display formula with its number."""
        try:
            drawn = self._slot(formula_html(tex, display))
        except FormulaError as error:
            first_line = tex.strip().split("\n")[0]
            self.notices.append((first_line, f"formula not drawn, printed as source: {error}"))
            drawn = source_html(tex, display)
        if not display:
            return drawn
        number = self.numbers.get(label)
        if number is None:
            return f'<div class="equation">{drawn}</div>'
        return (
            f'<div class="equation" id="equation-{label}">'
            f'<span class="equation-number">({number})</span>{drawn}</div>'
        )

    def _slot(self, html: str) -> str:
        """A placeholder the sanitiser keeps, for `fill_formulas` to replace by `html`."""
        slot = f"{FORMULA_SLOT}{len(self.drawn) + 1}"
        self.drawn[slot] = html
        return f'<span class="{FORMULA_SLOT}" id="{slot}"></span>'


FORMULA_SLOT = "formula-slot-"
_SLOT = re.compile(rf'<span class="{FORMULA_SLOT}" id="(?P<slot>{FORMULA_SLOT}\d+)"></span>')


def fill_formulas(html: str, drawn: dict[str, str]) -> str:
    """`html` with each formula's placeholder replaced by its drawing."""
    if not drawn:
        return html
    return _SLOT.sub(lambda match: drawn.get(match["slot"], ""), html)


class DisplayMathPreprocessor(Preprocessor):
    """Display math on lines of its own → the drawn formula, stashed."""

    def __init__(self, md: Markdown, equations: Equations) -> None:
        super().__init__(md)
        self.equations = equations

    def run(self, lines: list[str]) -> list[str]:
        output: list[str] = []
        index = 0
        while index < len(lines):
            found = _display_math(lines, index)
            if found is None:
                output.append(lines[index])
                index += 1
                continue
            tex, label, index = found
            html = self.equations.html(tex, True, label)
            output.extend(["", self.md.htmlStash.store(html), ""])
        return output


def _display_math(lines: list[str], index: int) -> tuple[str, str, int] | None:
    """The formula, its label and the index after it, when display math starts at `index`."""
    environment = _ENVIRONMENT.match(lines[index])
    if environment:
        end_line = f"\\end{{{environment['name']}{environment['star']}}}"
        for end in range(index, len(lines)):
            if end_line in lines[end]:
                tex = "\n".join(lines[index : end + 1]).strip()
                if environment["name"] in _UNWRAPPED:
                    tex = tex[tex.index("}") + 1 : tex.rindex("\\end")]
                label = re.search(r"\\label\{eq[:-](?P<label>[\w-]+)\}", tex)
                tex = re.sub(r"\\label\{[^}]*\}", "", tex)
                return tex, label["label"] if label else "", end + 1
        return None
    opening = _DISPLAY_OPENING.match(lines[index])
    if opening is None:
        return None
    closing = _DISPLAY_CLOSING[opening["fence"]]
    pieces = [opening["rest"]]
    if opening["fence"] in opening["rest"] and not closing.match(opening["rest"]):
        return None  # `$$a$$ and more`: math in a paragraph, read inline
    for end in range(index, min(len(lines), index + 200)):
        if end > index:
            if not lines[end].strip():
                return None  # Pandoc's display math holds no blank line
            pieces.append(lines[end])
        done = closing.match(pieces[-1])
        if done:
            pieces[-1] = done["tex"]
            tex = "\n".join(pieces)
            return (tex, done["label"] or "", end + 1) if tex.strip() else None
    return None


class InlineMathProcessor(InlineProcessor):
    """`$…$` and `\\(…\\)` in the text → the drawn formula; `$$…$$` in a paragraph → a display
    formula there."""

    def __init__(self, pattern: str, md: Markdown, equations: Equations) -> None:
        super().__init__(pattern, md)
        self.equations = equations

    def handleMatch(  # type: ignore[override]
        self, m: Match[str], data: str
    ) -> tuple[etree.Element | str | None, int | None, int | None]:
        groups = m.groupdict()
        if groups.get("tex") is not None:
            html = self.equations.html(groups["tex"], True, groups.get("label") or "")
        else:
            html = self.equations.html(groups.get("dollar") or groups.get("round") or "", False)
        return self.md.htmlStash.store(html), m.start(0), m.end(0)
