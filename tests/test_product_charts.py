"""Charts from data, end to end: one brief with each chart type, in English and in French, built
in colour and for the handout, and read back from the PDFs as a reader (or a screen reader)
would: text, numbers, tags, attached data, no pictures, greys."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy
import pypdf
import pytest
import yaml
from PIL import Image, ImageChops

from briefing.read.figure_data import load_figure
from briefing.read.labels import load_labels
from briefing.render.charts.drawing import draw_figure
from briefing.render.charts.style import chart_style

from .conftest import MINIMAL_BRIEF, PROJECT_ROOT, build
from .pdfread import page_texts, render_page, structure_elements
from .test_product_visual import MAX_CHANGED_SHARE, REFERENCES, SCALE

CHARTS = {
    "spend": """type: bar
caption: "Defence spending, share of GDP"
source: "Made-up figures"
x: Member
y: ["2014", "2024"]
unit: "%"
labels: direct
data: show
columns: [Member, "2014", "2024"]
rows:
  - [Poland, 1.9, 4.1]
  - [Germany, 1.2, 2.1]
  - [Spain, 0.9, 1.3]
""",
    "budget": """type: stacked-bar
caption: "Budget by category"
orientation: horizontal
percent: true
data: appendix
columns: [Country, Personnel, Equipment, Other]
rows:
  - [Estonia, 1234.5, 900, 120]
  - [Latvia, 2200, 1300, 300]
""",
    "readiness": """type: line
caption: "Readiness over time"
columns: [Month, Army, Navy]
rows:
  - [2024-01-01, 61.5, 70]
  - [2024-07-01, 70, 66.5]
  - [2025-01-01, 78.25, 63]
""",
    "troops": """type: dot
caption: "Troops, target and actual"
highlight: Latvia
columns: [Country, Target, Actual]
rows:
  - [Estonia, 3000, 2600]
  - [Latvia, 3500, 2100]
