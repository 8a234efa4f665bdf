"""A Quarto-style report that uses every Pandoc and Quarto item briefing reads builds with no
markup showing: numbers and references, the abstract, the inline note at the foot of its page,
the math drawn as vector graphics tagged Formula, two columns side by side, hidden content
absent, BibTeX as people export it."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from briefing.cli.main import main

from .pdfread import page_texts, render_page, squash, structure_elements

REPORT = r"""---
title: "Water prices in the valley"
author:
  - name: Ana Ruiz
    affiliations:
      - name: Valley Institute
  - name: Ben Okafor
date: today
abstract: |
  We look at what households paid for water in 2024.

  The prices rose by a tenth.
format:
  pdf:
    toc: false
execute:
  echo: false
jupyter: python3
editor: visual
bibliography:
  - refs.bib
---

# Introduction {#sec-intro}

Prices rose, as @smith2020 predicted and others confirmed [-@smith2020]; see [@web].
A dollar amount is not math: it cost $5 and $10, or $5-$10 in all.
The energy is $E = mc^2$ and the sum \(a + b\) is small.^[An inline note with $x^2$ in it.]

::: {.callout-note}
## What we measured

The price per cubic metre, [in every town]{.mark}, in [Small Caps]{.smallcaps}.
:::

::: {.callout-warning title="Caveat" collapse="true" appearance="simple" icon=false}
Two towns did not answer.
:::

::: {.callout-tip}
Read @tbl-prices first.
:::

## Method {-}

The area is given by @eq-area and shown in @fig-bars.

