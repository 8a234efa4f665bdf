"""Math: formulas drawn per second by the pure-Python renderer, after the first (which loads
ziamath and its font), and a Quarto-style brief with math built whole."""

from __future__ import annotations

from .pdfs import pdf_facts
from .processes import Bench, BenchError, build, python
from .report import Row, Target

FORMULAS = 60
"""Distinct formulas drawn after the first."""

SECONDS_PER_FORMULA_TARGET = 0.05
"""At most this per formula after the first: 20 formulas a second."""

_DRAW = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
from briefing.render.pandoc.formulas import formula_html
started = time.perf_counter()
formula_html(r"\int_0^1 x^2 \, dx = \frac{1}{3}", True)
first = time.perf_counter() - started
started = time.perf_counter()
for number in range(COUNT):
    tex = r"E_{N} = \sum_{i=1}^{n} \frac{a_i^{N}}{\sqrt{i + N}}".replace("N", str(number))
    formula_html(tex, number % 2 == 0)
print(first, (time.perf_counter() - started) / COUNT)
""".replace("COUNT", str(FORMULAS))


def section_math(bench: Bench) -> list[Row]:
    """Seconds per formula drawn after the first, in one process; a brief of 40 formulas."""
    try:
        run = python(bench, "-c", _DRAW, bench.project)
        first, each = (float(value) for value in run.stdout.split())
    except (BenchError, ValueError) as error:
        return [Row("math.formula", "one formula drawn, after the first", note=f"failed: {error}")]
    bench.figures["math.formula"] = each
    rows = [
        Row(
            "math.formula",
            "one formula drawn, after the first",
            each,
            "s",
            target=Target(SECONDS_PER_FORMULA_TARGET),
            note=f"{1 / each:.0f} formulas/s; the first {first:.2f} s (ziamath and its font load)",
        )
    ]
    source = bench.work / "math" / "math.md"
    source.parent.mkdir(parents=True, exist_ok=True)
    paragraphs = [
        f"Paragraph {number}: the value $x_{{{number}}}^2 + \\alpha$ and\n\n"
        f"$$\n\\frac{{{number}}}{{1 + e^{{-x}}}}\n$$ {{#eq-{number}}}\n"
        for number in range(20)
    ]
    source.write_text("---\ntitle: Math\n---\n\n" + "\n".join(paragraphs), encoding="utf-8")
    try:
        run = build(bench, [source], source.with_suffix(".pdf"))
        pages = pdf_facts(source.with_suffix(".pdf")).pages
    except BenchError as error:
        rows.append(Row("math.brief", "a brief of 40 formulas, cold", note=f"failed: {error}"))
        return rows
    note = f"{pages} pages, one process"
    rows.append(Row("math.brief", "a brief of 40 formulas, cold", run.seconds, "s", note=note))
    return rows