""",
}
BODY = "\n# Charts\n\n" + "\n\n".join(f"::: figure {name}" for name in CHARTS) + "\n"


@pytest.fixture(scope="module", params=["en", "fr"])
def charts_pdfs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path, Path]:
    """The brief with every chart type (language, colour PDF, handout PDF)."""
    language = request.param
    folder = tmp_path_factory.mktemp(f"charts-{language}")
    (folder / "data").mkdir()
    for name, text in CHARTS.items():
        (folder / "data" / f"{name}.yaml").write_text(text, encoding="utf-8")
    brief = MINIMAL_BRIEF.replace("language: en", f"language: {language}") + BODY
    (folder / "brief.md").write_text(brief, encoding="utf-8")
    output = folder / "out" / "brief.pdf"
    arguments = ["--profile", "brief", "--profile", "handout"]
    assert build(folder / "brief.md", "-o", output, *arguments) == 0
    return language, output, output.with_name("brief-handout.pdf")


def _coloured_pixels(image: Image.Image) -> int:
    """Pixels whose channels differ by more than anti-aliasing of a grey would."""
    channels = numpy.asarray(image, dtype=numpy.int16)
    return int((channels.max(axis=2) - channels.min(axis=2) > 12).sum())


def _text(pdf: Path) -> str:
    return "\n".join(page_texts(pdf)).replace("\u00a0", " ").replace("\u202f", " ")


def test_axis_and_category_labels_are_text(charts_pdfs: tuple[str, Path, Path]) -> None:
    _, brief, handout = charts_pdfs
    for pdf in (brief, handout):
        text = _text(pdf)
        for label in ("Poland", "Germany", "Spain", "Personnel", "Estonia", "Latvia", "Army"):
            assert label in text, label


def test_numbers_are_written_in_the_briefs_language(charts_pdfs: tuple[str, Path, Path]) -> None:
    language, brief, _ = charts_pdfs
    text = _text(brief)
    squashed = re.sub(r"\s", "", text)  # a chart's spaces are gaps, not characters, in the PDF
    if language == "fr":
        assert "4,1%" in squashed and "1234,5" in squashed and "2200" in squashed
        assert "janv.2024" in squashed and "4.1%" not in squashed
        assert "1 234,5" in text  # the table under the chart keeps the language's spaces
    else:
        assert "4.1%" in squashed and "1,234.5" in squashed and "2,200" in squashed
        assert "Jan2024" in squashed


def test_each_chart_is_a_tagged_figure_with_alt_text(charts_pdfs: tuple[str, Path, Path]) -> None:
    language, brief, handout = charts_pdfs
    for pdf in (brief, handout):
        alts = [str(e["/Alt"]) for e in structure_elements(pdf) if e["/S"] == "/Figure"]
        assert len(alts) == len(CHARTS), alts
        bar = next(alt for alt in alts if "2014" in alt and "Poland" in alt)
        highest = "Plus haut" if language == "fr" else "Highest"
        assert f"{highest}" in bar or "la plus haute" in bar
        assert bar.index("Poland") < bar.index("Spain")  # the highest is named first


def test_each_chart_carries_its_data_as_csv(charts_pdfs: tuple[str, Path, Path]) -> None:
    _, brief, _ = charts_pdfs
    attached = pypdf.PdfReader(brief).attachments  # the brief's sources besides
    assert {f"{name}.csv" for name in CHARTS} <= set(attached)
    stray = [n for n in attached if n.endswith(".csv") and "/" not in n and n[:-4] not in CHARTS]
    assert not stray, stray
    for name, text in CHARTS.items():
        data = yaml.safe_load(text)
        rows = list(csv.reader(io.StringIO(attached[f"{name}.csv"][0].decode("utf-8"))))
        expected = [data["columns"], *data["rows"]]
        assert rows == [[str(cell) for cell in row] for row in expected], name


def test_charts_are_drawn_not_pictured(charts_pdfs: tuple[str, Path, Path]) -> None:
    _, brief, handout = charts_pdfs
    for pdf in (brief, handout):
        reader = pypdf.PdfReader(pdf)
        for number in range(1, int(reader.trailer["/Size"])):
            try:
                item = reader.get_object(number)
            except Exception:  # a free entry of the cross-reference table
                continue
            if isinstance(item, pypdf.generic.DictionaryObject):
                assert item.get("/Subtype") != "/Image", pdf.name


def test_the_handouts_chart_pages_are_grey(charts_pdfs: tuple[str, Path, Path]) -> None:
    _, brief, handout = charts_pdfs
    texts = page_texts(handout)
    pages = [number for number, text in enumerate(texts) if "Poland" in text or "Army" in text]
    assert pages
    for number in pages:
        coloured = _coloured_pixels(render_page(handout, number, scale=1.5))
        assert coloured == 0, f"page {number + 1}: {coloured} coloured pixels"
    assert _coloured_pixels(render_page(brief, pages[0], scale=1.5)) > 1000  # the brief's are


def test_the_data_appears_under_the_chart_and_in_the_appendix(
    charts_pdfs: tuple[str, Path, Path],
) -> None:
    language, brief, _ = charts_pdfs
    text = _text(brief)
    heading = "Données des graphiques" if language == "fr" else "Chart data"
    assert heading in text
    appendix = text[text.rindex(heading) :]
    assert "Budget by category" in appendix and "Estonia" in appendix


def test_the_chart_library_loads_only_for_a_brief_with_a_chart(tmp_path: Path) -> None:
    """`briefing` starts without matplotlib, a brief without charts builds without it; a brief
    with one loads it, in the building process or in the child that draws its charts (the
    interpreter's import log, `-X importtime`, shows the imports of both)."""
    (tmp_path / "data").mkdir()
    (tmp_path / "plain.md").write_text(MINIMAL_BRIEF, encoding="utf-8")
    (tmp_path / "chart.md").write_text(MINIMAL_BRIEF + "\n::: figure spend\n", encoding="utf-8")
    (tmp_path / "data" / "spend.yaml").write_text(CHARTS["spend"], encoding="utf-8")
    probe = (
        "import sys\nfrom briefing.cli.main import main\n"
        "started = 'matplotlib' in sys.modules\n"
        "code = main([sys.argv[1], '-o', sys.argv[2]])\n"
        "print(started, code)\n"
    )
    for name, loaded in (("plain", False), ("chart", True)):
        output = tmp_path / f"{name}.pdf"
        run = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", probe, tmp_path / f"{name}.md", output],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        assert run.stdout.strip().splitlines()[-1].split() == ["False", "0"], run.stdout
        imported = {line.split("|")[-1].strip() for line in run.stderr.splitlines()}
        assert ("matplotlib" in imported) is loaded, name
    assert "2014" in _text(tmp_path / "chart.pdf")  # the chart was drawn, its labels as text


def test_a_chart_error_is_one_line_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "brief.md").write_text(MINIMAL_BRIEF + "\n::: figure spend\n", encoding="utf-8")
    bad = CHARTS["spend"].replace("[Germany, 1.2, 2.1]", "[Germany, 1.2, lots]")
    (tmp_path / "data" / "spend.yaml").write_text(bad, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), str(tmp_path / "brief.md")],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 1 and not run.stdout
    [line] = run.stderr.strip().splitlines()
    assert "spend.yaml:12:" in line and "'lots'" in line