$$
\int_0^1 x^2 \, dx = \frac{1}{3}
$$ {#eq-area}

\[ a^2 + b^2 = c^2 \]

$\badcommand{x}$ cannot be drawn.

![Prices by town](bars.png){#fig-bars width=40%}

| Town | Price |
|------|------:|
| Alba | 1.20  |
| Bree | 1.45  |

: Prices per cubic metre {#tbl-prices}

+-------+--------+
| Town  | People |
+=======+========+
| Alba  | 1,200  |
+-------+--------+
| Bree  | 3,400  |
+-------+--------+

: Population {#tbl-people}

:::: {.columns}
::: {.column width="45%"}
Left column text about Alba.
:::
::: {.column width="45%"}
Right column text about Bree.
:::
::::

::: {.content-visible when-format="html"}
HIDDEN HTML ONLY TEXT
:::

::: {.content-hidden when-format="pdf"}
HIDDEN FROM PDF TEXT
:::

::: {.content-visible when-format="pdf"}
Shown only in print.
:::

::: {.unknownthing #box}
An ordinary block.
:::

Version {{< var version >}} by {{< meta author.0.name >}}. {{< video https://x.org/v.mp4 >}}

\vspace{1em}
\clearpage

# Results {#sec-results}

See @sec-intro, @tbl-people and @fig-bars.

```{python}
#| echo: true
print("never run")
```

# References
"""
BIBTEX = r"""% Exported by Zotero
@string{jgr = "Journal of Water Research"}
@comment{jabref-meta: databaseType:bibtex;}
@article{smith2020,
  author = {Smith, John and M{\"u}ller, J{\"o}rg and {World Water Council}},
  title = {The {Effects} of \emph{Prices} on Caf\'e Owners},
  journal = jgr,
  year = 2020,
  month = jan,
  pages = {1--10}
}
@misc{broken,
  author = {Bad
  title = {oops}
@online{web,
  author = {Doe, Jane},
  title = {Water tariffs},
  url = {https://example.org},
  year = {2021}
}
"""
LEFT_OVER_MARKUP = [":::", "{.", "{#", "^[", "$$", "\\frac", "@fig-", "@tbl-", "@sec-", "@eq-"]
LEFT_OVER_MARKUP += ["[@", "{{<", "\\(", "\\vspace", "\\clearpage", "{python}"]


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (200, 100), (140, 140, 140)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The report built once with defaults: its PDF and what the build printed."""
    folder = tmp_path_factory.mktemp("quarto")
    files = {"report.qmd": REPORT, "refs.bib": BIBTEX, "_variables.yml": "version: 2.1\n"}
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "bars.png").write_bytes(_png())
    output = folder / "report.pdf"
    errors = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stderr", errors)
        assert main([str(folder / "report.qmd"), "-o", str(output)]) == 0
    return output, errors.getvalue()


def test_no_markup_is_left_in_the_text(report: tuple[Path, str]) -> None:
    text = "\n".join(page_texts(report[0]))
    assert [markup for markup in LEFT_OVER_MARKUP if markup in text] == []
    assert "HIDDEN" not in text
    assert "Shown only in print." in text and "An ordinary block." in text
    assert "Version 2.1 by Ana Ruiz." in text


def test_numbers_and_their_references(report: tuple[Path, str]) -> None:
    text = squash("\n".join(page_texts(report[0])))
    expected_texts = [
        "Figure 1: Prices by town",
        "Table 1: Prices per cubic metre",
        "Table 2: Population",
        "given by Equation 1 and shown in Figure 1",
        "Read Table 1 first",
        "See section 1, Table 2 and Figure 1",
        "(1)",
    ]
    for expected in expected_texts:
        assert squash(expected) in text, expected


def test_callouts_titles_abstract_and_authors(report: tuple[Path, str]) -> None:
    pages = page_texts(report[0])
    assert "ABSTRACT" in pages[0] and "The prices rose by a tenth." in pages[0]
    assert "Ana Ruiz (Valley Institute), Ben Okafor" in pages[0]
    body = "\n".join(pages[1:])
    for title in ("WHAT WE MEASURED", "CAVEAT", "TIP"):
        assert title in body
    assert "What we measured" not in body  # the heading became the title


def test_citations_bibtex_and_warnings(report: tuple[Path, str]) -> None:
    text = "\n".join(page_texts(report[0]))
    assert "as Smith et al. (2020) predicted and others confirmed (2020); see (Doe 2021)" in text
    assert "Müller" in text and "World Water Council" in text and "Café" in text
    errors = report[1]
    assert (
        "refs.bib:12: warning: cannot read this BibTeX entry, left out: '@misc{broken,'" in errors
    )
    assert "report.qmd:54: warning: formula not drawn, printed as source" in errors
    assert "1 code cell(s) (python) printed as code, not run" in errors
    assert "raw LaTeX '\\vspace' dropped" in errors
    assert "shortcode '{{< video https://x.org/v.mp4 >}}'" in errors
    assert "\\badcommand{x}" in text  # printed as source, in code style
    assert "front matter keys ignored" not in errors


def test_inline_note_at_the_foot_of_its_page(report: tuple[Path, str]) -> None:
    with pdfplumber.open(report[0]) as document:
        for page in document.pages:
            words = page.extract_words()
            call = [word for word in words if word["text"].startswith("small.")]
            note = [word for word in words if word["text"] == "inline"]
            if call:
                assert note and note[0]["top"] > page.height * 0.8
                return
    pytest.fail("the note's call was not found")


def test_math_is_drawn_as_tagged_vector_formulas(report: tuple[Path, str]) -> None:
    formulas = {
        str(element.get("/Alt"))
        for element in structure_elements(report[0])
        if element["/S"] == "/Formula"
    }
    assert {"E = mc^2", "a + b", "x^2", "a^2 + b^2 = c^2"} <= formulas
    assert "\\int_0^1 x^2 \\, dx = \\frac{1}{3}" in formulas
    with pdfplumber.open(report[0]) as document:
        page = next(page for page in document.pages if "Equation 1" in (page.extract_text() or ""))
        assert len(page.images) == 1  # the bar chart: formulas are paths, not pictures
        assert len(page.curves) > 10


def test_two_columns_side_by_side(report: tuple[Path, str]) -> None:
    with pdfplumber.open(report[0]) as document:
        words = [word for page in document.pages for word in page.extract_words()]
    left = next(word for word in words if word["text"] == "Left")
    right = next(word for word in words if word["text"] == "Right")
    assert abs(left["top"] - right["top"]) < 1
    assert right["x0"] - left["x0"] > 150


def test_results_start_a_new_page_after_clearpage(report: tuple[Path, str]) -> None:
    pages = page_texts(report[0])
    results = next(index for index, page in enumerate(pages) if "Results" in page.split("\n")[1])
    assert "Version 2.1" in pages[results - 1]


def test_handout_draws_callouts_columns_and_math_in_grey(report: tuple[Path, str]) -> None:
    folder = report[0].parent
    assert (
        main([str(folder / "report.qmd"), "--profile", "handout", "-o", str(folder / "h.pdf")]) == 0
    )
    output = folder / "h-handout.pdf"
    pages = page_texts(output)
    index = next(number for number, page in enumerate(pages) if "Equation 1" in page)
    image = render_page(output, index, scale=0.5)
    colours = {pixel for pixel in image.get_flattened_data() if max(pixel) - min(pixel) > 24}
    assert not colours  # greyscale-safe