def test_right_to_left_labels_are_drawn_shaped_and_kept_as_invisible_text() -> None:
    """WeasyPrint sets SVG text letter by letter, left to right: Arabic and Hebrew labels
    are drawn as the outlines matplotlib shaped, with the words again as invisible text over
    them (for a search, a copy, a screen reader); Latin labels and numbers stay plain text."""
    text = CHARTS["spend"].replace("Poland", "بولندا").replace("Germany", "גרמניה")
    figure = load_figure(Path("spend.yaml"), text, load_labels("ar")[0])
    svg = draw_figure(figure, chart_style("colour"))
    texts = re.findall(r'<text style="([^"]*)"[^>]*>([^<]*)</text>', svg)
    assert ("Spain" in (shown for _, shown in texts)) and "4.1%" in (shown for _, shown in texts)
    scripts = [(style, shown) for style, shown in texts if re.search("[\u0590-\u06ff]", shown)]
    assert {shown for _, shown in scripts} == {"بولندا", "גרמניה"}
    assert all("fill-opacity: 0" in style for style, _ in scripts)
    assert svg.count("<path d=") >= 2 and "text-anchor" not in svg


def test_labels_in_other_scripts_are_found_in_the_pdf(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    spend = CHARTS["spend"].replace("Poland", "بولندا").replace("Germany", "Ελλάδα")
    (tmp_path / "data" / "spend.yaml").write_text(spend, encoding="utf-8")
    brief = MINIMAL_BRIEF.replace("language: en", "language: ar")
    (tmp_path / "brief.md").write_text(brief + "\n::: figure spend\n", encoding="utf-8")
    output = tmp_path / "brief.pdf"
    subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), str(tmp_path / "brief.md"), "-o", output],
        capture_output=True, check=True,
    )  # fmt: skip
    text = _text(output)
    assert "بولندا" in text and "Ελλάδα" in text and "Spain" in text


@pytest.mark.parametrize("profile", ["brief", "handout"])
def test_chart_pages_match_their_references(
    charts_pdfs: tuple[str, Path, Path], profile: str, tmp_path: Path
) -> None:
    """The English chart pages against `tests/visual/reference-charts-*.png` (refreshed with
    `./tasks.sh visual`), as the NATO brief's pages are checked."""
    language, brief, handout = charts_pdfs
    if language != "en":
        pytest.skip("one language is enough for the look")
    pdf = brief if profile == "brief" else handout
    number = next(n for n, text in enumerate(page_texts(pdf)) if "Poland" in text)
    page = render_page(pdf, number, scale=SCALE)
    reference_path = REFERENCES / f"reference-charts-{profile}.png"
    if os.environ.get("BRIEFING_UPDATE_VISUAL"):
        page.save(reference_path, optimize=True)
    reference = Image.open(reference_path).convert("RGB")
    assert page.size == reference.size
    changed = (
        ImageChops.difference(page, reference)
        .convert("L")
        .point(lambda value: 255 if value > 48 else 0)
    )
    share = changed.histogram()[255] / (page.width * page.height)
    if share > MAX_CHANGED_SHARE:
        overlay = page.copy()
        overlay.paste((255, 0, 0), mask=changed)
        overlay.save(tmp_path / "diff.png")
    assert share <= MAX_CHANGED_SHARE, f"{share:.2%} of pixels changed, see {tmp_path}/diff.png"
